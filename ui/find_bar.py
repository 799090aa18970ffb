"""The find bar above the bead table: text or regular expression, in the source, the
translation or both; Enter finds the next bead holding it, Shift+Enter the previous one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from alignments.ladder.beads import Side


class FindBar(QWidget):
    """Emits `find_requested(text, regex, case_sensitive, side, step)`; step 1 next, -1 previous."""

    find_requested = Signal(str, bool, bool, object, int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Find in the sentences…")
        self.text.setClearButtonEnabled(True)
        self.regex = QCheckBox("Regex")
        self.case = QCheckBox("Match case")
        self.side = QComboBox()
        for label, side in (("Both sides", None), ("Source", Side.SOURCE), ("Translation", Side.TARGET)):
            self.side.addItem(label, side)
        self.status = QLabel()
        previous_button, next_button, close_button = QPushButton("Previous"), QPushButton("Next"), QPushButton("✕")
        close_button.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (QLabel("Find:"), self.text, self.regex, self.case, self.side, previous_button, next_button):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        layout.addWidget(close_button)
        next_button.clicked.connect(lambda: self.request(1))
        previous_button.clicked.connect(lambda: self.request(-1))
        close_button.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.text.setFocus()
        self.text.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.status.clear()
        self.closed.emit()

    def show_status(self, message: str) -> None:
        self.status.setText(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.request(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def request(self, step: int) -> None:
        if self.text.text():
            self.find_requested.emit(self.text.text(), self.regex.isChecked(), self.case.isChecked(), self.side.currentData(), step)
