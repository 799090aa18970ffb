"""Running long work off the GUI thread: a QRunnable whose signals bring progress, the result
or an error message back to the GUI thread (connect them to methods of objects that live there). Workers compute on plain values only; whatever
writes to the project happens in the GUI thread when the result arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from alignments.formats.export import ExportError
from alignments.ladder.edits import EditError
from alignments.ladder.work import AlignmentCancelled
from alignments.store.project_file import ProjectError
from corpus.interpolations import SlowPatternError
from corpus.reading import TextFileError

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
USER_ERRORS = (TextFileError, ProjectError, ExportError, EditError, SlowPatternError)


class TaskSignals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task(QRunnable):
    """*work(progress, should_cancel)* on the thread pool; results arrive as signals."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = TaskSignals()
        self._cancel_requested = False

    def start(self) -> None:
        """Run in the global thread pool. Connect the signals first: a quick task may end
        before the next line of the caller runs. The caller keeps the task (and so its
        signals) alive until one of its end signals has arrived."""
        QThreadPool.globalInstance().start(self)

    def cancel(self) -> None:
        self._cancel_requested = True

    def run(self) -> None:
        try:
            result = self.work(self.signals.progressed.emit, lambda: self._cancel_requested)
        except AlignmentCancelled:
            self.signals.cancelled.emit()
        except USER_ERRORS as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - shown to the user instead of killing the thread
            self.signals.failed.emit(f"Unexpected error: {error!r}")
        else:
            self.signals.finished.emit(result)
