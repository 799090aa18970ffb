"""Text a user changed in an exported table (CSV, TSV, .xlsx) before importing it back: each
row's source and translation cells compared with the text of the sentences its ids name (with
interpolations kept or stripped, as either export option wrote them). An import never drops such
edits silently: it refuses with the list of changed cells. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from alignments.formats.bead_import import cell_text
from alignments.formats.export import NotesMode, side_text
from alignments.formats.segment_text import segment_text
from alignments.store.pair_reading import pair_views
from alignments.store.project_store import ProjectStore
from alignments.store.records import SentenceView

_SHOWN = 10  # changed cells listed in a message
_TEXT_COLUMNS = (("source", "source_ids", "source"), ("translation", "translation_ids", "target"))


def edited_cells(store: ProjectStore, rows: Sequence[dict[str, str]]) -> list[str]:
    """"line N, column" for every text cell whose text is not that of the sentences its row names."""
    sentences = _sentences(store, {int(cell_text(row["pair"])) for row in rows if cell_text(row.get("pair")).isdigit()})
    changed: list[str] = []
    for number, row in enumerate(rows, start=2):
        for column, ids_column, _side in _TEXT_COLUMNS:
            if column not in row:
                continue
            ids = [int(part) for part in cell_text(row.get(ids_column)).split() if part.isdigit()]
            if not all(sid in sentences for sid in ids):
                continue  # unknown sentences: the bead check says so
            shown = segment_text(cell_text(row[column]))
            views = tuple(sentences[sid] for sid in ids)
            if shown not in {segment_text(side_text(views, mode)) for mode in (NotesMode.KEEP, NotesMode.STRIP)}:
                changed.append(f"line {number}, {column}")
    return changed


def edits_message(name: str, changed: Sequence[str]) -> str:
    listed = "; ".join(changed[:_SHOWN]) + (f"; and {len(changed) - _SHOWN} more" if len(changed) > _SHOWN else "")
    return (
        f"{name} has text edited in the spreadsheet ({listed}); nothing was imported."
        " Edit sentences in the workbench (or import the edited text with `workbench revise`)."
    )


def _sentences(store: ProjectStore, pair_ids: set[int]) -> dict[int, SentenceView]:
    known = {pair.id for pair in store.pairs()}
    found: dict[int, SentenceView] = {}
    for pair_id in pair_ids & known:
        for view in pair_views(store, pair_id):
            for sentence in (*view.source, *view.target):
                found[sentence.id] = sentence
    return found
