"""A document revision's text as immutable blocks (migrations m007_text_blocks, m009_block_slices, m010_key_strides):
cutting a text into blocks, writing a revision's list of pieces (whole blocks or slices of them,
sharing the unchanged ones with the revision it replaces), reading a revision's text or a stretch
of it, and finding the piece an offset lies in. Sentences are stored relative to the text block
holding their start, so a revision that changes one stretch moves only the sentences of the blocks
it cuts again: none but the edited ones when it lists the old block around the new text in two
slices. Callers hold the transaction. sqlite-utils only, no Qt.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlite_utils import Database

BLOCK_SIZE = 16384  # a block is cut at the first line start (else space) this many code points on
KEY_STEP = 1 << 24  # block keys are sparse: a block cut in several takes keys in the gap after it
# (when a gap has too few keys left, after many long pastes at one place, the next blocks are cut again too)
KEY_SHIFT = 20  # a block as cut orders its offsets from its key << KEY_SHIFT on (a piece: from its base)
STRIDE = 1 << 10  # a block as cut keys its offsets this far apart, so a stretch edited later may grow between them
END_KEY = 1 << 62  # the order key after a text's last offset (a ladder position past every sentence)

NewText = Callable[[int, int], str]  # the text of a stretch [start, end) of a new revision


class BlockPlace(NamedTuple):
    """A piece of a revision's text: its order key in the revision, the text block it lists (all
    of it, or the slice of *length* code points from *skip* on), where it starts in the revision,
    *base*, the order key of its first code point, and *stride*, how far apart its code points'
    keys are (a named tuple: a book's layout is read row by row)."""

    key: int
    block_id: int
    start: int
    skip: int
    length: int
    base: int
    stride: int = 1

    @property
    def opens_group(self) -> bool:
        """Whether this piece starts a stretch of order keys of its own (a block as it was cut):
        the pieces an edit cut out of one such stretch share its keys until the next."""
        return self.base == self.key << KEY_SHIFT


class FreshBlock(NamedTuple):
    """A text block a revision adds: its key, where it starts in the revision, its text, the
    order key of its first code point and how far apart its code points' keys are."""

    key: int
    start: int
    text: str
    base: int
    stride: int = STRIDE


@dataclass(frozen=True)
class Layout:
    """A revision's pieces in order, and the revision's length."""

    blocks: tuple[BlockPlace, ...]
    length: int

    @functools.cached_property
    def starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    @functools.cached_property
    def _by_block(self) -> dict[int, list[BlockPlace]]:
        pieces: dict[int, list[BlockPlace]] = {}
        for block in self.blocks:
            pieces.setdefault(block.block_id, []).append(block)
        return pieces

    def index_of(self, offset: int) -> int:
        """The index of the piece holding *offset* (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def place(self, offset: int) -> tuple[int, int]:
        """(block id, offset inside that text block) of a document offset."""
        block = self.blocks[self.index_of(offset)]
        return block.block_id, block.skip + offset - block.start

    def offset_of(self, block_id: int, inside: int) -> int:
        """The document offset of offset *inside* text block *block_id* (in the piece listing it)."""
        piece = next(p for p in self._by_block[block_id] if p.skip <= inside < p.skip + p.length or p.length == 0)
        return piece.start + inside - piece.skip

    def end_of(self, index: int) -> int:
        return self.blocks[index].start + self.blocks[index].length

    def key_of(self, offset: int) -> int:
        """The order key of an offset (END_KEY at or past the end): ladder positions are the
        keys of sentence starts, so an edit inside one piece moves only that piece's positions."""
        if offset >= self.length:
            return END_KEY
        block = self.blocks[self.index_of(offset)]
        return block.base + (offset - block.start) * block.stride


@dataclass(frozen=True)
class PlannedLayout:
    """A revision's pieces before they are written: the pieces of text blocks it shares with the
    revision before it, and its new blocks."""

    kept: tuple[BlockPlace, ...]
    fresh: tuple[FreshBlock, ...]
    length: int

    @property
    def layout(self) -> Layout:
        """The layout it will be (new blocks under id 0): enough to place offsets and key them."""
        places = [*self.kept, *(BlockPlace(b.key, 0, b.start, 0, len(b.text), b.base, b.stride) for b in self.fresh)]
        return Layout(tuple(sorted(places, key=lambda b: b.key)), self.length)


def cuts(text: str, size: int | None = None) -> list[int]:
    """Where the blocks of *text* start: at 0, then at the first line start (or else the first
    character after a space) at least *size* (BLOCK_SIZE) code points after the previous cut."""
    size = size or BLOCK_SIZE
    starts = [0]
    while len(text) - starts[-1] > size * 3 // 2:
        at = starts[-1] + size
        line = text.find("\n", at, at + size // 2)
        space = text.find(" ", at, at + size // 2)
        starts.append(line + 1 if line >= 0 else space + 1 if space >= 0 else at)
    return starts


def fresh_layout(text: str) -> PlannedLayout:
    """*text* in new blocks of its own."""
    return PlannedLayout((), _cut(text, 0, [k * KEY_STEP for k in range(len(cuts(text)))]), len(text))


def _cut(text: str, start: int, keys: Sequence[int], end_key: int = END_KEY) -> tuple[FreshBlock, ...]:
    """*text* (starting at *start* in its revision) cut into new blocks with these keys, each
    block's order keys its own (key << KEY_SHIFT on, STRIDE apart, or closer where the next
    block's, or *end_key*, comes sooner)."""
    starts = cuts(text)
    ends = [*starts[1:], len(text)]
    bases = [key << KEY_SHIFT for key in keys[: len(starts)]]
    limits = [*bases[1:], end_key << KEY_SHIFT if end_key < END_KEY else END_KEY]
    return tuple(
        FreshBlock(keys[k], start + a, text[a:b], bases[k], max(1, min(STRIDE, (limits[k] - bases[k]) // max(1, b - a))))
        for k, (a, b) in enumerate(zip(starts, ends))
    )


def shared_layout(old: Layout, new_text: NewText, changed: tuple[int, int], delta: int) -> PlannedLayout:
    """The revision of *old* whose text differs only inside *changed* (old offsets; *delta* code
    points longer after it): the groups of pieces overlapping that stretch (a block as it was cut,
    with the pieces later edits cut out of it) are cut again into new blocks (the first keeps its
    key, more take keys at the end of the gap after it, so that the first keeps room for more),
    all others are shared, those after it moved by *delta*. *new_text* gives the new text of a
    stretch (new offsets)."""
    first, last = old.index_of(changed[0]), old.index_of(max(changed[0], changed[1] - 1))
    while first > 0 and not old.blocks[first].opens_group:
        first -= 1
    key = old.blocks[first].key
    while True:  # take in the groups after the stretch while the keys between are too few for its pieces
        while last + 1 < len(old.blocks) and not old.blocks[last + 1].opens_group:
            last += 1
        start, end = old.blocks[first].start, old.end_of(last) + delta
        text = new_text(start, end)
        count = len(cuts(text))
        gap_end = old.blocks[last + 1].key if last + 1 < len(old.blocks) else key + KEY_STEP * count
        if (gap_end - key) // count >= 1:
            break
        last += 1
    step = min((gap_end - key) // count, KEY_STEP >> 8)  # new keys at the gap's end: the first keeps room
    keys = [key, *(gap_end - (count - k) * step for k in range(1, count))]
    fresh = tuple(b for b in _cut(text, start, keys, gap_end if last + 1 < len(old.blocks) else END_KEY) if b.text)
    kept = (*old.blocks[:first], *_moved(old.blocks[last + 1 :], delta))
    return PlannedLayout(kept, fresh, old.length + delta)


def _moved(pieces: Sequence[BlockPlace], delta: int) -> Iterator[BlockPlace]:
    """*pieces* starting *delta* code points further on (built directly: a book has hundreds)."""
    return (BlockPlace(p.key, p.block_id, p.start + delta, p.skip, p.length, p.base, p.stride) for p in pieces)


def sliced_layout(old: Layout, window: tuple[int, int], new_window: str) -> PlannedLayout | None:
    """The revision of *old* whose text differs only inside *window* (old offsets), which became
    *new_window*: the piece where the window starts is listed again up to it and the piece where it
    ends from its end on (slices of their text blocks), with the window's new text between them in
    one new block that continues the first piece's order keys, as far apart (its stride, at most
    STRIDE) as the room up to the key after the window allows. No sentence outside the window
    moves inside its block and every order key outside the window stays. None when the room holds
    fewer keys than the new text has code points, or the keys between pieces run out: the blocks
    are then cut again. Every offset keeps a key of its own, in order, so a later split anywhere is
    keyed between its neighbours."""
    at, end = window
    first, last = old.index_of(at), old.index_of(max(at, end - 1))
    opening, closing = old.blocks[first], old.blocks[last]
    head, tail, delta = at - opening.start, end - closing.start, len(new_window) - (end - at)
    limit = closing.base + tail * closing.stride if tail < closing.length else old.blocks[last + 1].base if last + 1 < len(old.blocks) else END_KEY
    base = opening.base + head * opening.stride
    stride = min(STRIDE, (limit - base) // max(1, len(new_window)))
    if stride < 1:
        return None
    middle = [FreshBlock(0, at, new_window, base, stride)] if new_window else []
    pieces: list[BlockPlace | FreshBlock] = [opening._replace(length=head)] if head else []
    pieces.extend(middle)
    if tail < closing.length:
        rest = {"skip": closing.skip + tail, "length": closing.length - tail, "base": closing.base + tail * closing.stride}
        pieces.append(closing._replace(start=end + delta, **rest))
    next_key = old.blocks[last + 1].key if last + 1 < len(old.blocks) else closing.key + KEY_STEP
    step = (next_key - opening.key) // max(1, len(pieces))
    if step < 1:
        return None
    keyed = [p._replace(key=opening.key + k * step) for k, p in enumerate(pieces)]
    kept = (
        *old.blocks[:first], *(p for p in keyed if isinstance(p, BlockPlace)),
        *_moved(old.blocks[last + 1 :], delta),
    )
    return PlannedLayout(kept, tuple(p for p in keyed if isinstance(p, FreshBlock)), old.length + delta)


def write_layout(db: Database, document_id: int, planned: PlannedLayout, live: bool = True) -> tuple[Layout, dict[int, str]]:
    """Store revision *document_id*'s list of pieces as planned, and its new blocks; return its
    layout and the new blocks' texts by id."""
    first_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM text_blocks").fetchone()[0])
    db.conn.executemany(
        "INSERT INTO text_blocks (id, text) VALUES (?, ?)", [(first_id + k, block.text) for k, block in enumerate(planned.fresh)]
    )
    fresh = (BlockPlace(b.key, first_id + k, b.start, 0, len(b.text), b.base, b.stride) for k, b in enumerate(planned.fresh))
    blocks = sorted([*planned.kept, *fresh], key=lambda b: b.key)
    db.conn.executemany(
        "INSERT INTO document_blocks (document_id, key, block_id, start, live, skip, length, base, stride) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(document_id, b.key, b.block_id, b.start, int(live), b.skip, b.length, b.base, b.stride) for b in blocks],
    )
    return Layout(tuple(blocks), planned.length), {first_id + k: block.text for k, block in enumerate(planned.fresh)}


def read_layout(db: Database, document_id: int) -> Layout:
    rows = db.execute(
        "SELECT key, block_id, start, skip, length, base, stride FROM document_blocks WHERE document_id = ? ORDER BY key", [document_id]
    ).fetchall()
    blocks = tuple(map(BlockPlace._make, rows))
    return Layout(blocks, blocks[-1].start + blocks[-1].length if blocks else 0)


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
        "SELECT t.text, b.skip, b.length FROM document_blocks b JOIN text_blocks t ON t.id = b.block_id"
        " WHERE b.document_id = ? AND b.start >= ? AND b.start < ? ORDER BY b.key",
        [document_id, first, end if end is not None else 1 << 62],
    )
    return (text if skip == 0 and length == len(text) else text[skip : skip + length] for text, skip, length in rows)


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
