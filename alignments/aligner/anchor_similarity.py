"""Anchor similarity inside the band: for every searched pair of sentences, the summed weight
of the anchors they share, with anchor weights (inverse document frequencies) computed per
window of the text rather than over the whole file, so long texts weigh a name by how rare it
is where it occurs. Vectorised joins over token ids; numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.band import Band

WINDOW = 512  # source sentences per statistics window
FREQUENT_SHARE = 0.08  # anchors in more of a window's sentences than this carry no weight
FREQUENT_MINIMUM = 4


@dataclass(frozen=True)
class TokenTable:
    """Anchor ids per sentence, compressed: sentence k owns ids[offsets[k]:offsets[k + 1]]."""

    offsets: NDArray[np.int64]
    ids: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def owners(self) -> NDArray[np.int64]:
        """The sentence of each entry of `ids`."""
        return np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))

    def reversed(self) -> TokenTable:
        """The same sentences, last first."""
        counts = np.diff(self.offsets)[::-1]
        order = np.argsort(len(self) - 1 - self.owners(), kind="stable")
        return TokenTable(np.concatenate(([0], np.cumsum(counts))).astype(np.int64), self.ids[order])

    def grouped(self, starts: NDArray[np.int64]) -> TokenTable:
        """Runs of sentences beginning at *starts* as single units (anchors concatenated)."""
        return TokenTable(np.append(self.offsets[starts], self.offsets[-1]), self.ids)


class Tokens(NamedTuple):
    """Both sides' anchors as ids from one shared vocabulary, and which ids are numbers;
    *known*: runs known elsewhere to translate each other (`KnownRuns`), source and target
    sides row by row, over the same vocabulary (their words not in the pair after the pair's)."""

    source: TokenTable
    target: TokenTable
    numbers: NDArray[np.bool_]
    known: tuple[TokenTable, TokenTable] | None = None


# The anchors of sentence runs known to translate each other outside the pair being aligned
# (beads of the project's other pairs): (source anchors, target anchors) per run.
KnownRuns = Sequence[tuple[Sequence[str], Sequence[str]]]


def token_tables(source: Sequence[Sequence[str]], target: Sequence[Sequence[str]], known: KnownRuns = ()) -> Tokens:
    """Both sides' anchors as ids from one shared vocabulary (and *known*'s, if any)."""
    vocabulary: dict[str, int] = {}

    def table(sentences: Sequence[Sequence[str]]) -> TokenTable:
        ids = [vocabulary.setdefault(token, len(vocabulary)) for tokens in sentences for token in tokens]
        counts = [len(tokens) for tokens in sentences]
        offsets = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        return TokenTable(offsets.astype(np.int64), np.asarray(ids, dtype=np.int64))

    source_table, target_table = table(source), table(target)
    numbers = np.fromiter((token.startswith("#") for token in vocabulary), dtype=np.bool_, count=len(vocabulary))
    known_tables = (table([s for s, _ in known]), table([t for _, t in known])) if known else None
    return Tokens(source_table, target_table, numbers, known_tables)


@dataclass(frozen=True)
class BandSimilarity:
    """`shared[i, k]`: weight shared by source sentence i-1 and target sentence lo[i]+k-1;
    `source_weight`/`target_weight`: each sentence's total anchor weight."""

    shared: NDArray[np.float32]
    source_weight: NDArray[np.float64]
    target_weight: NDArray[np.float64]

    def reversed(self, band: Band, reverse_band: Band) -> BandSimilarity:
        """The same weights for both sides read last first, laid out in *reverse_band* (inside
        *band* reversed): a backward pass then prices every bead as the forward pass did."""
        n, m = band.rows - 1, int(band.hi[-1])
        rows = n + 1 - np.arange(reverse_band.rows)[:, None]  # the forward row of each reversed row
        columns = m + 1 - (reverse_band.lo[:, None] + np.arange(reverse_band.width)[None, :])
        safe_rows = np.clip(rows, 1, n)
        k = columns - band.lo[safe_rows]
        valid = (rows <= n) & (k >= 0) & (columns <= band.hi[safe_rows]) & (columns >= 1)
        shared = np.where(valid, self.shared[safe_rows, np.clip(k, 0, band.width - 1)], 0.0).astype(np.float32)
        return BandSimilarity(shared, self.source_weight[::-1], self.target_weight[::-1])

    def with_links(self, links: NDArray[np.int64], band: Band, weight: float) -> BandSimilarity:
        """The same, with each sentence pair (i, j) of *links* sharing *weight* more (as if both
        held one more anchor of that weight): sure correspondences pull the path through them."""
        if not len(links):
            return self
        i, j = links[:, 0], links[:, 1]
        k = j + 1 - band.lo[i + 1]
        inside = (k >= 0) & (j + 1 <= band.hi[i + 1])
        shared = self.shared.copy()
        np.add.at(shared, (i[inside] + 1, k[inside]), weight)
        source_weight, target_weight = self.source_weight.copy(), self.target_weight.copy()
        np.add.at(source_weight, i[inside], weight)
        np.add.at(target_weight, j[inside], weight)
        return BandSimilarity(shared, source_weight, target_weight)


def band_similarity(source: TokenTable, target: TokenTable, band: Band) -> BandSimilarity:
    n, m = len(source), len(target)
    vocabulary = int(max(source.ids.max(initial=-1), target.ids.max(initial=-1))) + 1
    shared = np.zeros((n + 1, band.width), dtype=np.float32)
    source_weight, target_weight = np.zeros(n), np.zeros(m)
    centres = (band.lo + band.hi) // 2
    source_owner, target_owner = source.owners(), target.owners()
    for s0 in range(0, n, WINDOW):
        s1 = min(n, s0 + WINDOW)
        t0 = 0 if s0 == 0 else int(centres[s0])
        t1 = m if s1 == n else max(t0, int(centres[s1]))
        weights = _window_weights(source, target, (s0, s1), (t0, t1), vocabulary)
        _sentence_weights(source, source_weight, s0, s1, weights)
        _sentence_weights(target, target_weight, t0, t1, weights)
        candidates = (max(0, int(band.lo[s0 + 1]) - 1), min(m, int(band.hi[s1])))
        _accumulate(shared, band, source, target, source_owner, target_owner, (s0, s1), candidates, weights)
    return BandSimilarity(shared, source_weight, target_weight)


def _window_weights(
    source: TokenTable, target: TokenTable, sources: tuple[int, int], targets: tuple[int, int], vocabulary: int
) -> NDArray[np.float64]:
    """Inverse document frequency of each anchor within the window; frequent anchors weigh 0."""
    ids = np.concatenate((_slice(source, *sources), _slice(target, *targets)))
    sentences = (sources[1] - sources[0]) + (targets[1] - targets[0])
    frequency = np.bincount(ids, minlength=vocabulary).astype(np.float64)
    limit = max(FREQUENT_MINIMUM, FREQUENT_SHARE * sentences)
    weights = np.zeros(vocabulary)
    useful = (frequency > 0) & (frequency <= limit)
    weights[useful] = np.log1p(sentences / frequency[useful])
    return weights


def _slice(table: TokenTable, first: int, last: int) -> NDArray[np.int64]:
    return table.ids[table.offsets[first] : table.offsets[last]]


def _sentence_weights(table: TokenTable, out: NDArray[np.float64], first: int, last: int, weights: NDArray[np.float64]) -> None:
    if last <= first:
        return
    ids = _slice(table, first, last)
    cumulative = np.concatenate(([0.0], np.cumsum(weights[ids])))
    bounds = table.offsets[first : last + 1] - table.offsets[first]
    out[first:last] = cumulative[bounds[1:]] - cumulative[bounds[:-1]]


def _accumulate(
    shared: NDArray[np.float32],
    band: Band,
    source: TokenTable,
    target: TokenTable,
    source_owner: NDArray[np.int64],
    target_owner: NDArray[np.int64],
    sources: tuple[int, int],
    targets: tuple[int, int],
    weights: NDArray[np.float64],
) -> None:
    """Add the weight of every anchor shared by a source sentence of the window and a target
    sentence inside its band."""
    s_from, s_to = source.offsets[sources[0]], source.offsets[sources[1]]
    t_from, t_to = target.offsets[targets[0]], target.offsets[max(targets)]
    s_ids, s_rows = source.ids[s_from:s_to], source_owner[s_from:s_to]
    keep = weights[s_ids] > 0
    s_ids, s_rows = s_ids[keep], s_rows[keep]
    t_ids, t_rows = target.ids[t_from:t_to], target_owner[t_from:t_to]
    keep = weights[t_ids] > 0
    t_ids, t_rows = t_ids[keep], t_rows[keep]
    if not len(s_ids) or not len(t_ids):
        return
    order = np.argsort(t_ids, kind="stable")
    t_ids, t_rows = t_ids[order], t_rows[order]
    left = np.searchsorted(t_ids, s_ids, "left")
    counts = np.searchsorted(t_ids, s_ids, "right") - left
    total = int(counts.sum())
    if total == 0:
        return
    pair_source = np.repeat(s_rows, counts)
    pair_id = np.repeat(s_ids, counts)
    starts = np.repeat(left - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    pair_target = t_rows[starts + np.arange(total)]
    rows = pair_source + 1
    columns = pair_target + 1 - band.lo[rows]
    inside = (columns >= 0) & (pair_target + 1 <= band.hi[rows])
    np.add.at(shared, (rows[inside], columns[inside]), weights[pair_id[inside]])
