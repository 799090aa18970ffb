"""What long work shares: the progress and cancel callables it is handed, and the exception
that ends it when the caller asks to stop. Standard library only."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class AlignmentCancelled(Exception):
    """The caller asked to stop."""


def check_cancel(should_cancel: CancelCheck | None) -> None:
    if should_cancel is not None and should_cancel():
        raise AlignmentCancelled


def progress_part(progress: ProgressCallback | None, part: int, parts: int) -> ProgressCallback | None:
    """*progress* for the run *part* of *parts* runs of equal length, one after the other."""
    if progress is None:
        return None
    return lambda done, total: progress((part * total + done) // parts, total)
