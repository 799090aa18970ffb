"""Fit and check the confidence model's weights (alignments/aligner/confidence.py `WEIGHTS`):
`python -m bench.flags [METHOD ...]`. Aligns every document of both gold sets and their variants,
records each bead's features and whether it is wrong (not exactly a gold bead), fits a logistic
regression on one set and measures the flags it gives on the other (and the reverse), measures
ParIce by cross-validation over its documents (fitted on Text+Berg and the other ParIce
documents), then fits on both and prints the weights to ship (per row of WEIGHTS: the default
method's beads fit two, with and without second opinions, `ROWS`). A bead is flagged when its
confidence is below LOW_CONFIDENCE; the model's constant is moved so that this happens where the
training sets' variants come nearest the flag targets (issue 12: 60 % of flagged beads wrong, 70 %
of wrong beads flagged), then lowered where need be so that no right bead of the bundled samples
is flagged (the issue's other flag target; SAMPLE_MARGIN). Beside the flags: the precision at 70 % recall of the shipped model's
ranking (what the best threshold for that variant alone would give), which kind of error the
flags miss (`error_kind`) and the "room" of each fit (`rooms`: how near the variants come to both
targets, on average, and on how many both are met)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

import alignments.aligner.solve as solver
from alignments.aligner import confidence
from alignments.aligner.lattice import Lattice
from alignments.ladder.notation import Link
from bench.data import SETS, gold_documents
from bench.methods import aligner as method_aligner
from bench.methods import sample_drafts
from bench.variants import VARIANTS, variant_documents

FloatArray = NDArray[np.float64]
PRECISION_TARGET, RECALL_TARGET = 0.6, 0.7
RIDGE = 1.0  # L2 penalty on every weight but the constant
FOLDS = 5  # ParIce's documents are measured in this many groups, each fitted without it
# The bundled samples' beads are all right, and none may be flagged (issue 12): every fit counts
# each of them as SAMPLE_WEIGHT right beads (so the fit bends its weights away from flagging them),
# and after placing, the constant is lowered, if need be, until every one is SAMPLE_MARGIN (in
# log-odds) below the flagging line (confidence 0.5), so that a small change of the ladders does
# not flag one again.
SAMPLE_WEIGHT, SAMPLE_MARGIN = 30.0, 0.2
KINDS = ("granularity", "partly", "mispaired", "null")
# The rows of confidence.WEIGHTS each method's beads fit, the one the gold sets' pairs use first:
# the default method's long pairs get no second opinions (alignments/aligner/align.py), so its
# row without them is fitted on the same beads with that feature left out.
ROWS = {"default": ("default, second opinions", "default"), "embeddings": ("embeddings",)}


@dataclass(frozen=True)
class Beads:
    """Every bead of a set's variant: its features, whether it is wrong, its document and the
    kind of error it is (`error_kind`; "" when right)."""

    features: FloatArray
    wrong: NDArray[np.bool_]
    documents: NDArray[np.int64]
    kinds: NDArray[np.str_]

    def of_documents(self, chosen: NDArray[np.bool_]) -> Beads:
        """Only the beads of the documents *chosen* (a mask over documents)."""
        keep = chosen[self.documents]
        return Beads(self.features[keep], self.wrong[keep], self.documents[keep], self.kinds[keep])

    def for_row(self, row: str) -> Beads:
        """The beads with the features WEIGHTS' *row* leaves out set to 0 (`for_row`)."""
        return Beads(for_row(self.features, row), self.wrong, self.documents, self.kinds)


def for_row(features: FloatArray, row: str) -> FloatArray:
    """*features* with those WEIGHTS' *row* leaves out (`confidence.UNUSED`) set to 0, so that
    their fitted weight is 0."""
    kept = features.copy()
    for name in confidence.UNUSED.get(row, ()):
        kept[:, confidence.FEATURES.index(name)] = 0.0
    return kept


