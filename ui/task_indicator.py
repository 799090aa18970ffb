"""Background work in the status bar: a progress bar with a Cancel button, shown while a task
runs and hidden otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from ui.tasks import Task


class TaskIndicator(QWidget):
    """Shows one task's progress; Cancel asks it to stop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel")
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.task: Task | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def follow(self, task: Task, label: str) -> None:
        self.task = task
        self.bar.setFormat(f"{label} %p%")
        self.bar.setValue(0)
        task.signals.progressed.connect(self._progressed)
        for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
            signal.connect(self._ended)
        self.show()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.bar.setFormat("Cancelling…")

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setValue(done * 100 // max(total, 1))

    def _ended(self, *_: object) -> None:
        self.task = None
        self.hide()
