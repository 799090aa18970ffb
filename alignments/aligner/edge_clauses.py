"""Edge clauses: where one side of a pair writes in long units (a sentence of clause chains to a
line, against several shorter sentences of the other side), each line's first and last clause
get vectors of their own, and every bead checks that each side's run starts with what the other
side's first line starts with and ends with what its last line ends with: a long line's own
vector tells less well than its edge clauses which of two neighbouring lines a sentence at a
run's edge belongs to, or whether one sentence says all a line says (bench/README.md, literary
n:m, sixth round). numpy only; embedding is run_vectors.py's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.lengths import sentence_length, sentence_lengths
from alignments.aligner.run_products import band_products

FloatArray = NDArray[np.float32]
IntArray = NDArray[np.int64]

# A pair is written in long units where one side's lines are longer (LONG_UNITS[0] times the
# other side's on average or more, in the length model's units) and hold more clauses
# (LONG_UNITS[1] times as many on average or more). A translation that stops early or leaves
# passages out has fewer lines, not longer ones; a language that writes more commas a sentence
# has more clauses a line, not longer lines. Line lengths, unlike line counts, do not depend on
# how much of its source a translation covers (a literary excerpt: bench/README.md, ninth round).
LONG_UNITS = (1.3, 1.5)
# A clause ends at a comma, semicolon or colon before white space, or at a CJK one; a clause of
# fewer than SHORTEST_CLAUSE characters joins its neighbour. Counted for LONG_UNITS, a sentence
# end ends one too.
SHORTEST_CLAUSE = 20
_CLAUSE_ENDS = re.compile(r"(?<=[,;:])\s+|(?<=[，；：])")
_PIECE_ENDS = re.compile(r"(?<=[,;:.!?])\s+(?=\S)|(?<=[，；：。！？])(?=\S)")
EDGE_SAMPLES = 64  # sentences of the other side an edge clause is compared with for its baseline


def clauses(text: str) -> list[str]:
    """The clauses of *text* (as it is written between them), none shorter than SHORTEST_CLAUSE
    (`_size`) unless it is alone."""
    bounds = [0, *(end.start() for end in _CLAUSE_ENDS.finditer(text)), len(text)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if spans and _size(text[slice(*spans[-1])]) < SHORTEST_CLAUSE:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    if len(spans) > 1 and _size(text[slice(*spans[-1])]) < SHORTEST_CLAUSE:
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return [text[start:end].strip() for start, end in spans if text[start:end].strip()]


def _size(text: str) -> float:
    """A text's length in the length model's Latin-letter units (a Han character counts 3.5)."""
    return sentence_length(text.strip())


def edge_texts(line: str) -> tuple[str, str] | None:
    """A line's first and last clause, or None if it has fewer than two."""
    found = clauses(line)
    return (found[0], found[-1]) if len(found) > 1 else None


def in_long_units(sides: Sequence[Sequence[str]]) -> bool:
    """Whether one side of a pair writes in long units (`long_side`); then both sides' lines get
    edge clauses (the short side's too, for beads that give one of its lines several lines of
    the long side)."""
    return long_side(sides) is not None


def long_side(sides: Sequence[Sequence[str]]) -> int | None:
    """Which side of a pair (0 or 1) writes in long units (LONG_UNITS), if either does."""
    if len(sides) != 2 or not all(sides):
        return None
    length = [sum(sentence_lengths(side)) / len(side) for side in sides]
    for k in (0, 1):  # the lengths first: most pairs need no clause counted
        if length[k] >= LONG_UNITS[0] * length[1 - k] and _density(sides[k]) >= LONG_UNITS[1] * _density(sides[1 - k]):
            return k
    return None


def _density(side: Sequence[str]) -> float:
    """Clauses or sentences a line, on average."""
    return sum(len(_PIECE_ENDS.split(text.strip())) for text in side) / len(side)


