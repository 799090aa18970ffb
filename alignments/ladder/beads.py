"""Beads, the units of an alignment: a run of source sentences with a run of target sentences.

Plain frozen values and the ladder rule they obey (every sentence of a pair in exactly one
bead, in order). Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

MANUAL = "manual"
LOW_CONFIDENCE = 0.5  # beads scored below this are flagged for review


def parse_score(text: str) -> float:
    """A bead's confidence as a file gives it: a number from 0 to 1 (ValueError otherwise)."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0.0 <= value <= 1.0:  # NaN too
        raise ValueError(f"{text!r} is not a score from 0 to 1")
    return value


class BeadStatus(StrEnum):
    AUTO = "auto"
    CONFIRMED = "confirmed"


STATUS_NAMED = {str(status): status for status in BeadStatus}  # for rows read back in bulk


class Side(StrEnum):
    SOURCE = "source"
    TARGET = "target"


@dataclass(frozen=True)
class Bead:
    """One alignment unit of a pair, with where it sits on each side.

    `source_pos`/`target_pos` order the ladder: the start offset of the bead's first sentence on
    that side or, for an empty side, of the next sentence on that side (the text length at the
    end). Sorting by (source_pos, target_pos) gives the ladder order.
    """

    id: int
    pair_id: int
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    source_pos: int
    target_pos: int
    status: BeadStatus = BeadStatus.AUTO
    score: float | None = None
    provenance: str = MANUAL
    created_at: str = ""

    @property
    def shape(self) -> str:
        return f"{len(self.source_ids)}:{len(self.target_ids)}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == BeadStatus.CONFIRMED

    def with_status(self, status: BeadStatus) -> Bead:
        return replace(self, status=status)


class LadderError(ValueError):
    """A ladder that does not cover a pair's sentences exactly once, in order."""


def check_ladder(beads: Sequence[Bead], source_ids: Sequence[int], target_ids: Sequence[int]) -> None:
    """Raise LadderError unless *beads* cover both sentence sequences exactly once, in order."""
    covered_source = [sid for bead in beads for sid in bead.source_ids]
    covered_target = [tid for bead in beads for tid in bead.target_ids]
    if covered_source != list(source_ids):
        raise LadderError("the beads do not cover the source sentences exactly once, in order")
    if covered_target != list(target_ids):
        raise LadderError("the beads do not cover the target sentences exactly once, in order")
    if any(not bead.source_ids and not bead.target_ids for bead in beads):
        raise LadderError("a bead has no sentences")
    keys = [(bead.source_pos, bead.target_pos) for bead in beads]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        raise LadderError("the bead positions do not follow the ladder order")


def lay_out(
    contents: Sequence[tuple[Sequence[int], Sequence[int]]],
    source_starts: dict[int, int],
    target_starts: dict[int, int],
    next_positions: tuple[int, int],
) -> list[tuple[int, int]]:
    """Ladder positions for beads with these (source ids, target ids), in order.

    A side's position is the start (as the store keys it) of the bead's first sentence there or,
    when the side is empty, of the next sentence on that side; *next_positions* are those after
    the last bead.
    """
    source_cursor, target_cursor = next_positions
    positions: list[tuple[int, int]] = []
    for source_ids, target_ids in reversed(contents):
        if source_ids:
            source_cursor = source_starts[source_ids[0]]
        if target_ids:
            target_cursor = target_starts[target_ids[0]]
        positions.append((source_cursor, target_cursor))
    positions.reverse()
    return positions
