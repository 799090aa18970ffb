"""Plain values for places in a text: sentence spans and editorial interpolations.

Offsets are Unicode code points into one document string, half-open `[start, end)`.
Standard library only.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from corpus.text_views import TextLike


class InterpolationKind(StrEnum):
    """What an editor or translator inserted (DESIGN §3)."""

    NOTE = "note"
    SUPPLIED = "supplied"
    FOOTNOTE_MARK = "footnote-mark"
    FOOTNOTE = "footnote"


class Origin(StrEnum):
    """Whether a span was found by the rules or marked by hand."""

    AUTO = "auto"
    MANUAL = "manual"


NOTE_PUNCTUATION = " .,;:!?\"'”“„’«»"  # what may remain of a sentence that is wholly a note

KIND_LABELS: dict[InterpolationKind, str] = {
    InterpolationKind.NOTE: "Editorial note",
    InterpolationKind.SUPPLIED: "Supplied by the editor",
    InterpolationKind.FOOTNOTE_MARK: "Footnote mark",
    InterpolationKind.FOOTNOTE: "Footnote",
}


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of code points."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def text_of(self, text: TextLike) -> str:
        return text[self.start : self.end]

    def shifted(self, by: int) -> Span:
        return Span(self.start + by, self.end + by)


@dataclass(frozen=True)
class Interpolation:
    """An inserted passage: where it is, what kind, whose signature; footnotes name their mark."""

    start: int
    end: int
    kind: InterpolationKind
    editor: str | None = None
    origin: Origin = Origin.AUTO
    mark_start: int | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def relative_to(self, start: int, end: int) -> Interpolation:
        """This span clipped to [start, end) and counted from *start* (e.g. within a sentence)."""
        mark = None if self.mark_start is None else self.mark_start - start
        return Interpolation(
            max(self.start, start) - start, min(self.end, end) - start, self.kind, self.editor, self.origin, mark
        )

    def shifted(self, by: int) -> Interpolation:
        mark = None if self.mark_start is None else self.mark_start + by
        return Interpolation(self.start + by, self.end + by, self.kind, self.editor, self.origin, mark)

    def describe(self) -> str:
        """A short human description, e.g. "Editorial note — E. H."."""
        label = KIND_LABELS[self.kind]
        return f"{label} — {self.editor}" if self.editor else label


class SpanSet:
    """Spans that do not overlap one another, sorted once, answering "does this overlap any?"
    in logarithmic time."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans = sorted(spans)

    def overlaps(self, span: Span) -> bool:
        index = bisect.bisect_left(self._spans, Span(span.end, span.end))
        return any(other.overlaps(span) for other in self._spans[max(0, index - 2) : index + 1])


def strip_spans(text: str, spans: Iterable[Span]) -> str:
    """*text* without the given spans (offsets relative to *text*), spaces left behind collapsed."""
    pieces: list[str] = []
    cursor = 0
    for span in sorted(spans):
        if span.start >= cursor:
            pieces.append(text[cursor : span.start])
            cursor = span.end
    pieces.append(text[cursor:])
    return _tidy_gaps(pieces)


_CLOSING = frozenset(".,;:!?)]»”’")


def _tidy_gaps(pieces: Sequence[str]) -> str:
    joined = pieces[0]
    for piece in pieces[1:]:
        left, right = joined.rstrip(" \t"), piece.lstrip(" \t")
        if left and right and right[0] not in _CLOSING:
            joined = f"{left} {right}"
        else:
            joined = left + right
    return joined.strip()
