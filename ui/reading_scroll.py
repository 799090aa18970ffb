"""Scrolling the reading view by bead: the position is a bead and a fraction of it, and both
sides put that bead at the same height; the longer side of a bead scrolls at the pointer's pace,
the shorter one waits. Only the beads near the viewport are laid out (ui.reading_layout, kept in
ui.reading_runs), so a 100k-sentence pair scrolls like a short one. What is shown, pointed at and
painted is ui.reading_view's.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from ui.bead_model import SOURCE_COLUMN, BeadTableModel
from ui.bead_table import GUTTER_WIDTH, BeadTable
from ui.reading_layout import SideRun, lay_out_run
from ui.reading_runs import RunCache

STEPS = 64  # scroll bar steps per bead
_SELECT = QItemSelectionModel.SelectionFlag


class BeadScrollArea(QAbstractScrollArea):
    """Both sides of the grid's model laid out as prose around a position counted in beads."""

    def __init__(self, table: BeadTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.model: BeadTableModel | None = None
        self.row, self.fraction = 0, 0.0
        self.show_notes = True
        self.cache = RunCache()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().valueChanged.connect(self._bar_moved)

    def forget_layout(self, *_signal_arguments: object) -> None:
        """The rows changed (an edit, the interpolations): lay them out again when next shown."""
        self.cache.forget()
        self._update_bar()
        self.viewport().update()

    def set_show_notes(self, shown: bool) -> None:
        self.show_notes = shown
        self.forget_layout()

    # --- where we are ------------------------------------------------------------------------

    def rows(self) -> int:
        return self.model.rowCount() if self.model is not None else 0

    def columns(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """(left, width) of the source and of the translation column."""
        text = max(self.viewport().width() - GUTTER_WIDTH, 120)
        source = int(text * self.table.source_share)
        return (0.0, float(source)), (float(source + GUTTER_WIDTH), float(text - source))

    def ensure_laid_out(self, row: int) -> tuple[SideRun, SideRun] | None:
        """Both sides laid out around *row* (ui.reading_runs), or None with no pair."""
        if self.model is None or not self.rows():
            return None
        row = min(max(row, 0), self.rows() - 1)
        return self.cache.around(row, self.rows(), self.viewport().height(), self._lay_out)

    def _lay_out(self, first: int, last: int) -> tuple[SideRun, SideRun]:
        assert self.model is not None
        views = [self.model.bead_view(row) for row in range(first, last)]
        pair, font = self.model.pair, self.font()
        (_, source_width), (_, target_width) = self.columns()
        store = self.model.store
        return (
            lay_out_run(views, first, True, store.text(pair.source.id), font, source_width, self.show_notes),
            lay_out_run(views, first, False, store.text(pair.target.id), font, target_width, self.show_notes),
        )

    def band(self, runs: tuple[SideRun, SideRun], row: int) -> float:
        """How far the pointer scrolls through a bead: its height on its longer side."""
        return max(run.height(row) for run in runs)

    def offsets(self) -> tuple[float, float]:
        """The height of each side's document at the top of the viewport."""
        runs = self.ensure_laid_out(self.row)
        if runs is None:
            return 0.0, 0.0
        source, target = runs
        return (
            source.top(self.row) + self.fraction * source.height(self.row),
            target.top(self.row) + self.fraction * target.height(self.row),
        )

    # --- scrolling ---------------------------------------------------------------------------

    def scroll_pixels(self, distance: float) -> None:
        """Scroll by *distance* pixels of the longer side of each bead passed."""
        if not self.rows():
            return
        row, fraction = self.row, self.fraction
        while distance:
            runs = self.ensure_laid_out(row)
            assert runs is not None
            band = self.band(runs, row)
            if distance > 0:
                left = (1.0 - fraction) * band
                if distance < left:
                    fraction, distance = fraction + distance / band, 0.0
                elif row + 1 >= self.rows():
                    fraction, distance = 0.0, 0.0
                else:
                    row, fraction, distance = row + 1, 0.0, distance - left
            else:
                if -distance <= fraction * band:
                    fraction, distance = fraction + distance / band if band else 0.0, 0.0
                elif row == 0:
                    fraction, distance = 0.0, 0.0
                else:
                    distance += fraction * band
                    row, fraction = row - 1, 1.0
        self.scroll_to(row, fraction)

    def scroll_to(self, row: int, fraction: float = 0.0) -> None:
        """Put bead *row* (and *fraction* of it) at the top of both sides."""
        last = max(self.rows() - 1, 0)
        self.row = min(max(row, 0), last)
        self.fraction = 0.0 if self.row == last else min(max(fraction, 0.0), 1.0)
        self._update_bar()
        self.viewport().update()

    def show_row(self, row: int) -> None:
        """Scroll so that *row* is in view on both sides, at the top if it was not."""
        first, last = self.visible_rows()
        if not first < row < last:
            self.scroll_to(row)

    def visible_rows(self) -> tuple[int, int]:
        """The first and the last bead showing on either side."""
        runs = self.ensure_laid_out(self.row)
        if runs is None:
            return 0, -1
        bottom = [offset + self.viewport().height() for offset in self.offsets()]
        last = self.row
        while last + 1 < runs[0].last and any(run.top(last + 1) < b for run, b in zip(runs, bottom)):
            last += 1
        return self.row, last

    def _update_bar(self) -> None:
        bar = self.verticalScrollBar()
        bar.blockSignals(True)
        bar.setRange(0, max(self.rows() - 1, 0) * STEPS)
        bar.setPageStep(STEPS * 8)
        bar.setSingleStep(STEPS // 4)
        bar.setValue(self.row * STEPS + int(self.fraction * STEPS))
        bar.blockSignals(False)

    def _bar_moved(self, value: int) -> None:
        row, step = divmod(value, STEPS)
        self.scroll_to(row, step / STEPS)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        """Scrolling is done in _bar_moved; Qt's own pixel scrolling does not apply."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        pixels = event.pixelDelta().y()
        distance = -pixels if pixels else -event.angleDelta().y() / 120 * 3 * self.fontMetrics().lineSpacing()
        self.scroll_pixels(distance)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, page = event.key(), self.viewport().height() * 0.9
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.scroll_pixels(page)
        elif key == Qt.Key.Key_PageUp:
            self.scroll_pixels(-page)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model is not None:
            current = self.table.currentIndex()
            step = 1 if key == Qt.Key.Key_Down else -1
            row = min(max((current.row() if current.isValid() else self.row - step) + step, 0), self.rows() - 1)
            column = current.column() if current.isValid() else SOURCE_COLUMN
            self.table.selectionModel().setCurrentIndex(self.model.index(row, column), _SELECT.ClearAndSelect)
        elif key == Qt.Key.Key_Home:
            self.scroll_to(0)
        elif key == Qt.Key.Key_End:
            self.scroll_to(self.rows() - 1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.cache.forget()  # the columns' widths changed
