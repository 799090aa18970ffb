"""The Compare view (View ▸ Compare translations): a window with the source of the open pair and
every translation of it in columns, lined up through the source. Words one translation has and
another of its language lacks or words differently are marked; a sentence a translation lacks
while another has one is an empty cell on red. From here the alignment of two translations can
be derived through the source (a new pair) and the table exported as CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignments.formats.export import ExportError
from alignments.formats.pivot_export import PivotFormat, export_pivot
from alignments.planning.derive import derive_pair
from alignments.store.pivot_reading import PivotError, read_pivot
from alignments.store.project_file import ProjectError
from alignments.store.project_store import ProjectStore
from corpus.word_diff import ChangeKind
from ui.compare_model import CELL_ROLE, CompareCell, CompareModel
from ui.rich_text import side_document

if TYPE_CHECKING:
    from ui.main_window import MainWindow

REPLACED_COLOUR = "#d9822b"
ONLY_HERE_COLOUR = "#c8efc4"
LACKING_COLOUR = "#fbd9d9"
NOT_HERE = "— not in this translation —"
_Index = QModelIndex | QPersistentModelIndex


def marked_document(cell: CompareCell, font: QFont, width: int, show_notes: bool = True) -> QTextDocument:
    """The cell's sentences as rich text with its word changes marked: words worded differently
    with a wavy orange underline, words only this translation has on green."""
    document = side_document(cell.sentences, font, width, show_notes).document
    if not cell.sentences and cell.lacking:
        document.setPlainText(NOT_HERE)
    utf16 = _utf16_offsets(cell.text)
    for change in cell.changes:
        cursor = QTextCursor(document)
        cursor.setPosition(utf16[change.span.start])
        cursor.setPosition(utf16[change.span.end], QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(change_format(change.kind))
    return document


def change_format(kind: ChangeKind) -> QTextCharFormat:
    marked = QTextCharFormat()
    if kind == ChangeKind.REPLACE:
        marked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        marked.setUnderlineColor(QColor(REPLACED_COLOUR))
    else:
        marked.setBackground(QColor(ONLY_HERE_COLOUR))
        marked.setFontUnderline(True)
    return marked


def _utf16_offsets(text: str) -> list[int]:
    """For each code-point offset into *text* (and its end), the UTF-16 offset Qt counts."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


