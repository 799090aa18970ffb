"""The coverage warning: which part of one text the other appears to cover, in one line."""

from __future__ import annotations

from collections.abc import Collection

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignments.ladder.coverage import coverage_findings, coverage_warning, links_from_counts, might_find

Link = tuple[tuple[int, ...], tuple[int, ...]]


def ladder(pairs: int, source_nulls: Collection[int] = (), target_nulls: Collection[int] = ()) -> list[Link]:
    """*pairs* 1:1 beads, with null beads on either side at the given positions of its side."""
    links: list[Link] = []
    i = j = 0
    while i < pairs + len(source_nulls) or j < pairs + len(target_nulls):
        if i in source_nulls:
            links.append(((i,), ()))
            i += 1
        elif j in target_nulls:
            links.append(((), (j,)))
            j += 1
        else:
            links.append(((i,), (j,)))
            i, j = i + 1, j + 1
    return links


@pytest.mark.parametrize(
    ("links", "counts", "warning"),
    [
        (ladder(100), (100, 100), None),
        (ladder(100, source_nulls=range(100, 106)), (106, 100), None),  # a few lines at the end: no news
        (
            ladder(212, source_nulls=range(212, 530)),
            (530, 212),
            "Warning: the translation appears to cover sentences 1–212 of 530 of the source.",
        ),
        (
            ladder(100, source_nulls=range(0, 60)),
            (160, 100),
            "Warning: the translation appears to cover sentences 61–160 of 160 of the source.",
        ),
        (
            ladder(90, source_nulls=range(40, 60)),
            (110, 90),
            "Warning: the translation appears to leave out sentences 41–60 of the 110 of the source.",
        ),
        (
            ladder(150, source_nulls=[*range(40, 60), *range(100, 120)]),
            (190, 150),
            "Warning: the translation appears to leave out sentences 41–60 and 101–120 of the 190 of the source.",
        ),
        (
            ladder(150, source_nulls=[*range(0, 30), *range(80, 100)]),
            (200, 150),
            "Warning: the translation appears to cover sentences 31–200 of 200 of the source (except 81–100).",
        ),
        (
            ladder(50, target_nulls=range(50, 120)),
            (50, 120),
            "Warning: the source appears to cover sentences 1–50 of 120 of the translation.",
        ),
        ([((0,), ()), ((1,), ())], (2, 0), None),  # nothing aligned: no coverage to speak of
    ],
)
def test_the_warning_names_the_covered_sentences(links: list[Link], counts: tuple[int, int], warning: str | None) -> None:
    assert coverage_warning(links, *counts) == warning


# 35 sentences of 300 in 20 places: 15 runs of two, 5 single sentences
ABRIDGED = sorted([*range(5, 300, 20), *range(6, 300, 20), *range(15, 300, 60)])


@pytest.mark.parametrize(
    ("links", "counts", "need_none", "warning"),
    [
        (
            ladder(265, source_nulls=ABRIDGED),
            (300, 265),
            ((), ()),
            "Warning: the translation appears to leave out 35 of the 300 sentences of the source, here and there (in 20 places).",
        ),
        (
            ladder(265, target_nulls=ABRIDGED),
            (265, 300),
            ((), ()),
            "Warning: the source appears to leave out 35 of the 300 sentences of the translation, here and there (in 20 places).",
        ),
        (ladder(265, source_nulls=ABRIDGED), (300, 265), (ABRIDGED[:8], ()), None),  # 27 left: not a tenth of 300 any more
        (ladder(265, target_nulls=ABRIDGED), (265, 300), ((), ABRIDGED), None),  # notes and junk lines need no counterpart
        (ladder(290, source_nulls=ABRIDGED[:10]), (300, 290), ((), ()), None),  # a thirtieth: a complete pair leaves as much
        (ladder(40, source_nulls=[3, 4, 5, 9, 10, 20]), (46, 40), ((), ()), "Warning: the translation appears to leave out 6 of the 46 sentences of the source, here and there (in 3 places)."),
        (ladder(40, source_nulls=[3, 4, 5, 6, 9, 10]), (46, 40), ((), ()), None),  # in two places only
        (ladder(40, source_nulls=[3, 4, 5, 6, 9, 10]), (46, 40), ([5], ()), None),  # a junk line inside a run does not part it
    ],
)
def test_sentences_left_out_here_and_there_are_counted(
    links: list[Link], counts: tuple[int, int], need_none: tuple[Collection[int], Collection[int]], warning: str | None
) -> None:
    """An abridged translation (or one that adds here and there) leaves short runs of the other
    text without counterpart: no stretch to name, but how many and in how many places."""
    assert coverage_warning(links, *counts, need_none) == warning


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]), min_size=1, max_size=80),
    st.sets(st.integers(0, 120)),
    st.sets(st.integers(0, 120)),
)
def test_sentences_needing_no_counterpart_can_only_withdraw_a_finding(
    shapes: list[tuple[int, int]], source_none: set[int], target_none: set[int]
) -> None:
    """The window works out the coverage only when the number of sentences without counterpart
    allows a finding, without the sentences that need none first, and reads the texts only when
    that finds something (ui/pair_status.py): sound only if knowing them never adds one."""
    links = links_from_counts(shapes)
    counts = sum(shape[0] for shape in shapes), sum(shape[1] for shape in shapes)
    unaligned = sum(sum(shape) for shape in shapes if not all(shape))
    if not might_find(unaligned, *counts):  # the window's first, cheapest test
        assert coverage_findings(links, *counts) is None
    if coverage_findings(links, *counts) is None:
        assert coverage_findings(links, *counts, (source_none, target_none)) is None
