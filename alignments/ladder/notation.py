"""The field's bead notation (vecalign's ladder files: "[0, 1]:[2]:0.93") and the standard
strict/lax precision, recall and F1 over such ladders (as defined in vecalign's score.py).

Standard library only; indices are 0-based sentence positions within each document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alignments.ladder.beads import parse_score
from corpus.errors import UserError

Link = tuple[tuple[int, ...], tuple[int, ...]]
_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+))?\s*$")


class LadderFormatError(UserError, ValueError):
    """A ladder line that is not "[ids]:[ids]" or "[ids]:[ids]:score"."""


def format_link(source: Sequence[int], target: Sequence[int], score: float | None = None) -> str:
    text = f"[{', '.join(map(str, source))}]:[{', '.join(map(str, target))}]"
    return text if score is None else f"{text}:{score:.3f}"


def parse_ladder(text: str) -> list[Link]:
    """Links of a ladder file, in order; blank lines are skipped."""
    return [link for link, _ in parse_scored_ladder(text)]


def parse_scored_ladder(text: str) -> list[tuple[Link, float | None]]:
    """Links of a ladder file with their scores (None where a line has none), in order."""
    links: list[tuple[Link, float | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise LadderFormatError(f"line {number} is not a ladder link: {line.strip()[:60]!r}")
        links.append(((_ids(match.group(1)), _ids(match.group(2))), _score(match.group(3), number)))
    return links


def _score(text: str | None, number: int) -> float | None:
    if text is None:
        return None
    try:
        return parse_score(text)
    except ValueError as error:
        raise LadderFormatError(f"line {number}: {error}") from None


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def score(gold: Iterable[Sequence[Link]], test: Iterable[Sequence[Link]]) -> Scores:
    """Micro-averaged scores of *test* ladders against *gold* ladders (one pair per document).

    Precision counts every test link, nulls included; recall counts only non-null gold links.
    A lax hit is a link sharing a linked sentence pair with the gold.
    """
    precision = [0, 0, 0, 0]
    recall = [0, 0, 0, 0]
    for gold_links, test_links in zip(gold, test, strict=True):
        _add(precision, _hits(gold_links, test_links))
        _add(recall, _hits(_non_null(test_links), _non_null(gold_links)))
    p_strict, p_lax = _ratio(precision[0], precision[1]), _ratio(precision[2], precision[3])
    r_strict, r_lax = _ratio(recall[0], recall[1]), _ratio(recall[2], recall[3])
    return Scores(p_strict, r_strict, _f1(p_strict, r_strict), p_lax, r_lax, _f1(p_lax, r_lax))


def _hits(reference: Sequence[Link], candidates: Sequence[Link]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of *candidates* against *reference*."""
    reference_set = {link for link in reference if link[0] or link[1]}
    partners: dict[int, set[int]] = defaultdict(set)
    for source, target in reference_set:
        for sid in source:
            partners[sid].update(target)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for link in {link for link in candidates if link[0] or link[1]}:
        if link in reference_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        linked = set().union(*(partners[sid] for sid in link[0])) if link[0] else set()
        if linked.intersection(link[1]):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def _non_null(links: Sequence[Link]) -> list[Link]:
    return [link for link in links if link[0] and link[1]]


def _add(total: list[int], counts: tuple[int, int, int, int]) -> None:
    for index, value in enumerate(counts):
        total[index] += value


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
