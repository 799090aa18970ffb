"""Beads cut off at a text's edge. When a translation covers only part of the source, the
programme can pair its first (or last) few sentences with the other text's first (or last)
ones, short lines such as titles whose lengths happen to fit, and leave a long run without
counterpart between them and the rest: the sentences the user sees paired pages away from
where they belong, with every bead's margin looking sure. In the gold variants every such
bead was wrong (10 of 10: ParIce at 40 % and 30-70 % with the default method, one literary
with embeddings; none in the complete texts), so their confidence is capped below the flag
threshold. numpy-free; plain index arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from alignments.aligner.solve import AlignedBead
from alignments.ladder.beads import LOW_CONFIDENCE

ISLAND_BEADS = 3  # at most this many beads with both sides at the edge …
ISLAND_GAP = 5  # … then at least this many null beads, all on one side, before the rest
ISLAND_CONFIDENCE = LOW_CONFIDENCE * 0.6


def island_beads(beads: Sequence[AlignedBead]) -> list[int]:
    """Indices of the beads with both sides that stand at the ladder's start or end, at most
    ISLAND_BEADS of them, cut off from the rest by ISLAND_GAP or more null beads of one side."""
    linked = [bool(len(bead.source) and len(bead.target)) for bead in beads]
    found: list[int] = []
    for order in (range(len(beads)), range(len(beads) - 1, -1, -1)):
        positions = list(order)
        edge = _leading(positions, linked, True)
        gap = _leading(positions[len(edge) :], linked, False)
        one_side = len({bool(len(beads[k].source)) for k in gap}) == 1
        rest = len(edge) + len(gap) < len(positions)
        if 0 < len(edge) <= ISLAND_BEADS and len(gap) >= ISLAND_GAP and one_side and rest:
            found += edge
    return sorted(set(found))


def with_islands_flagged(beads: list[AlignedBead]) -> list[AlignedBead]:
    """*beads* with every island bead's confidence at most ISLAND_CONFIDENCE."""
    for k in island_beads(beads):
        beads[k] = replace(beads[k], score=min(beads[k].score, ISLAND_CONFIDENCE))
    return beads


def _leading(positions: Sequence[int], linked: Sequence[bool], wanted: bool) -> list[int]:
    """The first *positions* whose bead is (*wanted*) or is not linked, up to the first that differs."""
    run: list[int] = []
    for k in positions:
        if linked[k] != wanted:
            break
        run.append(k)
    return run
