"""Reads that planning text revisions and sentence edits needs: the sentence rows of some ids,
fresh sentence and document ids, the sentence after another, a document's latest revision, and
the pairs showing a document. Functions of the store (they run its SQL); no Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from alignments.ladder.beads import Side
from alignments.ladder.sentence_edits import SentenceRow
from alignments.store.project_store import ProjectStore
from alignments.store.sentence_writes import (
    fresh_sentence_ids,
    read_rows,
    reserve_document_id,
)


def sentence_rows(store: ProjectStore, ids: Sequence[int]) -> list[SentenceRow]:
    """The live sentence rows with these ids, in the order asked (missing ones left out)."""
    return read_rows(store.db, ids)


def new_sentence_ids(store: ProjectStore) -> Iterator[int]:
    """Sentence ids never used before in this project (live, retired, or undone)."""
    return fresh_sentence_ids(store.db)


def new_document_id(store: ProjectStore) -> int:
    """The id the next document row gets."""
    return reserve_document_id(store.db)


def sentence_after(store: ProjectStore, row: SentenceRow) -> int | None:
    """The id of the sentence after *row* in its document, if any."""
    following = store.db.execute(
        "SELECT id FROM sentences WHERE document_id = ? AND start > ? ORDER BY start LIMIT 1",
        [row.document_id, row.start],
    ).fetchone()
    return None if following is None else int(following[0])


def sentences_around(store: ProjectStore, row: SentenceRow, count: int) -> tuple[list[SentenceRow], list[SentenceRow]]:
    """Up to *count* sentences of *row*'s document right before it and right after it, in order."""
    sides = []
    for comparison, order in (("<", "DESC"), (">", "ASC")):
        ids = store.db.execute(
            f"SELECT id FROM sentences WHERE document_id = ? AND start {comparison} ? ORDER BY start {order} LIMIT ?",
            [row.document_id, row.start, count],
        ).fetchall()
        sides.append(sorted(read_rows(store.db, [i for (i,) in ids]), key=lambda r: r.start))
    return sides[0], sides[1]


def sentence_count(store: ProjectStore, document_id: int) -> int:
    return int(store.db.execute("SELECT count(*) FROM sentences WHERE document_id = ?", [document_id]).fetchone()[0])


def latest_revision(store: ProjectStore, document_id: int) -> int:
    """The newest revision made from *document_id* (itself when it was never revised)."""
    latest = document_id
    while (row := store.db.execute("SELECT max(id) FROM document_rows WHERE previous_id = ?", [latest]).fetchone())[0]:
        latest = int(row[0])
    return latest


def pairs_showing(store: ProjectStore, document_id: int) -> list[tuple[int, Side]]:
    """(pair id, side) of every pair showing this document."""
    rows = store.db.execute(
        "SELECT id, source_document_id = ? FROM pairs WHERE source_document_id = ? OR target_document_id = ? ORDER BY id",
        [document_id, document_id, document_id],
    )
    return [(pair_id, Side.SOURCE if is_source else Side.TARGET) for pair_id, is_source in rows.fetchall()]
