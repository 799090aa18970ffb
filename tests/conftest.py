"""Shared fixtures: offscreen Qt, the sample texts, and small projects built from them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from alignments.planning.new_pair import draft_pair, load_pair  # noqa: E402
from alignments.store.project_store import ProjectStore  # noqa: E402
from corpus.samples import SAMPLE_PAIRS  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"
ENGLISH_SEED = SAMPLES / "letter-1937.en.txt"
GERMAN_SEED = SAMPLES / "appeal-1917.de.txt"
ENGLISH_APPEAL = SAMPLES / "appeal-1917.en.txt"
GERMAN_LETTER = SAMPLES / "letter-1937.de.txt"


@pytest.fixture
def english_seed() -> str:
    return ENGLISH_SEED.read_text("utf-8")


@pytest.fixture
def german_seed() -> str:
    return GERMAN_SEED.read_text("utf-8")


@pytest.fixture
def letter_project(tmp_path: Path) -> Iterator[ProjectStore]:
    """A project file holding the sample letter pair (German source, English translation)."""
    sample = SAMPLE_PAIRS[0]
    store = ProjectStore.create(tmp_path / "letter.wbproj")
    source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
    store.add_drafted_pair(draft_pair(source, target))
    yield store
    store.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A closed project file, shared.wbproj, holding the letter pair, its sentences paired in order."""
    path = tmp_path / "shared.wbproj"
    store = ProjectStore.create(path)
    store.add_drafted_pair(draft_pair(*load_pair(GERMAN_LETTER, ENGLISH_SEED, "de", "en"), aligned=False))
    store.close()
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def shown_window(qtbot: QtBot, store: ProjectStore, settings: Settings) -> MainWindow:
    """A main window on *store*, shown, active and with the keyboard in its table."""
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.table.setFocus()
    return main


@pytest.fixture
def window(qtbot: QtBot, letter_project: ProjectStore, settings: Settings) -> Iterator[MainWindow]:
    main = shown_window(qtbot, letter_project, settings)
    yield main
    main.close()
