"""One base class for every error a user can cause (corpus.errors.UserError): a write the
project file refuses is a write failure, never taken for a stale edit. Write failures are made the
way a full disk makes them: the file refuses the write (a trigger added through another connection)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from alignments.planning.sentence_planner import SentencePlanner
from alignments.store.project_store import ProjectStore


def refuse_writes(path: Path, table: str) -> sqlite3.Connection:
    """Make the project file refuse every new row of *table*, as a full disk would."""
    other = sqlite3.connect(path)
    other.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    other.commit()
    return other


def test_a_sentence_edit_the_file_refuses_is_a_write_failure_not_a_stale_edit(letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    first = letter_project.sentence_ids(pair.source.id)[0]
    split = SentencePlanner(letter_project).split(first, 3)
    other = refuse_writes(letter_project.path, "sentence_spans")
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        letter_project.apply(split)
    other.close()
    assert letter_project.sentence_ids(pair.source.id)[0] == first