@dataclass(frozen=True)
class EdgeVectors:
    """Per line of one side: the unit vectors of its first and last clause (zero where it has no
    edge clauses), whether it has them, and (`measured`) each clause's mean cosine distance to
    unrelated sentences of the other side."""

    heads: FloatArray
    tails: FloatArray
    present: NDArray[np.bool_]
    head_baselines: FloatArray | None = None
    tail_baselines: FloatArray | None = None

    @classmethod
    def of(cls, lines: Sequence[tuple[str, str] | None], vectors: dict[str, FloatArray], dimension: int) -> EdgeVectors | None:
        """The edges of a side's lines (per line its edge clauses or None) from their clauses'
        *vectors* (by text); None where no line has edge clauses or *vectors* lacks one (a cache
        filled before edge clauses were embedded: the side goes without)."""
        wanted = [pair for pair in lines if pair is not None]
        if not wanted or any(text not in vectors for pair in wanted for text in pair):
            return None
        zero = np.zeros(dimension, dtype=np.float32)
        heads, tails = (np.array([vectors[pair[k]] if pair else zero for pair in lines], dtype=np.float32) for k in (0, 1))
        return cls(_unit(heads), _unit(tails), np.array([pair is not None for pair in lines]))

    def measured(self, other: FloatArray) -> EdgeVectors:
        """The same edges with their baselines against the other side's sentence vectors."""
        rng = np.random.default_rng(0)
        sample = other[rng.integers(0, len(other), min(EDGE_SAMPLES, max(len(other), 1)))]
        heads, tails = (np.maximum(1.0 - (v @ sample.T).mean(axis=1), 1e-3).astype(np.float32) for v in (self.heads, self.tails))
        return EdgeVectors(self.heads, self.tails, self.present, heads, tails)

    def reversed(self) -> EdgeVectors:
        """For the lines read last first: a line's first clause is the last one read."""
        return EdgeVectors(
            self.tails[::-1], self.heads[::-1], self.present[::-1], _flipped(self.tail_baselines), _flipped(self.head_baselines)
        )

    def slice(self, first: int, last: int) -> EdgeVectors:
        return EdgeVectors(
            self.heads[first:last], self.tails[first:last], self.present[first:last],
            _sliced(self.head_baselines, first, last), _sliced(self.tail_baselines, first, last),
        )

    def distances(self, cosines: NDArray[np.floating[Any]], units: IntArray, head: bool) -> NDArray[np.float64]:
        """Per cell: the normalised cosine distance (*cosines*) of the head or tail clause of
        line *units* to a sentence of the other side, minus EDGE_EXPECTED; 0 where the line has
        no edge clauses."""
        baselines = self.head_baselines if head else self.tail_baselines
        assert baselines is not None
        return self.present[units] * ((1.0 - cosines) / baselines[units] - EDGE_EXPECTED)


# A bead's edges: EDGE_WEIGHT per unit of normalised distance of an edge sentence to its line's
# edge clause beyond EDGE_EXPECTED (right edges measured at 0.6-0.8 on the gold sets).
EDGE_WEIGHT, EDGE_EXPECTED = 3.0, 0.75


def edge_costs(
    di: int, dj: int, ends: IntArray, columns: IntArray, sentences: tuple[FloatArray, FloatArray],
    edges: tuple[EdgeVectors | None, EdgeVectors | None],
) -> NDArray[np.float64]:
    """What the edges of beads of di source and dj target sentences (both at least one) ending
    before ends[r] (R, 1) and columns[r, k] (R, W) cost: the bead's first and last target
    sentence against the first clause of its first source line and the last clause of its last
    one (where those lines have edge clauses), and the other way round. A single sentence is
    both first and last: it should say what its counterpart says first and last."""
    cost = np.zeros(columns.shape)
    source_edges, target_edges = edges
    if source_edges is not None:
        first, last = (ends - di)[:, 0], (ends - 1)[:, 0]
        heads = band_products(source_edges.heads[first], sentences[1], columns - dj)
        tails = band_products(source_edges.tails[last], sentences[1], columns - 1)
        cost += source_edges.distances(heads, first[:, None], True) + source_edges.distances(tails, last[:, None], False)
    if target_edges is not None:
        first, last = columns - dj, columns - 1
        heads = band_products(sentences[0][(ends - di)[:, 0]], target_edges.heads, first)
        tails = band_products(sentences[0][(ends - 1)[:, 0]], target_edges.tails, last)
        cost += target_edges.distances(heads, first, True) + target_edges.distances(tails, last, False)
    return EDGE_WEIGHT * cost


def _flipped(values: FloatArray | None) -> FloatArray | None:
    return values[::-1] if values is not None else None


def _sliced(values: FloatArray | None, first: int, last: int) -> FloatArray | None:
    return values[first:last] if values is not None else None


def _unit(vectors: FloatArray) -> FloatArray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
