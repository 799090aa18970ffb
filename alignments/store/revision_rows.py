"""Reads that planning text revisions and sentence edits needs: the sentence rows of some ids,
fresh sentence and document ids, the sentence after another, a document's latest revision, and
the pairs showing a document. Functions of the store (they run its SQL); no Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from alignments.ladder.beads import Side
from alignments.ladder.sentence_edits import DocumentRevision, SentenceRow, TextShift
from alignments.store.project_store import ProjectStore
from alignments.store.sentence_writes import (
    fresh_sentence_ids,
    planned_layout,
    read_rows,
    reserve_document_id,
)
from alignments.store.sql import batches, placeholders
from alignments.store.text_blocks import Layout


def sentence_rows(store: ProjectStore, ids: Sequence[int]) -> list[SentenceRow]:
    """The live sentence rows with these ids, in the order asked (missing ones left out)."""
    return read_rows(store.db, ids)


def new_sentence_ids(store: ProjectStore) -> Iterator[int]:
    """Sentence ids never used before in this project (live, retired, or undone)."""
    return fresh_sentence_ids(store.db)


def new_document_id(store: ProjectStore) -> int:
    """The id the next document row gets."""
    return reserve_document_id(store.db)


_IN_PIECE = "s.block_id = b.block_id AND s.start >= b.skip AND s.start < b.skip + b.length"  # a sentence in the piece listing it


def sentence_after(store: ProjectStore, row: SentenceRow) -> int | None:
    """The id of the sentence after *row* in its document, if any."""
    following = _neighbours(store, row, after=True, count=1)
    return following[0] if following else None


def sentences_around(store: ProjectStore, row: SentenceRow, count: int) -> tuple[list[SentenceRow], list[SentenceRow]]:
    """Up to *count* sentences of *row*'s document right before it and right after it, in order."""
    before, after = (sorted(read_rows(store.db, _neighbours(store, row, side, count)), key=lambda r: r.start) for side in (False, True))
    return before, after


def _neighbours(store: ProjectStore, row: SentenceRow, after: bool, count: int) -> list[int]:
    """Ids of the sentences nearest *row* on one side, in the order of their blocks' keys and
    their starts inside them (an index walk from the row, not a sort of the document)."""
    key, start = store.db.execute(
        f"SELECT b.key, s.start FROM sentence_spans s JOIN document_blocks b ON {_IN_PIECE} AND b.live = 1 WHERE s.id = ?",
        [row.id],
    ).fetchone()
    comparison, order = (">", "ASC") if after else ("<", "DESC")
    rows = store.db.execute(
        f"SELECT s.id FROM document_blocks b JOIN sentence_spans s ON {_IN_PIECE}"
        f" WHERE b.document_id = ? AND b.live = 1 AND b.key {comparison}= ? AND (b.key {comparison} ? OR s.start {comparison} ?)"
        f" ORDER BY b.key {order}, s.start {order} LIMIT ?",
        [row.document_id, key, key, start, count],
    )
    return [sid for (sid,) in rows.fetchall()]


def row_keys(store: ProjectStore, rows: Sequence[SentenceRow]) -> list[int]:
    """The ladder positions (order keys) of these rows' starts, in their documents' live revisions."""
    return [store.layout(row.document_id).key_of(row.start) for row in rows]


def live_layout(store: ProjectStore, document_id: int) -> Layout:
    """The pieces of a revision, in order."""
    return store.layout(document_id)


def revision_layout(
    revision: DocumentRevision, shift: TextShift | None = None, removed: Sequence[SentenceRow] = (),
    old: Layout | None = None,
) -> Layout:
    """The pieces a revision will have, as the store will write them: when it edits one stretch
    of *old* (*shift*, taking out the rows *removed*), those of *old* around the stretch's."""
    return planned_layout(revision, shift, removed, old).layout


def replaced_sentences(store: ProjectStore, old: Layout, layout: Layout) -> dict[int, int]:
    """The sentences stored in the blocks of *old* that *layout* (of the next revision) does not
    share, with their starts in *old*: the sentences whose ladder positions an edit moves."""
    kept = {block.block_id for block in layout.blocks}
    replaced = list({block.block_id for block in old.blocks if block.block_id not in kept})
    found: dict[int, int] = {}
    for chunk in batches(replaced):
        rows = store.db.execute(f"SELECT id, block_id, start FROM sentence_spans WHERE block_id IN ({placeholders(chunk)})", chunk)
        found.update((sid, old.offset_of(block_id, start)) for sid, block_id, start in rows.fetchall())
    return found


def document_sha256(store: ProjectStore, document_id: int) -> str:
    return str(store.db.execute("SELECT sha256 FROM document_rows WHERE id = ?", [document_id]).fetchone()[0])


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
