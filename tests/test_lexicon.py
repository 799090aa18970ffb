"""The word-translation model the default aligner learns from a pair (alignments/aligner/lexicon.py),
on the shared gold data: what it learns from half of a document's 1:1 beads must tell the other
half's true pairs from the rest, the EM must give proper probabilities, and the similarity must
read the same backwards (the confidence pass runs the programme on both sides reversed)."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.anchor_similarity import Tokens, TokenTable, token_tables
from alignments.aligner.band import Band
from alignments.aligner.lexicon import LEAST_PAIRS, Lexicon, _Meetings, _model_one, learn
from bench.data import GOLD, Document, gold_documents, repeated_pair
from bench.methods import features

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold data")


def tokens_of(document: Document) -> Tokens:
    source, target, _ = document
    return token_tables(features(source).anchors, features(target).anchors)


def one_to_one(document: Document) -> list[tuple[range, range]]:
    return [(range(s[0], s[0] + 1), range(t[0], t[0] + 1)) for s, t in document[2] if len(s) == len(t) == 1]


def dice(lexicon: Lexicon, tokens: Tokens) -> np.ndarray:
    """The lexical share of every sentence pair (n × m), through a band over the whole rectangle."""
    n, m = len(tokens.source), len(tokens.target)
    band = Band.diagonal(n, m, max(n, m))
    similarity = lexicon.band_similarity(tokens.source, tokens.target, band)
    columns = np.arange(m)[None, :] + 1 - band.lo[1:, None]
    shared = np.take_along_axis(similarity.shared[1:], columns, axis=1)
    total = similarity.source_weight[:, None] + similarity.target_weight[None, :]
    return np.divide(2 * shared, total, out=np.zeros((n, m)), where=total > 0)


@pytest.mark.parametrize("set_name", ["textberg_dev", "parice"])
def test_what_half_the_beads_teach_finds_the_other_half(set_name: str) -> None:
    """Cross-validated on every document: the lexicon of the first half's 1:1 beads gives the
    second half's true pairs a clearly higher share than the other pairs of those sentences."""
    true_shares, other_shares = [], []
    for document in gold_documents(set_name):
        tokens, pairs = tokens_of(document), one_to_one(document)
        lexicon = learn(tokens.source, tokens.target, pairs[: len(pairs) // 2])
        if lexicon is None:
            continue
        held_out = pairs[len(pairs) // 2 :]
        rows = [s.start for s, _ in held_out]
        columns = [t.start for _, t in held_out]
        shares = dice(lexicon, tokens)[np.ix_(rows, columns)]
        true_shares += np.diag(shares).tolist()
        other_shares += shares[~np.eye(len(rows), dtype=bool)].tolist()
    assert true_shares
    assert np.mean(true_shares) > 2 * np.mean(other_shares)


def test_too_few_sure_beads_teach_nothing() -> None:
    document = gold_documents("parice")[0]
    tokens = tokens_of(document)
    pairs = one_to_one(document)
    assert learn(tokens.source, tokens.target, pairs[: LEAST_PAIRS - 1]) is None
    assert learn(tokens.source, tokens.target, pairs[:LEAST_PAIRS]) is not None


def test_each_word_translates_with_probabilities_that_sum_to_one() -> None:
    document = gold_documents("textberg_dev")[0]
    tokens = tokens_of(document)
    runs = np.asarray([(s.start, s.stop, t.start, t.stop) for s, t in one_to_one(document)], dtype=np.int64)
    vocabulary = int(max(tokens.source.ids.max(), tokens.target.ids.max())) + 1
    table = _model_one(_Meetings.of(tokens.source, runs[:, :2], tokens.target, runs[:, 2:]), vocabulary, iterations=5)
    totals = np.bincount(table.given + 1, weights=table.probability)
    assert np.allclose(totals[np.bincount(table.given + 1) > 0], 1.0)
    assert ((table.probability > 0) & (table.probability <= 1)).all()


def test_the_similarity_reads_the_same_backwards() -> None:
    document = gold_documents("parice")[4]
    tokens = tokens_of(document)
    lexicon = learn(tokens.source, tokens.target, one_to_one(document))
    assert lexicon is not None
    n, m = len(tokens.source), len(tokens.target)
    band = Band.diagonal(n, m, 20)
    forward = lexicon.band_similarity(tokens.source, tokens.target, band)
    backward = lexicon.band_similarity(tokens.source.reversed(), tokens.target.reversed(), band.reversed())
    assert np.allclose(forward.source_weight, backward.source_weight[::-1])
    assert np.allclose(forward.target_weight, backward.target_weight[::-1])
    compared = 0
    for i in range(1, n + 1):  # cell (i, j) forwards is cell (n + 1 - i, m + 1 - j) backwards
        for j in range(max(1, int(band.lo[i])), int(band.hi[i]) + 1):
            k = m + 1 - j - band.reversed().lo[n + 1 - i]
            if 0 <= k < backward.shared.shape[1]:
                assert forward.shared[i, j - band.lo[i]] == pytest.approx(backward.shared[n + 1 - i, k], abs=1e-5)
                compared += forward.shared[i, j - band.lo[i]] > 0
    assert compared > n


def sentence_table(table: TokenTable, k: int) -> TokenTable:
    """Sentence *k* of a table alone (same word ids)."""
    return TokenTable(np.array([0, table.offsets[k + 1] - table.offsets[k]]), table.ids[table.offsets[k] : table.offsets[k + 1]])


def test_a_cell_depends_only_on_its_two_sentences() -> None:
    """On a pair longer than the windows the similarity is worked out in, every cell of a narrow
    band holds what the two sentences give alone."""
    document = repeated_pair(700, "textberg_dev")
    tokens = tokens_of(document)
    lexicon = learn(tokens.source, tokens.target, one_to_one(document)[:200])
    assert lexicon is not None
    n, m = len(tokens.source), len(tokens.target)
    band = Band.diagonal(n, m, 12)
    similarity = lexicon.band_similarity(tokens.source, tokens.target, band)
    one_by_one = Band.diagonal(1, 1, 1)
    rng = np.random.default_rng(0)
    checked = 0
    for i in rng.integers(1, n + 1, size=300).tolist():
        j = int(rng.integers(max(1, int(band.lo[i])), int(band.hi[i]) + 1))
        alone = lexicon.band_similarity(sentence_table(tokens.source, i - 1), sentence_table(tokens.target, j - 1), one_by_one)
        assert similarity.shared[i, j - band.lo[i]] == pytest.approx(alone.shared[1, 1 - one_by_one.lo[1]], abs=1e-5)
        checked += alone.shared[1, 1 - one_by_one.lo[1]] > 0
    assert checked > 20
