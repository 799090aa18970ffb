"""Finding editorial interpolations in a text: signed notes, labelled notes, supplied words,
footnote marks and the footnote bodies they point to (DESIGN §4).

Rule-based and linear in the text length. Pure Python, standard library only; the result is a
sorted list of non-overlapping `Interpolation` values.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from corpus.signatures import signed_tail_regex
from corpus.spans import Interpolation, InterpolationKind, Span

_PAIRS = {")": "(", "]": "["}
_MAX_NOTE_LENGTH = 4000

_NOTE_LABELS = (
    r"Translator[’']s note|Translators[’'] note|Editor[’']s note|Editors[’'] note|Note|"
    r"Anm\. d\. Übers\.|Anm\. d\. Red\.|Anm\. d\. Hrsg\.|Anm\.|Anmerkung|"
    r"Прим\. ред\.|Прим\. пер\.|Прим\.|Примечание|"
    r"Note du traducteur|Note de l[’']éditeur|N\. ?d\. ?T\.|N\. ?d\. ?R\."
)
_LABELLED_NOTE = re.compile(
    rf"\[[ \t]*(?P<label>{_NOTE_LABELS})[ \t]*[:.–—-][^\]\n]*\]", re.IGNORECASE
)
_SUPPLIED = re.compile(r"\[(?:sic[!.]?(?::[^\]\n]{0,80})?|…|\.\.\.|(?!\d{1,3}\])[^\]\[\n]{1,80})\]")
_BODY = re.compile(
    r"(?m)^[ \t]*(?P<mark>\*{1,3}|†{1,2}|‡|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])[ \t]+\S[^\n]*"
)
_EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![*\w])")


@dataclass(frozen=True)
class DetectionConfig:
    """A project's additions to the built-in rules: editor signatures and regex patterns."""

    editors: tuple[str, ...] = ()
    patterns: tuple[str, ...] = field(default=())

    def compiled_patterns(self) -> list[re.Pattern[str]]:
        return [re.compile(pattern) for pattern in self.patterns]


def find_interpolations(text: str, config: DetectionConfig = DetectionConfig()) -> list[Interpolation]:
    """All interpolations in *text*, sorted, never overlapping (earlier rules win)."""
    bodies = list(_footnote_bodies(text, config))
    candidates: list[Interpolation] = [
        *bodies,
        *_signed_notes(text, config),
        *_labelled_notes(text, config),
        *_pattern_notes(text, config),
        *_supplied(text),
    ]
    accepted = _without_overlaps(candidates)
    marks, linked_bodies = _link_marks(text, [i for i in accepted if i.kind == InterpolationKind.FOOTNOTE], accepted)
    kept = [i for i in accepted if i.kind != InterpolationKind.FOOTNOTE]
    return sorted([*kept, *linked_bodies, *marks], key=lambda i: (i.start, i.end))


def _signed_notes(text: str, config: DetectionConfig) -> Iterator[Interpolation]:
    for tail in signed_tail_regex(config.editors).finditer(text):
        close = _closing_bracket_after(text, tail.end())
        if close is None:
            continue
        start = _matching_opener(text, tail.start(), text[close])
        if start is not None:
            yield Interpolation(start, close + 1, InterpolationKind.NOTE, tail.group("editor"))


def _closing_bracket_after(text: str, position: int) -> int | None:
    index = position
    while index < len(text) and text[index] in " \t\u00a0":
        index += 1
    if index < len(text) and text[index] in _PAIRS:
        return index
    return None


def _matching_opener(text: str, position: int, closer: str) -> int | None:
    """Index of the bracket that *closer* (just after *position*) closes, scanning back
    no further than a paragraph break or _MAX_NOTE_LENGTH code points."""
    opener = _PAIRS[closer]
    depth = 0
    blank_since_newline = False
    for index in range(position - 1, max(0, position - _MAX_NOTE_LENGTH) - 1, -1):
        char = text[index]
        if char == "\n":
            if blank_since_newline:
                return None
            blank_since_newline = True
        elif not char.isspace():
            blank_since_newline = False
        if char == closer:
            depth += 1
        elif char == opener:
            if depth == 0:
                return index
            depth -= 1
    return None


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _labelled_notes(text: str, config: DetectionConfig) -> Iterator[Interpolation]:
    tail = signed_tail_regex(config.editors)
    for match in _LABELLED_NOTE.finditer(text):
        signed = tail.search(text, match.start(), match.end())
        editor = signed.group("editor") if signed else match.group("label")
        yield Interpolation(match.start(), match.end(), InterpolationKind.NOTE, editor)


