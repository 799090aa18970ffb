"""Whole against whole (bench experiment, issue 12, seventh round): where our ladder and the gold
part on the literary variants, which of them would the embedding term prefer if a bead's runs
were embedded as their concatenated text (both sides) instead of pooled from sentence vectors?

`python -m bench.concat SET VARIANT METHOD [DRAWS]` (METHOD "embeddings" or "embeddings-whole")
aligns each draw with the product, splits ladder and gold at the corners they share, and prices
the beads of every region where they differ under three embedding terms, each per sentence
((x + y) / 2 times a normalised cosine distance, minus the product's expected 0.85 per sentence):
the product's own (each sentence against the other run's pool), the pooled runs' cosine, and
the concatenations' cosine. Also, for every two neighbouring beads both ladders agree on, what
merging them would cost under each term (a term that merges right beads is no use). Prints one
JSON line per draw: regions, the sum of gold minus ours under each term (negative: the term
prefers the gold), the regions where it does, the right neighbours it would merge, and (auc_*)
how often a merge of right neighbours costs more than the gold of a region under it (the three
terms and the product's own plus the concatenations' correction). Findings: bench/README.md,
literary n:m, seventh round.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.encoder_choice import Encoder, choose_embedder
from alignments.aligner.encoders import embed_in_batches
from alignments.aligner.run_vectors import choose_mode, run_vectors_for, text_key
from alignments.ladder.notation import Link
from bench.data import SETS, gold_documents
from bench.methods import WHOLE_LINES, aligner, bench_cache, keep_cache
from bench.variants import DRAWS, variant_documents

Region = tuple[list[Link], list[Link]]
Vectors = NDArray[np.float32]
EXPECTED = 0.85


def corners(gold: Sequence[Link], test: Sequence[Link]) -> list[tuple[int, int]]:
    """The (i, j) that split both ladders: before or after a bead with both sides, and no bead
    of either ladder with sentences on both sides of it (a null bead splits nothing)."""
    candidates = {(0, 0)}
    for src, tgt in (*gold, *test):
        if src and tgt:
            candidates |= {(min(src), min(tgt)), (max(src) + 1, max(tgt) + 1)}
    return sorted(c for c in candidates if all(_clear(link, *c) for link in (*gold, *test)))


def _clear(link: Link, i: int, j: int) -> bool:
    src, tgt = link
    before = [k < i for k in src] + [k < j for k in tgt]
    return all(before) or not any(before) if src and tgt else True


def regions(gold: Sequence[Link], test: Sequence[Link]) -> list[Region]:
    """The stretches between corners both ladders share where their beads differ."""
    shared = corners(gold, test) + [(10**9, 10**9)]
    found = []
    for (i0, j0), (i1, j1) in zip(shared, shared[1:], strict=False):

        def inside(link: Link, i0: int = i0, j0: int = j0, i1: int = i1, j1: int = j1) -> bool:
            src, tgt = link
            return all(i0 <= i < i1 for i in src) and all(j0 <= j < j1 for j in tgt)

        g = [link for link in gold if inside(link)]
        t = [link for link in test if inside(link)]
        if sorted(g) != sorted(t):
            found.append((g, t))
    return found


class Terms:
    """The three embedding terms of one document."""

    def __init__(self, source: list[str], target: list[str], lines: tuple[Vectors, Vectors], concat: dict[str, Vectors]) -> None:
        self.texts, self.lines, self.concat = (source, target), lines, concat
        rng = np.random.default_rng(0)
        self.samples = tuple(side[rng.integers(0, len(side), 64)] for side in lines)

    def baseline(self, vector: Vectors, side: int) -> float:
        """Mean cosine distance of *vector* (of *side*) to sentences of the other side."""
        return max(float(1.0 - (self.samples[1 - side] @ vector).mean()), 1e-3)

    def pool(self, side: int, sentences: tuple[int, ...]) -> Vectors:
        total = self.lines[side][list(sentences)].sum(axis=0)
        return total / max(float(np.linalg.norm(total)), 1e-9)

    def whole(self, side: int, sentences: tuple[int, ...]) -> Vectors:
        if len(sentences) == 1:
            return self.lines[side][sentences[0]]
        return self.concat[text_key(joined(self.texts[side], sentences))]

    def costs(self, link: Link) -> tuple[float, float, float]:
        """(product's per-sentence, pooled cosine, concatenation cosine) for one bead."""
        src, tgt = link
        if not src or not tgt:
            return 0.0, 0.0, 0.0
        pools = self.pool(0, src), self.pool(1, tgt)
        baselines = self.baseline(pools[0], 0), self.baseline(pools[1], 1)
        per_sentence = 0.0
        for side, members in ((0, src), (1, tgt)):
            other = pools[1 - side]
            for k in members:
                per_sentence += (1.0 - float(self.lines[side][k] @ other)) / baselines[1 - side] / 2
        size = (len(src) + len(tgt)) / 2
        pooled = size * (1.0 - float(pools[0] @ pools[1])) * (1 / baselines[0] + 1 / baselines[1]) / 2
        wholes = self.whole(0, src), self.whole(1, tgt)
        whole_baselines = self.baseline(wholes[0], 0), self.baseline(wholes[1], 1)
        concat = size * (1.0 - float(wholes[0] @ wholes[1])) * (1 / whole_baselines[0] + 1 / whole_baselines[1]) / 2
        return per_sentence - EXPECTED * size, pooled - EXPECTED * size, concat - EXPECTED * size


def _auc(low: NDArray[np.float64], high: NDArray[np.float64]) -> float:
    """How often a value of *high* exceeds one of *low* (ties half)."""
    if not len(low) or not len(high):
        return float("nan")
    return float(((high[None, :] > low[:, None]) + 0.5 * (high[None, :] == low[:, None])).mean())


def joined(texts: Sequence[str], sentences: tuple[int, ...]) -> str:
    return " ".join(texts[k] for k in sentences)


def measure(set_name: str, variant: str, method: str, draw: int) -> dict[str, float]:
    documents = variant_documents(gold_documents(set_name), variant, draw)
    languages = SETS[set_name]
    run = aligner(method, languages)
    cache = bench_cache()
    totals = np.zeros(3)
    prefers = np.zeros(3, dtype=int)
    count = pairs = 0
    merges = np.zeros(3, dtype=int)
    disputed: list[NDArray[np.float64]] = []
    agreed: list[NDArray[np.float64]] = []
    for source, target, gold in documents:
        test, _ = run(source, target)
        found = regions(gold, test)
        if not found:
            continue
        embedder = choose_embedder(Encoder.AUTO, *languages, len(source) + len(target))
        vectors = run_vectors_for([source, target], embedder, cache, choose_mode(len(source) + len(target)), whole=method == WHOLE_LINES)
        kept = set(test)
        right = [link for link in sorted(gold) if link in kept and link[0] and link[1]]
        neighbours = [(a, b) for a, b in zip(right, right[1:], strict=False) if max(a[0]) + 1 == min(b[0]) and max(a[1]) + 1 == min(b[1])]
        merged = [((*a[0], *b[0]), (*a[1], *b[1])) for a, b in neighbours]
        runs = {(side, tuple(link[side])) for g, t in found for link in g + t + merged + right for side in (0, 1) if len(link[side]) > 1}
        texts = {text_key(joined((source, target)[side], s)): joined((source, target)[side], s) for side, s in runs}
        known = cache.get_vectors(embedder.name, list(texts))
        missing = [key for key in texts if key not in known]
        if missing:
            fresh = embed_in_batches(embedder, [texts[key] for key in missing])
            new = dict(zip(missing, fresh, strict=True))
            cache.put_vectors(embedder.name, new)
            known.update(new)
        terms = Terms(source, target, (vectors[0].runs[0], vectors[1].runs[0]), known)
        for g, t in found:
            difference = np.sum([terms.costs(link) for link in g], axis=0) - np.sum([terms.costs(link) for link in t], axis=0)
            totals += difference
            disputed.append(difference)
            prefers += difference < 0
            count += 1
        for (a, b), both in zip(neighbours, merged, strict=True):
            difference = np.array(terms.costs(both)) - np.array(terms.costs(a)) - np.array(terms.costs(b))
            merges += difference < 0
            agreed.append(difference)
            pairs += 1
    keep_cache(cache)
    names = ("per_sentence", "pooled", "concat")
    result: dict[str, float] = {"draw": draw, "regions": count}
    result.update({f"{name}_gold_minus_ours": round(float(v), 1) for name, v in zip(names, totals, strict=True)})
    result.update({f"{name}_prefers_gold": int(v) for name, v in zip(names, prefers, strict=True)})
    result["right_neighbours"] = pairs
    low, high = np.array(disputed).reshape(-1, 3), np.array(agreed).reshape(-1, 3)
    forms = {
        "per_sentence": (low[:, 0], high[:, 0]),
        "pooled": (low[:, 1], high[:, 1]),
        "concat": (low[:, 2], high[:, 2]),
        "per_sentence+concat-pooled": (low[:, 0] + low[:, 2] - low[:, 1], high[:, 0] + high[:, 2] - high[:, 1]),
    }
    result.update({f"auc_{name}": round(_auc(x, y), 3) for name, (x, y) in forms.items()})
    result.update({f"{name}_merges_right": int(v) for name, v in zip(names, merges, strict=True)})
    return result


if __name__ == "__main__":
    set_name, variant, method = sys.argv[1:4]
    for draw in range(int(sys.argv[4]) if len(sys.argv) > 4 else DRAWS):
        print(json.dumps(measure(set_name, variant, method, draw)), flush=True)