@contextmanager
def _recording(rows: list[FloatArray]) -> Iterator[None]:
    """Keep the features of every bead the aligner scores while inside (a measuring tap on the
    aligner's own function; nothing else changes). A ladder over units is scored closed over
    lines (aligner/lattice.py), so each row is a bead over lines."""
    original = confidence.bead_confidences  # the function solve.py imported and calls

    def tapped(
        costs: confidence.ThroughCosts, points: NDArray[np.int64], evidence: confidence.BeadEvidence, lattice: Lattice = Lattice()
    ) -> list[float]:
        rows.append(confidence.bead_features(costs, points, evidence, lattice))
        return original(costs, points, evidence, lattice)

    vars(solver)["bead_confidences"] = tapped
    try:
        yield
    finally:
        vars(solver)["bead_confidences"] = original


def error_kind(link: Link, gold: list[Link]) -> str:
    """What is wrong with a bead of a ladder against the *gold* ladder: "" (nothing: a gold
    bead), "granularity" (every pair of sentences it links is linked by gold too: part of a
    gold bead, which was cut, often defensibly), "partly" (some of its pairs are gold's: two
    gold beads merged, or a boundary one sentence off), "mispaired" (none is) or "null" (a
    sentence left without counterpart that gold pairs)."""
    if link in gold:
        return ""
    source_bead = {i: k for k, (source, _) in enumerate(gold) for i in source}
    target_bead = {j: k for k, (_, target) in enumerate(gold) for j in target}
    source, target = link
    if not source or not target:
        return "null"
    pairs = [source_bead.get(i, -1) == target_bead.get(j, -2) for i in source for j in target]
    return "granularity" if all(pairs) else "partly" if any(pairs) else "mispaired"


def collect(method: str, set_name: str, variant: str) -> Beads:
    """Features, wrongness, document and kind of error of every bead of a set's variant."""
    features: list[FloatArray] = []
    kinds: list[str] = []
    documents: list[int] = []
    align = method_aligner(method, SETS[set_name])
    for document, (source, target, gold) in enumerate(variant_documents(gold_documents(set_name), variant)):
        rows: list[FloatArray] = []
        with _recording(rows):
            links, _ = align(source, target)
        features.append(rows[-1])
        kinds += [error_kind(link, gold) for link in links]
        documents += [document] * len(links)
    kind_array = np.asarray(kinds)
    return Beads(np.vstack(features), kind_array != "", np.asarray(documents), kind_array)


def fit(features: FloatArray, wrong: NDArray[np.bool_], counts: FloatArray | None = None) -> FloatArray:
    """Logistic regression (Newton's method, a ridge on all weights but the constant); *counts*:
    how many beads each row stands for (1 each if None)."""
    weights = np.zeros(features.shape[1])
    penalty = np.full(features.shape[1], RIDGE)
    penalty[0] = 0.0
    each = np.ones(len(wrong)) if counts is None else counts
    for _ in range(50):
        chance = 1.0 / (1.0 + np.exp(-(features @ weights)))
        gradient = features.T @ (each * (chance - wrong)) + penalty * weights
        hessian = (features * (each * chance * (1 - chance))[:, None]).T @ features + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def flags(beads: Beads, weights: FloatArray) -> NDArray[np.bool_]:
    """Which beads *weights* flag (confidence below 0.5)."""
    return np.asarray(beads.features @ weights > 0.0)


def summary(flagged: NDArray[np.bool_], wrong: NDArray[np.bool_]) -> tuple[int, float, float]:
    """Beads flagged, the share of them wrong, the share of wrong beads flagged."""
    caught = int((flagged & wrong).sum())
    return int(flagged.sum()), caught / max(int(flagged.sum()), 1), caught / max(int(wrong.sum()), 1)


def room(flagged: NDArray[np.bool_], wrong: NDArray[np.bool_]) -> float:
    """How near the flags come to both targets: the smaller of precision / target and recall /
    target, at most 1 (1: both met)."""
    _, precision, recall = summary(flagged, wrong)
    return min(precision / PRECISION_TARGET, recall / RECALL_TARGET, 1.0)


