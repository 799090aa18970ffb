"""The user's own word on interpolations (DESIGN §4): mark a span by hand, or unmark one the
rules found. Decisions win over the rules and survive re-detection. Owns the merging of detected
spans with decisions and which older decisions a new one replaces; standard library only.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from corpus.interpolations import without_overlaps
from corpus.spans import Interpolation, InterpolationKind, Origin, Span, SpanSet


class Verdict(StrEnum):
    """Whether a decision marks a span as an interpolation or says a detected one is none."""

    MARK = "mark"
    UNMARK = "unmark"


@dataclass(frozen=True)
class Decision:
    """A span the user marked (with its kind and editor) or unmarked."""

    start: int
    end: int
    verdict: Verdict
    kind: InterpolationKind | None = None
    editor: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"a decision needs a non-empty span, not [{self.start}, {self.end})")
        if (self.verdict == Verdict.MARK) != (self.kind is not None):
            raise ValueError("a mark has a kind and an unmark has none")

    @classmethod
    def mark(cls, span: Span, kind: InterpolationKind = InterpolationKind.NOTE, editor: str | None = None) -> Decision:
        return cls(span.start, span.end, Verdict.MARK, kind, editor)

    @classmethod
    def unmark(cls, span: Span) -> Decision:
        return cls(span.start, span.end, Verdict.UNMARK)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def as_interpolation(self) -> Interpolation:
        return Interpolation(self.start, self.end, self.kind or InterpolationKind.NOTE, self.editor, Origin.MANUAL)


def supersedes(new: Decision, old: Decision) -> bool:
    """Whether recording *new* replaces the earlier *old*: a mark replaces the marks it overlaps and
    the decisions inside it; an unmark replaces every decision inside it. So marks never overlap."""
    if new.verdict == Verdict.MARK and old.verdict == Verdict.MARK:
        return new.span.overlaps(old.span)
    return new.span.contains(old.span)


def apply_decisions(detected: Sequence[Interpolation], decisions: Sequence[Decision]) -> list[Interpolation]:
    """*detected* with *decisions* applied, sorted and never overlapping.

    A marked span replaces every detected span it overlaps; an unmarked span removes the detected
    spans inside it. A footnote whose mark is gone keeps its body but loses the link.
    """
    marks = without_overlaps([[d.as_interpolation() for d in decisions if d.verdict == Verdict.MARK]])
    unmarked = _Containment([d.span for d in decisions if d.verdict == Verdict.UNMARK])
    taken = SpanSet(m.span for m in marks)
    kept = [i for i in detected if not taken.overlaps(i.span) and not unmarked.contains(i.span)]
    mark_starts = {i.start for i in kept if i.kind == InterpolationKind.FOOTNOTE_MARK}
    kept = [_unlinked(i) if i.mark_start is not None and i.mark_start not in mark_starts else i for i in kept]
    return sorted([*kept, *marks], key=lambda i: (i.start, i.end))


def _unlinked(body: Interpolation) -> Interpolation:
    return Interpolation(body.start, body.end, body.kind, body.editor, body.origin, None)


class _Containment:
    """Answers "does one of these spans contain this one?" in logarithmic time."""

    def __init__(self, spans: Sequence[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [span.start for span in ordered]
        self._reach = list(accumulate((span.end for span in ordered), max))

    def contains(self, span: Span) -> bool:
        index = bisect.bisect_right(self._starts, span.start)
        return index > 0 and self._reach[index - 1] >= span.end
