"""The main window on a 100,000-sentence pair, driven offscreen like a user: time to a usable
window, page-by-page scrolling, and hand edits from commit to repaint. Prints its figures."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bench.data import GOLD, repeated_pair

if TYPE_CHECKING:  # Qt is imported inside the benchmarks, after start-up is timed
    from PySide6.QtCore import QCoreApplication

    from ui.main_window import MainWindow

CACHE = Path(__file__).resolve().parent / ".cache" / "long-100k.wbproj"
SENTENCES = 100_000


STARTUP = """
import time, sys
started = time.perf_counter()
from PySide6.QtCore import QTimer
from ui.app import application
from workbench.gui import run_gui
app = application()
QTimer.singleShot(0, lambda: (print(f"{time.perf_counter() - started:.2f}"), app.closeAllWindows()))
sys.exit(run_gui(None))
"""


def startup() -> None:
    """From a fresh interpreter to the sample project painted (the sample already built)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": tempfile.mkdtemp()}
    command = [sys.executable, "-c", STARTUP]
    subprocess.run(command, env=environment, capture_output=True, check=True)  # builds the sample project
    started = time.perf_counter()
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    total = time.perf_counter() - started
    inside = float(result.stdout.strip().splitlines()[-1])
    print(f"gui: start-up to the painted sample project {total:.2f} s (of which {inside:.2f} s after the interpreter started)")


def main() -> None:
    startup()
    if not GOLD.is_dir():
        print(f"skipped GUI benchmark: no gold data at {GOLD}")
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    project = Path(tempfile.mkdtemp()) / "long.wbproj"
    shutil.copyfile(_long_project(), project)  # the edits below must not change the cached project
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from alignments.store.project_store import ProjectStore
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    started = time.perf_counter()
    window = MainWindow(ProjectStore.open(project), Settings(QSettings(str(settings_file), QSettings.Format.IniFormat)))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.table.fit_visible_rows()
    window.table.viewport().repaint()
    opened = time.perf_counter() - started
    rows = window.table.model().rowCount()
    print(f"gui: {rows:,} beads ({SENTENCES:,} source sentences) open to a painted window in {opened:.2f} s")
    _scroll(app, window)
    _edits(app, window)
    _review(app, window)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gui: peak memory {peak:.0f} MB")
    window.close()


def _long_project() -> Path:
    """A project with a 100k-sentence pair aligned by the default aligner (built once, cached)."""
    if CACHE.exists():
        return CACHE
    from alignments.planning.new_pair import draft_pair
    from alignments.store.new_file import new_project_file
    from corpus.documents import Document, analyse_lines

    source, target, _ = repeated_pair(SENTENCES)
    CACHE.parent.mkdir(exist_ok=True)
    draft = draft_pair(
        analyse_lines(Document("\n".join(source), "en", "ParIce, repeated")),
        analyse_lines(Document("\n".join(target), "is", "ParIce, endurtekið")),
    )
    with new_project_file(CACHE) as store:
        store.add_drafted_pair(draft)
    return CACHE


def _timed(step: Callable[[], None], app: QCoreApplication, window: MainWindow) -> float:
    started = time.perf_counter()
    step()
    app.processEvents()
    window.table.viewport().repaint()
    return (time.perf_counter() - started) * 1000


def _scroll(app: QCoreApplication, window: MainWindow) -> None:
    bar = window.table.verticalScrollBar()
    times = [_timed(lambda: bar.setValue(bar.value() + bar.pageStep()), app, window) for _ in range(60)]
    jump = _timed(lambda: bar.setValue(bar.maximum() // 2), app, window)
    print(
        f"gui: page down x60: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms;"
        f" jump to the middle {jump:.1f} ms"
    )


def _edits(app: QCoreApplication, window: MainWindow) -> None:
    from ui.bead_model import GUTTER_COLUMN, SOURCE_COLUMN

    assert window.session is not None
    model, table, actions = window.session.model, window.table, window.named_actions
    middle = model.rowCount() // 2
    results: dict[str, list[float]] = {}
    for offset in range(0, 40, 4):
        row = middle + offset
        table.setCurrentIndex(model.index(row, SOURCE_COLUMN))
        results.setdefault("confirm", []).append(_timed(actions["confirm"].trigger, app, window))
        table.setCurrentIndex(model.index(row, SOURCE_COLUMN))
        results.setdefault("merge with next", []).append(_timed(actions["merge"].trigger, app, window))
        table.setCurrentIndex(model.index(row, GUTTER_COLUMN))
        table.selectionModel().select(model.index(row, GUTTER_COLUMN), table.selectionModel().SelectionFlag.ClearAndSelect)
        results.setdefault("unlink", []).append(_timed(actions["unlink"].trigger, app, window))
        results.setdefault("undo", []).append(_timed(window.undo_stack.undo, app, window))
    summary = ", ".join(f"{name} median {statistics.median(t):.1f} ms (worst {max(t):.1f})" for name, t in results.items())
    print(f"gui: hand edits, committed and repainted: {summary}")


def _review(app: QCoreApplication, window: MainWindow) -> None:
    """The review loop's wholesale steps: each filter, compact rows, confirming by confidence."""
    actions = window.named_actions
    names = ("show_flagged", "show_unconfirmed", "show_uneven", "show_note_mismatch", "show_all")
    filters = ", ".join(f"{name.removeprefix('show_')} {_timed(actions[name].trigger, app, window):.0f} ms" for name in names)
    assert window.session is not None
    print(f"gui: filter view at {window.session.model.rowCount():,} beads: {filters}")
    compact = _timed(actions["compact"].trigger, app, window)
    confident = _timed(lambda: window.review.confirm_at_least(0.9), app, window)
    from alignments.ladder.edits import ReplaceBeads
    from ui.session import EditCommand

    step = window.undo_stack.command(window.undo_stack.count() - 1)
    assert isinstance(step, EditCommand) and isinstance(step.edit, ReplaceBeads)
    count = len(step.edit.added)
    undo = _timed(window.undo_stack.undo, app, window)
    print(f"gui: compact rows {compact:.0f} ms; confirm by confidence >= 0.9 ({count:,} beads, one step) {confident:.0f} ms, its undo {undo:.0f} ms")


if __name__ == "__main__":
    main()
