"""Exporting and choosing files as a user does (issue 13): the export dialog offers the pair on
screen (the default) or all pairs; file dialogs start in the folder last used for that kind of
file with a name suggested; the texts filter shows files without an extension."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QListView
from pytestqt.qtbot import QtBot

from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
from tests.gui.support import CTRL, activate, run_dialogs, shown_window
from ui.bead_model import TARGET_COLUMN
from ui.dialogs import ExportDialog, NewPairDialog
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def two_pairs(qtbot: QtBot, tmp_path: Path, settings: Settings) -> Iterator[MainWindow]:
    store = ProjectStore.create(tmp_path / "letters.wbproj")
    for _ in range(2):
        store.add_drafted_pair(draft_pair(*load_pair(GERMAN_LETTER, ENGLISH_SEED, "de", "en"), aligned=False))
    main = shown_window(qtbot, store, settings)
    yield main
    main.close()


def save_dialog_answers(monkeypatch: pytest.MonkeyPatch, names: list[Path]) -> list[str]:
    """The save dialog answers *names* in turn; returns where each time it was asked to start."""
    started: list[str] = []
    answers = iter(names)

    def answer(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        started.append(start)
        return str(next(answers)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return started


def pairs_in_csv(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["pair"] for row in csv.DictReader(handle)}


def test_export_this_pair_by_default_or_all_pairs(
    qtbot: QtBot, two_pairs: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = two_pairs
    window.pair_box.setCurrentIndex(1)
    shown = window.session.pair.id
    out = tmp_path / "out"
    out.mkdir()
    started = save_dialog_answers(monkeypatch, [out / "second.csv", out / "all.csv"])

    def this_pair(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        assert dialog.pairs.currentData() == shown
        dialog.accept()

    def all_pairs(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.pairs.setCurrentIndex(dialog.pairs.findData(None))
        dialog.accept()

    for step in (this_pair, all_pairs):
        problems: list[str] = []
        activate(qtbot, window)
        run_dialogs([step], problems)
        qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
        assert problems == []
    assert pairs_in_csv(out / "second.csv") == {str(shown)}
    assert pairs_in_csv(out / "all.csv") == {str(pair.id) for pair in window.store.pairs()}
    total = sum(len(window.store.ladder(pair.id)) for pair in window.store.pairs())
    assert window.statusBar().currentMessage() == f"Exported {total} beads of all pairs to {out / 'all.csv'}."
    # the first export starts beside the project with its name; the next one where the last went
    assert started == [str(tmp_path / "letters.csv"), str(out / "letters.csv")]


def test_the_text_dialog_shows_files_without_extension_and_remembers_its_folder(
    qtbot: QtBot, two_pairs: MainWindow, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("europarl-de", "notes.txt", "picture.png"):
        (corpus / name).write_text("Ein Satz.\n", "utf-8")
    two_pairs.settings.set_value("folders/text", str(corpus))
    listed: list[list[str]] = []

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog)
        problems: list[str] = []
        run_dialogs([pick_the_corpus_file], problems)
        dialog.findChildren(type(dialog.ok_button))[0].click()  # the first Browse… button
        assert problems == []
        assert dialog.source_edit.text() == str(corpus / "europarl-de")
        dialog.reject()

    def pick_the_corpus_file(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        view = dialog.findChild(QListView, "listView")
        try:
            qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 2, timeout=5000)
        except Exception as error:  # noqa: BLE001 - reported, and the dialog closed, so the test cannot hang
            raise AssertionError(f"the list never filled: {error}") from None
        model, root = view.model(), view.rootIndex()
        listed.append(sorted(model.index(row, 0, root).data() for row in range(model.rowCount(root))))
        dialog.findChild(QLineEdit, "fileNameEdit").setText("europarl-de")  # as typed
        dialog.accept()
        assert not dialog.isVisible()

    problems: list[str] = []
    run_dialogs([choose], problems)
    two_pairs.files.new_project()
    assert problems == []
    assert listed == [["europarl-de", "notes.txt"]]
    assert two_pairs.settings.value("folders/text") == str(corpus)
    assert QApplication.activeModalWidget() is None


def test_reopening_a_project_shows_the_pair_and_bead_left(qtbot: QtBot, two_pairs: MainWindow, settings: Settings) -> None:
    window = two_pairs
    path = window.store.path
    window.pair_box.setCurrentIndex(1)
    second = window.session.pair.id
    window.table.setCurrentIndex(window.session.model.index(30, TARGET_COLUMN))
    bead = window.session.model.bead_id(30)
    window.close()
    again = shown_window(qtbot, ProjectStore.open(path), settings)
    assert again.session.pair.id == second and again.pair_box.currentIndex() == 1
    index = again.table.currentIndex()
    assert (index.row(), index.column(), again.session.model.bead_id(index.row())) == (30, TARGET_COLUMN, bead)
    again.close()


def test_a_new_project_is_saved_beside_its_texts_until_a_folder_is_remembered(
    qtbot: QtBot, two_pairs: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Xvfb the save dialog opened in the home folder, wherever the texts were."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source, target = corpus / "europarl-de", corpus / "europarl-en"
    source.write_text("Ein Satz. Noch einer.\n", "utf-8")
    target.write_text("A sentence. One more.\n", "utf-8")
    saved = tmp_path / "projects" / "europarl.wbproj"
    saved.parent.mkdir()
    started = save_dialog_answers(monkeypatch, [saved, tmp_path / "projects" / "again.wbproj"])

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog)
        dialog.source_edit.setText(str(source))
        dialog.target_edit.setText(str(target))
        dialog.ok_button.click()

    for _ in range(2):
        problems: list[str] = []
        activate(qtbot, two_pairs)
        run_dialogs([choose], problems)
        two_pairs.files.new_project()
        assert problems == []
        qtbot.waitUntil(lambda: two_pairs.files.task is None, timeout=10_000)
    assert started == [str(corpus / "europarl-de.wbproj"), str(saved.parent / "europarl-de.wbproj")]
    connection = sqlite3.connect(saved)
    assert connection.execute("SELECT count(*) FROM pairs").fetchone() == (1,)
    connection.close()
