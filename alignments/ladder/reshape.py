"""More hand edits of a ladder, InterText's repertoire: merge a bead with the next, split a
bead, move a sentence to the neighbouring bead, give a bead an empty side. Each returns a
`ReplaceBeads` (so it can be undone); every bead an edit touches comes out confirmed, since the
user has decided it, except a split's remainder, which nobody has looked at yet. Pure Python, no database and no Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from alignments.ladder.beads import Bead, BeadStatus, Side
from alignments.ladder.edits import (
    Content,
    EditError,
    Region,
    ReplaceBeads,
    replace_region,
)

CONFIRMED = BeadStatus.CONFIRMED


class Direction(StrEnum):
    UP = "up"  # the first sentence of a side moves to the bead before
    DOWN = "down"  # the last sentence of a side moves to the bead after


def merge_with_next(region: Region, bead_id: int, new_ids: Iterator[int], now: str) -> ReplaceBeads:
    """The bead and the one after it become one bead."""
    index = _index(region, bead_id)
    if index + 1 >= len(region.beads):
        raise EditError("The last bead has no next bead to merge with.")
    first, second = region.beads[index], region.beads[index + 1]
    merged = Content(first.source_ids + second.source_ids, first.target_ids + second.target_ids, CONFIRMED)
    contents = [*_kept(region.beads[:index]), merged, *_kept(region.beads[index + 2 :])]
    return replace_region(region, contents, new_ids, now, "Merge with next")


def split_bead(region: Region, bead_id: int, new_ids: Iterator[int], now: str) -> ReplaceBeads:
    """The bead's first sentences (one of each side that has any) become a bead of their own;
    a 1:1 bead splits into 1:0 and 0:1. The first part is the user's decision and comes out
    confirmed; the remainder nobody has looked at yet stays automatic, for Align the rest."""
    index = _index(region, bead_id)
    bead = region.beads[index]
    source, target = bead.source_ids, bead.target_ids
    if len(source) + len(target) < 2:
        raise EditError("A bead with a single sentence cannot be split.")
    if len(source) == 1 and len(target) == 1:
        parts = [Content(source, (), CONFIRMED), Content((), target)]
    else:
        cut_source = 1 if len(source) > 1 else len(source)
        cut_target = 1 if len(target) > 1 else len(target)
        parts = [
            Content(source[:cut_source], target[:cut_target], CONFIRMED),
            Content(source[cut_source:], target[cut_target:]),
        ]
    contents = [*_kept(region.beads[:index]), *parts, *_kept(region.beads[index + 1 :])]
    return replace_region(region, contents, new_ids, now, "Split bead")


def move_sentence(
    region: Region, bead_id: int, side: Side, direction: Direction, new_ids: Iterator[int], now: str, count: int = 1
) -> ReplaceBeads:
    """Move the first (UP) or last (DOWN) sentence of one side of the bead into the neighbouring
    bead (the first or last *count* sentences: a sentence picked inside the cell moves with those
    between it and that neighbour); a bead left without sentences disappears."""
    index = _index(region, bead_id)
    neighbour = index - 1 if direction == Direction.UP else index + 1
    if not 0 <= neighbour < len(region.beads):
        where = "before" if direction == Direction.UP else "after"
        raise EditError(f"There is no bead {where} this one to move the sentence to.")
    bead, other = region.beads[index], region.beads[neighbour]
    ids = _side(bead, side)
    if not ids:
        raise EditError(f"This bead has no {'source' if side == Side.SOURCE else 'translation'} sentence to move.")
    if not 1 <= count <= len(ids):
        raise EditError("The picked sentence is no longer in this bead.")
    moving = ids[:count] if direction == Direction.UP else ids[-count:]
    rest = ids[count:] if direction == Direction.UP else ids[:-count]
    grown = _side(other, side) + moving if direction == Direction.UP else moving + _side(other, side)
    changed = {index: _with_side(bead, side, rest), neighbour: _with_side(other, side, grown)}
    contents = [
        changed.get(k, Content(b.source_ids, b.target_ids, b.status, b)) for k, b in enumerate(region.beads)
    ]
    contents = [c for c in contents if c.source_ids or c.target_ids]
    return replace_region(region, contents, new_ids, now, "Move sentence " + str(direction))


def give_empty_side(region: Region, bead_id: int, new_ids: Iterator[int], now: str) -> ReplaceBeads:
    """The bead's two sides part: its source sentences stand without counterpart (n:0), then its
    translation (0:m)."""
    index = _index(region, bead_id)
    bead = region.beads[index]
    if not bead.source_ids or not bead.target_ids:
        raise EditError("This bead has an empty side already.")
    parts = [Content(bead.source_ids, (), CONFIRMED), Content((), bead.target_ids, CONFIRMED)]
    contents = [*_kept(region.beads[:index]), *parts, *_kept(region.beads[index + 1 :])]
    return replace_region(region, contents, new_ids, now, "Insert empty side")


def _index(region: Region, bead_id: int) -> int:
    for index, bead in enumerate(region.beads):
        if bead.id == bead_id:
            return index
    raise EditError("The bead is no longer in the alignment.")


def _kept(beads: tuple[Bead, ...]) -> list[Content]:
    return [Content(b.source_ids, b.target_ids, b.status, b) for b in beads]


def _side(bead: Bead, side: Side) -> tuple[int, ...]:
    return bead.source_ids if side == Side.SOURCE else bead.target_ids


def _with_side(bead: Bead, side: Side, ids: tuple[int, ...]) -> Content:
    if side == Side.SOURCE:
        return Content(ids, bead.target_ids, CONFIRMED)
    return Content(bead.source_ids, ids, CONFIRMED)
