"""Alignments read back onto a project's sentences: a vecalign ladder file (sentence positions)
or a CSV/TSV this workbench exported (sentence ids, status, score). Each becomes one
`ReplaceBeads` edit per pair; a bead the file repeats exactly keeps its id, the others are new
(provenance "imported"). No Qt.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace

from alignments.ladder.beads import (
    Bead,
    BeadStatus,
    LadderError,
    check_ladder,
    parse_score,
)
from alignments.ladder.edits import Content, Region, ReplaceBeads, replace_region
from alignments.ladder.notation import LadderFormatError, parse_scored_ladder
from alignments.store.project_store import ProjectStore
from alignments.store.sql import utc_now
from alignments.store.text_blocks import END_KEY
from corpus.errors import UserError

IMPORTED = "imported"  # provenance of beads read from a file
CSV_NEEDS = ("pair", "source_ids", "translation_ids", "status", "score")


class BeadImportError(UserError, ValueError):
    """A file that cannot be read onto the project; the message is meant for the user."""


def ladder_beads(store: ProjectStore, pair_id: int, text: str, name: str) -> list[Content]:
    """A ladder file's links as beads of a pair's current sentences."""
    pair = store.pair(pair_id)
    source, target = store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id)
    try:
        links = parse_scored_ladder(text)
    except LadderFormatError as error:
        raise BeadImportError(f"{name}: {error}.") from None
    return [
        Content(_positions(src, source, name, "source"), _positions(tgt, target, name, "translation"), score=score)
        for (src, tgt), score in links
    ]


def _positions(indices: Sequence[int], ids: Sequence[int], name: str, side: str) -> tuple[int, ...]:
    if any(index >= len(ids) for index in indices):
        raise BeadImportError(
            f"{name} names {side} sentence {max(indices)}, but the {side} has {len(ids)} sentences (0 to {len(ids) - 1})."
        )
    return tuple(ids[index] for index in indices)


def csv_beads(text: str, name: str, delimiter: str = ",") -> dict[int, list[Content]]:
    """The beads of a CSV (or TSV) export, by pair id, in file order."""
    return row_beads(table_rows(text, name, delimiter), name)


def table_rows(text: str, name: str, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV or TSV export as {column: cell}; refused without the columns beads need."""
    delimiter = _delimiter(text, delimiter)
    stream = io.StringIO(text.lstrip("\ufeff"), newline="")
    if delimiter == "\t":  # our TSV is line-oriented, never quoted
        reader = csv.DictReader(stream, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.DictReader(stream, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    try:
        check_columns(reader.fieldnames or (), name)
        return list(reader)
    except csv.Error as error:  # a cell over the csv module's limit (128 KiB), a NUL...
        raise BeadImportError(f"{name}, line {reader.line_num + 1}: {error}.") from None


def check_columns(columns: Sequence[str], name: str) -> None:
    missing = [column for column in CSV_NEEDS if column not in columns]
    if missing:
        raise BeadImportError(f"{name} is not a table exported by the workbench (it has no {missing[0]!r} column).")


def row_beads(rows: Sequence[dict[str, str]], name: str) -> dict[int, list[Content]]:
    """The beads the rows of an exported table describe, by pair id, in file order."""
    beads: dict[int, list[Content]] = defaultdict(list)
    for number, row in enumerate(rows, start=2):
        try:
            beads[int(cell_text(row["pair"]))].append(_csv_bead(row))
        except (ValueError, TypeError) as error:
            raise BeadImportError(f"{name}, line {number}: {error}.") from None
    return dict(beads)


def _delimiter(text: str, given: str) -> str:
    """The delimiter of the header line: a spreadsheet in a German (or French…) locale saves
    CSV with ";" between cells."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    if given == "," and "," not in header and ";" in header:
        return ";"
    return given


def _csv_bead(row: dict[str, str]) -> Content:
    status, score = cell_text(row["status"]), cell_text(row["score"])
    if status not in {str(s) for s in BeadStatus}:
        raise ValueError(f"{status!r} is not a status (auto or confirmed)")
    return Content(
        _ids(row["source_ids"]), _ids(row["translation_ids"]), BeadStatus(status),
        score=parse_score(score.replace(",", ".")) if score else None,
    )


def cell_text(value: object) -> str:
    """A cell's value, without the apostrophe `--excel` puts before formula-like cells."""
    text = ("" if value is None else str(value)).strip()
    return text[1:] if text.startswith("'") else text


def _ids(value: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in cell_text(value).split())


def plan_import(
    store: ProjectStore, pair_id: int, beads: Sequence[Content], name: str, new_ids: Iterator[int] | None = None
) -> ReplaceBeads:
    """The edit that makes *beads* the pair's ladder (they must cover its sentences exactly once).
    Importing onto several pairs at once, give them one *new_ids* so their new beads differ."""
    pair = store.pair(pair_id)
    source_spans, target_spans = store.sentence_spans(pair.source.id), store.sentence_spans(pair.target.id)
    _check_cover(
        [(b.source_ids, b.target_ids) for b in beads], [sid for sid, _ in source_spans], [tid for tid, _ in target_spans],
        name, pair_id,
    )
    old = store.ladder(pair_id)
    known = {(b.source_ids, b.target_ids, b.status): b for b in old}
    contents = [replace(bead, origin=_repeated(known, bead)) for bead in beads]
    region = Region(
        pair_id, tuple(old), (END_KEY, END_KEY), store.sentence_keys(pair.source.id), store.sentence_keys(pair.target.id)
    )
    return replace_region(region, contents, new_ids or store.fresh_bead_ids(), utc_now(), "Import", IMPORTED)


def _repeated(known: dict[tuple[tuple[int, ...], tuple[int, ...], BeadStatus], Bead], bead: Content) -> Bead | None:
    """The stored bead the file repeats exactly (sentences, status and score as exported), if any."""
    same = known.get((bead.source_ids, bead.target_ids, bead.status))
    return same if same is not None and _same_score(same.score, bead.score) else None


def _check_cover(contents: list[tuple[tuple[int, ...], tuple[int, ...]]], source: list[int], target: list[int],
                 name: str, pair_id: int) -> None:
    probes = [Bead(k, pair_id, s, t, k, k) for k, (s, t) in enumerate(contents)]
    try:
        check_ladder(probes, source, target)
    except LadderError as error:
        raise BeadImportError(f"{name} does not fit pair {pair_id}: {error}.") from None


def _same_score(stored: float | None, read: float | None) -> bool:
    """Scores match when the file holds none or shows the stored one as exported (3 decimals)."""
    return read is None or (stored is not None and abs(stored - read) <= 0.0005)
