"""What part of each text an alignment says the other one covers: the stretch of sentences that
have a counterpart, long runs inside it that have none, and sentences left without counterpart
here and there (an abridged translation). Turned into one line a user can act on ("the
translation appears to cover sentences 1–212 of 530 of the source"). Plain values; works on a
ladder of 0-based positions (the vecalign notation).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from alignments.ladder.islands import island_links

Link = tuple[tuple[int, ...], tuple[int, ...]]

UNCOVERED_SHARE = 0.1  # a side counts as partly covered when this share of it lies outside
LONG_GAP_SHARE, LONG_GAP_MINIMUM = 0.05, 5  # runs without counterpart worth naming
MOST_GAPS = 3  # more long gaps than this on a side: the texts hardly match, no clean coverage
# Sentences without counterpart (but notes and junk lines, which need none) scattered in short
# runs are worth a word when there are this share of a side, at least this many, in this many
# places: an abridged translation, or one that adds here and there (a complete pair leaves out
# a caption or two).
SCATTERED_SHARE, SCATTERED_MINIMUM, SCATTERED_PLACES = 0.1, 5, 3


@dataclass(frozen=True)
class SideCoverage:
    """Of one side's *count* sentences: the first and last with a counterpart (0-based, or None
    when none has one) and the long runs between them without counterpart."""

    count: int
    first: int | None
    last: int | None
    gaps: tuple[tuple[int, int], ...]
    left_out: int = 0  # sentences without counterpart that need one (not notes or junk)
    places: int = 0  # the runs they make

    @property
    def scattered(self) -> bool:
        """Whether many sentences are left without counterpart here and there."""
        share = max(SCATTERED_MINIMUM, SCATTERED_SHARE * self.count)
        return self.first is not None and self.places >= SCATTERED_PLACES and self.left_out >= share

    @property
    def partial(self) -> bool:
        if self.first is None or self.last is None:
            return self.count > 0
        outside = self.first + (self.count - 1 - self.last) + sum(b - a + 1 for a, b in self.gaps)
        return outside > UNCOVERED_SHARE * self.count

    @property
    def clean(self) -> bool:
        """Whether the sentences with a counterpart form a stretch worth reporting: few long
        gaps, together not half of the stretch (else the texts hardly match at all)."""
        if self.first is None or self.last is None:
            return False
        missing = sum(b - a + 1 for a, b in self.gaps)
        return len(self.gaps) <= MOST_GAPS and 2 * missing < self.last - self.first + 1

    def describe(self, other: str, this: str) -> str:
        """What *other* ("the translation") appears to cover of *this* ("the source"), e.g.
        "the translation appears to cover sentences 1–212 of 530 of the source (except 80–95)";
        "… appears to leave out sentences 41–60 of the 110 of the source" when it reaches from
        the first sentence to the last. Only for a clean coverage."""
        assert self.first is not None and self.last is not None
        gaps = [f"{a + 1}–{b + 1}" for a, b in self.gaps]
        named = ", ".join(gaps[:-1]) + " and " + gaps[-1] if len(gaps) > 1 else (gaps[0] if gaps else "")
        if gaps and self.first == 0 and self.last == self.count - 1:
            return f"{other} appears to leave out sentences {named} of the {self.count} of {this}"
        text = f"{other} appears to cover sentences {self.first + 1}–{self.last + 1} of {self.count} of {this}"
        return text + (f" (except {named})" if gaps else "")

    def describe_scattered(self, other: str, this: str) -> str:
        """E.g. "the translation appears to leave out 59 of the 468 sentences of the source, here
        and there (in 21 places)"."""
        return f"{other} appears to leave out {self.left_out} of the {self.count} sentences of {this}, here and there (in {self.places} places)"


def side_coverage(links: Sequence[Link], count: int, side: int, need_none: Collection[int] = ()) -> SideCoverage:
    """Coverage of side 0 (source) or 1 (target) by beads with both sides; *need_none*: the
    side's sentences that need no counterpart (wholly notes, junk lines)."""
    linked = sorted(k for link in links if link[0] and link[1] for k in link[side])
    if not linked:
        return SideCoverage(count, None, None, ())
    longest = max(LONG_GAP_MINIMUM, LONG_GAP_SHARE * count)
    gaps = tuple((a + 1, b - 1) for a, b in zip(linked, linked[1:], strict=False) if b - a - 1 >= longest)
    alone = sorted(k for link in links if not link[1 - side] for k in link[side])
    needing = [sum(k not in need_none for k in run) for run in _runs(alone)]  # a note inside a run does not part it
    return SideCoverage(count, linked[0], linked[-1], gaps, sum(needing), sum(1 for number in needing if number))


def _runs(positions: list[int]) -> Iterator[list[int]]:
    """Rising *positions* as runs of consecutive ones."""
    run: list[int] = []
    for position in positions:
        if run and position != run[-1] + 1:
            yield run
            run = []
        run.append(position)
    if run:
        yield run


def coverage_warning(
    links: Sequence[Link], source_count: int, target_count: int, need_none: tuple[Collection[int], Collection[int]] = ((), ())
) -> str | None:
    """`coverage_findings` as one warning line ("Warning: … ."), or None."""
    findings = coverage_findings(links, source_count, target_count, need_none)
    return None if findings is None else f"Warning: {findings}."


def coverage_findings(
    links: Sequence[Link], source_count: int, target_count: int, need_none: tuple[Collection[int], Collection[int]] = ((), ())
) -> str | None:
    """What the alignment says when either text covers only part of the other, or leaves out
    many of its sentences here and there ("the translation appears to cover sentences 1–212 of
    530 of the source"), else None (also when the sentences with a counterpart are scattered:
    that is no coverage to report). *need_none*: per side, the sentences that need no
    counterpart (wholly notes, junk lines). Beads cut off at a text's edge
    (alignments/ladder/islands.py) are likely misplaced: on the side whose sentences cut them
    off they do not count as covered."""
    source = side_coverage(_without_islands(links, 0), source_count, 0, need_none[0])
    target = side_coverage(_without_islands(links, 1), target_count, 1, need_none[1])
    if not (source.clean and target.clean):
        return None
    parts = []
    for side, other, this in ((source, "the translation", "the source"), (target, "the source", "the translation")):
        if side.partial:
            parts.append(side.describe(other, this))
        elif side.scattered:
            parts.append(side.describe_scattered(other, this))
    return "; ".join(parts) or None


def might_find(unaligned: int, source_count: int, target_count: int) -> bool:
    """Whether `coverage_findings` could find anything in a ladder that leaves *unaligned*
    sentences of both texts without counterpart: a side is partly covered, or leaves many out
    here and there, only when a share of it has none."""
    return unaligned >= min(UNCOVERED_SHARE, SCATTERED_SHARE) * min(source_count, target_count)


def links_from_counts(counts: Sequence[tuple[int, int]]) -> list[Link]:
    """A ladder given as each bead's sentence counts (source, target), in order, as 0-based
    positions: a ladder covers both texts in order, so the counts are all it takes."""
    links: list[Link] = []
    source = target = 0
    for source_count, target_count in counts:
        links.append((tuple(range(source, source + source_count)), tuple(range(target, target + target_count))))
        source, target = source + source_count, target + target_count
    return links


def _without_islands(links: Sequence[Link], side: int) -> list[Link]:
    islands = set(island_links(links, side))
    return [link for k, link in enumerate(links) if k not in islands]
