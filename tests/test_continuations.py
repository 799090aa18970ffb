"""A sentence cut in two (the first part ends with a comma or semicolon, the second starts in
lower case) is cheaper to keep in one bead with sentence vectors (alignments/aligner/costs.py
`continued_sentences`, CONTINUATION_DISCOUNT); the backward (confidence) pass must count the
same groups as the forward one."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.align import SideFeatures
from alignments.aligner.anchors import punctuation_flags
from alignments.aligner.bead_terms import continued_sentences

LINES = ["Wait,", "what is Rakel doing here?", "Fine.", "yes", "No;", "maybe so.", "And then,", "Nothing."]


def side(lines: list[str]) -> SideFeatures:
    return SideFeatures.of([len(line) for line in lines], punctuation=[punctuation_flags(line) for line in lines])


@pytest.mark.parametrize(("count", "expected"), [(2, [1, 0, 0, 0, 1, 0, 0]), (3, [1, 0, 0, 1, 1, 0])])
def test_a_group_counts_the_sentences_that_continue_the_one_before(count: int, expected: list[int]) -> None:
    ends = np.arange(count, len(LINES) + 1)
    assert continued_sentences(side(LINES), count, ends, reverse=False).tolist() == expected


@pytest.mark.parametrize("count", [2, 3, 4])
def test_read_backwards_every_group_counts_the_same(count: int) -> None:
    n = len(LINES)
    ends = np.arange(count, n + 1)
    forwards = continued_sentences(side(LINES), count, ends, reverse=False)
    backwards = continued_sentences(side(LINES[::-1]), count, ends, reverse=True)
    # the group ending before e forwards is the one ending before n - (e - count) backwards
    assert forwards.tolist() == [backwards[n - (end - count) - count] for end in ends]
