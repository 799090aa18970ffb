"""Beads cut off at a text's edge. When a translation covers only part of the source, the
aligner can pair its first (or last) few sentences with the other text's first (or last) ones,
short lines such as titles whose lengths happen to fit, and leave a long run without
counterpart between them and the rest: sentences paired pages away from where they belong. In
the gold variants every such bead was wrong (10 of 10), so the aligner flags them
(alignments/aligner/islands.py) and the coverage warning does not count them. Plain values, on
a ladder of 0-based positions (the vecalign notation).
"""

from __future__ import annotations

from collections.abc import Sequence

Link = tuple[Sequence[int], Sequence[int]]

ISLAND_BEADS = 3  # at most this many beads with both sides at the edge …
ISLAND_GAP = 5  # … then at least this many null beads, all on one side, before the rest


def island_links(links: Sequence[Link], gap_side: int | None = None) -> list[int]:
    """Indices of the links with both sides that stand at the ladder's start or end, at most
    ISLAND_BEADS of them, cut off from the rest by ISLAND_GAP or more null links of one side
    (*gap_side*: only where that side is 0, the source, or 1, the translation)."""
    linked = [bool(len(source) and len(target)) for source, target in links]
    found: list[int] = []
    for order in (range(len(links)), range(len(links) - 1, -1, -1)):
        positions = list(order)
        edge = _leading(positions, linked, True)
        gap = _leading(positions[len(edge) :], linked, False)
        sides = {0 if len(links[k][0]) else 1 for k in gap}
        one_side = len(sides) == 1 and (gap_side is None or sides == {gap_side})
        rest = len(edge) + len(gap) < len(positions)
        if 0 < len(edge) <= ISLAND_BEADS and len(gap) >= ISLAND_GAP and one_side and rest:
            found += edge
    return sorted(set(found))


def _leading(positions: Sequence[int], linked: Sequence[bool], wanted: bool) -> list[int]:
    """The first *positions* whose link is (*wanted*) or is not linked, up to the first that differs."""
    run: list[int] = []
    for k in positions:
        if linked[k] != wanted:
            break
        run.append(k)
    return run