class CompareDelegate(QStyledItemDelegate):
    """Draws each cell as its marked document; cells a translation lacks on red."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._documents: dict[tuple[int, int, int], QTextDocument] = {}

    def forget(self) -> None:
        """The cells changed, or their widths: lay them out again."""
        self._documents.clear()

    def document(self, index: _Index) -> QTextDocument:
        width = self.view.columnWidth(index.column())
        key = (index.row(), index.column(), width)
        if key not in self._documents:
            if len(self._documents) > 600:
                self._documents.clear()
            self._documents[key] = marked_document(index.data(CELL_ROLE), self.view.font(), width)
        return self._documents[key]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        cell: CompareCell = index.data(CELL_ROLE)
        if cell.lacking:
            painter.fillRect(option.rect, QColor(LACKING_COLOUR))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        self.document(index).drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.view.columnWidth(index.column()), int(self.document(index).size().height()) + 2)


class CompareWindow(QWidget):
    """The source and its translations in columns, with derive and export buttons."""

    def __init__(
        self, store: ProjectStore, source_document_id: int, pair_added: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.source_document_id = source_document_id
        self.pair_added = pair_added
        self.view = QTableView()
        self.delegate = CompareDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.view.setStyleSheet("QTableView::item { border-bottom: 1px solid #e3e3e3; }")
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        self.view.verticalScrollBar().valueChanged.connect(lambda _value: self._fit_timer.start(0))
        self.first_box, self.second_box = QComboBox(), QComboBox()
        self.derive_button, self.export_button = QPushButton("Derive alignment"), QPushButton("Export…")
        self.reload_button = QPushButton("Read again")
        self.reload_button.setToolTip("Show the alignments as they are now (after edits in the main window)")
        self.reload_button.clicked.connect(self.reload)
        self.status = QLabel()
        self.derive_button.clicked.connect(self.derive_chosen)
        self.export_button.clicked.connect(self.export_dialog)
        self._build_layout()
        self.resize(1200, 760)
        self.reload()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        for box in (self.first_box, self.second_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)
        for widget in (QLabel("Derive"), self.first_box, QLabel("→"), self.second_box, self.derive_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.reload_button)
        bar.addWidget(self.export_button)
        legend = QLabel(
            f'legend: <span style="text-decoration: underline; color: {REPLACED_COLOUR}">worded differently</span> &nbsp;'
            f'<span style="background:{ONLY_HERE_COLOUR}"><u>&nbsp;only in this translation&nbsp;</u></span> &nbsp;'
            f'<span style="background:{LACKING_COLOUR}">&nbsp;missing in this translation&nbsp;</span>'
        )
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(legend)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.view)
        column.addLayout(footer)

    def reload(self) -> None:
        """Read the pivot table again (after a new pair)."""
        self.table = read_pivot(self.store, self.source_document_id)
        self.model = CompareModel(self.store, self.table, self)
        self.view.setModel(self.model)
        self.delegate.forget()
        self.setWindowTitle(f"Compare translations — {self.table.source.title}")
        for box in (self.first_box, self.second_box):
            box.clear()
            for pair in self.table.pairs:
                box.addItem(f"Pair {pair.id}: {pair.target.title}", pair.id)
        self.second_box.setCurrentIndex(min(1, self.second_box.count() - 1))
        self.derive_button.setEnabled(len(self.table.pairs) > 1 and not self.store.read_only)
        count = len(self.table.pairs)
        self.status.setText(
            f"{len(self.table.rows)} rows · {count} translation{'s' if count != 1 else ''} of document {self.table.source.id}"
            + ("" if count > 1 else " — add another translation of this source to compare")
        )
        self._fit_timer.start(0)

    def fit_visible_rows(self) -> None:
        """Fit the rows on screen to their text (so long tables open at once)."""
        first = max(self.view.rowAt(0), 0)
        last = self.view.rowAt(self.view.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        for row in range(first, last + 1):
            self.view.resizeRowToContents(row)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.delegate.forget()
        self._fit_timer.start(0)

    def derive_chosen(self) -> int | None:
        """Derive the alignment of the two chosen translations as a new pair; its id."""
        try:
            pair_id = derive_pair(self.store, self.table, self.first_box.currentData(), self.second_box.currentData())
        except (PivotError, ProjectError) as error:
            self.status.setText(str(error))
            return None
        self.status.setText(f"Pair {pair_id} derived: translation A aligned with translation B through the source.")
        if self.pair_added is not None:
            self.pair_added(pair_id)
        return pair_id

    def export_dialog(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, "Export the pivot table", "", "CSV (*.csv);;TEI (*.xml)")
        if name:
            self.export_to(Path(name), PivotFormat.TEI if chosen.startswith("TEI") else PivotFormat.CSV)

    def export_to(self, path: Path, format_: PivotFormat = PivotFormat.CSV) -> None:
        try:
            count = export_pivot(self.store, self.table, path, force=True, format_=format_)
        except ExportError as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"Exported {count} {format_.unit} to {path}.")


def open_compare(window: MainWindow) -> CompareWindow | None:
    """Open the Compare view on the source of the pair on screen."""
    session = window.session
    if session is None:
        window.show_message("Open a pair first.")
        return None
    compare = CompareWindow(session.store, session.pair.source.id, lambda pair_id: _show_new_pair(window, pair_id), window)
    compare.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    compare.show()
    return compare


def _show_new_pair(window: MainWindow, pair_id: int) -> None:
    """List the new pair in the window and show it."""
    window.set_store(window.store)
    window.pair_box.setCurrentIndex(window.pair_box.findData(pair_id))
