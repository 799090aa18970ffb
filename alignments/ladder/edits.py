"""Hand edits of an alignment as invertible values.

Every edit is a `ReplaceBeads`: the beads it takes out and the beads it puts in, each complete,
so `edit.inverse()` is the same change backwards. The planners (`link`, `unlink`, `set_status`)
compute such a change from a `Region` of the ladder; the store applies it in one transaction.
Pure Python, no database and no Qt.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from alignments.ladder.beads import MANUAL, Bead, BeadStatus, lay_out
from corpus.errors import UserError


class EditError(UserError, ValueError):
    """An edit that cannot be made; the message is meant for the user."""


class StaleEditError(UserError):
    """An edit planned against a project that has changed since (its beads, sentences or
    decisions are no longer as they were): refused, nothing changed."""


@dataclass(frozen=True)
class ReplaceBeads:
    """Take *removed* out of a pair's ladder and put *added* in; both sides complete beads."""

    pair_id: int
    removed: tuple[Bead, ...]
    added: tuple[Bead, ...]
    label: str = "Edit"

    def inverse(self) -> ReplaceBeads:
        return ReplaceBeads(self.pair_id, self.added, self.removed, self.label)

    @property
    def is_empty(self) -> bool:
        return not self.removed and not self.added

    def renumbered(self, ids: Iterator[int]) -> ReplaceBeads:
        """The same edit with its added beads under the ids *ids* gives: an edit planned in
        the background takes fresh ids when applied, as hand edits may have used its own."""
        added = tuple(replace(bead, id=next(ids)) for bead in self.added)
        return ReplaceBeads(self.pair_id, self.removed, added, self.label)


@dataclass(frozen=True)
class Region:
    """A contiguous run of a pair's ladder, with what planning an edit inside it needs: the
    positions after it, and each sentence's start as a ladder position (the store's order key of
    the sentence's start, which grows with its offset)."""

    pair_id: int
    beads: tuple[Bead, ...]
    next_positions: tuple[int, int]
    source_starts: Mapping[int, int] = field(default_factory=dict)
    target_starts: Mapping[int, int] = field(default_factory=dict)

    @property
    def source_ids(self) -> list[int]:
        return [sid for bead in self.beads for sid in bead.source_ids]

    @property
    def target_ids(self) -> list[int]:
        return [tid for bead in self.beads for tid in bead.target_ids]


@dataclass(frozen=True)
class Content:
    """A bead to be: its sentences, and the old bead it repeats (if any) or its new status and
    score."""

    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    status: BeadStatus = BeadStatus.AUTO
    origin: Bead | None = None
    score: float | None = None  # of a new bead (a repeated one keeps its own)


def link(
    region: Region, source_ids: Sequence[int], target_ids: Sequence[int], new_ids: Iterator[int], now: str
) -> ReplaceBeads:
    """Make one confirmed bead of a run of source and a run of target sentences; the rest of the
    region keeps its order, each old bead shrunk to the sentences it still holds."""
    if not source_ids or not target_ids:
        raise EditError("Select sentences on both sides to link them.")
    first_source, end_source = _run(region.source_ids, source_ids, "source")
    first_target, end_target = _run(region.target_ids, target_ids, "translation")
    before = (set(region.source_ids[:first_source]), set(region.target_ids[:first_target]))
    after = (set(region.source_ids[end_source:]), set(region.target_ids[end_target:]))
    contents = [*_parts(region.beads, before)]
    linked = (tuple(source_ids), tuple(target_ids))
    same = next((b for b in region.beads if (b.source_ids, b.target_ids) == linked), None)
    contents.append(Content(*linked, BeadStatus.CONFIRMED, same))
    contents.extend(_parts(region.beads, after))
    return replace_region(region, contents, new_ids, now, "Link")


def unlink(region: Region, bead_ids: Collection[int], new_ids: Iterator[int], now: str) -> ReplaceBeads:
    """Dissolve the chosen beads of *region*: each of their sentences stands alone (1:0, 0:1)."""
    contents: list[Content] = []
    for bead in region.beads:
        if bead.id in bead_ids and len(bead.source_ids) + len(bead.target_ids) > 1:
            contents.extend(Content((sid,), ()) for sid in bead.source_ids)
            contents.extend(Content((), (tid,)) for tid in bead.target_ids)
        else:
            contents.append(Content(bead.source_ids, bead.target_ids, bead.status, bead))
    return replace_region(region, contents, new_ids, now, "Unlink")


