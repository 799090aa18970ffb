"""Small helpers for writing SQL with many ids: batches short enough for SQLite's limit on
parameters, and the matching "?, ?, …" placeholders. Standard library only."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


BATCH = 500


def batches(values: Sequence[T]) -> Iterator[list[T]]:
    """*values* in lists of at most BATCH."""
    for index in range(0, len(values), BATCH):
        yield list(values[index : index + BATCH])


def placeholders(values: Sequence[object]) -> str:
    """"?, ?, ?" for three values."""
    return ", ".join("?" * len(values))
