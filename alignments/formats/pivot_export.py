"""Writing a pivot table (one source, several translations lined up through it): as CSV, a row per
pivot row, the source and then one text column per translation, each with its sentence ids
(RFC 4180, UTF-8); or as TEI, the texts with one linkGrp per pair (alignments.formats.tei).
Written atomically like every export (alignments.formats.export)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from alignments.formats.export import NotesMode, side_text, write_file
from alignments.store.pivot_reading import PivotTable
from alignments.store.project_store import ProjectStore
from alignments.store.records import PairInfo, SentenceView


class PivotFormat(StrEnum):
    CSV = "csv"
    TEI = "tei"

    @property
    def unit(self) -> str:
        """What the count an export returns counts."""
        return "rows" if self == PivotFormat.CSV else "links"


def pivot_header(table: PivotTable) -> list[str]:
    """row, source_ids, source, then for each translation its ids and its text."""
    header = ["row", "source_ids", f"source: {table.source.title} [{table.source.lang}]"]
    for pair in table.pairs:
        header += [f"pair {pair.id} ids", translation_label(pair)]
    return header


def translation_label(pair: PairInfo) -> str:
    return f"pair {pair.id}: {pair.target.title} [{pair.target.lang}]"


def write_pivot(store: ProjectStore, table: PivotTable, handle: TextIO, notes: NotesMode = NotesMode.KEEP) -> int:
    """Write the table as CSV to an open handle; return the number of rows."""
    sentences = document_sentences(store, [table.source.id, *(pair.target.id for pair in table.pairs)])
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(pivot_header(table))
    for number, row in enumerate(table.rows, 1):
        cells = [str(number), _ids(row.source_ids), side_text([sentences[i] for i in row.source_ids], notes)]
        for ids in row.cells:
            cells += [_ids(ids), side_text([sentences[i] for i in ids], notes)]
        writer.writerow(cells)
    return len(table.rows)


def export_pivot(
    store: ProjectStore, table: PivotTable, path: Path, notes: NotesMode = NotesMode.KEEP, force: bool = False,
    format_: PivotFormat = PivotFormat.CSV,
) -> int:
    """Write the table to *path* atomically (never over a project); return the rows (CSV) or the
    links (TEI) written."""
    return write_file(store, path, lambda handle: write_pivot_as(store, table, handle, notes, format_), force)


def write_pivot_as(
    store: ProjectStore, table: PivotTable, handle: TextIO, notes: NotesMode, format_: PivotFormat
) -> int:
    """Write the table in *format_* to an open handle (TEI keeps the interpolations as elements)."""
    if format_ == PivotFormat.TEI:
        from alignments.formats.tei import (
            write_pivot_tei,  # lxml loads only when TEI is written
        )

        return write_pivot_tei(store, table, handle)
    return write_pivot(store, table, handle, notes)


def document_sentences(store: ProjectStore, document_ids: Sequence[int]) -> dict[int, SentenceView]:
    """Every sentence of these documents, with its text and interpolations, by id."""
    views: dict[int, SentenceView] = {}
    for document_id in dict.fromkeys(document_ids):
        views.update(store.sentence_views(store.sentence_ids(document_id)))
    return views


def _ids(ids: Sequence[int]) -> str:
    return " ".join(map(str, ids))