def set_status(pair_id: int, beads: Sequence[Bead], status: BeadStatus) -> ReplaceBeads:
    """Confirm or unconfirm *beads*; beads already in that status are left out."""
    changing = tuple(bead for bead in beads if bead.status != status)
    label = "Confirm" if status == BeadStatus.CONFIRMED else "Unconfirm"
    return ReplaceBeads(pair_id, changing, tuple(bead.with_status(status) for bead in changing), label)


def _run(sequence: Sequence[int], chosen: Sequence[int], side: str) -> tuple[int, int]:
    """Where *chosen* sits in *sequence* as one contiguous run."""
    try:
        first = sequence.index(chosen[0])
    except ValueError:
        raise EditError(f"The selected {side} sentences are not part of this alignment.") from None
    if list(sequence[first : first + len(chosen)]) != list(chosen):
        raise EditError(f"The selected {side} sentences must be consecutive.")
    return first, first + len(chosen)


def _parts(beads: Sequence[Bead], keep: tuple[set[int], set[int]]) -> Iterator[Content]:
    """What remains of each bead when it keeps only the sentences in *keep*."""
    for bead in beads:
        source = tuple(sid for sid in bead.source_ids if sid in keep[0])
        target = tuple(tid for tid in bead.target_ids if tid in keep[1])
        if (source, target) == (bead.source_ids, bead.target_ids):
            yield Content(source, target, bead.status, bead)
        elif source or target:
            yield Content(source, target)


def replace_region(
    region: Region, contents: Sequence[Content], new_ids: Iterator[int], now: str, label: str, provenance: str = MANUAL
) -> ReplaceBeads:
    """The edit that turns *region* into beads with these *contents* (in order), new beads made
    by *provenance*; beads that come out the same are left out of the edit."""
    positions = lay_out(
        [(c.source_ids, c.target_ids) for c in contents],
        dict(region.source_starts),
        dict(region.target_starts),
        region.next_positions,
    )
    new_beads = [
        _bead(region.pair_id, content, position, new_ids, now, provenance) for content, position in zip(contents, positions)
    ]
    unchanged = set(region.beads) & set(new_beads)
    removed = tuple(bead for bead in region.beads if bead not in unchanged)
    added = tuple(bead for bead in new_beads if bead not in unchanged)
    return ReplaceBeads(region.pair_id, removed, added, label)


def _bead(
    pair_id: int, content: Content, position: tuple[int, int], new_ids: Iterator[int], now: str, provenance: str
) -> Bead:
    origin = content.origin
    if origin is not None:
        return Bead(
            origin.id, pair_id, origin.source_ids, origin.target_ids, *position,
            content.status, origin.score, origin.provenance, origin.created_at,
        )
    return Bead(
        next(new_ids), pair_id, content.source_ids, content.target_ids, *position, content.status, content.score,
        provenance, now,
    )


def splice_rows(
    positions: Sequence[tuple[int, int]], ids: Sequence[int], removed: Sequence[Bead], added: Sequence[Bead]
) -> tuple[int, int, list[tuple[int, tuple[int, int]]]]:
    """How a change rewrites an ordered ladder held as parallel *positions* and *ids* lists.

    Returns (first row, how many old rows to replace, the new (id, position) rows); rows
    outside that stretch are untouched.
    """
    old_rows = [bisect.bisect_left(positions, (b.source_pos, b.target_pos)) for b in removed]
    new_rows = [bisect.bisect_left(positions, (b.source_pos, b.target_pos)) for b in added]
    if not old_rows and not new_rows:
        return 0, 0, []
    first = min([*old_rows, *new_rows])
    end = max([row + 1 for row in old_rows] + new_rows)
    gone = {bead.id for bead in removed}
    kept = [(ids[row], positions[row]) for row in range(first, end) if ids[row] not in gone]
    fresh = [(bead.id, (bead.source_pos, bead.target_pos)) for bead in added]
    return first, end - first, sorted([*kept, *fresh], key=lambda row: row[1])


@dataclass(frozen=True)
class BeadChange:
    """What an applied edit did to one pair's ladder (for views to update themselves)."""

    pair_id: int
    removed: tuple[Bead, ...]
    added: tuple[Bead, ...]
