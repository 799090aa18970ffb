"""The progress bar of `workbench batch`: pairs done, failures, rate and time left, redrawn on
one line of a terminal; silent when the stream is not a terminal (a log, a pipe, a test)."""

from __future__ import annotations

import time
from typing import TextIO

_WIDTH = 24


class ProgressBar:
    """Counts pairs as they finish; draws only on a terminal."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream if stream is not None and stream.isatty() else None
        self.start(0)

    def start(self, total: int) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.started = time.monotonic()

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.stream is not None:
            self.stream.write("\r" + self.line())
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        filled = _WIDTH * self.done // max(self.total, 1)
        failures = f", {self.failed} failed" if self.failed else ""
        return (
            f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.total} pairs{failures},"
            f" {rate:.1f} pairs/s, {_clock(left)} left"
        )

    def close(self) -> None:
        if self.stream is not None and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, second = divmod(int(seconds + 0.5), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"
