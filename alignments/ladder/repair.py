"""Re-laddering a stretch of a pair's beads after the sentences of one side changed (a split, a
merge, a text revision), as a `ReplaceBeads` edit.

Each sentence of the changed side names the old beads it comes from (its anchors). Beads a
sentence straddles become one bead; a sentence of wholly new text stands in a bead of its own;
a bead whose sentences are all still there, unchanged, comes through whole. The other side is
never reordered. Pure Python, no database and no Qt.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field

from alignments.ladder.beads import Bead, BeadStatus, Side
from alignments.ladder.edits import Content, Region, ReplaceBeads, replace_region


@dataclass(frozen=True)
class Placed:
    """A sentence of the changed side, in order: the old beads it continues or replaces
    (*anchors*; none for new text) and whether its text is new (its bead loses confirmation)."""

    sentence_id: int
    anchors: tuple[int, ...] = ()
    changed: bool = False


@dataclass(frozen=True)
class _Group:
    """Old beads that become one: their index range in the stretch and the new side's sentences."""

    first: int
    last: int
    placed: list[Placed] = field(default_factory=list)
    after: list[Placed] = field(default_factory=list)  # new text that stands alone after the group


def reladder(
    stretch: Region,
    side: Side,
    placed: Sequence[Placed],
    unconfirm: Collection[int],
    new_ids: Iterator[int],
    now: str,
    provenance: str,
    label: str,
) -> ReplaceBeads:
    """The edit that gives *stretch* the sentences *placed* on *side* (beads in *unconfirm* lose
    their confirmation)."""
    groups, before = _groups(stretch.beads, placed)
    contents = [_alone(side, p) for p in before]
    for group in groups:
        content = _content(stretch.beads, group, side, unconfirm)
        if content is not None:
            contents.append(content)
        contents.extend(_alone(side, p) for p in group.after)
    return replace_region(stretch, contents, new_ids, now, label, provenance)


def _groups(beads: Sequence[Bead], placed: Sequence[Placed]) -> tuple[list[_Group], list[Placed]]:
    """Old beads merged where a sentence straddles them (or where anchors run backwards), with
    each new-side sentence in its group or standing alone after the group before it."""
    index = {bead.id: k for k, bead in enumerate(beads)}
    spans: list[tuple[int, int]] = []
    reach = -1
    for sentence in placed:
        ks = [index[a] for a in sentence.anchors if a in index]
        if ks:
            low, high = min(ks), max(ks)
            spans.append((min(low, reach) if low < reach else low, max(high, reach)))
            reach = max(reach, high)
    groups = _merged(spans, len(beads))
    owner = {k: g for g in groups for k in range(g.first, g.last + 1)}
    before: list[Placed] = []
    current: _Group | None = None
    for sentence in placed:
        ks = [index[a] for a in sentence.anchors if a in index]
        if not ks:
            (current.after if current is not None else before).append(sentence)
            continue
        group = owner[min(ks)]
        if group is current:
            group.placed.extend(group.after)
            group.after.clear()
        group.placed.append(sentence)
        current = group
    return groups, before


def _merged(spans: Sequence[tuple[int, int]], count: int) -> list[_Group]:
    """Disjoint groups covering 0..count-1: overlapping spans joined, other beads alone."""
    reach = list(range(count))
    for low, high in spans:
        reach[low] = max(reach[low], high)
    groups: list[_Group] = []
    first = 0
    while first < count:
        last, k = reach[first], first
        while k < last:
            k += 1
            last = max(last, reach[k])
        groups.append(_Group(first, last))
        first = last + 1
    return groups


def _content(beads: Sequence[Bead], group: _Group, side: Side, unconfirm: Collection[int]) -> Content | None:
    members = beads[group.first : group.last + 1]
    new_side = tuple(p.sentence_id for p in group.placed)
    other = tuple(sid for bead in members for sid in (bead.target_ids if side == Side.SOURCE else bead.source_ids))
    if not new_side and not other:
        return None
    source, target = (new_side, other) if side == Side.SOURCE else (other, new_side)
    single = members[0] if len(members) == 1 else None
    intact = single is not None and single.id not in unconfirm and not any(p.changed for p in group.placed)
    if intact and single is not None and (single.source_ids, single.target_ids) == (source, target):
        return Content(source, target, single.status, single)
    status = single.status if intact and single is not None else BeadStatus.AUTO
    return Content(source, target, status, score=single.score if single is not None else None)


def _alone(side: Side, sentence: Placed) -> Content:
    ids = (sentence.sentence_id,)
    return Content(ids, ()) if side == Side.SOURCE else Content((), ids)

