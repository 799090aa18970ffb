"""What the embedding aligner's cost model reads from the run vectors of a pair (run_vectors.py):
each run's cosine distance to the other side's run in units of its distance to unrelated
sentences (vecalign's normalisation), Bertalign's neighbour margin, and the edge-clause costs
of a pair in long units (edge_clauses.py). Pooled runs are priced from box sums of one sentence
product (run_products.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.edge_clauses import edge_costs
from alignments.aligner.run_products import BoxProducts, band_products, run_norms
from alignments.aligner.run_vectors import FloatArray, RunVectors, reversed_runs

BASELINE_SAMPLES = 64


@dataclass(frozen=True)
class Semantics:
    """Run vectors of both sides, and for every run its mean cosine distance to unrelated
    sentences of the other side (vecalign's normalisation: a run that is close to everything
    gains nothing from being close to its candidate); `margins` compares with the neighbours.
    *cosine_scale*: the encoder's cosines mapped onto e5's range (`Embedder.cosine_scale`):
    the normalised distance is the same either way, the margin shrinks by the scale."""

    source: RunVectors
    target: RunVectors
    source_baselines: tuple[FloatArray, ...]
    target_baselines: tuple[FloatArray, ...]
    cosine_scale: float = 1.0

    @classmethod
    def of(cls, source: RunVectors, target: RunVectors, cosine_scale: float = 1.0) -> Semantics:
        baselines = _baselines(source, target), _baselines(target, source)
        source, target = _measured_edges(source, target), _measured_edges(target, source)
        return cls(source, target, *baselines, cosine_scale)

    @cached_property
    def _box_products(self) -> BoxProducts:
        source, target = self.source.runs[0], self.target.runs[0]
        return BoxProducts(source, target, run_norms(source, len(self.source.runs)), run_norms(target, len(self.target.runs)))

    def similarity(self, cosine: float) -> float:
        """A cosine of this encoder as e5 would give it (1 - scale * (1 - cosine))."""
        return 1.0 - self.cosine_scale * (1.0 - cosine)

    def reversed(self) -> Semantics:
        """Both sides read last first, each run keeping its baseline (a backward pass prices
        every bead as the forward pass did)."""
        return Semantics(
            self.source.reversed(),
            self.target.reversed(),
            tuple(reversed_runs(b, length) for length, b in enumerate(self.source_baselines, start=1)),
            tuple(reversed_runs(b, length) for length, b in enumerate(self.target_baselines, start=1)),
            self.cosine_scale,
        )

    def grouped(self, source_starts: NDArray[np.int64], target_starts: NDArray[np.int64]) -> Semantics:
        return Semantics.of(self.source.grouped(source_starts), self.target.grouped(target_starts), self.cosine_scale)

    def slice(self, source: tuple[int, int], target: tuple[int, int]) -> Semantics:
        return Semantics(
            self.source.slice(*source),
            self.target.slice(*target),
            tuple(b[source[0] : source[1]] for b in self.source_baselines),
            tuple(b[target[0] : target[1]] for b in self.target_baselines),
            self.cosine_scale,
        )

    def edge_costs(self, di: int, dj: int, rows: NDArray[np.int64], columns: NDArray[np.int64]) -> NDArray[np.float64] | float:
        """What the edges of beads of di source and dj target sentences ending before *rows*
        (R, 1) and *columns* (R, W) cost where a side has edge clauses (edge_clauses.py)."""
        if self.source.edges is None and self.target.edges is None:
            return 0.0
        return edge_costs(di, dj, rows, columns, (self.source.runs[0], self.target.runs[0]), (self.source.edges, self.target.edges))

    def distances(self, di: int, dj: int, rows: NDArray[np.int64], columns: NDArray[np.int64]) -> NDArray[np.floating[Any]]:
        """How far the run of di source sentences ending before each row and the run of dj
        target sentences ending before each column are apart, sentence by sentence: each
        sentence's cosine distance to the other run (its pool), in units of that run's
        distance to unrelated sentences, summed over both runs and halved (a 1:1 bead's is its
        normalised distance; a bead of more sentences counts each, so one exact 3:5 bead earns
        what its sentences earn, not one bead's worth). Rows (R, 1), columns (R, W)."""
        return self.terms(di, dj, rows, columns)[0]

    def margins(self, di: int, dj: int, rows: NDArray[np.int64], columns: NDArray[np.int64]) -> NDArray[np.floating[Any]]:
        """Bertalign's neighbour margin, for the same runs as `distances`: their cosine minus the
        mean cosine of each run with the sentences just before and after the other run (a run
        as close to its candidate's neighbours as to the candidate is no evidence)."""
        return self.terms(di, dj, rows, columns)[1]

    def terms(
        self, di: int, dj: int, rows: NDArray[np.int64], columns: NDArray[np.int64]
    ) -> tuple[NDArray[np.floating[Any]], NDArray[np.floating[Any]]]:
        """`distances` and `margins` together, the runs' own cosines computed once for both;
        for pooled runs from box sums of one sentence product (run_products.py)."""
        ends = rows[:, 0] - 1
        if self.source.pooled and self.target.pooled:
            own, before, after, above, below = self._box_products.terms(di, dj, ends, columns)
        else:
            source = self.source.runs[di - 1][ends]
            target = self.target.runs[dj - 1]
            own = band_products(source, target, columns - 1)
            sentences = self.target.runs[0]
            before = band_products(source, sentences, np.clip(columns - dj - 1, 0, len(sentences) - 1))
            after = band_products(source, sentences, np.clip(columns, 0, len(sentences) - 1))
            others = self.source.runs[0]
            above = band_products(others[np.clip(ends - di, 0, len(others) - 1)], target, columns - 1)
            below = band_products(others[np.clip(ends + 1, 0, len(others) - 1)], target, columns - 1)
        return self._sentence_distances(di, dj, ends, columns, own), self.cosine_scale * (own - (before + after + above + below) / 4)

    def _sentence_distances(
        self, di: int, dj: int, ends: NDArray[np.int64], columns: NDArray[np.int64], own: NDArray[np.floating[Any]]
    ) -> NDArray[np.floating[Any]]:
        """`distances` from the runs' cosine: a source sentence's cosine with the target run's
        pool sums over the run to the cosine times the norm of the source run's sum (and so on
        the other side). A run embedded whole ("full") counts as its pool here."""
        (source_norms, source_halves), (target_norms, target_halves) = self._run_weights
        source_norm, source_half = source_norms[di - 1][ends][:, None], source_halves[di - 1][ends][:, None]
        target_norm, target_half = target_norms[dj - 1][columns - 1], target_halves[dj - 1][columns - 1]
        return (di - own * source_norm) * target_half + (dj - own * target_norm) * source_half

    @cached_property
    def _run_weights(self) -> tuple[tuple[tuple[FloatArray, ...], tuple[FloatArray, ...]], ...]:
        """Per side and run length: the norm of each run's sum of sentence vectors, and half the
        inverse of its baseline (float32, as the cosines)."""
        products = self._box_products
        return tuple(
            (tuple(n.astype(np.float32) for n in norms), tuple(_halved_inverse(b) for b in baselines))
            for norms, baselines in (
                (products.source_norms, self.source_baselines), (products.target_norms, self.target_baselines)
            )
        )


def _halved_inverse(baselines: FloatArray) -> FloatArray:
    """0.5 / baseline (0 where there is no run, whose baseline is 0)."""
    return np.divide(0.5, baselines, out=np.zeros_like(baselines), where=baselines > 0).astype(np.float32)


def _measured_edges(runs: RunVectors, other: RunVectors) -> RunVectors:
    """*runs* with its edge clauses' baselines against *other*'s sentences."""
    return runs.with_edges(runs.edges.measured(other.runs[0])) if runs.edges is not None else runs


def _baselines(runs: RunVectors, other: RunVectors) -> tuple[FloatArray, ...]:
    """Per run, the mean cosine distance to BASELINE_SAMPLES random sentences of *other*."""
    rng = np.random.default_rng(0)
    sample = other.runs[0][rng.integers(0, len(other), min(BASELINE_SAMPLES, max(len(other), 1)))]
    return tuple(np.maximum(1.0 - (run @ sample.T).mean(axis=1), 1e-3).astype(np.float32) for run in runs.runs)
