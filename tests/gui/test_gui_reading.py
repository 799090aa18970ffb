"""The reading view driven like a user would: View ▸ Reading, the wheel, the pointer, clicks and
the grid's shortcuts; edits read back from the project file."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import (
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from alignments.ladder.beads import Bead
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadView, SentenceView
from tests.gui.support import CTRL, SHIFT, beads_in_file
from ui.main_window import MainWindow
from ui.reading_layout import lay_out_run
from ui.reading_paint import COUNTERPART_COLOUR
from ui.reading_view import ReadingCanvas


def reading(qtbot: QtBot, window: MainWindow) -> ReadingCanvas:
    """Switch to the reading view with its shortcut; its canvas, with the keyboard in it."""
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.views.currentWidget() is window.reading
    canvas = window.reading.canvas
    canvas.setFocus()
    return canvas


def wheel(canvas: ReadingCanvas, notches: int) -> None:
    centre = QPointF(canvas.viewport().rect().center())
    event = QWheelEvent(
        centre, canvas.viewport().mapToGlobal(centre), QPoint(), QPoint(0, -120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(canvas.viewport(), event)


def first_sentence(window: MainWindow, row: int, source: bool) -> int:
    view = window.session.model.bead_view(row)
    return (view.source if source else view.target)[0].id


def top_beads(canvas: ReadingCanvas, window: MainWindow, source: bool) -> set[int]:
    """The beads of one side whose first line is the last line beginning at or above the top edge
    (several when they begin on the same line), read from where their sentences are drawn."""
    first, last = canvas.visible_rows()
    half_line = canvas.fontMetrics().lineSpacing() / 2
    tops: dict[int, float] = {}
    for row in range(first, last + 1):
        view = window.session.model.bead_view(row)
        sentences = view.source if source else view.target
        if sentences:
            tops[row] = canvas.sentence_point(source, sentences[0].id).y() - half_line
    reached = [y for y in tops.values() if y <= 1.5]
    return {row for row, y in tops.items() if reached and abs(y - max(reached)) <= 1.5}


def at_top(canvas: ReadingCanvas, window: MainWindow, row: int) -> bool:
    """Whether bead *row* is at the top of both sides."""
    return row in top_beads(canvas, window, True) and row in top_beads(canvas, window, False)


def test_the_wheel_scrolls_both_sides_by_bead(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(900, 500)
    canvas = reading(qtbot, window)
    assert at_top(canvas, window, 0)
    for notches in (2, 3, 5, 1, 1):
        wheel(canvas, notches)
        assert canvas.row > 0
        source, target = top_beads(canvas, window, True), top_beads(canvas, window, False)
        assert source & target, f"the source begins with beads {source} at the top, the translation with {target}"
    wheel(canvas, -100)
    assert (canvas.row, canvas.fraction) == (0, 0.0)
    qtbot.keyClick(canvas, Qt.Key.Key_End)  # the shorter side is padded: the last bead can reach the top
    last = window.session.model.rowCount() - 1
    assert canvas.row == last
    assert canvas.sentence_point(False, first_sentence(window, last, False)).y() <= canvas.fontMetrics().lineSpacing()


def test_pointing_at_a_sentence_highlights_its_counterpart(qtbot: QtBot, window: MainWindow) -> None:
    canvas = reading(qtbot, window)
    point = canvas.sentence_point(True, first_sentence(window, 4, True))  # "Damals habe ich nichts gesagt."
    qtbot.mouseMove(canvas.viewport(), point.toPoint())
    qtbot.waitUntil(lambda: canvas.hovered is not None)
    runs = canvas.ensure_laid_out(canvas.row)
    first, last = canvas.visible_rows()

    def lit(side: int) -> list[str]:
        selections = canvas.highlights(runs[side], side == 0, first, last)
        return [s.cursor.selectedText() for s in selections if s.format.background().color().name() == COUNTERPART_COLOUR]

    assert lit(0) == ["Damals habe ich nichts gesagt."]
    assert lit(1) == ["I did not say anything then."]
    qtbot.mouseMove(canvas.viewport(), canvas.sentence_point(False, first_sentence(window, 3, False)).toPoint())
    qtbot.waitUntil(lambda: canvas.hovered is not None and canvas.hovered[1].row == 3)
    assert lit(0) == [
        "Diesen Brief, den ich Ihnen jetzt schreibe, hätte ich viel früher schreiben müssen.",
        "Ich hätte ihn an dem Tag schreiben müssen, an dem die „Sechzehn“ auf Befehl des „Vaters der Völker“"
        " in den Kellern der Lubjanka erschossen wurden.",
    ]


def test_confirm_and_undo_from_the_reading_view(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    canvas = reading(qtbot, window)
    point = canvas.sentence_point(False, first_sentence(window, 2, False))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point.toPoint())
    assert window.table.currentIndex().row() == 2
    qtbot.keyClick(canvas, Qt.Key.Key_Return, CTRL)
    assert [bead[2] for bead in beads_in_file(letter_project.path)[:4]] == ["auto", "auto", "confirmed", "auto"]
    assert window.pair_status.counts.text().startswith("49 beads · 2% confirmed")
    qtbot.keyClick(canvas, Qt.Key.Key_Z, CTRL)  # the same history as the grid
    assert [bead[2] for bead in beads_in_file(letter_project.path)[:4]] == ["auto"] * 4


def test_linking_a_selection_across_the_panes(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    """Unlink a 2:1 bead, then click its two German sentences and Ctrl+click the English one."""
    original = beads_in_file(letter_project.path)
    canvas = reading(qtbot, window)

    def click(source: bool, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        point = canvas.sentence_point(source, first_sentence(window, row, source))
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, modifier, point.toPoint())

    click(True, 3)
    qtbot.keyClick(canvas, Qt.Key.Key_U, CTRL)
    assert len(beads_in_file(letter_project.path)) == 51
    click(True, 3)
    click(True, 4, CTRL)
    click(False, 5, CTRL)
    qtbot.keyClick(canvas, Qt.Key.Key_L, CTRL)
    linked = beads_in_file(letter_project.path)
    assert linked[3] == (original[3][0], original[3][1], "confirmed")
    assert linked[:3] + linked[4:] == original[:3] + original[4:]


def test_alt_click_picks_one_sentence_to_link(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    """Alt+click the second German sentence of a 2:1 bead, Ctrl+click its English one: Link takes
    just the picked sentence."""
    original = beads_in_file(letter_project.path)
    canvas = reading(qtbot, window)
    view = window.session.model.bead_view(3)
    second, english = view.source[1].id, view.target[0].id
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, alt, canvas.sentence_point(True, second).toPoint())
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, CTRL, canvas.sentence_point(False, english).toPoint())
    qtbot.keyClick(canvas, Qt.Key.Key_L, CTRL)
    first = original[3][0].split()[0]
    assert beads_in_file(letter_project.path)[3:5] == [(first, "", "auto"), (str(second), str(english), "confirmed")]


def test_find_and_f3_move_the_reading_view(qtbot: QtBot, window: MainWindow) -> None:
    canvas = reading(qtbot, window)
    window.resize(900, 500)
    qtbot.keyClick(canvas, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.find_bar.text, "Feuchtwanger")
    qtbot.keyClick(window.find_bar.text, Qt.Key.Key_Return)
    row = window.table.currentIndex().row()
    assert "Feuchtwanger" in " ".join(s.text for s in window.session.model.bead_view(row).source)
    assert canvas.row == row and at_top(canvas, window, row)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_F3)
    flagged = window.session.model.find_row(row, 1, lambda summary: summary.flagged)
    assert window.table.currentIndex().row() == flagged
    first, last = canvas.visible_rows()
    assert first <= flagged <= last


def test_prose_keeps_paragraphs_headings_and_emphasis(qapp: QApplication) -> None:
    """A heading on its own, a paragraph whose two beads share a line, emphasis in italics without
    its asterisks, and a new paragraph lower down."""
    text = "Titel\n\nEr sagte *nach* dem Krieg. Zweiter Satz.\n\nNeuer Absatz."
    pieces = ["Titel", "Er sagte *nach* dem Krieg.", "Zweiter Satz.", "Neuer Absatz."]
    views = []
    for row, piece in enumerate(pieces):
        sentence = SentenceView(row + 1, piece, (), 1, text.index(piece))
        views.append(BeadView(Bead(row + 1, 1, (row + 1,), (), 0, 0), (sentence,), ()))
    run = lay_out_run(views, 0, True, text, QFont(), 600, True)
    document = run.document
    assert document.toPlainText() == "Titel\nEr sagte nach dem Krieg. Zweiter Satz.\nNeuer Absatz."
    plain = document.toPlainText()
    assert [format_at(document, plain.index(word) + 1).fontWeight() for word in ("Titel", "sagte")] == [700, 400]
    assert [format_at(document, plain.index(word) + 1).fontItalic() for word in ("sagte", "nach", "dem")] == [False, True, False]
    assert run.top(0) < run.top(1) == run.top(2) < run.top(3)
    assert [(p.id, p.row) for p in run.sentences] == [(1, 0), (2, 1), (3, 2), (4, 3)]
    assert run.sentence_at(run.sentences[2].start + 3) == run.sentences[2]


def format_at(document: QTextDocument, position: int) -> QTextCharFormat:
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    return cursor.charFormat()


def test_the_bead_chosen_in_the_grid_is_at_the_top_when_the_reading_view_opens(qtbot: QtBot, window: MainWindow) -> None:
    """Behind the grid the reading view lays nothing out as the cursor moves (a hand edit at 100k
    beads paid for it); opened, it shows the bead the cursor is on, at the top of both sides."""
    window.resize(900, 500)
    last = window.session.model.rowCount() - 1
    row = min(12, last)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, CTRL)
    assert window.table.currentIndex().row() == last
    for _ in range(last - row):
        qtbot.keyClick(window.table, Qt.Key.Key_Up)
    assert window.table.currentIndex().row() == row
    canvas = reading(qtbot, window)
    assert canvas.row == row and at_top(canvas, window, row)
