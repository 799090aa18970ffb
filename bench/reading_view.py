"""The reading view on the 100,000-sentence pair of bench/gui.py, driven offscreen: switching to
it (laid out and painted), scrolling page by page and by wheel notches, jumping to the middle, and
confirming a bead from it. Prints its figures."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.data import GOLD
from bench.gui import SENTENCES, _long_project


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped reading-view benchmark: no gold data at {GOLD}")
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    project = Path(tempfile.mkdtemp()) / "long.wbproj"
    shutil.copyfile(_long_project(), project)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from alignments.store.project_store import ProjectStore
    from ui.bead_model import SOURCE_COLUMN
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ProjectStore.open(project), settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    canvas = window.reading.canvas

    def timed(step: Callable[[], None]) -> float:
        started = time.perf_counter()
        step()
        app.processEvents()
        canvas.viewport().repaint()
        return (time.perf_counter() - started) * 1000

    assert window.session is not None
    rows = window.session.model.rowCount()
    opened = timed(lambda: window.named_actions["reading"].setChecked(True))
    print(f"reading view: {rows:,} beads ({SENTENCES:,} source sentences) switched to and painted in {opened:.0f} ms")
    page = canvas.viewport().height() * 0.9
    pages = [timed(lambda: canvas.scroll_pixels(page)) for _ in range(60)]
    notch = 3 * canvas.fontMetrics().lineSpacing()
    notches = [timed(lambda: canvas.scroll_pixels(notch)) for _ in range(120)]
    jump = timed(lambda: canvas.scroll_to(rows // 2))
    back = [timed(lambda: canvas.scroll_pixels(-page)) for _ in range(30)]
    print(
        f"reading view: page down x60 median {statistics.median(pages):.1f} ms (worst {max(pages):.1f}); "
        f"wheel notch x120 median {statistics.median(notches):.1f} ms (worst {max(notches):.1f}); "
        f"page up x30 median {statistics.median(back):.1f} ms (worst {max(back):.1f}); jump to the middle {jump:.1f} ms"
    )
    confirms = []
    for offset in range(0, 20, 2):
        canvas.select_cell(rows // 2 + offset, SOURCE_COLUMN)
        confirms.append(timed(window.named_actions["confirm"].trigger))
    print(f"reading view: confirm, committed and repainted, median {statistics.median(confirms):.1f} ms (worst {max(confirms):.1f})")
    window.close()


if __name__ == "__main__":
    main()
