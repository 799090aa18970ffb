"""A word-translation model learnt from the pair itself, for the default aligner's later passes:
IBM Model 1 (a few EM iterations, both directions) over the previous pass's confident 1:1 beads,
with the anchors' word prefixes as words (so inflected forms share a stem), and the lexical
similarity it gives each pair of sentences in the band, in the anchor similarity's form (shared
weight per cell, total weight per sentence) so the cost model weighs it the same way. Runs known
elsewhere to translate each other (the beads of a project's other pairs) teach it too, and
then it guides the first pass as well. numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import FREQUENT_MINIMUM, FREQUENT_SHARE, BandSimilarity, TokenTable
from alignments.aligner.band import Band

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

ITERATIONS = 5  # EM iterations of IBM Model 1
LEAST_PAIRS = 8  # fewer confident sentence pairs than this teach nothing
LEAST_PROBABILITY = 0.05  # translations less likely than this are not looked at
NULL = -1  # the empty word every sentence also holds
WINDOW = 256  # own sentences whose similarities are worked out at once
# The lexical term's weight in the costs: a lexicon a pass before taught as the anchors'; the
# first pass's, of runs known elsewhere, more, up to KNOWN_WEIGHT from FULLY_KNOWN runs on (the
# pair has taught nothing yet; ParIce's documents, each with the other nine's ~450 sure beads,
# gain on most variants at 30; with one other document's 14-160, 30 loses up to 4 points where
# 10 changes nothing; 30 in the later passes too costs the flags a tenth of their recall:
# bench/README.md, "A project's lexicon")
OWN_WEIGHT, KNOWN_WEIGHT, FULLY_KNOWN = 10.0, 30.0, 400


@dataclass(frozen=True)
class Translations:
    """One direction's table: `probability[k]` that word `given[k]` translates as `word[k]`."""

    given: IntArray
    word: IntArray
    probability: FloatArray

    def likely(self) -> Translations:
        keep = (self.probability >= LEAST_PROBABILITY) & (self.given != NULL)
        return Translations(self.given[keep], self.word[keep], self.probability[keep])


@dataclass(frozen=True)
class Lexicon:
    """Word translation probabilities both ways, and a weight per word (rarer words count
    more), over the shared anchor vocabulary."""

    forward: Translations  # source word -> target word
    backward: Translations  # target word -> source word
    weights: FloatArray
    weight: float = OWN_WEIGHT  # of its term in the costs

    def band_similarity(self, source: TokenTable, target: TokenTable, band: Band) -> BandSimilarity:
        """Per searched cell: the weight of the words of either sentence the other one
        translates (each word counts its best translation's probability), half from each
        side, so that twice the shared weight over both totals is the share explained.
        Worked out for windows of sentences against the band's reach, so time and memory
        grow linearly with the texts."""
        shared = np.zeros((len(source) + 1, band.width), dtype=np.float32)
        for table, own, other, flipped in ((self.backward, source, target, False), (self.forward, target, source, True)):
            translated = _Translated.of(table, other, len(self.weights))
            for first in range(0, len(own), WINDOW):
                last = min(len(own), first + WINDOW)
                reach = _reach(band, first, last, flipped)
                rows, columns, explained = translated.explain(own, first, last, reach, self.weights)
                if flipped:
                    rows, columns = columns, rows
                rows = rows + 1
                columns = columns + 1 - band.lo[rows]
                inside = (columns >= 0) & (columns < band.width) & (columns + band.lo[rows] <= band.hi[rows])
                np.add.at(shared, (rows[inside], columns[inside]), 0.5 * explained[inside])
        return BandSimilarity(shared, _totals(source, self.weights), _totals(target, self.weights))


def _reach(band: Band, first: int, last: int, flipped: bool) -> tuple[int, int]:
    """The sentences of the other side that the band lets meet own sentences [first, last)
    (source sentence i is band row i + 1, target sentence j column j + 1)."""
    if not flipped:
        return max(0, int(band.lo[first + 1]) - 1), int(band.hi[last])
    rows_from = int(np.searchsorted(band.hi, first + 1, "left"))
    rows_to = int(np.searchsorted(band.lo, last, "right"))
    return max(0, rows_from - 1), max(0, rows_to - 1)


