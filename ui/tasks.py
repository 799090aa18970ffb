"""Running long work off the GUI thread: a QRunnable whose signals bring progress, the result
or an error message back to the GUI thread (connect them to methods of objects that live there). Workers compute on plain values only; whatever
writes to the project happens in the GUI thread when the result arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from alignments.ladder.work import AlignmentCancelled
from corpus.errors import UserError

if TYPE_CHECKING:
    from ui.task_indicator import TaskIndicator

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


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
        except UserError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - shown to the user instead of killing the thread
            self.signals.failed.emit(f"Unexpected error: {error!r}")
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs all of a window's background work: starts each task with its signals connected,
    keeps it alive until it ends, and can cancel every task still running (a project closing)."""

    def __init__(self, indicator: TaskIndicator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self._running: list[Task] = []

    def start(
        self,
        work: Work,
        finished: Callable[[Any], None],
        failed: Callable[[str], None],
        cancelled: Callable[[], None],
        progressed: Callable[[int, int], None] | None = None,
        label: str | None = None,
    ) -> Task:
        """Run *work* in the background; with a *label*, its progress shows in the status bar."""
        task = Task(work)
        self._running.append(task)
        if progressed is not None:
            task.signals.progressed.connect(progressed)
        for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
            signal.connect(lambda *_: self._ended(task))  # first: the caller may start another
        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        task.signals.cancelled.connect(cancelled)
        if label is not None:
            self.indicator.follow(task, label)
        task.start()
        return task

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def _ended(self, task: Task) -> None:
        if task in self._running:
            self._running.remove(task)
