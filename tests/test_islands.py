"""Beads cut off at a text's edge (alignments/ladder/islands.py, flagged by
alignments/aligner/islands.py): a few beads with both sides at the start or end of a ladder, then
a long run of one side's null beads, are flagged and not counted as covered; nothing else is."""

from __future__ import annotations

from alignments.aligner.islands import with_islands_flagged
from alignments.aligner.solve import AlignedBead
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.ladder.coverage import coverage_warning
from alignments.ladder.islands import ISLAND_BEADS, ISLAND_GAP, island_links


def ladder(*shapes: tuple[int, int]) -> list[AlignedBead]:
    """Beads of these shapes one after the other, every one sure."""
    beads, i, j = [], 0, 0
    for x, y in shapes:
        beads.append(AlignedBead(range(i, i + x), range(j, j + y), 0.9))
        i, j = i + x, j + y
    return beads


def _islands(beads: list[AlignedBead]) -> list[int]:
    return island_links([(b.source, b.target) for b in beads])


def test_a_few_beads_before_a_long_run_of_one_side_are_islands() -> None:
    beads = ladder(*[(1, 1)] * 2, *[(1, 0)] * ISLAND_GAP, *[(1, 1)] * 10)
    assert _islands(beads) == [0, 1]
    flagged = with_islands_flagged(beads)
    assert [b.score < LOW_CONFIDENCE for b in flagged] == [True, True] + [False] * (ISLAND_GAP + 10)


def test_islands_at_the_end_and_on_either_side() -> None:
    beads = ladder(*[(1, 1)] * 10, *[(0, 1)] * (ISLAND_GAP + 3), (2, 1))
    assert _islands(beads) == [len(beads) - 1]


def test_no_island_without_a_long_one_sided_gap_or_with_too_many_beads() -> None:
    assert _islands(ladder(*[(1, 1)] * 20)) == []
    assert _islands(ladder((1, 1), *[(1, 0)] * (ISLAND_GAP - 1), *[(1, 1)] * 10)) == []
    mixed = [(1, 0), (0, 1)] * ISLAND_GAP
    assert _islands(ladder((1, 1), *mixed, *[(1, 1)] * 10)) == []  # both sides missing: a cut passage
    assert _islands(ladder(*[(1, 1)] * (ISLAND_BEADS + 1), *[(1, 0)] * 10, *[(1, 1)] * 10)) == []
    assert _islands(ladder(*[(1, 1)] * 2, *[(1, 0)] * 10)) == []  # the translation ends there: nothing after


def test_the_coverage_warning_does_not_count_an_island_as_covered() -> None:
    """An excerpt of translation sentences 0-15 whose first two were paired with the source's
    titles: it covers source sentences 21-36, not 1-36 with a gap."""
    links = [((0,), (0,)), ((1,), (1,))] + [((i,), ()) for i in range(2, 20)]
    links += [((i,), (i - 18,)) for i in range(20, 36)] + [((i,), ()) for i in range(36, 55)]
    assert coverage_warning(links, 55, 18) == "Warning: the translation appears to cover sentences 21–36 of 55 of the source."
