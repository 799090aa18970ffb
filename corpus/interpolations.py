"""Finding editorial interpolations in a text (DESIGN §4): signed notes, labelled notes, the
project's own patterns, supplied words, and footnotes (corpus.footnotes) with their marks.

Rule-based and linear in the text length. Pure Python, standard library only; the result is a
sorted list of non-overlapping `Interpolation` values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import regex

from corpus.errors import UserError
from corpus.footnotes import at_line_start, footnote_bodies, link_marks
from corpus.signatures import UPPER, signed_tail_regex
from corpus.spans import Interpolation, InterpolationKind, Span, SpanSet
from corpus.structured_text import Footnote

_OPENERS = {")": "(", "]": "["}
_MAX_NOTE_LENGTH = 4000
_BRACKET_OR_BREAK = re.compile(r"[()\[\]]|\n[^\S\n]*\n")

# Labels that name an editor or translator: they open a note in parentheses or square brackets.
_EDITORIAL_LABELS = (
    r"Translator[’']s note|Translators[’'] note|Editor[’']s note|Editors[’'] note|Editorial note|"
    r"Anm\. ?d\. ?(?:Übers|Red|Hrsg|Hg)\.|Anmerkung (?:des|der) (?:Übersetzers|Übersetzerin|Herausgebers|Redaktion)|"
    r"Прим\. (?:ред|пер|перев)\.|Примечание (?:редактора|переводчика|редакции)|"
    r"Note du traducteur|Note de la rédaction|Note de l[’']éditeur|N\. ?d\. ?[TRÉE]\.|N\. ?D\. ?L\. ?R\.|NDLR|NdT|NdR"
)
# Labels too plain for parentheses ("(Note: …)" may be the author's); only in square brackets.
_PLAIN_LABELS = r"Note|Anm\.|Anmerkung|Прим\.|Примечание|Примеч\."
_LABEL_START = re.compile(
    rf"(?:\((?P<editorial>{_EDITORIAL_LABELS})|\[(?P<label>{_EDITORIAL_LABELS}|{_PLAIN_LABELS}))[ \t]*[:.–—-]",
    re.IGNORECASE,
)
_SUPPLIED = re.compile(r"\[(?:sic[!.]?(?::[^\]\n]{0,80})?|…|\.\.\.|(?!\d{1,3}\])[^\]\[\n]{1,80})\]")
_PAGE = r"(?:pp?|S|с|c|стр|Bd|vol|t|т|ch|chap|Kap|гл)\.?\s*\d+[a-z]?(?:\s*[–—-]\s*\d+)?"
# "[3, 4]", "[5–7]", "[12, с. 5]", "[Marx 1867, p. 3]": references, not the editor's words.
_CITATION = re.compile(
    rf"\[(?:\d{{1,3}}[a-z]?(?:\s*[,;–—-]\s*\d{{1,3}}[a-z]?)*"
    rf"|[{UPPER}][\w’'-]+(?:\s+(?:et al\.|u\. a\.|и др\.))?,?\s+\d{{4}}[a-z]?)"
    rf"(?:\s*[,:;]\s*{_PAGE})*\]"
)


@dataclass(frozen=True)
class DetectionConfig:
    """A project's additions to the built-in rules: editor signatures and regex patterns."""

    editors: tuple[str, ...] = ()
    patterns: tuple[str, ...] = field(default=())

    def compiled_patterns(self) -> list[regex.Pattern[str]]:
        """The project's patterns, compiled by the `regex` module (as `re` reads them), which
        can stop a match that takes too long."""
        return [regex.compile(pattern) for pattern in self.patterns]


class SlowPatternError(UserError):
    """A project's note pattern that took longer than its time budget; the message is meant for
    the user."""


def pattern_budget(text: str) -> float:
    """Seconds (of processor time) a project pattern may take over *text*: one, and one more
    per million characters."""
    return 1.0 + len(text) / 1_000_000


def find_interpolations(
    text: str, config: DetectionConfig = DetectionConfig(), footnotes: Sequence[Footnote] = ()
) -> list[Interpolation]:
    """All interpolations in *text*, sorted, never overlapping (earlier rules win). The *footnotes*
    a document's structure gives come first, linked to their marks; others are found by the rules."""
    pairs = _BracketPairs(text)
    tail = signed_tail_regex(tuple(config.editors))
    accepted = without_overlaps(
        [
            list(_given_footnotes(text, tail, footnotes)),
            list(_footnote_bodies(text, tail)),
            list(_signed_notes(text, tail, pairs)),
            list(_labelled_notes(text, tail, pairs)),
            list(_pattern_notes(text, config)),
            list(_supplied(text)),
        ]
    )
    bodies = [i for i in accepted if i.kind == InterpolationKind.FOOTNOTE and i.mark_start is None]
    marks, linked_bodies = link_marks(text, bodies, accepted)
    kept = [i for i in accepted if i.kind != InterpolationKind.FOOTNOTE or i.mark_start is not None]
    return sorted([*kept, *linked_bodies, *marks], key=lambda i: (i.start, i.end))


