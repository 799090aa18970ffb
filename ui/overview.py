"""The overview strip at the right edge of the bead table: the whole pair top to bottom,
coloured by status and confidence (green confirmed, red flagged, grey otherwise), with the
part on screen outlined; a click jumps there."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRect, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from alignments.store.records import BeadSummary
from ui.bead_model import BeadTableModel

WIDTH = 14
CONFIRMED, FLAGGED, AUTO = QColor("#3aa36b"), QColor("#d9534f"), QColor("#a7adb5")


def _state(summary: BeadSummary) -> int:
    return 2 if summary.confirmed else 1 if summary.flagged else 0


class OverviewStrip(QWidget):
    """Colours of every bead, squeezed into the strip's height."""

    row_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self.setToolTip("The whole pair: green confirmed, red low confidence; click to go there")
        self._model: BeadTableModel | None = None
        self._states: np.ndarray = np.zeros(0, dtype=np.int8)
        self._visible = (0, 0)

    def set_model(self, model: BeadTableModel | None) -> None:
        if self._model is not None:
            for signal, slot in self._connections(self._model):
                signal.disconnect(slot)
        self._model = model
        if model is not None:
            for signal, slot in self._connections(model):
                signal.connect(slot)
        self._model_changed()

    def _connections(self, model: BeadTableModel) -> list[tuple[SignalInstance, Callable[..., None]]]:
        return [
            (model.rowsInserted, self._rows_inserted),
            (model.rowsRemoved, self._rows_removed),
            (model.dataChanged, self._rows_changed),
            (model.modelReset, self._model_changed),
        ]

    def _states_of(self, first: int, last: int) -> np.ndarray:
        summaries = self._model.summaries()[first : last + 1] if self._model is not None else []
        return np.fromiter((_state(s) for s in summaries), dtype=np.int8, count=len(summaries))

    def _rows_inserted(self, _parent: object, first: int, last: int) -> None:
        self._states = np.concatenate((self._states[:first], self._states_of(first, last), self._states[first:]))
        self.update()

    def _rows_removed(self, _parent: object, first: int, last: int) -> None:
        self._states = np.concatenate((self._states[:first], self._states[last + 1 :]))
        self.update()

    def _rows_changed(self, top_left: object, bottom_right: object, *_: object) -> None:
        first, last = top_left.row(), bottom_right.row()  # type: ignore[attr-defined]
        self._states[first : last + 1] = self._states_of(first, last)
        self.update()

    def states(self) -> list[int]:
        """Per bead: 2 confirmed, 1 flagged, 0 otherwise (what the strip paints)."""
        return self._states.tolist()

    def set_visible_rows(self, first: int, last: int) -> None:
        if (first, last) != self._visible:
            self._visible = (first, last)
            self.update()

    def _model_changed(self, *_: object) -> None:
        rows = len(self._model.summaries()) if self._model is not None else 0
        self._states = self._states_of(0, rows - 1)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#eceef1"))
        rows, height = len(self._states), self.height()
        if rows == 0 or height == 0:
            return
        edges = np.linspace(0, rows, height + 1).astype(np.int64)
        for y, (first, last) in enumerate(zip(edges[:-1], edges[1:], strict=True)):
            if last <= first:
                last = first + 1
            chunk = self._states[first:last]
            colour = FLAGGED if (chunk == 1).any() else CONFIRMED if (chunk == 2).all() else AUTO
            painter.fillRect(QRect(2, y, WIDTH - 4, 1), colour)
        top = int(self._visible[0] / rows * height)
        bottom = int((self._visible[1] + 1) / rows * height)
        painter.setPen(QColor("#2b6cb0"))
        painter.drawRect(QRect(0, top, WIDTH - 1, max(bottom - top, 2)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and len(self._states):
            row = int(event.position().y() / max(self.height(), 1) * len(self._states))
            self.row_clicked.emit(min(max(row, 0), len(self._states) - 1))