def rooms(flagged: dict[tuple[str, str], NDArray[np.bool_]], data: dict[tuple[str, str], Beads]) -> str:
    """The mean `room` over the variants *flagged* names, and on how many of them both targets
    are met, e.g. "0.813 (3 of 12 met)"."""
    each = [room(chosen, data[key].wrong) for key, chosen in flagged.items()]
    return f"{np.mean(each):.3f} ({sum(value == 1.0 for value in each)} of {len(each)} met)"  # 1.0 exactly when both are


def precision_at_recall(beads: Beads, weights: FloatArray, recall: float = RECALL_TARGET) -> float:
    """The share of wrong beads among the least sure beads that hold *recall* of the wrong ones
    (the best a threshold placed for this variant alone could give)."""
    if not beads.wrong.any():
        return 0.0
    order = np.argsort(-(beads.features @ weights), kind="stable")
    caught = np.cumsum(beads.wrong[order])
    taken = int(np.searchsorted(caught, np.ceil(recall * caught[-1]))) + 1
    return float(caught[taken - 1] / taken)


def fitted(parts: list[Beads], quiet: FloatArray | None = None) -> FloatArray:
    """Weights fitted on the beads of all *parts* (a set's variants) and placed, the note's set
    by hand (the gold sets hold no notes); then, given the features of beads that must not be
    flagged (*quiet*: the samples' right beads, each fitted as SAMPLE_WEIGHT beads), the
    constant lowered until none is, by SAMPLE_MARGIN."""
    quiet = np.zeros((0, parts[0].features.shape[1])) if quiet is None else quiet
    features = np.vstack([p.features for p in parts] + [quiet])
    wrong = np.concatenate([p.wrong for p in parts] + [np.zeros(len(quiet), dtype=np.bool_)])
    counts = np.concatenate((np.ones(len(wrong) - len(quiet)), np.full(len(quiet), SAMPLE_WEIGHT)))
    weights = placed(parts, fit(features, wrong, counts))
    weights[confidence.FEATURES.index("note")] = confidence.NOTE_WEIGHT
    if len(quiet):
        weights[0] -= max(float((quiet @ weights).max()) + SAMPLE_MARGIN, 0.0)
    return weights


def sample_features(method: str) -> FloatArray:
    """The features of every right bead of the bundled samples as *method* aligns them (all of
    their beads are right today)."""
    rows: list[FloatArray] = []
    recorded: list[FloatArray] = []
    with _recording(recorded):
        for draft, gold in sample_drafts(method):  # each draft's last pass is the last recorded
            assert len(recorded[-1]) == len(draft.ladder)
            rows.append(recorded[-1][[(tuple(source), tuple(target)) in gold for source, target, _ in draft.ladder]])
    return np.vstack(rows)


def placed(parts: list[Beads], weights: FloatArray) -> FloatArray:
    """*weights* with the constant moved so that flagging below 0.5 comes nearest both targets
    on every part (the mean over the parts of the smaller of precision/target and
    recall/target, each at most 1), not on all beads at once, where the variants with the most
    wrong beads would decide."""
    scores = [part.features @ weights for part in parts]
    best, shift = -1.0, 0.0
    for threshold in np.quantile(np.concatenate(scores), np.linspace(0.5, 0.995, 200)):
        mean = float(np.mean([room(score > threshold, part.wrong) for score, part in zip(scores, parts, strict=True)]))
        if mean > best:
            best, shift = mean, threshold
    moved = weights.copy()
    moved[0] -= shift
    return moved


def cross_validated(
    data: dict[tuple[str, str], Beads], set_name: str, quiet: FloatArray | None = None
) -> dict[str, NDArray[np.bool_]]:
    """Per variant of *set_name*, the flags of each of its documents by weights fitted without
    that document (FOLDS groups of documents; every other set's beads are in every fit;
    *quiet* as for `fitted`)."""
    count = max(int(beads.documents.max()) + 1 for (name, _), beads in data.items() if name == set_name)
    result = {variant: np.zeros(len(beads.wrong), dtype=np.bool_) for (name, variant), beads in data.items() if name == set_name}
    for fold in range(FOLDS):
        held = np.arange(count) % FOLDS == fold
        training = [beads if name != set_name else beads.of_documents(~held) for (name, _), beads in data.items()]
        weights = fitted(training, quiet)
        for (name, variant), beads in data.items():
            if name == set_name:
                mask = held[beads.documents]
                result[variant][mask] = flags(beads.of_documents(held), weights)
    return result


