"""Footnotes (DESIGN §4): the bodies that start with a mark at a line start, usually at the end of
the text, and the marks in running text they belong to (`*`, `**`, `†`, `¹²`, `[1]`).

Owns the mark and body conventions, emphasis (`*word*` is never a mark) and the linking of marks
to bodies. Linear in the text length; standard library only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from corpus.spans import Interpolation, InterpolationKind, Span, SpanSet

_SYMBOLS = "*†‡"
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
MARK = rf"\*{{1,3}}|†{{1,2}}|‡{{1,2}}|[{_SUPERSCRIPTS}]+|\[\d{{1,3}}\]"
# a body's text starts after its mark and a space; "* * *" (a section break) is no body
_BODY_START = re.compile(rf"(?m)^[^\S\n]*(?P<mark>{MARK})[^\S\n]+(?=[^\s{_SYMBOLS}])")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![*\w])")


@dataclass(frozen=True)
class Body:
    """A footnote body: its mark as written and its span (from the mark to its last character)."""

    mark: str
    span: Span


def footnote_bodies(text: str) -> list[Body]:
    """Every footnote body, in order.

    A body runs from its mark to the end of its paragraph or to the next body's line. Lines in a
    row that start with the same mark ("* one", "* two") are a bulleted list, not footnotes.
    """
    starts = list(_BODY_START.finditer(text))
    breaks = [match.start() for match in _BLANK_LINE.finditer(text)]
    bodies: list[Body] = []
    in_list = False
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else None
        paragraph_end = _next_break(breaks, start.end(), len(text))
        adjacent = following is not None and following.start() < paragraph_end
        end = following.start() if adjacent else paragraph_end  # type: ignore[union-attr]
        same_list = adjacent and following.group("mark") == start.group("mark")  # type: ignore[union-attr]
        if not (same_list or in_list):
            bodies.append(Body(start.group("mark"), _trimmed(text, start.start("mark"), end)))
        in_list = same_list
    return bodies


def _next_break(breaks: Sequence[int], position: int, default: int) -> int:
    index = bisect.bisect_left(breaks, position)
    return breaks[index] if index < len(breaks) else default


def _trimmed(text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def link_marks(
    text: str, bodies: Sequence[Interpolation], taken: Sequence[Interpolation]
) -> tuple[list[Interpolation], list[Interpolation]]:
    """The marks of footnote *bodies* (each: the first unused mark before it) and the bodies
    linked to them; a body with no mark is dropped. *taken* spans hold no marks."""
    blocked = (SpanSet(Span(m.start(), m.end()) for m in EMPHASIS.finditer(text)), SpanSet(i.span for i in taken))
    occurrences: dict[str, _Occurrences] = {}
    marks: list[Interpolation] = []
    linked: list[Interpolation] = []
    for body in bodies:
        token = _BODY_START.match(text, _line_start(text, body.start)).group("mark")  # type: ignore[union-attr]
        if token not in occurrences:
            occurrences[token] = _Occurrences(list(_mark_occurrences(text, token, blocked)))
        mark_start = occurrences[token].take_before(body.start)
        if mark_start is None:
            continue
        marks.append(Interpolation(mark_start, mark_start + len(token), InterpolationKind.FOOTNOTE_MARK, body.editor))
        linked.append(Interpolation(body.start, body.end, body.kind, body.editor, body.origin, mark_start))
    return marks, linked


class _Occurrences:
    """The places of one mark in running text, handed out in order."""

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts
        self._next = 0

    def take_before(self, limit: int) -> int | None:
        if self._next < len(self._starts) and self._starts[self._next] < limit:
            self._next += 1
            return self._starts[self._next - 1]
        return None


def _mark_occurrences(text: str, token: str, blocked: Sequence[SpanSet]) -> Iterator[int]:
    """Start offsets of *token* in running text, in order, outside emphasis and other spans:
    a symbol mark may follow a word ("nations*") but not be part of a longer run ("**")."""
    if token[0] in _SYMBOLS:
        pattern = rf"(?<![{_SYMBOLS}]){re.escape(token)}(?![{_SYMBOLS}\w])"
    elif token[0] in _SUPERSCRIPTS:
        pattern = rf"(?<![{_SUPERSCRIPTS}]){token}(?![{_SUPERSCRIPTS}])"
    else:
        pattern = re.escape(token)
    for match in re.finditer(pattern, text):
        span = Span(match.start(), match.end())
        if not at_line_start(text, match.start()) and not any(b.overlaps(span) for b in blocked):
            yield match.start()


def _line_start(text: str, index: int) -> int:
    """The start of the line holding *index*, for an *index* that only white space precedes on its line."""
    return text.rfind("\n", 0, index) + 1


def at_line_start(text: str, index: int) -> bool:
    """Whether only spaces or tabs come between the start of its line and *index*."""
    while index > 0 and text[index - 1] in " \t\u00a0":
        index -= 1
    return index == 0 or text[index - 1] in "\r\n"
