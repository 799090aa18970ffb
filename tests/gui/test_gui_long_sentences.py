"""Sentences over 2,000 characters (issue 13): the pieces the segmenter cut them into are marked in
their cells, and merging a piece with the next sentence makes the sentence whole again in the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from corpus.segmentation import MAX_SENTENCE_LENGTH
from tests.gui.support import shown_window, with_cell_dialog
from ui.bead_model import SOURCE_COLUMN
from ui.cell_editor import CellTextDialog
from ui.rich_text import FORCED_CUT_MARK
from ui.settings import Settings


def sentence_lengths(path: Path, document_id: int) -> list[int]:
    connection = sqlite3.connect(path)
    rows = connection.execute('SELECT "end" - start FROM sentences WHERE document_id = ? ORDER BY start', [document_id]).fetchall()
    connection.close()
    return [length for (length,) in rows]


def test_a_forced_cut_is_marked_and_merged_back(qtbot: QtBot, tmp_path: Path, settings: Settings) -> None:
    source, target = tmp_path / "lang.de.txt", tmp_path / "long.en.txt"
    source.write_text("Ein kurzer Satz. " + ", ".join(f"Das Wort {k} und noch eines" for k in range(110)) + ".\n", "utf-8")
    target.write_text("A short sentence. " + ", ".join(f"The word {k} and one more" for k in range(100)) + ".\n", "utf-8")
    store = ProjectStore.create(tmp_path / "long.wbproj")
    store.add_drafted_pair(draft_pair(*load_pair(source, target, "de", "en"), aligned=False))
    window = shown_window(qtbot, store, settings)
    document = window.session.pair.source.id
    before = sentence_lengths(store.path, document)
    assert len(before) == 3 and sum(before[1:]) > MAX_SENTENCE_LENGTH  # the long one came in two pieces
    model = window.session.model
    cells = [window.table.delegate.side(model.index(row, SOURCE_COLUMN)).document.toPlainText() for row in range(3)]
    assert [cell.endswith(FORCED_CUT_MARK) for cell in cells] == [False, True, False]

    window.go_to_row(1, SOURCE_COLUMN)

    def merge(dialog: CellTextDialog) -> None:
        dialog.merge_button.click()

    assert with_cell_dialog(qtbot, window, merge) == []
    after = sentence_lengths(store.path, window.session.pair.source.id)
    assert len(after) == 2 and after[1] > MAX_SENTENCE_LENGTH
    model = window.session.model  # read again after the sentence edit
    assert not any(
        window.table.delegate.side(model.index(row, SOURCE_COLUMN)).document.toPlainText().endswith(FORCED_CUT_MARK)
        for row in range(model.rowCount())
    )
    window.close()