def _pattern_notes(text: str, config: DetectionConfig) -> Iterator[Interpolation]:
    for pattern in config.compiled_patterns():
        for match in pattern.finditer(text):
            if match.end() > match.start():
                editor = match.groupdict().get("editor")
                yield Interpolation(match.start(), match.end(), InterpolationKind.NOTE, editor)


def _supplied(text: str) -> Iterator[Interpolation]:
    for match in _SUPPLIED.finditer(text):
        if not _at_line_start(text, match.start()):
            yield Interpolation(match.start(), match.end(), InterpolationKind.SUPPLIED)


def _footnote_bodies(text: str, config: DetectionConfig) -> Iterator[Interpolation]:
    tail = signed_tail_regex(config.editors)
    for match in _BODY.finditer(text):
        start = match.start("mark")
        end = len(match.group(0).rstrip()) + match.start()
        signed = tail.search(text, start, end)
        editor = signed.group("editor") if signed and signed.end() == end else None
        yield Interpolation(start, end, InterpolationKind.FOOTNOTE, editor)


def _link_marks(
    text: str, bodies: Sequence[Interpolation], taken: Sequence[Interpolation]
) -> tuple[list[Interpolation], list[Interpolation]]:
    """Pair each footnote body with the first unused mark before it; drop bodies with no mark."""
    blocked = (
        _SpanSet(Span(m.start(), m.end()) for m in _EMPHASIS.finditer(text)),
        _SpanSet(i.span for i in taken),
    )
    free_marks: dict[str, Iterator[int]] = {}
    marks: list[Interpolation] = []
    linked: list[Interpolation] = []
    for body in bodies:
        token = _BODY.match(text, _line_start(text, body.start)).group("mark")  # type: ignore[union-attr]
        occurrences = free_marks.setdefault(token, _mark_occurrences(text, token, blocked))
        mark_start = next((start for start in occurrences if start < body.start), None)
        if mark_start is None:
            continue
        marks.append(
            Interpolation(mark_start, mark_start + len(token), InterpolationKind.FOOTNOTE_MARK, body.editor)
        )
        linked.append(Interpolation(body.start, body.end, body.kind, body.editor, body.origin, mark_start))
    return marks, linked


def _mark_occurrences(text: str, token: str, blocked: Sequence[_SpanSet]) -> Iterator[int]:
    """Start offsets of *token* in running text, in order, outside emphasis and other spans."""
    symbol = token[0] in "*†‡"
    pattern = re.compile(rf"(?<![*†‡\w]){re.escape(token)}(?![*†‡\w])" if symbol else re.escape(token))
    for match in pattern.finditer(text):
        span = Span(match.start(), match.end())
        if not _at_line_start(text, match.start()) and not any(b.overlaps(span) for b in blocked):
            yield match.start()


def _at_line_start(text: str, index: int) -> bool:
    return not text[_line_start(text, index) : index].strip()


def _without_overlaps(candidates: Iterable[Interpolation]) -> list[Interpolation]:
    accepted = _SpanSet()
    kept: list[Interpolation] = []
    for candidate in candidates:
        if not accepted.overlaps(candidate.span):
            accepted.add(candidate.span)
            kept.append(candidate)
    return kept


class _SpanSet:
    """Mutually non-overlapping spans kept sorted, answering "does this overlap any?" quickly."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: list[Span] = []
        for span in sorted(spans):
            self.add(span)

    def add(self, span: Span) -> None:
        bisect.insort(self._spans, span)

    def overlaps(self, span: Span) -> bool:
        index = bisect.bisect_left(self._spans, Span(span.end, span.end))
        return any(other.overlaps(span) for other in self._spans[max(0, index - 2) : index + 1])