class _BracketPairs:
    """Which bracket each closing bracket closes: one pass over the text, never across a blank
    line nor further back than _MAX_NOTE_LENGTH code points."""

    def __init__(self, text: str) -> None:
        self.opener_of: dict[int, int] = {}
        self.closer_of: dict[int, int] = {}
        stacks: dict[str, list[int]] = {"(": [], "[": []}
        for match in _BRACKET_OR_BREAK.finditer(text):
            char = match.group()
            if char in stacks:
                stacks[char].append(match.start())
            elif char in _OPENERS:
                self._close(stacks[_OPENERS[char]], match.start())
            else:
                stacks = {"(": [], "[": []}

    def _close(self, stack: list[int], close: int) -> None:
        if stack:
            open_ = stack.pop()
            if close - open_ < _MAX_NOTE_LENGTH:
                self.opener_of[close] = open_
                self.closer_of[open_] = close


def _signed_notes(text: str, tail: re.Pattern[str], pairs: _BracketPairs) -> Iterator[Interpolation]:
    for match in tail.finditer(text):
        close = _closing_bracket_after(text, match.end())
        start = pairs.opener_of.get(close) if close is not None else None
        if start is not None:
            yield Interpolation(start, close + 1, InterpolationKind.NOTE, match.group("editor"))  # type: ignore[operator]


def _closing_bracket_after(text: str, position: int) -> int | None:
    index = position
    while index < len(text) and text[index] in " \t\u00a0":
        index += 1
    if index < len(text) and text[index] in _OPENERS:
        return index
    return None


def _labelled_notes(text: str, tail: re.Pattern[str], pairs: _BracketPairs) -> Iterator[Interpolation]:
    """"[Translator's note: …]", "[Anm.: …]", "(N.d.T. : …)": the label, or a signature at the end, is the editor."""
    for match in _LABEL_START.finditer(text):
        close = pairs.closer_of.get(match.start())
        if close is None:
            continue
        signed = tail.search(text, match.end(), close)
        editor = signed.group("editor") if signed else match.group("editorial") or match.group("label")
        yield Interpolation(match.start(), close + 1, InterpolationKind.NOTE, editor)


def _pattern_notes(text: str, config: DetectionConfig) -> Iterator[Interpolation]:
    """The matches of the project's patterns; one that takes longer than its budget (such as
    `(x+x+)+y` over a run of x's, which would never end) is refused."""
    budget = pattern_budget(text)
    for pattern in config.compiled_patterns():
        try:
            matches = list(pattern.finditer(text, timeout=budget))
        except TimeoutError:
            raise SlowPatternError(
                f"Note pattern {pattern.pattern!r} takes longer than {budget:.0f} s over a text of"
                f" {len(text):,} characters (it may never finish); simplify it or remove it from the project's rules."
            ) from None
        for match in matches:
            if match.end() > match.start():
                editor = match.groupdict().get("editor")
                yield Interpolation(match.start(), match.end(), InterpolationKind.NOTE, editor)


def _supplied(text: str) -> Iterator[Interpolation]:
    for match in _SUPPLIED.finditer(text):
        citation = _CITATION.fullmatch(text, match.start(), match.end())
        if citation is None and not at_line_start(text, match.start()):
            yield Interpolation(match.start(), match.end(), InterpolationKind.SUPPLIED)


def _footnote_bodies(text: str, tail: re.Pattern[str]) -> Iterator[Interpolation]:
    for body in footnote_bodies(text):
        yield Interpolation(body.span.start, body.span.end, InterpolationKind.FOOTNOTE, _signature(text, tail, body.span))


def _given_footnotes(text: str, tail: re.Pattern[str], footnotes: Sequence[Footnote]) -> Iterator[Interpolation]:
    """A converted document's footnotes: each mark, and its body linked to it."""
    for note in footnotes:
        editor = _signature(text, tail, note.body)
        yield Interpolation(note.mark.start, note.mark.end, InterpolationKind.FOOTNOTE_MARK, editor)
        yield Interpolation(note.body.start, note.body.end, InterpolationKind.FOOTNOTE, editor, mark_start=note.mark.start)


def _signature(text: str, tail: re.Pattern[str], span: Span) -> str | None:
    """The editor who signed the end of *span* ("… - E. H."), if anyone did."""
    signed = tail.search(text, span.start, span.end)
    return signed.group("editor") if signed and signed.end() == span.end else None


def without_overlaps(groups: Sequence[Sequence[Interpolation]]) -> list[Interpolation]:
    """The candidates of each group, in order of the groups, that overlap nothing kept before them
    (within a group, the one that starts first, or the longer one, wins). Sorted by position."""
    kept: list[Interpolation] = []
    for group in groups:
        taken = SpanSet(i.span for i in kept)
        fresh: list[Interpolation] = []
        reach = -1
        for candidate in sorted(group, key=lambda i: (i.start, -i.end)):
            if candidate.start >= reach and not taken.overlaps(candidate.span):
                fresh.append(candidate)
                reach = candidate.end
        kept = sorted([*kept, *fresh], key=lambda i: (i.start, i.end))
    return kept