@dataclass(frozen=True)
class _Translated:
    """What each sentence of one side may translate as: per (sentence, word), the probability
    of the word's best translation from the sentence, sorted by sentence."""

    sentence: IntArray
    word: IntArray
    best: FloatArray

    @classmethod
    def of(cls, table: Translations, other: TokenTable, vocabulary: int) -> _Translated:
        occurrence, entry = _matches(other.ids, table.given)
        keys = other.owners()[occurrence] * vocabulary + table.word[entry]
        unique, inverse = np.unique(keys, return_inverse=True)
        best = np.zeros(len(unique))
        np.maximum.at(best, inverse.reshape(-1), table.probability[entry])
        return cls(unique // vocabulary, unique % vocabulary, best)

    def explain(
        self, own: TokenTable, first: int, last: int, reach: tuple[int, int], weights: FloatArray
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """For own sentences [first, last) and the sentences in *reach* here: every pair where
        some word of the own sentence is a likely translation, with the weight of the own
        sentence's words, each times the probability of its best translation."""
        lower, upper = np.searchsorted(self.sentence, reach, "left")
        words = own.ids[own.offsets[first] : own.offsets[last]]
        owners = own.owners()[own.offsets[first] : own.offsets[last]]
        useful = weights[words] > 0
        words, owners = words[useful], owners[useful]
        translated, found = _matches(self.word[lower:upper], words)
        return owners[found], self.sentence[lower:upper][translated], self.best[lower:upper][translated] * weights[words[found]]


class KnownPairs:
    """Runs known elsewhere to translate each other (`Tokens.known`: row k of one side translates
    row k of the other), with what IBM Model 1 meets in them worked out once per direction: every
    lexical pass of an alignment learns from them again (with a short pair, about 2,000 known
    runs against its hundred sure beads: most of the work)."""

    def __init__(self, tables: tuple[TokenTable, TokenTable]) -> None:
        self.source, self.target = tables
        self.largest = int(max(self.source.ids.max(initial=-1), self.target.ids.max(initial=-1)))
        self._keyed: dict[tuple[bool, int], _KeyedMeetings] = {}
        # what `learn` made of a pair's own runs with these, by the runs: the runs of the aligner
        # with other length ratios (second opinions) often learn from the same sure beads
        self._learnt: dict[tuple[bytes, int], tuple[TokenTable, TokenTable, Lexicon]] = {}

    def __len__(self) -> int:
        return len(self.source)

    def lexicon(self, source: TokenTable, target: TokenTable, chosen: IntArray, iterations: int) -> Lexicon:
        """`learn`'s lexicon of the pair's own runs *chosen* (rows of source first, last + 1,
        target first, last + 1) with these; the same runs of the same pair are learnt once."""
        key = chosen.tobytes(), iterations
        earlier = self._learnt.get(key)
        if earlier is None or earlier[0] is not source or earlier[1] is not target:
            earlier = source, target, _learnt(source, target, chosen, self, iterations)
            self._learnt[key] = earlier
        return earlier[2]

    def keyed(self, forward: bool, vocabulary: int) -> _KeyedMeetings:
        """The meetings of one direction (*forward*: source words given, target words produced),
        keyed over *vocabulary* words."""
        if (forward, vocabulary) not in self._keyed:
            given, produced = (self.source, self.target) if forward else (self.target, self.source)
            runs = np.stack((np.arange(len(self)), np.arange(1, len(self) + 1)), axis=1).astype(np.int64)
            meetings = _Meetings.of(given, runs, produced, runs)
            keys, inverse = np.unique(meetings.keys(vocabulary), return_inverse=True)
            self._keyed[forward, vocabulary] = _KeyedMeetings(meetings, keys, inverse.reshape(-1))
        return self._keyed[forward, vocabulary]


@dataclass(frozen=True)
class _Meetings:
    """What IBM Model 1 meets in pairs of runs, one direction: every produced word occurrence
    (its word), and per entry (an occurrence and a given word of its counterpart run, or NULL)
    the given word and the occurrence."""

    given: IntArray
    words: IntArray
    group: IntArray

    @classmethod
    def of(cls, given: TokenTable, given_runs: IntArray, produced: TokenTable, produced_runs: IntArray) -> _Meetings:
        """The meetings of runs given_runs[k] and produced_runs[k] (first and last + 1)."""
        given_bounds, produced_bounds = given.offsets[given_runs], produced.offsets[produced_runs]
        bag_sizes = given_bounds[:, 1] - given_bounds[:, 0] + 1
        bag_starts = np.cumsum(bag_sizes) - bag_sizes
        bags = np.full(int(bag_sizes.sum()), NULL, dtype=np.int64)  # each run's words, then NULL
        bags[_ranges(bag_starts, bag_starts + bag_sizes - 1)] = given.ids[_ranges(given_bounds[:, 0], given_bounds[:, 1])]
        words = produced.ids[_ranges(produced_bounds[:, 0], produced_bounds[:, 1])]
        pair = np.repeat(np.arange(len(produced_runs)), produced_bounds[:, 1] - produced_bounds[:, 0])
        sizes = bag_sizes[pair]
        group = np.repeat(np.arange(len(words)), sizes)
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return cls(bags[np.repeat(bag_starts[pair], sizes) + within], words, group)

    def keys(self, vocabulary: int) -> IntArray:
        """Per entry, its (given word, produced word) as one number (NULL as word -1)."""
        return (self.given + 1) * vocabulary + self.words[self.group]

    def then(self, other: _Meetings) -> _Meetings:
        """These meetings, then *other*'s."""
        group = np.concatenate((self.group, other.group + len(self.words)))
        return _Meetings(np.concatenate((self.given, other.given)), np.concatenate((self.words, other.words)), group)


@dataclass(frozen=True)
class _KeyedMeetings:
    """Meetings with their distinct keys (sorted) and, per entry, its key's index."""

    meetings: _Meetings
    keys: IntArray
    inverse: IntArray

    def after(self, own: _Meetings, vocabulary: int) -> _KeyedMeetings:
        """*own* meetings, then these, keyed as `np.unique` over all their entries would key
        them (without sorting these again)."""
        own_keys, own_inverse = np.unique(own.keys(vocabulary), return_inverse=True)
        fresh = own_keys[~np.isin(own_keys, self.keys, assume_unique=True)]
        keys = np.insert(self.keys, np.searchsorted(self.keys, fresh), fresh)
        mine = np.arange(len(self.keys)) + np.searchsorted(fresh, self.keys)
        inverse = np.concatenate((np.searchsorted(keys, own_keys)[own_inverse.reshape(-1)], mine[self.inverse]))
        return _KeyedMeetings(own.then(self.meetings), keys, inverse)


def learn(
    source: TokenTable,
    target: TokenTable,
    pairs: Sequence[tuple[range, range]],
    known: KnownPairs | None = None,
    iterations: int = ITERATIONS,
) -> Lexicon | None:
    """The lexicon of *pairs* of sentence runs (source, target) thought to be translations of
    each other, and of the *known* runs; None when they are too few to learn from. Words weigh
    by their rarity in the pair's own sentences."""
    if len(pairs) + (len(known) if known is not None else 0) < LEAST_PAIRS:
        return None
    chosen = np.asarray([(s.start, s.stop, t.start, t.stop) for s, t in pairs], dtype=np.int64).reshape(-1, 4)
    return _learnt(source, target, chosen, None, iterations) if known is None else known.lexicon(source, target, chosen, iterations)


def _learnt(source: TokenTable, target: TokenTable, chosen: IntArray, known: KnownPairs | None, iterations: int) -> Lexicon:
    """`learn`'s lexicon of the runs *chosen* (as `KnownPairs.lexicon` has them)."""
    largest = max(int(source.ids.max(initial=-1)), int(target.ids.max(initial=-1)), known.largest if known is not None else -1)
    vocabulary = largest + 1
    forward = _model_one(
        _Meetings.of(source, chosen[:, :2], target, chosen[:, 2:]), vocabulary, iterations, _known_meetings(known, True, vocabulary)
    )
    backward = _model_one(
        _Meetings.of(target, chosen[:, 2:], source, chosen[:, :2]), vocabulary, iterations, _known_meetings(known, False, vocabulary)
    )
    return Lexicon(forward.likely(), backward.likely(), _weights(source, target, vocabulary))


def _known_meetings(known: KnownPairs | None, forward: bool, vocabulary: int) -> _KeyedMeetings | None:
    return known.keyed(forward, vocabulary) if known is not None else None


def known_lexicon(source: TokenTable, target: TokenTable, known: KnownPairs | None) -> Lexicon | None:
    """What the runs *known* elsewhere alone teach about *source* and *target* (None without
    them or if too few): the first pass's lexicon, weighing the more the more runs taught it."""
    if known is None:
        return None
    lexicon = learn(source, target, [], known)
    share = min(1.0, len(known) / FULLY_KNOWN)
    return replace(lexicon, weight=OWN_WEIGHT + (KNOWN_WEIGHT - OWN_WEIGHT) * share) if lexicon is not None else None


def _model_one(own: _Meetings, vocabulary: int, iterations: int, known: _KeyedMeetings | None = None) -> Translations:
    """IBM Model 1 over the *own* meetings of pairs of runs, then the *known* ones: P(produced
    word | given word) by EM, each given run's words and NULL equally likely to produce each
    word of its counterpart."""
    if known is None:
        keys, inverse = np.unique(own.keys(vocabulary), return_inverse=True)
        keyed = _KeyedMeetings(own, keys, inverse.reshape(-1))
    else:
        keyed = known.after(own, vocabulary)
    meetings, keys, entry_pair = keyed.meetings, keyed.keys, keyed.inverse
    if not len(meetings.words):
        return Translations(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    group = meetings.group
    pair_given = keys // vocabulary  # the given word + 1 (0: NULL)
    probability = np.ones(len(keys))
    for _ in range(iterations):
        mass = probability[entry_pair]
        share = mass / np.bincount(group, weights=mass, minlength=len(meetings.words))[group]
        counts = np.bincount(entry_pair, weights=share, minlength=len(keys))
        probability = counts / np.bincount(pair_given, weights=counts)[pair_given]
    return Translations(pair_given - 1, keys % vocabulary, probability)


def _ranges(starts: IntArray, stops: IntArray) -> IntArray:
    """Every range(starts[k], stops[k]), one after the other."""
    lengths = stops - starts
    total = int(lengths.sum())
    return np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + np.arange(total, dtype=np.int64)


def _weights(source: TokenTable, target: TokenTable, vocabulary: int) -> FloatArray:
    """Inverse document frequency of each word over both sides' sentences; words in many
    sentences weigh nothing (as anchors do)."""
    sentences = len(source) + len(target)
    frequency = np.bincount(np.concatenate((_distinct(source), _distinct(target))), minlength=vocabulary)
    weights = np.zeros(vocabulary)
    useful = (frequency > 0) & (frequency <= max(FREQUENT_MINIMUM, FREQUENT_SHARE * sentences))
    weights[useful] = np.log1p(sentences / frequency[useful])
    return weights


def _distinct(table: TokenTable) -> IntArray:
    """Each sentence's words once."""
    if not len(table.ids):
        return table.ids
    keys = np.unique(table.owners() * (int(table.ids.max()) + 1) + table.ids)
    return keys % (int(table.ids.max()) + 1)


def _totals(table: TokenTable, weights: FloatArray) -> FloatArray:
    cumulative = np.concatenate(([0.0], np.cumsum(weights[table.ids])))
    return cumulative[table.offsets[1:]] - cumulative[table.offsets[:-1]]


def _matches(left: IntArray, right: IntArray) -> tuple[IntArray, IntArray]:
    """Every (a, b) with left[a] == right[b]."""
    order = np.argsort(right, kind="stable")
    ordered = right[order]
    first = np.searchsorted(ordered, left, "left")
    counts = np.searchsorted(ordered, left, "right") - first
    total = int(counts.sum())
    a = np.repeat(np.arange(len(left), dtype=np.int64), counts)
    offsets = np.repeat(first - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(total)
    return a, order[offsets].astype(np.int64)
