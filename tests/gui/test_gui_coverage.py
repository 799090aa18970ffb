"""The status bar's warning (ui/pair_status.py): a translation that covers only part of its
source, or a ladder that sentence lengths alone placed, says so when the project is opened, as
`workbench new` said when it was made, and the warning follows the user's edits and their undo.
Pairs are stored with hand-made ladders."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignments.ladder.drafts import LadderRows, PairDraft
from alignments.planning.lengths_alone import LENGTHS_ALONE_WARNING
from alignments.planning.new_pair import aligner_provenance
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse
from tests.gui.support import ALT, CTRL, SHIFT, beads_in_file, click_cell, press, shown_window
from ui.bead_model import GUTTER_COLUMN
from ui.main_window import MainWindow
from ui.pair_status import LENGTHS_ALONE_SHORT
from ui.settings import Settings
from workbench.reports import mismatch_warning

SOURCES = 40


def _project(path: Path, kept: Collection[int]) -> ProjectStore:
    """A source of SOURCES sentences and a translation of the *kept* ones, aligned as it is."""
    source = analyse(Document("\n".join(f"Satz {k} der Quelle." for k in range(SOURCES)), "de", "Quelle"))
    target = analyse(Document("\n".join(f"Sentence {k} of the translation." for k in sorted(kept)), "en", "Translation"))
    ladder: LadderRows = []
    for k in range(SOURCES):
        j = len([i for i in kept if i < k])
        ladder.append((range(k, k + 1), range(j, j + (k in kept)), 0.9))
    store = ProjectStore.create(path)
    store.add_drafted_pair(PairDraft(source, target, ladder, "hand-made"))
    return store


def _said(qtbot: QtBot, window: MainWindow) -> str | None:
    """The warnings the status bar gives once the window has caught up with the last edit, as
    `workbench new` words them (None: no warning)."""
    qtbot.waitUntil(lambda: not window.pair_status.pending)
    note = window.pair_status.warning
    if not note.text():
        assert not note.toolTip()
        return None
    *shown, _ = note.toolTip().splitlines()  # the last line, a hint
    assert all(line.startswith("⚠ ") for line in shown)
    return " ".join(f"Warning: {line[2].lower()}{line[3:]}" for line in shown)


def _from_the_file(window: MainWindow) -> str | None:
    assert window.store is not None
    return mismatch_warning(window.store, window.store.pairs()[0].id)


def test_an_excerpt_is_told_on_opening_and_the_warning_follows_edits_and_undo(qtbot: QtBot, tmp_path: Path, settings: Settings) -> None:
    store = _project(tmp_path / "excerpt.wbproj", range(10, 30))
    window = shown_window(qtbot, store, settings)
    opened = _said(qtbot, window)
    assert opened is not None and opened == _from_the_file(window)
    assert "cover sentences 11–30 of 40" in opened
    assert window.pair_status.warning.text().startswith("⚠ The translation appears to cover sentences 11–30 of 40")

    click_cell(qtbot, window, 10, GUTTER_COLUMN)  # the excerpt's first ten beads, unlinked
    click_cell(qtbot, window, 19, GUTTER_COLUMN, SHIFT)
    press(qtbot, window, Qt.Key.Key_U, CTRL)
    unlinked = beads_in_file(store.path)
    assert [bead[1] for bead in unlinked[:30]].count("") == 20
    assert _said(qtbot, window) == _from_the_file(window) != opened
    assert "cover sentences 21–30 of 40" in str(_said(qtbot, window))

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert _said(qtbot, window) == opened
    window.close()


def test_a_complete_translation_has_no_warning_until_edits_leave_much_out(qtbot: QtBot, tmp_path: Path, settings: Settings) -> None:
    store = _project(tmp_path / "complete.wbproj", range(SOURCES))
    window = shown_window(qtbot, store, settings)
    assert _said(qtbot, window) is None and _from_the_file(window) is None

    click_cell(qtbot, window, 25, GUTTER_COLUMN)  # the last fifteen beads, unlinked
    click_cell(qtbot, window, SOURCES - 1, GUTTER_COLUMN, SHIFT)
    press(qtbot, window, Qt.Key.Key_U, CTRL)
    assert _said(qtbot, window) is not None and _said(qtbot, window) == _from_the_file(window)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert _said(qtbot, window) is None
    window.close()


def test_beads_placed_by_lengths_alone_are_told_until_the_user_confirms_them(qtbot: QtBot, tmp_path: Path, settings: Settings) -> None:
    """A Chinese text and its English translation that share no name or number, aligned by the
    default method with every bead unsure: the status bar says lengths alone placed them, until
    the user has confirmed most of them (and again after undoing that)."""
    count = 30
    source = analyse(Document("\n".join(f"这是故事里的第{'一二三四五六七八九十'[k % 10]}句话。" for k in range(count)), "zh", "故事"))
    target = analyse(Document("\n".join("This is one sentence of the story." for _ in range(count)), "en", "Story"))
    store = ProjectStore.create(tmp_path / "story.wbproj")
    store.add_drafted_pair(PairDraft(source, target, [(range(k, k + 1), range(k, k + 1), 0.1) for k in range(count)], aligner_provenance()))
    window = shown_window(qtbot, store, settings)
    assert _said(qtbot, window) == LENGTHS_ALONE_WARNING == _from_the_file(window)
    assert window.pair_status.warning.text() == f"⚠ {LENGTHS_ALONE_SHORT}"

    click_cell(qtbot, window, count - 1, GUTTER_COLUMN)
    press(qtbot, window, Qt.Key.Key_Return, CTRL | ALT)  # confirm everything up to here
    assert [status for _, _, status in beads_in_file(store.path)] == ["confirmed"] * count
    assert _said(qtbot, window) is None and _from_the_file(window) is None

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert _said(qtbot, window) == LENGTHS_ALONE_WARNING
    window.close()
