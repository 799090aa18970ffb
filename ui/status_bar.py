"""The main window's status bar: messages at the left (an edit saved, undone, refused); at the
right where the cursor is, the filter's count, the pair's counts, the legend and background
progress. The widgets that may give way (the legend, then the counts) are hidden while they
would leave a message less than MESSAGE_ROOM pixels, or less than the message shown needs: at
800 px they filled the bar and no message could be read.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from ui.bead_model import GLYPH_LEGEND
from ui.rich_text import LEGEND, legend_chip

MESSAGE_ROOM = 260  # pixels: "Merge with next: saved.", "Confirmed; no unconfirmed bead follows."
_SPACING = 8  # between the bar's widgets, about what QStatusBar's layout leaves


def legend(font: QFont) -> QWidget:
    """A chip per kind of interpolation drawn as the cells draw it, and the glyphs of the gutter."""
    widget = QWidget()
    widget.setObjectName("legend")
    widget.setToolTip(f"Legend: interpolations as the cells show them; in the gutter {GLYPH_LEGEND}")
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 0, 0, 0)
    for kind, label in LEGEND:
        chip = QLabel()
        chip.setPixmap(legend_chip(kind, label, font))
        row.addWidget(chip)
    row.addWidget(QLabel(GLYPH_LEGEND))
    return widget


class WindowStatusBar(QStatusBar):
    """A status bar whose permanent widgets added with `gives_way` make room for the messages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kept: list[QWidget] = []
        self._giving_way: list[QWidget] = []  # the first added is the last hidden
        self._room = MESSAGE_ROOM
        self.messageChanged.connect(self._message_changed)

    def add(self, widget: QWidget, gives_way: bool = False) -> None:
        """Add a permanent widget at the right of those added before."""
        (self._giving_way if gives_way else self._kept).append(widget)
        if gives_way:
            widget.setMinimumWidth(1)  # it hides instead of holding the window wide
        self.addPermanentWidget(widget)
        self.make_room()

    def _message_changed(self, message: str) -> None:
        self._room = max(MESSAGE_ROOM, self.fontMetrics().horizontalAdvance(message) + 2 * _SPACING)
        self.make_room()

    def make_room(self) -> None:
        """Show the widgets that may give way while the message keeps the room it needs beside them."""
        room = self.width() - self._room - sum(w.sizeHint().width() + _SPACING for w in self._kept if not w.isHidden())
        for widget in self._giving_way:
            width = widget.sizeHint().width() + _SPACING
            widget.setVisible(width <= room)
            room -= width if width <= room else 0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.make_room()

    def event(self, event: QEvent) -> bool:
        """A widget's text changed (the counts, the filter): room is measured again."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self.make_room()
        return handled
