"""The known runs' side of the lexicon (alignments/aligner/lexicon.py `KnownPairs`), worked out
once an alignment: on any token tables, what it learns must be exactly what EM over the pair's
sentences followed by the known runs, as runs of its own, learns."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from alignments.aligner.anchor_similarity import TokenTable
from alignments.aligner.lexicon import KnownPairs, Lexicon, learn


def table(rows: list[list[int]]) -> TokenTable:
    counts = [len(row) for row in rows]
    return TokenTable(np.concatenate(([0], np.cumsum(counts, dtype=np.int64))), np.asarray([i for row in rows for i in row], dtype=np.int64))


def joined(own: TokenTable, more: TokenTable) -> TokenTable:
    """*own*'s sentences, then *more*'s, as one table."""
    return TokenTable(np.concatenate((own.offsets, own.offsets[-1] + more.offsets[1:])), np.concatenate((own.ids, more.ids)))


def assert_same_translations(mine: Lexicon, theirs: Lexicon) -> None:
    """Both ways, the same words with the same probabilities, to the last bit."""
    for ours, other in ((mine.forward, theirs.forward), (mine.backward, theirs.backward)):
        assert np.array_equal(ours.given, other.given) and np.array_equal(ours.word, other.word)
        assert np.array_equal(ours.probability, other.probability)


sentences = st.lists(st.lists(st.integers(0, 30), max_size=5, unique=True), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(sentences, sentences, st.lists(st.tuples(st.lists(st.integers(0, 35), max_size=5, unique=True), st.lists(st.integers(0, 35), max_size=5, unique=True)), max_size=15), st.data())
def test_known_runs_teach_what_they_teach_as_the_pairs_own_runs(
    source_rows: list[list[int]], target_rows: list[list[int]], known_rows: list[tuple[list[int], list[int]]], data: st.DataObject
) -> None:
    source, target = table(source_rows), table(target_rows)
    known_source, known_target = table([s for s, _ in known_rows]), table([t for _, t in known_rows])
    n, m = len(source_rows), len(target_rows)
    ones = st.tuples(st.integers(0, n - 1), st.integers(0, m - 1))
    own = [(range(i, i + 1), range(j, j + 1)) for i, j in data.draw(st.lists(ones, max_size=10))]
    prepared = KnownPairs((known_source, known_target)) if known_rows else None
    fast = learn(source, target, own, prepared)
    as_own = [(range(n + k, n + k + 1), range(m + k, m + k + 1)) for k in range(len(known_rows))]
    plain = learn(joined(source, known_source), joined(target, known_target), [*own, *as_own])
    assert (fast is None) == (plain is None)
    if fast is None or plain is None:
        return
    assert_same_translations(fast, plain)
    assert learn(source, target, own, prepared) is fast or prepared is None  # learnt once
