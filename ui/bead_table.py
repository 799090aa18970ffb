"""The bead table: one row per bead, sentences drawn as rich text with interpolations
highlighted, row heights fitted to the rows on screen only (so long books open at once),
tooltips naming the editor of the interpolation under the mouse, and what is selected
expressed as sentence and bead ids.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from alignments.store.records import BeadView
from ui.bead_model import (
    BEAD_VIEW_ROLE,
    GUTTER_COLUMN,
    SOURCE_COLUMN,
    TARGET_COLUMN,
    BeadTableModel,
)
from ui.rich_text import SideDocument, side_document

GUTTER_WIDTH = 64
DEFAULT_ROW_HEIGHT = 34
SELECTION_COLOUR = "#cfe3fb"
PARTNER_COLOUR = "#fff6d6"
DOCUMENTS_KEPT = 400  # laid-out cells: a few screens of rows, both sides
_Index = QModelIndex | QPersistentModelIndex


class BeadDelegate(QStyledItemDelegate):
    """Draws a bead side as a QTextDocument; the gutter is drawn as plain text. The documents of
    the cells last drawn are kept (fitting a row and painting it need the same layout), and
    forgotten whenever the model changes."""

    def __init__(self, table: BeadTable) -> None:
        super().__init__(table)
        self.table = table
        self._documents: OrderedDict[tuple[int, int, int, bool], SideDocument] = OrderedDict()

    def side(self, index: _Index) -> SideDocument:
        view: BeadView = index.data(BEAD_VIEW_ROLE)
        width = self.table.columnWidth(index.column())
        key = (view.bead.id, index.column(), width, self.table.show_notes)
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        sentences = view.source if index.column() == SOURCE_COLUMN else view.target
        document = self._documents[key] = side_document(sentences, self.table.font(), width, self.table.show_notes)
        if len(self._documents) > DOCUMENTS_KEPT:
            self._documents.popitem(last=False)
        return document

    def forget_documents(self, *_signal_arguments: object) -> None:
        self._documents.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.column() == GUTTER_COLUMN:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else self.table.style()
        if index.row() == self.table.currentIndex().row() and not option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor(PARTNER_COLOUR))  # the current bead, on both sides
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self.side(index).document
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        if index.column() == GUTTER_COLUMN:
            return QSize(GUTTER_WIDTH, super().sizeHint(option, index).height() + 8)
        document = self.side(index).document
        return QSize(self.table.columnWidth(index.column()), int(document.size().height()) + 2)

    def helpEvent(
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: _Index
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid() and index.column() != GUTTER_COLUMN:
            point = QPointF(event.pos() - option.rect.topLeft())
            note = self.side(index).note_at(point)
            if note is not None:
                QToolTip.showText(event.globalPos(), note.describe(), view)
                return True
        return super().helpEvent(event, view, option, index)


class BeadTable(QTableView):
    """The aligned pair, bead by bead."""

    visible_rows_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_notes = True
        self.source_share = 0.5  # of the width the two text columns share; the user drags it
        self._laying_out = False
        self.delegate = BeadDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(DEFAULT_ROW_HEIGHT)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setStyleSheet("QTableView::item { border-bottom: 1px solid #e3e3e3; }")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTION_COLOUR))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
        self.setPalette(palette)
        self._fit_timer = QTimer(self, singleShot=True, interval=0, timeout=self.fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._schedule_fit)
        self.horizontalHeader().sectionResized.connect(self._on_column_resized)

    def _schedule_fit(self, *_signal_arguments: object) -> None:
        """Fit the visible rows once control returns to the event loop. Never connect
        QTimer.start to a signal directly: an int argument becomes its interval."""
        self._fit_timer.start(0)

    def bead_model(self) -> BeadTableModel:
        model = self.model()
        assert isinstance(model, BeadTableModel)
        return model

    def setModel(self, model: BeadTableModel | None) -> None:  # type: ignore[override]
        self.delegate.forget_documents()
        super().setModel(model)
        if model is None:
            self._fit_timer.stop()
            return
        header = self.horizontalHeader()
        header.setSectionResizeMode(SOURCE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(GUTTER_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TARGET_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(GUTTER_COLUMN, GUTTER_WIDTH)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged, model.layoutChanged):
            signal.connect(self.delegate.forget_documents)
            signal.connect(self._schedule_fit)
        self.set_source_share(self.source_share)
        self._schedule_fit()

    def set_source_share(self, share: float) -> None:
        """Give the source column this share of the text columns' width (like a splitter)."""
        self.source_share = min(max(share, 0.15), 0.85)
        if self.model() is None:
            return
        self._laying_out = True
        self.horizontalHeader().resizeSection(SOURCE_COLUMN, int(self._text_width() * self.source_share))
        self._laying_out = False

    def _text_width(self) -> int:
        return max(self.viewport().width() - GUTTER_WIDTH, 100)

    def resizeEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().resizeEvent(event)
        self.set_source_share(self.source_share)
        self._schedule_fit()

    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        if column == SOURCE_COLUMN and not self._laying_out:
            self.source_share = min(max(new / self._text_width(), 0.15), 0.85)  # the user dragged it
        self._schedule_fit()

    def set_show_notes(self, shown: bool) -> None:
        self.show_notes = shown
        self.viewport().update()
        self._schedule_fit()

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        if current.row() != previous.row():
            self.viewport().update()  # repaint the current bead's partner highlight

    def fit_visible_rows(self) -> None:
        """Fit the height of the rows on screen to their text (a few passes until stable)."""
        if self.model() is None or self.model().rowCount() == 0:
            return
        for _ in range(4):
            first, last = self._visible_rows()
            changed = False
            for row in range(first, last + 1):
                before = self.rowHeight(row)
                self.resizeRowToContents(row)
                changed |= self.rowHeight(row) != before
            if not changed:
                break
        self.visible_rows_changed.emit(*self._visible_rows())

    def _visible_rows(self) -> tuple[int, int]:
        first = max(self.rowAt(0), 0)
        last = self.rowAt(self.viewport().height() - 1)
        return first, (self.model().rowCount() - 1 if last < 0 else last)

    def selected_sentences(self) -> tuple[list[int], list[int]]:
        """Source and target sentence ids of the selected cells (the gutter selects both sides)."""
        model = self.bead_model()
        source_rows, target_rows = set(), set()
        for index in self.selectedIndexes():
            if index.column() in (SOURCE_COLUMN, GUTTER_COLUMN):
                source_rows.add(index.row())
            if index.column() in (TARGET_COLUMN, GUTTER_COLUMN):
                target_rows.add(index.row())
        source = [sid for row in sorted(source_rows) for sid in model.bead_view(row).bead.source_ids]
        target = [tid for row in sorted(target_rows) for tid in model.bead_view(row).bead.target_ids]
        return source, target

    def selected_bead_ids(self) -> list[int]:
        """Beads with a selected cell, else the bead of the current cell."""
        model = self.bead_model()
        rows = sorted({index.row() for index in self.selectedIndexes()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [model.bead_id(row) for row in rows]
