"""The Interpolations dock: every editorial interpolation of the open pair, with its kind and
editor; activating one shows the bead it belongs to."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from alignments.store.project_store import ProjectStore
from alignments.store.records import PairInfo
from ui.rich_text import KIND_COLOURS

_LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1


class NotesDock(QDockWidget):
    """Lists the interpolations of both sides; emits `note_activated(document_id, offset)`."""

    note_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Interpolations", parent)
        self.setObjectName("interpolations-dock")
        self.list = QListWidget()
        self.list.setWordWrap(True)  # whole entries, however narrow the panel
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.itemActivated.connect(self._activate)
        self.setWidget(self.list)

    def show_pair(self, store: ProjectStore, pair: PairInfo) -> None:
        self.list.clear()
        for side, document in (("source", pair.source), ("translation", pair.target)):
            text = store.document_text(document.id)  # read by slices: never a book joined whole
            for note in store.interpolations(document.id):
                excerpt = " ".join(text[note.start : note.end].split())
                item = QListWidgetItem(f"{note.kind} · {note.editor or '—'} · {side} · {excerpt}")
                item.setData(_LOCATION_ROLE, (document.id, note.start))
                item.setToolTip(f"<p><b>{escape(note.describe())}</b> ({side})</p><p>{escape(excerpt)}</p>")
                item.setBackground(QColor(KIND_COLOURS[note.kind]))
                self.list.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        document_id, offset = item.data(_LOCATION_ROLE)
        self.note_activated.emit(document_id, offset)
