"""Imperfect translations made from the gold sets (issue 12): the translation cut short, an
excerpt, passages left out on one or both sides, and a literary-like text whose translation
joins 1-4 consecutive lines into one. Each variant cuts the gold ladder the same way, so it
stays exact: a sentence whose counterpart was cut becomes a null bead. Plain data, no I/O
beyond bench.data.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from alignments.ladder.notation import Link
from bench.data import Document

Variant = Callable[[Document, int], Document]


def _kept(document: Document, keep_target: Callable[[int, int], bool], keep_source: Callable[[int, int], bool]) -> Document:
    """The document with whole gold beads removed from one side: *keep_target(k, count)* and
    *keep_source(k, count)* say whether bead k (of count) keeps its target / source sentences.
    A bead that loses one side leaves its other side as null beads; one that loses both is gone."""
    source, target, gold = document
    new_source: list[str] = []
    new_target: list[str] = []
    links: list[Link] = []
    for k, (all_src, tgt) in enumerate(gold):
        src = [i for i in all_src if i < len(source)]  # one ParIce gold link names a line past the end
        has_source, has_target = keep_source(k, len(gold)), keep_target(k, len(gold))
        s_ids = tuple(range(len(new_source), len(new_source) + len(src))) if has_source else ()
        t_ids = tuple(range(len(new_target), len(new_target) + len(tgt))) if has_target else ()
        new_source += [source[i] for i in src] if has_source else []
        new_target += [target[j] for j in tgt] if has_target else []
        if s_ids and t_ids:
            links.append((s_ids, t_ids))
        else:
            links += [((i,), ()) for i in s_ids] + [((), (j,)) for j in t_ids]
    return new_source, new_target, links


def _share(first: float, last: float) -> Callable[[int, int], bool]:
    """Beads whose position lies in [first, last) of the ladder."""
    return lambda k, count: first <= k / count < last


def _outside(*passages: tuple[float, float]) -> Callable[[int, int], bool]:
    return lambda k, count: not any(a <= k / count < b for a, b in passages)


def _always(k: int, count: int) -> bool:
    return True


def stops_at_40(document: Document, seed: int) -> Document:
    """The translation stops at 40 % of the source."""
    return _kept(document, _share(0.0, 0.4), _always)


def middle_only(document: Document, seed: int) -> Document:
    """The translation covers only 30-70 % of the source."""
    return _kept(document, _share(0.3, 0.7), _always)


def three_passages_out(document: Document, seed: int) -> Document:
    """Three passages of the translation left out (each about 8 % of the text)."""
    return _kept(document, _outside((0.15, 0.23), (0.45, 0.53), (0.75, 0.83)), _always)


def both_sides_missing(document: Document, seed: int) -> Document:
    """Passages missing on both sides: two cut from the translation, two from the source."""
    return _kept(document, _outside((0.12, 0.2), (0.6, 0.68)), _outside((0.35, 0.43), (0.82, 0.9)))


def literary(document: Document, seed: int) -> Document:
    """1-4 consecutive translation lines joined into one (as a language with long clause
    chains writes); beads that a joined line straddles become one n:m bead, of at most
    LITERARY_LARGEST sentences (`_line_groups`)."""
    source, target, gold = _kept(document, _always, _always)  # only lines the gold knows
    groups = _line_groups(gold, random.Random(seed))
    line_of = {j: g for g, members in enumerate(groups) for j in members}
    links: list[Link] = []
    current: tuple[set[int], set[int]] | None = None
    pending: list[int] = []  # source sentences without counterpart after the current bead
    for src, tgt in gold:
        lines = {line_of[j] for j in tgt}
        if not lines:
            pending += src
        elif current is not None and lines & current[1]:
            current[0].update(src, pending)
            current[1].update(lines)
            pending = []
        else:
            if current is not None:
                links.append((tuple(sorted(current[0])), tuple(sorted(current[1]))))
            links += [((i,), ()) for i in pending]
            current, pending = (set(src), lines), []
    if current is not None:
        links.append((tuple(sorted(current[0])), tuple(sorted(current[1]))))
    links += [((i,), ()) for i in pending]
    joined = [" ".join(target[j] for j in members) for members in groups]
    return source, joined, _nulls_apart(links)


# The largest beads of real literary gold (zh-en: 1:2 ... 1:4, 2:3, 3:5, issue 12) hold eight
# sentences. Joining lines regardless of the gold beads chains 2:1 and 1:2 beads into 8:4 or
# 7:3 beads that no translation has; a line stops joining its neighbour where that would happen.
LITERARY_LARGEST = 8


def _line_groups(gold: list[Link], rng: random.Random) -> list[list[int]]:
    """The target lines of *gold* (every line in one bead, in order) in groups of 1-4
    consecutive lines (drawn at random), each to be joined into one line. A group ends early,
    at the start of a gold bead, where taking that bead in could make the merged bead (the
    gold beads its joined lines straddle) longer than LITERARY_LARGEST sentences, counting
    every later line of the bead as a line of its own."""
    groups: list[list[int]] = []
    room = size = pending = 0  # lines the last group may still take; the merged bead's sentences so far
    for src, tgt in gold:
        if not tgt:
            pending += len(src)  # merged into the bead only if the next bead joins it
            continue
        joins = room > 0 and size + pending + len(src) + len(tgt) - 1 <= LITERARY_LARGEST
        size = size + pending + len(src) if joins else len(src)
        pending = 0
        for k, j in enumerate(tgt):
            if room > 0 and (k > 0 or joins):
                groups[-1].append(j)
                room -= 1
            else:
                groups.append([j])
                room = rng.choice((1, 1, 2, 2, 3, 4)) - 1
                size += 1
    return groups


def _nulls_apart(links: list[Link]) -> list[Link]:
    """A merged bead with an empty side stays as one null bead per sentence (as gold has them)."""
    result: list[Link] = []
    for src, tgt in links:
        if src and tgt:
            result.append((src, tgt))
        else:
            result += [((i,), ()) for i in src] + [((), (j,)) for j in tgt]
    return result


def literary_source_joined(document: Document, seed: int) -> Document:
    """`literary` mirrored: 1-4 consecutive *source* lines joined into one, as in real literary
    zh-en text, where the long line (one sentence of clause chains) is the source. Measured
    beside the literary row (bench/README.md), not a target row of its own."""
    source, target, gold = _kept(document, _always, _always)
    joined_target, joined_source, links = literary((target, source, [(t, s) for s, t in gold]), seed)
    return joined_source, joined_target, [(s, t) for t, s in links]


VARIANTS: dict[str, Variant] = {
    "stops at 40%": stops_at_40,
    "covers 30-70%": middle_only,
    "3 passages out": three_passages_out,
    "cut both sides": both_sides_missing,
    "literary n:m": literary,
}


def _passages(rng: random.Random, count: int, shortest: float = 0.04, longest: float = 0.12) -> list[tuple[float, float]]:
    """*count* passages apart from each other (each 4-12 % of the text by default) at random
    places between 5 % and 95 %."""
    while True:
        starts = sorted(rng.uniform(0.05, 0.95 - longest) for _ in range(count))
        passages = [(a, a + rng.uniform(shortest, longest)) for a in starts]
        if all(b + 0.02 < c for (_, b), (c, _) in zip(passages, passages[1:], strict=False)):
            return passages


def stops_anywhere(document: Document, seed: int) -> Document:
    """`stops_at_40` with the translation stopping anywhere between 20 % and 60 % of the source."""
    return _kept(document, _share(0.0, random.Random(seed).uniform(0.2, 0.6)), _always)


def middle_anywhere(document: Document, seed: int) -> Document:
    """`middle_only` with the excerpt 25-50 % of the source long, starting anywhere up to 45 %."""
    rng = random.Random(seed)
    first = rng.uniform(0.05, 0.45)
    return _kept(document, _share(first, first + rng.uniform(0.25, 0.5)), _always)


def passages_out_anywhere(document: Document, seed: int) -> Document:
    """`three_passages_out` with two to four passages of 4-12 % at random places."""
    rng = random.Random(seed)
    return _kept(document, _outside(*_passages(rng, rng.randint(2, 4))), _always)


def both_sides_anywhere(document: Document, seed: int) -> Document:
    """`both_sides_missing` with the four passages (4-12 % each) at random places, the two sides'
    passages drawn independently (they may meet)."""
    rng = random.Random(seed)
    return _kept(document, _outside(*_passages(rng, 2)), _outside(*_passages(rng, 2)))


# An abridged translation drops a sentence here and there rather than whole passages: a run of
# one to three gold beads left out starts at each bead with this probability (about 16 % of the
# beads in all).
SHORT_RUN_SHARE = 0.08


def _short_runs(count: int, seed: int) -> set[int]:
    """The beads (of *count*) in short runs left out, drawn with *seed*."""
    rng = random.Random(seed)
    left_out: set[int] = set()
    for k in range(count):
        if rng.random() < SHORT_RUN_SHARE:
            left_out.update(range(k, k + rng.randint(1, 3)))
    return left_out


def abridged(document: Document, seed: int) -> Document:
    """An abridged translation: short runs of the translation left out all through the text."""
    left_out = _short_runs(len(document[2]), seed)
    return _kept(document, lambda k, _: k not in left_out, _always)


def additions(document: Document, seed: int) -> Document:
    """A translation that adds sentences here and there (explanations, a translator's asides):
    short runs of the source left out all through the text."""
    left_out = _short_runs(len(document[2]), seed)
    return _kept(document, _always, lambda k, _: k not in left_out)


def literary_excerpt_anywhere(document: Document, seed: int) -> Document:
    """`literary_source_joined`, then the translation cut as in `middle_anywhere`: a translation
    in shorter sentences of an excerpt of a source in long ones (as many lines as its source can
    have: bench/README.md, ninth round)."""
    return middle_anywhere(literary_source_joined(document, seed), seed)


# Variants measured beside the rows (`bench.methods quality … VARIANT`, `draws`), not rows
# themselves: the literary mirror and its excerpt, and each cut row with its cuts drawn at random places and
# lengths (draw d, document k: seed k + DRAW_STRIDE * d), so that a change tuned to the rows'
# fixed cuts shows here.
MEASURED_BESIDE: dict[str, Variant] = {
    "literary n:m, source joined": literary_source_joined,
    "literary excerpt anywhere": literary_excerpt_anywhere,
    "stops anywhere": stops_anywhere,
    "covers anywhere": middle_anywhere,
    "passages out anywhere": passages_out_anywhere,
    "cut both sides anywhere": both_sides_anywhere,
    "abridged": abridged,
    "additions": additions,
}
# Of those, the ones `make bench` reports (F1 over DRAWS draws) beside the rows: short cuts all
# through the text, which the rows (a few long cuts each) do not have.
REPORTED_BESIDE = ("abridged", "additions")


# A variant's random draw: draw d gives document k the seed k + DRAW_STRIDE * d (draw 0, the one
# `make bench` reports, is seed k). The literary variant moves by up to 10 points from draw to
# draw, so it is also reported as the mean of DRAWS draws.
DRAW_STRIDE, DRAWS = 1000, 5


def variant_documents(documents: list[Document], name: str, draw: int = 0) -> list[Document]:
    """Each document of a gold set as the named variant ("complete": unchanged), in random
    draw *draw*."""
    if name == "complete":
        return documents
    variant = VARIANTS.get(name) or MEASURED_BESIDE[name]
    return [variant(document, k + DRAW_STRIDE * draw) for k, document in enumerate(documents)]
