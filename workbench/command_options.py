"""What several `workbench` commands share: the --bad-bytes option, and the progress line a
long command draws on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from corpus.reading import BadBytes

bad_bytes_option = click.option(
    "--bad-bytes", type=click.Choice([choice.value for choice in BadBytes]), default="refuse", show_default=True,
    help="A UTF-8 text with broken bytes: refuse it (naming where they are) or read each as U+FFFD.",
)


@contextmanager
def progress_line(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress line on stderr for long work, when stderr is a terminal."""
    stream = sys.stderr
    if not stream.isatty():
        yield None
        return
    shown = False

    def report(done: int, total: int) -> None:
        nonlocal shown
        shown = True
        stream.write(f"\r{label}… {done * 100 // max(total, 1)}%")
        stream.flush()

    try:
        yield report
    finally:
        if shown:
            stream.write("\r\033[K")
