"""A document revision's text as immutable blocks (migration m007_text_blocks): cutting a text
into blocks, writing a revision's list of blocks (sharing the unchanged ones with the revision it
replaces), reading a revision's text or a stretch of it, and finding the block an offset lies in.
Sentences are stored relative to the block holding their start, so a revision that changes one
block moves only that block's sentences. Callers hold the transaction. sqlite-utils only, no Qt.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from sqlite_utils import Database

BLOCK_SIZE = 4096  # a block is cut at the first line start (else space) this many code points on
KEY_STEP = 1 << 24  # block keys are sparse: a block cut in several takes keys in the gap after it
# (when a gap has too few keys left, after many long pastes at one place, the next blocks are cut again too)
KEY_SHIFT = 20  # an offset's order key: its block's key << KEY_SHIFT, plus the offset inside the block
END_KEY = 1 << 62  # the order key after a text's last offset (a ladder position past every sentence)


class BlockPlace(NamedTuple):
    """A block in a revision: its order key, its id in `text_blocks`, and where its text starts
    (a named tuple: a book's layout is read row by row, several times an edit)."""

    key: int
    block_id: int
    start: int


@dataclass(frozen=True)
class Layout:
    """A revision's blocks in order, and the revision's length."""

    blocks: tuple[BlockPlace, ...]
    length: int

    @functools.cached_property
    def starts(self) -> list[int]:
        return [start for _, _, start in self.blocks]

    def index_of(self, offset: int) -> int:
        """The index of the block holding *offset* (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def place(self, offset: int) -> tuple[int, int]:
        """(block id, offset inside that block) of a document offset."""
        block = self.blocks[self.index_of(offset)]
        return block.block_id, offset - block.start

    def end_of(self, index: int) -> int:
        return self.blocks[index + 1].start if index + 1 < len(self.blocks) else self.length

    def key_of(self, offset: int) -> int:
        """The order key of an offset (END_KEY at or past the end): ladder positions are the
        keys of sentence starts, so an edit inside one block moves only that block's positions."""
        if offset >= self.length:
            return END_KEY
        block = self.blocks[self.index_of(offset)]
        return (block.key << KEY_SHIFT) + offset - block.start


@dataclass(frozen=True)
class PlannedLayout:
    """A revision's blocks before they are written: the places of the blocks it shares with the
    revision before it, and the (key, start, text) of its new ones."""

    kept: tuple[BlockPlace, ...]
    fresh: tuple[tuple[int, int, str], ...]
    length: int

    @property
    def layout(self) -> Layout:
        """The layout it will be (new blocks under id 0): enough to place offsets and key them."""
        places = [*self.kept, *(BlockPlace(key, 0, start) for key, start, _ in self.fresh)]
        return Layout(tuple(sorted(places, key=lambda b: b.key)), self.length)


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


def fresh_layout(text: str) -> PlannedLayout:
    """*text* in new blocks of its own."""
    starts = cuts(text)
    ends = [*starts[1:], len(text)]
    return PlannedLayout((), tuple((k * KEY_STEP, a, text[a:b]) for k, (a, b) in enumerate(zip(starts, ends))), len(text))


def shared_layout(old: Layout, new_text: str, changed: tuple[int, int], delta: int) -> PlannedLayout:
    """The revision of *old* whose text (*new_text*) differs only inside *changed* (old offsets;
    *delta* code points longer after it): the blocks overlapping that stretch are replaced by new
    ones (the first keeps its key, more take keys at the end of the gap after it, so that the
    first keeps room for more), all others are shared, those after it moved by *delta*."""
    first, last = old.index_of(changed[0]), old.index_of(max(changed[0], changed[1] - 1))
    key = old.blocks[first].key
    while True:  # take in the blocks after the stretch while the keys between are too few for its pieces
        start, end = old.blocks[first].start, old.end_of(last) + delta
        text = new_text[start:end]
        starts = cuts(text)
        gap_end = old.blocks[last + 1].key if last + 1 < len(old.blocks) else key + KEY_STEP * len(starts)
        if (gap_end - key) // len(starts) >= 1:
            break
        last += 1
    step = min((gap_end - key) // len(starts), KEY_STEP >> 8)  # new keys at the gap's end: the first keeps room
    keys = [key, *(gap_end - (len(starts) - k) * step for k in range(1, len(starts)))]
    fresh = tuple(
        (keys[k], start + a, text[a:b]) for k, (a, b) in enumerate(zip(starts, [*starts[1:], len(text)])) if b > a
    )
    kept = (*old.blocks[:first], *(BlockPlace(b.key, b.block_id, b.start + delta) for b in old.blocks[last + 1 :]))
    return PlannedLayout(kept, fresh, old.length + delta)


def write_layout(db: Database, document_id: int, planned: PlannedLayout, live: bool = True) -> Layout:
    """Store revision *document_id*'s list of blocks as planned, and its new blocks."""
    first_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM text_blocks").fetchone()[0])
    db.conn.executemany(
        "INSERT INTO text_blocks (id, text) VALUES (?, ?)", [(first_id + k, text) for k, (_, _, text) in enumerate(planned.fresh)]
    )
    fresh = (BlockPlace(key, first_id + k, start) for k, (key, start, _) in enumerate(planned.fresh))
    blocks = sorted([*planned.kept, *fresh], key=lambda b: b.key)
    db.conn.executemany(
        "INSERT INTO document_blocks (document_id, key, block_id, start, live) VALUES (?, ?, ?, ?, ?)",
        [(document_id, b.key, b.block_id, b.start, int(live)) for b in blocks],
    )
    return Layout(tuple(blocks), planned.length)


def read_layout(db: Database, document_id: int) -> Layout:
    rows = db.execute(
        "SELECT key, block_id, start FROM document_blocks WHERE document_id = ? ORDER BY key", [document_id]
    ).fetchall()
    blocks = tuple(map(BlockPlace._make, rows))
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
