"""A document revision's text as immutable blocks (migration m007_text_blocks): cutting a text
into blocks, writing a revision's list of blocks (sharing the unchanged ones with the revision it
replaces), reading a revision's text or a stretch of it, and finding the block an offset lies in.
Sentences are stored relative to the block holding their start, so a revision that changes one
block moves only that block's sentences. Callers hold the transaction. sqlite-utils only, no Qt.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

BLOCK_SIZE = 4096  # a block is cut at the first line start (else space) this many code points on
KEY_STEP = 1 << 16  # block keys are sparse: a block cut in two takes keys in the gap after it


@dataclass(frozen=True)
class BlockPlace:
    """A block in a revision: its order key, its id in `text_blocks`, and where its text starts."""

    key: int
    block_id: int
    start: int


@dataclass(frozen=True)
class Layout:
    """A revision's blocks in order, and the revision's length."""

    blocks: tuple[BlockPlace, ...]
    length: int

    def index_of(self, offset: int) -> int:
        """The index of the block holding *offset* (the last one starting at or before it)."""
        return max(0, bisect.bisect_right([b.start for b in self.blocks], offset) - 1)

    def place(self, offset: int) -> tuple[int, int]:
        """(block id, offset inside that block) of a document offset."""
        block = self.blocks[self.index_of(offset)]
        return block.block_id, offset - block.start

    def end_of(self, index: int) -> int:
        return self.blocks[index + 1].start if index + 1 < len(self.blocks) else self.length


def cuts(text: str, size: int = BLOCK_SIZE) -> list[int]:
    """Where the blocks of *text* start: at 0, then at the first line start (or else the first
    character after a space) at least *size* code points after the previous cut."""
    starts = [0]
    while len(text) - starts[-1] > size * 3 // 2:
        at = starts[-1] + size
        line = text.find("\n", at, at + size // 2)
        space = text.find(" ", at, at + size // 2)
        starts.append(line + 1 if line >= 0 else space + 1 if space >= 0 else at)
    return starts


def write_layout(db: Database, document_id: int, text: str, live: bool = True) -> Layout:
    """Store *text* as new blocks making up revision *document_id*."""
    starts = cuts(text)
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
    return _place(db, document_id, [(k * KEY_STEP, start, piece) for k, (start, piece) in enumerate(zip(starts, pieces))],
                  [], len(text), live)


def share_layout(
    db: Database, old_id: int, new_id: int, new_text: str, changed: tuple[int, int], delta: int, live: bool = True
) -> Layout:
    """Revision *new_id* of *old_id*, whose text differs only inside *changed* (old offsets,
    *delta* code points longer after it): the blocks overlapping that stretch are replaced by new
    ones (the first keeps its key), all others are shared, those after moved by *delta*."""
    old = read_layout(db, old_id)
    first, last = old.index_of(changed[0]), old.index_of(max(changed[0], changed[1] - 1))
    start, end = old.blocks[first].start, old.end_of(last) + delta
    text = new_text[start:end]
    starts = cuts(text)
    gap_end = old.blocks[last + 1].key if last + 1 < len(old.blocks) else old.blocks[first].key + KEY_STEP * len(starts)
    step = (gap_end - old.blocks[first].key) // len(starts)
    if step < 1:
        raise ValueError("no room for more blocks between two keys")
    fresh = [
        (old.blocks[first].key + k * step, start + cut, text[cut:next_cut])
        for k, (cut, next_cut) in enumerate(zip(starts, [*starts[1:], len(text)]))
        if next_cut > cut
    ]
    kept = [*old.blocks[:first], *(BlockPlace(b.key, b.block_id, b.start + delta) for b in old.blocks[last + 1 :])]
    return _place(db, new_id, fresh, kept, old.length + delta, live)


def _place(
    db: Database, document_id: int, fresh: Sequence[tuple[int, int, str]], kept: Sequence[BlockPlace], length: int, live: bool
) -> Layout:
    first_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM text_blocks").fetchone()[0])
    db.conn.executemany("INSERT INTO text_blocks (id, text) VALUES (?, ?)", [(first_id + k, t) for k, (_, _, t) in enumerate(fresh)])
    blocks = sorted([*kept, *(BlockPlace(key, first_id + k, start) for k, (key, start, _) in enumerate(fresh))], key=lambda b: b.key)
    db.conn.executemany(
        "INSERT INTO document_blocks (document_id, key, block_id, start, live) VALUES (?, ?, ?, ?, ?)",
        [(document_id, b.key, b.block_id, b.start, int(live)) for b in blocks],
    )
    return Layout(tuple(blocks), length)


def read_layout(db: Database, document_id: int) -> Layout:
    rows = db.execute(
        "SELECT key, block_id, start FROM document_blocks WHERE document_id = ? ORDER BY key", [document_id]
    ).fetchall()
    blocks = tuple(BlockPlace(*row) for row in rows)
    if not blocks:
        return Layout((), 0)
    last = db.execute("SELECT length(text) FROM text_blocks WHERE id = ?", [blocks[-1].block_id]).fetchone()[0]
    return Layout(blocks, blocks[-1].start + last)


def read_text(db: Database, document_id: int) -> str | None:
    """The whole text of a revision (None when there is no such revision)."""
    if db.execute("SELECT 1 FROM document_rows WHERE id = ?", [document_id]).fetchone() is None:
        return None
    return "".join(_block_texts(db, document_id, 0, None))


def text_between(db: Database, document_id: int, start: int, end: int) -> tuple[int, str]:
    """A stretch of a revision's text holding [start, end): (where it starts, its text)."""
    first = db.execute(
        "SELECT coalesce(max(start), 0) FROM document_blocks WHERE document_id = ? AND start <= ?", [document_id, start]
    ).fetchone()[0]
    return first, "".join(_block_texts(db, document_id, first, end))


def _block_texts(db: Database, document_id: int, first: int, end: int | None) -> Iterator[str]:
    rows = db.execute(
        "SELECT t.text FROM document_blocks b JOIN text_blocks t ON t.id = b.block_id"
        " WHERE b.document_id = ? AND b.start >= ? AND b.start < ? ORDER BY b.key",
        [document_id, first, end if end is not None else 1 << 62],
    )
    return (row[0] for row in rows)


def document_length(db: Database, document_id: int) -> int:
    return read_layout(db, document_id).length


def set_live(db: Database, document_id: int, live: bool) -> None:
    """Mark a revision's blocks as the live revision's (its sentences are the `sentences` view's)."""
    db.execute("UPDATE document_blocks SET live = ? WHERE document_id = ?", [int(live), document_id])


def drop_layout(db: Database, document_id: int) -> None:
    """Take a revision's list of blocks out, with the blocks no other revision shares."""
    orphans = [
        row[0]
        for row in db.execute(
            "SELECT b.block_id FROM document_blocks b WHERE b.document_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM document_blocks o WHERE o.block_id = b.block_id AND o.document_id != b.document_id)",
            [document_id],
        )
    ]
    db.execute("DELETE FROM document_blocks WHERE document_id = ?", [document_id])
    db.conn.executemany("DELETE FROM text_blocks WHERE id = ?", [(block_id,) for block_id in orphans])
