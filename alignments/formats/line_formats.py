"""Line-oriented exports: TSV as Unix tools and LF Aligner users expect it (one bead a line, the
CSV columns separated by tabs, no quoting: tabs and line breaks in text are spaces already),
Moses (one file per side, line k of each holding bead k), and JSON Lines (one object a bead).
Text in NFC on one line (formats.segment_text). No Qt.
"""

from __future__ import annotations

import json
from typing import TextIO

from alignments.formats.export import (
    CSV_COLUMNS,
    ExportOptions,
    NotesMode,
    bead_views,
    csv_row,
    formula_safe,
    notes_list,
    side_text,
)
from alignments.formats.segment_text import segment_text
from alignments.store.project_store import ProjectStore


def write_tsv(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    """The CSV columns, tab-separated, one bead a line; no cell holds a tab or a line break."""
    handle.write("\t".join(CSV_COLUMNS) + "\n")
    count = 0
    for view in bead_views(store, options):
        row = [segment_text(cell) for cell in csv_row(view, options.notes)]
        row = formula_safe(row) if options.excel else row
        handle.write("\t".join(row) + "\n")
        count += 1
    return count


def write_side_lines(store: ProjectStore, handle: TextIO, options: ExportOptions, side: str) -> int:
    """One side of a Moses corpus: a bead's text a line (beads with text on both sides only, so
    that the two files stay line-aligned)."""
    count = 0
    for view in bead_views(store, options):
        source = segment_text(side_text(view.source, options.notes))
        target = segment_text(side_text(view.target, options.notes))
        if source and target:
            handle.write((source if side == "source" else target) + "\n")
            count += 1
    return count


def write_jsonl(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    """One JSON object a bead: the CSV columns with ids as lists, the score as a number and the
    notes (with `--notes column`) as lists of {kind, editor, text}."""
    count = 0
    for view in bead_views(store, options):
        bead = view.bead
        record = {
            "pair": bead.pair_id,
            "bead": bead.id,
            "source": segment_text(side_text(view.source, options.notes)),
            "translation": segment_text(side_text(view.target, options.notes)),
            "status": str(bead.status),
            "score": None if bead.score is None else round(bead.score, 3),
            "source_ids": list(bead.source_ids),
            "translation_ids": list(bead.target_ids),
        }
        if options.notes == NotesMode.COLUMN:
            record["source_notes"] = notes_list(view.source)
            record["translation_notes"] = notes_list(view.target)
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
