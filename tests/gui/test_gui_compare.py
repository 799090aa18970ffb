"""The Compare view on the sample letter and its two English translations (gold ladders): columns lined up
through the source, word differences marked, missing sentences shown, derive and export."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from alignments.store.project_store import ProjectStore
from tests.conftest import Templates, two_translations_of_the_letter
from tests.gui.support import CTRL, SHIFT, shown_window
from ui.compare_window import LACKING_COLOUR, CompareWindow, marked_document
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def sample_window(qtbot: QtBot, templates: Templates, tmp_path: Path, settings: Settings) -> Iterator[MainWindow]:
    path = templates.copy(two_translations_of_the_letter, tmp_path / "sample.wbproj")
    main = shown_window(qtbot, ProjectStore.open(path), settings)
    yield main
    main.close()


def open_compare(qtbot: QtBot, window: MainWindow) -> CompareWindow:
    qtbot.keyClick(window.table, Qt.Key.Key_T, CTRL | SHIFT)
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, CompareWindow) and w.isVisible()]
    assert len(found) == 1
    qtbot.addWidget(found[0])
    return found[0]


def marks(compare: CompareWindow, row: int, column: int) -> list[tuple[str, str]]:
    """(text, how it is marked) of every marked stretch of a cell, read back from its document."""
    cell = compare.model.cell(row, column)
    document = marked_document(cell, compare.view.font(), 400)
    found: list[tuple[str, str]] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            if char_format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                found.append((fragment.text(), "worded differently"))
            elif char_format.fontUnderline():
                found.append((fragment.text(), "only here"))
            iterator += 1
        block = block.next()
    return found


def test_compare_lines_up_the_source_and_both_translations(qtbot: QtBot, sample_window: MainWindow) -> None:
    compare = open_compare(qtbot, sample_window)
    model = compare.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Source · Deutsch · Offener Brief eines Verräters, 1937",
        "Pair 1 · English · Traitor's Open Letter, 1937",
        "Pair 2 · English · Open Letter of a Traitor, 1937",
    ]
    shown = [[model.index(row, c).data()[:24] for c in range(3)] for row in (4, 5, 7)]
    assert shown == [
        ["", "", "[Translator's note: the "],
        ["Damals habe ich nichts g", "I did not say anything t", "At the time I kept silen"],
        ["Meine Schuld ist groß, a", "My guilt is great, but I", ""],
    ]
    assert [model.cell(4, 1).lacking, model.cell(4, 2).lacking] == [True, False]
    assert [model.cell(7, 1).lacking, model.cell(7, 2).lacking] == [False, True]
    image = compare.view.viewport().grab().toImage()
    rect = compare.view.visualRect(model.index(7, 2))
    assert image.pixelColor(rect.right() - 3, rect.bottom() - 3).name() == LACKING_COLOUR


def test_translations_in_one_language_are_diffed_word_by_word(qtbot: QtBot, sample_window: MainWindow) -> None:
    compare = open_compare(qtbot, sample_window)
    assert marks(compare, 5, 1) == [("I did not say anything then", "worded differently")]
    assert marks(compare, 5, 2) == [("At the time I kept silent", "worded differently")]
    assert ("The", "only here") in marks(compare, 1, 2)  # "The Traitor's Open Letter"
    assert marks(compare, 0, 0) == []  # the source is not diffed


def test_deriving_and_exporting_from_the_compare_view(qtbot: QtBot, sample_window: MainWindow, tmp_path: Path) -> None:
    compare = open_compare(qtbot, sample_window)
    qtbot.mouseClick(compare.derive_button, Qt.MouseButton.LeftButton)
    path = sample_window.store.path
    connection = sqlite3.connect(path)
    pairs = connection.execute("SELECT id, source_document_id, target_document_id FROM pairs ORDER BY id").fetchall()
    provenance = connection.execute("SELECT DISTINCT provenance FROM beads WHERE pair_id = 3").fetchall()
    connection.close()
    assert pairs[-1] == (3, 2, 3) and provenance == [("derived through document 1 from pairs 1 and 2",)]
    assert sample_window.session.pair.id == 3 and sample_window.pair_box.count() == 3
    assert compare.status.text().startswith("Pair 3 derived")
    output = tmp_path / "pivot.csv"
    compare.export_to(output)
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == compare.model.rowCount() + 1 and rows[6][2] == "Damals habe ich nichts gesagt."
    assert compare.status.text() == f"Exported {compare.model.rowCount()} rows to {output}."
