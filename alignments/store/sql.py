"""Small helpers for the SQL the store writes: batches of ids short enough for SQLite's limit on
parameters with the matching "?, ?, …" placeholders, ids never used before, and the timestamp
every row is stamped with."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TypeVar

from sqlite_utils import Database

T = TypeVar("T")


BATCH = 500


def batches(values: Sequence[T]) -> Iterator[list[T]]:
    """*values* in lists of at most BATCH."""
    for index in range(0, len(values), BATCH):
        yield list(values[index : index + BATCH])


def placeholders(values: Sequence[object]) -> str:
    """"?, ?, ?" for three values."""
    return ", ".join("?" * len(values))


def fresh_ids(db: Database, table: str, *also: str) -> Iterator[int]:
    """Ids of *table* never used before (not live, nor in the tables *also* that keep retired
    rows, nor handed out and since deleted), as many as the caller takes."""
    used = [f"coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0)"]
    used += [f"coalesce((SELECT max(id) FROM {name}), 0)" for name in (table, *also)]
    return itertools.count(db.execute(f"SELECT max({', '.join(used)})").fetchone()[0] + 1)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
