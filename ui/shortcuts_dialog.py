"""The keyboard window (Help ▸ Keyboard shortcuts, F1): every command with its keys, in a table
that scrolls inside a window no taller than the screen, however many commands there are."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

WIDTH = 620
MARGIN = 60  # kept free around the window on a small screen


class ShortcutsDialog(QDialog):
    """(what, keys) rows in a scrolling table, closed with OK or Escape."""

    def __init__(self, rows: Sequence[tuple[str, str]], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table = QTextBrowser()
        cells = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>" for what, keys in rows)
        self.table.setHtml(f"<table cellpadding='3'>{cells}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._fit_screen()

    def _fit_screen(self) -> None:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.table.document().setTextWidth(WIDTH - 40)
        wanted = int(self.table.document().size().height()) + 90
        self.resize(min(WIDTH, screen.width() - MARGIN), min(wanted, screen.height() - MARGIN))
