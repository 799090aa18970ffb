"""Edge clauses (alignments/aligner/edge_clauses.py): where one side of a pair writes in long
units, each line's first and last clause get vectors, and a bead is cheaper where each side's
run starts and ends as the other side's lines do."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from alignments.aligner.edge_clauses import clauses, in_long_units
from alignments.aligner.run_vectors import MemoryCache, VectorMode, cached_run_vectors, run_vectors_for, text_key
from alignments.aligner.semantics import Semantics


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Il s'agit de chercher une place de bivouac, pendant qu'il en est temps; deux banquettes étroites.",
            ["Il s'agit de chercher une place de bivouac,", "pendant qu'il en est temps;", "deux banquettes étroites."],
        ),
        ("Short, very short; and a longer final clause.", ["Short, very short; and a longer final clause."]),
        ("A rather long first clause here, and then: no.", ["A rather long first clause here, and then: no."]),
        ("他说了很多很多的话语，我们走吧走吧，天黑了；明天再来。", ["他说了很多很多的话语，", "我们走吧走吧，", "天黑了；明天再来。"]),
        ("One sentence, 8125 m.", ["One sentence, 8125 m."]),
    ],
)
def test_clauses_end_at_commas_semicolons_and_colons_and_short_ones_join_a_neighbour(line: str, expected: list[str]) -> None:
    assert clauses(line) == expected


LONG = "The first clause of a long line, then the second clause of it; and the third clause of it."
SHORT = "A short sentence of the other side."


COMMAS = "One, two, three, four, five and six."  # about as long as SHORT, with five commas


def test_a_pair_is_in_long_units_where_one_side_has_longer_lines_of_more_clauses() -> None:
    assert in_long_units([[LONG] * 10, [SHORT] * 25])
    assert in_long_units([[SHORT] * 25, [LONG] * 10])
    assert in_long_units([[LONG] * 10, [SHORT] * 10])  # a translation of part of the source, in shorter sentences
    assert not in_long_units([[LONG] * 10, [LONG] * 10])  # a complete translation
    assert not in_long_units([[COMMAS] * 10, [SHORT] * 10])  # a language that writes more commas: no longer lines
    assert not in_long_units([[SHORT] * 25, [SHORT] * 10])  # a translation that stops early: fewer lines, not longer
    assert not in_long_units([[LONG] * 10, []])


class DictEmbedder:
    """A stand-in for the model: the vector the test gives a text, else one of its own."""

    name = "dict"
    cosine_scale = 1.0

    def __init__(self, vectors: dict[str, NDArray[np.float32]]) -> None:
        self.vectors, self.asked = vectors, list[str]()

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.asked += texts
        return np.array([self.vectors.get(text, _axis(100 + len(self.asked) % 20)) for text in texts])


def _axis(k: int) -> NDArray[np.float32]:
    vector = np.zeros(128, dtype=np.float32)
    vector[k] = 1.0
    return vector


def _line(first: str, second: str, third: str) -> str:
    return f"{first} of a rather long line, {second} of a rather long line; {third} of a rather long line."


def _pair() -> tuple[list[list[str]], dict[str, NDArray[np.float32]]]:
    """Two long source lines (three clauses each) against six short target sentences: sentences
    2k and 2k + 1 translate line k's first and last clause; a few more lines of either kind
    around them make the pair one in long units."""
    lines = [_line(f"first{k}", f"middle{k}", f"last{k}") for k in range(4)]
    sentences = [f"Sentence {j}." for j in range(8)]
    vectors: dict[str, NDArray[np.float32]] = {}
    for k, line in enumerate(lines):
        first, _, last = clauses(line)
        vectors[first], vectors[last] = _axis(2 * k), _axis(2 * k + 1)
        vectors[sentences[2 * k]], vectors[sentences[2 * k + 1]] = _axis(2 * k), _axis(2 * k + 1)
        vectors[line] = (_axis(2 * k) + _axis(2 * k + 1)) / np.sqrt(2)
    return [lines, sentences], vectors


def test_a_pair_in_long_units_embeds_its_lines_edge_clauses_and_a_cache_with_or_without_them_serves() -> None:
    sides, vectors = _pair()
    embedder, cache = DictEmbedder(vectors), MemoryCache()
    runs = run_vectors_for(sides, embedder, cache, VectorMode.POOLED)
    assert {c for line in sides[0] for c in (clauses(line)[0], clauses(line)[-1])} <= set(embedder.asked)
    assert runs[0].edges is not None and runs[0].edges.present.all()
    assert np.allclose(runs[0].edges.heads[1], _axis(2)) and np.allclose(runs[0].edges.tails[1], _axis(3))
    assert runs[1].edges is None  # short sentences of one clause: no line of that side has edges
    lines_only = MemoryCache()
    lines_only.put_vectors("dict", {text_key(text): cache.get_vectors("dict", [text_key(text)])[text_key(text)] for side in sides for text in side})
    cached = cached_run_vectors(sides, "dict", lines_only, VectorMode.POOLED)
    assert cached is not None and cached[0].edges is None
    full = cached_run_vectors(sides, "dict", cache, VectorMode.POOLED)  # Align the rest reads what the draft embedded
    assert full is not None and full[0].edges is not None and np.allclose(full[0].edges.heads[1], _axis(2))


def test_a_run_that_starts_and_ends_as_its_line_does_costs_less_and_reading_backwards_prices_it_alike() -> None:
    sides, vectors = _pair()
    runs = run_vectors_for(sides, DictEmbedder(vectors), MemoryCache(), VectorMode.POOLED)
    semantics = Semantics.of(runs[0], runs[1])
    # line 1 (source sentence 1) with target sentences 2-3 (its own), 2-4 (one too many), 1-3 (one before)
    own, longer, earlier = (_edge_cost(semantics, dj, 2, end) for dj, end in ((2, 4), (3, 5), (3, 4)))
    assert own < longer and own < earlier
    backwards = semantics.reversed()  # line 1 is line 2 read backwards, sentences 2-3 are 4-5
    assert _edge_cost(backwards, 2, 3, 6) == pytest.approx(own, abs=1e-5)
    assert _edge_cost(semantics, 1, 2, 3) > own  # one sentence that says only what the line says first


def _edge_cost(semantics: Semantics, dj: int, row: int, column: int) -> float:
    """What the edges of a bead of one source line (ending before *row*) and dj target
    sentences (ending before *column*) cost."""
    return float(np.asarray(semantics.edge_costs(1, dj, np.array([[row]]), np.array([[column]]))).reshape(-1)[0])
