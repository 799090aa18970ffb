"""Fit and check the confidence model's weights (alignments/aligner/confidence.py `WEIGHTS`):
`python -m bench.flags [METHOD ...]`. Aligns every document of both gold sets and their variants,
records each bead's features and whether it is wrong (not exactly a gold bead), fits a logistic
regression on one set and measures the flags it gives on the other (and the reverse), then fits
on both and prints the weights to ship. A bead is flagged when its confidence is below
LOW_CONFIDENCE; the model's constant is moved so that this happens where the training sets'
variants come nearest the flag targets (issue 12: 60 % of flagged beads wrong, 70 % of wrong
beads flagged)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from numpy.typing import NDArray

import alignments.aligner.solve as aligner
from alignments.aligner import confidence
from bench.data import SETS, gold_documents
from bench.methods import METHODS
from bench.variants import VARIANTS, variant_documents

FloatArray = NDArray[np.float64]
PRECISION_TARGET, RECALL_TARGET = 0.6, 0.7
RIDGE = 1.0  # L2 penalty on every weight but the constant


@contextmanager
def _recording(rows: list[FloatArray]) -> Iterator[None]:
    """Keep the features of every bead the aligner scores while inside (a measuring tap on the
    aligner's own function; nothing else changes)."""
    original = aligner.bead_confidences

    def tapped(costs: confidence.ThroughCosts, steps: list[tuple[int, int, int]], evidence: confidence.BeadEvidence) -> list[float]:
        rows.append(confidence.bead_features(costs, steps, evidence))
        return original(costs, steps, evidence)

    aligner.bead_confidences = tapped  # type: ignore[assignment]
    try:
        yield
    finally:
        aligner.bead_confidences = original  # type: ignore[assignment]


def collect(method: str, set_name: str, variant: str) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Features and wrongness of every bead of a set's variant."""
    features: list[FloatArray] = []
    wrong: list[bool] = []
    for source, target, gold in variant_documents(gold_documents(set_name), variant):
        rows: list[FloatArray] = []
        with _recording(rows):
            links, _ = METHODS[method](source, target)
        features.append(rows[-1])
        right = set(gold)
        wrong += [link not in right for link in links]
    return np.vstack(features), np.asarray(wrong)


def fit(features: FloatArray, wrong: NDArray[np.bool_]) -> FloatArray:
    """Logistic regression (Newton's method, a ridge on all weights but the constant)."""
    weights = np.zeros(features.shape[1])
    penalty = np.full(features.shape[1], RIDGE)
    penalty[0] = 0.0
    for _ in range(50):
        chance = 1.0 / (1.0 + np.exp(-(features @ weights)))
        gradient = features.T @ (chance - wrong) + penalty * weights
        hessian = (features * (chance * (1 - chance))[:, None]).T @ features + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def flags(features: FloatArray, wrong: NDArray[np.bool_], weights: FloatArray) -> tuple[int, float, float]:
    """Beads flagged, the share of them wrong, the share of wrong beads flagged."""
    flagged = features @ weights > 0.0  # confidence below 0.5
    caught = int((flagged & wrong).sum())
    return int(flagged.sum()), caught / max(int(flagged.sum()), 1), caught / max(int(wrong.sum()), 1)


def fitted(parts: list[tuple[FloatArray, NDArray[np.bool_]]]) -> FloatArray:
    """Weights fitted on the beads of all *parts* (a set's variants) and placed, the note's set
    by hand (the gold sets hold no notes)."""
    features = np.vstack([f for f, _ in parts])
    wrong = np.concatenate([w for _, w in parts])
    weights = placed(parts, fit(features, wrong))
    weights[confidence.FEATURES.index("note")] = confidence.NOTE_WEIGHT
    return weights


def placed(parts: list[tuple[FloatArray, NDArray[np.bool_]]], weights: FloatArray) -> FloatArray:
    """*weights* with the constant moved so that flagging below 0.5 comes nearest both targets
    on every part (the mean over the parts of the smaller of precision/target and
    recall/target, each at most 1), not on all beads at once, where the variants with the most
    wrong beads would decide."""
    scores = [features @ weights for features, _ in parts]
    best, shift = -1.0, 0.0
    for threshold in np.quantile(np.concatenate(scores), np.linspace(0.5, 0.995, 200)):
        rooms = []
        for score, (_, wrong) in zip(scores, parts, strict=True):
            flagged = score > threshold
            caught = (flagged & wrong).sum()
            precision, recall = caught / max(flagged.sum(), 1), caught / max(wrong.sum(), 1)
            rooms.append(min(precision / PRECISION_TARGET, recall / RECALL_TARGET, 1.0))
        if np.mean(rooms) > best:
            best, shift = float(np.mean(rooms)), threshold
    moved = weights.copy()
    moved[0] -= shift
    return moved


def main(methods: list[str]) -> None:
    for method in methods:
        data = {
            (set_name, variant): collect(method, set_name, variant) for set_name in SETS for variant in ("complete", *VARIANTS)
        }
        trained = {set_name: fitted([data[key] for key in data if key[0] == set_name]) for set_name in SETS}
        shipped = np.asarray(confidence.WEIGHTS[method])
        print(f"{method}: flagged, precision, recall (weights fitted on the other set | shipped weights)")
        for (set_name, variant), (features, wrong) in data.items():
            other = next(name for name in SETS if name != set_name)
            held_out = flags(features, wrong, trained[other])
            own = flags(features, wrong, shipped)
            print(
                f"  {set_name:13} {variant:15} {len(wrong):4} beads, {wrong.mean():4.0%} wrong:"
                f" {held_out[0]:4} {held_out[1]:4.0%} {held_out[2]:4.0%} | {own[0]:4} {own[1]:4.0%} {own[2]:4.0%}"
            )
        both = fitted(list(data.values()))
        print(f"  fitted on both sets, to ship in WEIGHTS ({', '.join(confidence.FEATURES)}):")
        print("  " + repr(tuple(round(float(w), 3) for w in both)))


if __name__ == "__main__":
    main(sys.argv[1:] or ["default", "embeddings"])
