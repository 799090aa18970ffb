"""The bead table: one row per bead, sentences drawn as rich text with interpolations
highlighted, row heights fitted to the rows on screen only (so long books open at once),
tooltips naming the editor of the interpolation under the mouse, and what is selected
expressed as sentence and bead ids.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
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
from ui.cell_marks import compact_margins, draw_cell_marks, paragraph_flags
from ui.rich_text import SideDocument, mark_found, side_document
from ui.sentence_pick import Pick

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
        self._documents: OrderedDict[tuple[int, int, int, bool, bool, re.Pattern[str] | None], SideDocument] = OrderedDict()

    def side(self, index: _Index) -> SideDocument:
        view: BeadView = index.data(BEAD_VIEW_ROLE)
        width = self.table.columnWidth(index.column())
        found = self.table.found.get(index.column())
        key = (view.bead.id, index.column(), width, self.table.show_notes, self.table.compact, found)
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        sentences = view.source if index.column() == SOURCE_COLUMN else view.target
        document = self._documents[key] = side_document(sentences, self.table.font(), width, self.table.show_notes)
        if self.table.compact:
            compact_margins(document.document)
        if found is not None:
            mark_found(document.document, sentences, found)
        if len(self._documents) > DOCUMENTS_KEPT:
            self._documents.popitem(last=False)
        return document

    def forget_documents(self, *_signal_arguments: object) -> None:
        self._documents.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.column() == GUTTER_COLUMN:
            if self.table.compact:  # status and shape on one line; the score is in the tooltip
                self.initStyleOption(option, index)
                option.text = " ".join(option.text.replace("\u2028", "\n").split("\n")[:2])  # Qt's line separators
                style = option.widget.style() if option.widget else self.table.style()
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
                return
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
        view: BeadView = index.data(BEAD_VIEW_ROLE)
        sentences = view.source if index.column() == SOURCE_COLUMN else view.target
        texts = {s.document_id: self.table.bead_model().store.document_text(s.document_id) for s in sentences}
        draw_cell_marks(painter, document, paragraph_flags(sentences, texts), self.table.picked_index(index.row(), index.column()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        if index.column() == GUTTER_COLUMN:
            if self.table.compact:
                return QSize(GUTTER_WIDTH, option.fontMetrics.height() + 2)
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
    current_row_changed = Signal(int)
    sentence_clicked = Signal(int, int, int)  # row, column, sentence index: an Alt+click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_notes = True
        self.found: dict[int, re.Pattern[str]] = {}  # per column, what the find bar found
        self.compact = False
        self.pick: Pick | None = None
        self.source_share = 0.5  # of the width the two text columns share; the user drags it
        self._laying_out = False
        self._show_current = False  # the cursor moved: keep its cell on screen while rows are fitted
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
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._schedule_fit)
        self.horizontalHeader().sectionResized.connect(self._on_column_resized)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._schedule_fit()

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_source_share(self.source_share)
        self._schedule_fit()

    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        if column == SOURCE_COLUMN and not self._laying_out:
            self.source_share = min(max(new / self._text_width(), 0.15), 0.85)  # the user dragged it
        self._schedule_fit()

    def set_found(self, pattern: re.Pattern[str] | None, columns: tuple[int, ...] = (SOURCE_COLUMN, TARGET_COLUMN)) -> None:
        """Show what *pattern* finds in these columns (None: show nothing found)."""
        self.found = {column: pattern for column in columns} if pattern is not None else {}
        self.viewport().update()

    def set_show_notes(self, shown: bool) -> None:
        self.show_notes = shown
        self.viewport().update()
        self._schedule_fit()

    def set_compact(self, compact: bool) -> None:
        """Compact rows: a bead whose text fits in one line is one line high. The bead under the
        cursor, if on screen, stays there as the rows change height."""
        self._show_current |= self.viewport().rect().intersects(self.visualRect(self.currentIndex()))
        self.compact = compact
        self.delegate.forget_documents()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4 if compact else DEFAULT_ROW_HEIGHT)
        self.viewport().update()
        self._schedule_fit()

    def rows_relaid(self) -> None:
        """Rows were hidden or shown in bulk, with the header's updates off: lay out once."""
        self.updateGeometries()
        self.verticalHeader().viewport().update()
        self.viewport().update()
        self._schedule_fit()

    def set_pick(self, pick: Pick | None) -> None:
        """Pick one sentence of a cell (the cell is selected with it)."""
        self.pick = pick
        if pick is not None and self.currentIndex().isValid():
            index = self.model().index(self.currentIndex().row(), pick.column)
            self.selectionModel().select(index, self.selectionModel().SelectionFlag.Select)
        self.viewport().update()

    def picked_index(self, row: int, column: int) -> int | None:
        """The sentence picked in this cell, if the pick is there and the cell still selected."""
        pick = self.pick
        if pick is None or pick.column != column or self.bead_model().bead_id(row) != pick.bead_id:
            return None
        return pick.index if self.selectionModel().isSelected(self.model().index(row, column)) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Alt+click picks the sentence under the mouse (Link and Move then take just that one)."""
        index = self.indexAt(event.position().toPoint())
        if event.modifiers() != Qt.KeyboardModifier.AltModifier or not index.isValid() or index.column() == GUTTER_COLUMN:
            super().mousePressEvent(event)
            return
        self.setCurrentIndex(index)
        point = event.position() - self.visualRect(index).topLeft().toPointF()
        document = self.delegate.side(index).document
        position = document.documentLayout().hitTest(point, Qt.HitTestAccuracy.FuzzyHit)
        self.sentence_clicked.emit(index.row(), index.column(), document.findBlock(max(position, 0)).blockNumber())

    def selectionCommand(self, index: _Index, event: QEvent | None = None) -> QItemSelectionModel.SelectionFlag:
        """Ctrl+Home and Ctrl+End select the cell they reach (Qt would only move the cursor, as it
        does for Ctrl+arrows, which keep moving without selecting for Ctrl+Space)."""
        if (
            isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            return QItemSelectionModel.SelectionFlag.ClearAndSelect
        return super().selectionCommand(index, event)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        self._show_current = current.isValid()
        if current.row() != previous.row():
            self.viewport().update()  # repaint the current bead's partner highlight
            self.current_row_changed.emit(current.row())

    def fit_visible_rows(self) -> None:
        """Fit the height of the rows on screen to their text (a few passes until stable); a hidden
        table (the reading view is shown instead) is fitted when shown again. The rows fitted grow
        or shrink: a cell the cursor has just moved to (Ctrl+End, an edit's result) stays on screen."""
        if self.model() is None or self.model().rowCount() == 0 or not self.isVisible():
            return
        show_current, self._show_current = self._show_current, False
        for _ in range(8):
            changed = False
            for row in self._rows_on_screen():
                before = self.rowHeight(row)
                self.resizeRowToContents(row)
                changed |= self.rowHeight(row) != before
            if show_current and self.currentIndex().isValid():
                scrolled = self.verticalScrollBar().value()
                self.updateGeometries()  # the scroll range, for the rows' new heights
                self.scrollTo(self.currentIndex())
                changed |= self.verticalScrollBar().value() != scrolled
            if not changed:
                break
        self.visible_rows_changed.emit(*self._visible_rows())

    def _rows_on_screen(self) -> list[int]:
        """The rows on screen, top to bottom (folded rows between them left out)."""
        rows: list[int] = []
        y, bottom = 0, self.viewport().height()
        while y < bottom:
            row = self.rowAt(y)
            if row < 0:
                break
            rows.append(row)
            y = max(self.rowViewportPosition(row) + self.rowHeight(row), y + 1)
        return rows

    def _visible_rows(self) -> tuple[int, int]:
        first = max(self.rowAt(0), 0)
        last = self.rowAt(self.viewport().height() - 1)
        return first, (self.model().rowCount() - 1 if last < 0 else last)

    def selected_sentences(self) -> tuple[list[int], list[int]]:
        """Source and target sentence ids of the selected cells (the gutter selects both sides)."""
        source_rows, target_rows = set(), set()
        for index in self.selectedIndexes():
            if index.column() in (SOURCE_COLUMN, GUTTER_COLUMN):
                source_rows.add(index.row())
            if index.column() in (TARGET_COLUMN, GUTTER_COLUMN):
                target_rows.add(index.row())
        source = [sid for row in sorted(source_rows) for sid in self._cell_sentences(row, SOURCE_COLUMN)]
        target = [tid for row in sorted(target_rows) for tid in self._cell_sentences(row, TARGET_COLUMN)]
        return source, target

    def _cell_sentences(self, row: int, column: int) -> tuple[int, ...]:
        """The sentence ids of a cell, or only its picked sentence."""
        bead = self.bead_model().bead_view(row).bead
        ids = bead.source_ids if column == SOURCE_COLUMN else bead.target_ids
        picked = self.picked_index(row, column)
        return ids if picked is None or picked >= len(ids) else (ids[picked],)

    def selected_rows(self) -> list[int]:
        """Rows with a selected cell, else the row of the current cell."""
        rows = sorted({index.row() for index in self.selectedIndexes()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return rows

    def selected_bead_ids(self) -> list[int]:
        """Beads with a selected cell, else the bead of the current cell."""
        model = self.bead_model()
        return [model.bead_id(row) for row in self.selected_rows()]