def _kinds_caught(beads: Beads, flagged: NDArray[np.bool_]) -> str:
    """How many wrong beads of each kind the flags catch, e.g. "granularity 3/7"."""
    total, caught = Counter(beads.kinds[beads.wrong].tolist()), Counter(beads.kinds[beads.wrong & flagged].tolist())
    return ", ".join(f"{kind} {caught[kind]}/{total[kind]}" for kind in KINDS if total[kind])


def _cell(counts: tuple[int, float, float]) -> str:
    return f"{counts[0]:4} {counts[1]:4.0%} {counts[2]:4.0%}"


def main(methods: list[str]) -> None:
    for method in methods:
        collected = {(set_name, variant): collect(method, set_name, variant) for set_name in SETS for variant in ("complete", *VARIANTS)}
        samples = sample_features(method)
        for k, row in enumerate(ROWS[method.split("-")[0]]):  # an encoder's variant such as "embeddings-fast" as its method
            quiet = for_row(samples, row) if k == 0 else None  # only the first row prices pairs as short as the samples
            report(row, {key: beads.for_row(row) for key, beads in collected.items()}, quiet)


def report(row: str, data: dict[tuple[str, str], Beads], quiet: FloatArray | None = None) -> None:
    """Fit WEIGHTS' *row* on *data* (held out, cross-validated, on both sets; *quiet*: the
    samples' right beads, which no fit may flag) and print its flags."""
    trained = {set_name: fitted([beads for key, beads in data.items() if key[0] == set_name], quiet) for set_name in SETS}
    validated = cross_validated(data, "parice", quiet)
    shipped = np.asarray(confidence.WEIGHTS[row])
    print(
        f"{row}: flagged, precision, recall (weights fitted on the other set | ParIce documents held out"
        " | shipped weights); shipped: precision at 70 % recall, wrong beads flagged by kind"
    )
    held_flags = {key: flags(beads, trained[next(name for name in SETS if name != key[0])]) for key, beads in data.items()}
    for (set_name, variant), beads in data.items():
        held_out = summary(held_flags[set_name, variant], beads.wrong)
        folds = _cell(summary(validated[variant], beads.wrong)) if set_name == "parice" else " " * 14
        own = flags(beads, shipped)
        print(
            f"  {set_name:13} {variant:15} {len(beads.wrong):4} beads, {beads.wrong.mean():4.0%} wrong:"
            f" {_cell(held_out)} | {folds} | {_cell(summary(own, beads.wrong))};"
            f" {precision_at_recall(beads, shipped):4.0%}; {_kinds_caught(beads, own)}"
        )
    both = fitted(list(data.values()), quiet)
    if quiet is not None:
        free = fitted(list(data.values()))
        print(
            f"  the samples' {len(quiet)} right beads: flagged by the shipped weights {int((quiet @ shipped > 0).sum())};"
            f" by a fit on both sets without them {int((quiet @ free > 0).sum())}"
            f" (its room {rooms({key: flags(beads, free) for key, beads in data.items()}, data)});"
            f" with them {int((quiet @ both > 0).sum())}"
        )
    print(
        f"  room (mean over the variants of min(precision / {PRECISION_TARGET:.0%}, recall / {RECALL_TARGET:.0%}, 1)):"
        f" fitted on both sets {rooms({key: flags(beads, both) for key, beads in data.items()}, data)}"
        f" / held out {rooms(held_flags, data)}"
        f" / ParIce cross-validated {rooms({('parice', variant): flagged for variant, flagged in validated.items()}, data)}"
        f"; shipped weights {rooms({key: flags(beads, shipped) for key, beads in data.items()}, data)}"
    )
    print(f"  fitted on both sets, to ship in WEIGHTS[{row!r}] ({', '.join(confidence.FEATURES)}):")
    print("  " + repr(tuple(round(float(w), 3) for w in both)))


if __name__ == "__main__":
    main(sys.argv[1:] or ["default", "embeddings"])
