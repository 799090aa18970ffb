"""The reading view: the open pair's two texts as prose side by side, a toggle beside the grid
(View ▸ Reading). It shows the grid's own model and selection, so every grid command (confirm,
link, find, F3/F4, undo) acts on what is clicked here: this module follows the grid, finds the
sentence under the pointer and paints. Scrolling by bead, and laying out only the beads near the
viewport, is ui.reading_scroll's.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui.bead_model import GUTTER_COLUMN, SOURCE_COLUMN, TARGET_COLUMN, BeadTableModel
from ui.bead_table import GUTTER_WIDTH, BeadTable
from ui.reading_layout import PlacedSentence, SideRun
from ui.reading_paint import BeadStart, Marked, paint_margin, sentence_highlights
from ui.reading_scroll import BeadScrollArea

_SELECT = QItemSelectionModel.SelectionFlag


class ReadingCanvas(BeadScrollArea):
    """Both sides of the pair as prose, with a margin between them joining where each bead begins."""

    visible_rows_changed = Signal(int, int)

    def __init__(self, table: BeadTable, parent: QWidget | None = None) -> None:
        super().__init__(table, parent)
        self.hovered: tuple[bool, PlacedSentence] | None = None
        self._own_click = False
        self._selection: QItemSelectionModel | None = None
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- the model and the selection of the grid ----------------------------------------

    def set_model(self, model: BeadTableModel | None) -> None:
        """Show this model (the grid's), following the grid's selection model."""
        if self.model is not None:
            for signal in self._model_signals(self.model):
                signal.disconnect(self.forget_layout)
            self.model.dataChanged.disconnect(self._rows_changed)
        self.model = model
        if model is not None:
            for signal in self._model_signals(model):
                signal.connect(self.forget_layout)
            model.dataChanged.connect(self._rows_changed)
        self._follow_selection(self.table.selectionModel() if model is not None else None)
        self.row, self.fraction = 0, 0.0
        self.forget_layout()

    def _follow_selection(self, selection: QItemSelectionModel | None) -> None:
        """Repaint with the grid's selection, and go where its current cell goes."""
        if selection is self._selection:
            return
        if self._selection is not None:
            try:
                self._selection.currentChanged.disconnect(self._current_changed)
                self._selection.selectionChanged.disconnect(self._selection_changed)
            except RuntimeError:  # deleted with the grid's previous model
                pass
        self._selection = selection
        if selection is not None:
            selection.currentChanged.connect(self._current_changed)
            selection.selectionChanged.connect(self._selection_changed)

    def _selection_changed(self, *_signal_arguments: object) -> None:
        self.viewport().update()

    @staticmethod
    def _model_signals(model: BeadTableModel) -> list[SignalInstance]:
        return [model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged]

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        """Rows changed in place: a status or a score (the text laid out stays), or their text or
        interpolations (laid out again)."""
        if self.model is None:
            return
        if bottom.row() - top.row() + 1 >= self.rows() > 1 or not self.cache.holds(top.row(), bottom.row(), self._sentence_ids):
            self.forget_layout()
            return
        self.viewport().update()

    def _sentence_ids(self, row: int, source: bool) -> list[int]:
        assert self.model is not None
        view = self.model.bead_view(row)
        return [sentence.id for sentence in (view.source if source else view.target)]

    def forget_layout(self, *_signal_arguments: object) -> None:
        """The rows changed (an edit, the interpolations): lay them out again when next shown."""
        self.hovered = None
        super().forget_layout()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._own_click and current.isValid():
            if self.isVisible():
                self.show_row(current.row())
            else:  # behind the grid: nothing laid out now; the row shows at the top when it does
                self.scroll_to(current.row())
        self.viewport().update()

    # --- pointing ----------------------------------------------------------------------------

    def sentence_at(self, point: QPointF, exact: bool = True) -> tuple[bool, PlacedSentence] | None:
        """The side (True: source) and sentence under a viewport point, if any."""
        runs = self.ensure_laid_out(self.row)
        if runs is None:
            return None
        accuracy = Qt.HitTestAccuracy.ExactHit if exact else Qt.HitTestAccuracy.FuzzyHit
        for is_source, run, (left, width), offset in zip((True, False), runs, self.columns(), self.offsets()):
            if left <= point.x() < left + width:
                inside = QPointF(point.x() - left, point.y() + offset)
                position = run.document.documentLayout().hitTest(inside, accuracy)
                placed = run.sentence_at(position) if position >= 0 else None
                return None if placed is None else (is_source, placed)
        return None

    def sentence_point(self, is_source: bool, sentence_id: int) -> QPointF | None:
        """Where a laid-out sentence begins on screen (the middle of its first line, viewport
        coordinates), or None when it is not laid out."""
        runs = self.ensure_laid_out(self.row)
        if runs is None:
            return None
        side = 0 if is_source else 1
        run, (left, _), offset = runs[side], self.columns()[side], self.offsets()[side]
        placed = next((p for p in run.sentences if p.id == sentence_id), None)
        if placed is None:
            return None
        block = run.document.findBlock(placed.start)
        line = block.layout().lineForTextPosition(placed.start - block.position())
        top = run.document.documentLayout().blockBoundingRect(block).top() + line.y()
        x, _ = cast(tuple[float, int], line.cursorToX(placed.start - block.position()))
        return QPointF(left + run.document.documentMargin() + x + 3, top - offset + line.height() / 2)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        hovered = self.sentence_at(event.position())
        if hovered != self.hovered:
            self.hovered = hovered
            self.viewport().update()

    def leaveEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self.hovered = None
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        hit = self.sentence_at(event.position(), exact=False)
        if hit is None or self.model is None or event.button() != Qt.MouseButton.LeftButton:
            return
        is_source, placed = hit
        column = SOURCE_COLUMN if is_source else TARGET_COLUMN
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self.select_cell(placed.row, column, Qt.KeyboardModifier.NoModifier if alt else event.modifiers())
        if alt:  # pick this one sentence out of its cell, as an Alt+click in the grid does
            view = self.model.bead_view(placed.row)
            ids = [s.id for s in (view.source if is_source else view.target)]
            self.table.sentence_clicked.emit(placed.row, column, ids.index(placed.id))
            self.viewport().update()

    def select_cell(self, row: int, column: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """Select a bead's side as a click on its cell in the grid would (Ctrl adds, Shift extends)."""
        assert self.model is not None
        selection, index = self.table.selectionModel(), self.model.index(row, column)
        self._own_click = True
        try:
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                selection.setCurrentIndex(index, _SELECT.Toggle)
            elif modifiers & Qt.KeyboardModifier.ShiftModifier and self.table.currentIndex().isValid():
                anchor = self.table.currentIndex().row()
                span = QItemSelection(self.model.index(min(anchor, row), column), self.model.index(max(anchor, row), column))
                selection.select(span, _SELECT.Select)
                selection.setCurrentIndex(index, _SELECT.NoUpdate)
            else:
                selection.setCurrentIndex(index, _SELECT.ClearAndSelect)
        finally:
            self._own_click = False
        self.setFocus()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Tooltips: the interpolations of the sentence under the pointer, else its bead's status."""
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self._tooltip(QPointF(event.pos())) or "", self.viewport())
            return True
        return super().viewportEvent(event)

    def _tooltip(self, point: QPointF) -> str | None:
        hit = self.sentence_at(point)
        if hit is None or self.model is None:
            return None
        is_source, placed = hit
        view = self.model.bead_view(placed.row)
        for sentence in view.source if is_source else view.target:
            if sentence.id == placed.id and sentence.notes:
                return "\n".join(note.describe() for note in sentence.notes)
        return self.model.index(placed.row, GUTTER_COLUMN).data(Qt.ItemDataRole.ToolTipRole)

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QColor("white"))
        runs = self.ensure_laid_out(self.row)
        if runs is None:
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, "No pair open")
            return
        first, last = self.visible_rows()
        height = self.viewport().height()
        for is_source, run, (left, width), offset in zip((True, False), runs, self.columns(), self.offsets()):
            painter.save()
            painter.setClipRect(QRectF(left, 0, width, height))
            painter.translate(left, -offset)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, offset, width, height)
            context.selections = self.highlights(run, is_source, first, last)
            run.document.documentLayout().draw(painter, context)
            painter.restore()
        self._paint_margin(painter, runs, first, last)
        painter.end()
        self.visible_rows_changed.emit(first, last)

    def highlights(self, run: SideRun, is_source: bool, first: int, last: int) -> list[QAbstractTextDocumentLayout.Selection]:
        """The current bead, the selected cells of this side, the counterparts of the sentence under
        the pointer (with the sentence itself) and a sentence picked out of its cell."""
        current = self.table.currentIndex()
        own = SOURCE_COLUMN if is_source else TARGET_COLUMN
        selected = {i.row() for i in self.table.selectionModel().selectedIndexes() if i.column() in (own, GUTTER_COLUMN)}
        hovered = self.hovered[1].row if self.hovered is not None else -1
        marked = Marked(current.row() if current.isValid() else -1, selected, hovered, self._picked_sentence(own))
        return sentence_highlights(run, first, last, marked)

    def _picked_sentence(self, column: int) -> int | None:
        """The id of the sentence picked out of the current bead's cell on this side (Alt+click)."""
        current = self.table.currentIndex()
        index = self.table.picked_index(current.row(), column) if current.isValid() else None
        if index is None or self.model is None:
            return None
        view = self.model.bead_view(current.row())
        sentences = view.source if column == SOURCE_COLUMN else view.target
        return sentences[index].id if index < len(sentences) else None

    def _paint_margin(self, painter: QPainter, runs: tuple[SideRun, SideRun], first: int, last: int) -> None:
        assert self.model is not None
        (source_left, source_width), (target_left, _) = self.columns()
        source_offset, target_offset = self.offsets()
        current = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        summaries = self.model.summaries()
        starts = [
            BeadStart(runs[0].top(row) - source_offset, runs[1].top(row) - target_offset, summaries[row], row == current)
            for row in range(first, last + 1)
        ]
        text = self.model.index(current, GUTTER_COLUMN).data() if current >= 0 else ""
        paint_margin(painter, source_left + source_width, target_left, self.viewport().height(), starts, text or "")


class ReadingView(QWidget):
    """The canvas under a header naming each side, as the grid's header does."""

    def __init__(self, table: BeadTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = ReadingCanvas(table)
        self.headers = (QLabel(), QLabel())
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 4)
        header.setSpacing(GUTTER_WIDTH)
        for label in self.headers:
            label.setStyleSheet("font-weight: bold")
            header.addWidget(label, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(header)
        column.addWidget(self.canvas)

    def set_model(self, model: BeadTableModel | None) -> None:
        self.canvas.set_model(model)
        for label, column in zip(self.headers, (SOURCE_COLUMN, TARGET_COLUMN)):
            label.setText(model.headerData(column, Qt.Orientation.Horizontal) if model is not None else "")
