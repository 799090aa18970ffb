"""How the window looks, checked on the real widgets (issue 13): a toolbar that fits, Undo and
Redo that keep their width, interpolations told apart by colour and by underline, status glyphs
that can be seen. Edits are read back from the project file."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from corpus.spans import InterpolationKind
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
from tests.gui.support import CTRL, SHIFT, beads_in_file, press, shown_window
from ui.bead_model import GUTTER_COLUMN, SOURCE_COLUMN, TARGET_COLUMN
from ui.bead_table import SELECTION_COLOUR
from ui.main_window import MainWindow
from ui.rich_text import KIND_COLOURS, KIND_LINES
from ui.settings import Settings


@pytest.fixture
def two_pairs(qtbot: QtBot, tmp_path: Path, settings: Settings) -> Iterator[MainWindow]:
    """A project of two pairs (sentences paired in order), so the pair selector shows."""
    store = ProjectStore.create(tmp_path / "two.wbproj")
    for source, target in ((GERMAN_LETTER, ENGLISH_SEED), (GERMAN_LETTER, ENGLISH_SEED)):
        store.add_drafted_pair(draft_pair(*load_pair(source, target, "de", "en"), aligned=False))
    main = shown_window(qtbot, store, settings)
    yield main
    main.close()


def _distance(first: str, second: str) -> float:
    a, b = QColor(first), QColor(second)
    return ((a.red() - b.red()) ** 2 + (a.green() - b.green()) ** 2 + (a.blue() - b.blue()) ** 2) ** 0.5


@pytest.mark.parametrize("width", [1280, 1024])
def test_nothing_on_the_toolbar_hides_behind_the_chevron(qtbot: QtBot, two_pairs: MainWindow, width: int) -> None:
    window = two_pairs
    window.resize(width, 700)
    press(qtbot, window, Qt.Key.Key_M, CTRL)  # Undo now names a step
    toolbar = window.findChild(type(window.addToolBar("probe")), "alignment-toolbar")
    qtbot.waitUntil(lambda: toolbar.width() <= width)
    hidden = [a.text() or a.objectName() for a in toolbar.actions() if a.isVisible() and not toolbar.widgetForAction(a).isVisible()]
    assert hidden == []
    assert window.pair_box_action.isVisible() and toolbar.widgetForAction(window.pair_box_action).isVisible()
    assert window.undo_action.text() == "&Undo"
    assert window.undo_action.toolTip() == "Undo Merge with next (Ctrl+Z)"


def test_undo_and_redo_say_what_they_did(qtbot: QtBot, two_pairs: MainWindow) -> None:
    window = two_pairs
    path = window.store.path
    before = beads_in_file(path)
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "Undone: Merge with next."
    assert beads_in_file(path) == before
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == "Redone: Merge with next."
    assert len(beads_in_file(path)) == len(before) - 1


def test_interpolation_kinds_differ_from_each_other_and_from_the_selection(qtbot: QtBot, two_pairs: MainWindow) -> None:
    kinds = [InterpolationKind.NOTE, InterpolationKind.SUPPLIED, InterpolationKind.FOOTNOTE]
    for first, second in combinations(kinds, 2):
        assert _distance(KIND_COLOURS[first], KIND_COLOURS[second]) > 60
        assert KIND_LINES[first][0] != KIND_LINES[second][0]  # not by colour alone
    assert all(_distance(KIND_COLOURS[kind], SELECTION_COLOUR) > 60 for kind in kinds)
    window = two_pairs
    model = window.session.model
    row = next(r for r in range(model.rowCount()) if model.bead_view(r).target and model.bead_view(r).target[0].notes)
    window.table.setCurrentIndex(model.index(row, TARGET_COLUMN))  # selected, as it is drawn
    side = window.table.delegate.side(model.index(row, TARGET_COLUMN))
    placed = side.notes[0]
    cursor = QTextCursor(side.document)
    cursor.setPosition(placed.start + 1)
    drawn = cursor.charFormat()
    assert drawn.background().color().name() == KIND_COLOURS[placed.note.kind]
    assert drawn.underlineStyle() == KIND_LINES[placed.note.kind][0]


def test_status_glyphs_are_visible_and_a_confirmed_bead_shows_no_score(
    qtbot: QtBot, letter_project: ProjectStore, settings: Settings
) -> None:
    window = shown_window(qtbot, letter_project, settings)
    model = window.session.model
    row = next(r for r in range(model.rowCount()) if model.bead_view(r).bead.score is not None)
    gutter = model.index(row, GUTTER_COLUMN)
    assert gutter.data().split("\n")[0] in ("○", "!")
    window.table.setCurrentIndex(model.index(row, SOURCE_COLUMN))
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert beads_in_file(letter_project.path)[row][2] == "confirmed"
    assert model.index(row, GUTTER_COLUMN).data() == f"✔\n{model.bead_view(row).bead.shape}"
    window.close()
