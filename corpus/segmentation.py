"""Sentence segmentation with exact code-point offsets: sentencex for the language rules, and our
own layer for what it cannot know (DESIGN §5): paragraph breaks, editorial notes and signatures,
abbreviations that end or do not end a sentence, stray closing quotes, run-on text.

Pure Python plus sentencex; linear in the text length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator, Sequence

import sentencex

from corpus.signatures import UPPER, signed_tail_regex
from corpus.spans import Interpolation, InterpolationKind, Span

MAX_SENTENCE_LENGTH = 2000
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\n|\r(?!\n))[ \t\f\v]*(?:\r\n|\n|\r(?!\n))(?:[ \t\f\v]*(?:\r\n|\n|\r(?!\n)))*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»“)\]]*\s*$")
_CLOSERS_ONLY = re.compile(r"[\"'”’»“„«)\]\s.,;:!?…]*")
_STARTS_SENTENCE = re.compile(rf"\s*(?:[\"'„“‘«(\[*]*[{UPPER}\d])")
_PERIOD_SPACE = re.compile(r"\.\s+")
_LOOKBEHIND = 40
_NESTING_WINDOW = 8
_CLAUSE_BREAK = re.compile(r"[;:,—–][\"'”’»)]*\s")

# Abbreviations after which sentencex may cut but a sentence never ends ("P. S. In 1928, …").
NON_FINAL_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "*": ("P. S.", "P.S.", "P. P. S.", "N. B.", "N.B."),
    "de": ("z. B.", "d. h.", "u. a.", "v. a.", "Anm.", "Nr.", "vgl.", "bzw.", "ca.", "S."),
    "en": ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "vol.", "cf.", "p.", "pp.", "No."),
    "ru": ("т. е.", "т. к.", "т. н.", "г.", "гг.", "др.", "им.", "ул.", "стр."),
    "fr": ("M.", "MM.", "Mme.", "p.", "cf."),
}
# Abbreviations that may end a sentence: a capitalised word after them starts a new one.
FINAL_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "*": ("etc.",),
    "de": ("u. dgl. m.", "u. dgl.", "u. a. m.", "u. ä.", "usw.", "u. s. w.", "usf."),
    "ru": ("и т. д.", "и т. п.", "и пр."),
}


def segment(
    text: str,
    lang: str,
    interpolations: Sequence[Interpolation] = (),
    abbreviations: Collection[str] = (),
) -> list[Span]:
    """Sentences of *text* in order: spans with no surrounding white space, never empty.

    *interpolations* are never split; a free-standing note becomes a sentence of its own.
    *abbreviations* are the project's own additions to the non-final abbreviations.
    """
    rules = _Rules(lang, abbreviations)
    pending = sorted(interpolations, key=lambda i: i.start)
    sentences: list[Span] = []
    next_note = 0
    for block in _paragraphs(text):
        first = next_note
        while next_note < len(pending) and pending[next_note].start < block.end:
            next_note += 1
        notes = [i for i in pending[first:next_note] if block.contains(i.span)]
        cuts = _cuts_in_block(text, block, notes, rules)
        sentences.extend(_pieces(text, block, cuts))
    return [piece for sentence in sentences for piece in _limit_length(text, sentence)]


class _Rules:
    """Language rules resolved once per call."""

    def __init__(self, lang: str, extra: Collection[str]) -> None:
        base = lang.split("-")[0].lower()
        self.lang = base
        self.non_final = _ending_regex([*NON_FINAL_ABBREVIATIONS["*"], *NON_FINAL_ABBREVIATIONS.get(base, ()), *extra])
        self.final = _ending_regex([*FINAL_ABBREVIATIONS["*"], *FINAL_ABBREVIATIONS.get(base, ())])
        self.signature = signed_tail_regex()


def _ending_regex(abbreviations: Sequence[str]) -> re.Pattern[str]:
    alternatives = sorted({a.strip() for a in abbreviations if a.strip()}, key=len, reverse=True)
    escaped = [r"\s*".join(re.escape(part) for part in a.split()) for a in alternatives]
    return re.compile(r"(?:^|(?<=[\s(\[„“\"']))(?:" + "|".join(escaped) + r")\s*$")


def _paragraphs(text: str) -> Iterator[Span]:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _cuts_in_block(text: str, block: Span, notes: Sequence[Interpolation], rules: _Rules) -> list[int]:
    """Positions inside *block* where a new sentence starts."""
    body = block.text_of(text)
    boundaries = sentencex.get_sentence_boundaries(rules.lang, body)
    raw = {block.start + _next_non_space(body, b["end_index"]) for b in boundaries}
    protected = sorted(
        [n.span for n in notes]
        + [Span(block.start + m.start(), block.start + m.end()) for m in rules.signature.finditer(body)]
    )
    cuts = {c for c in raw if block.start < c < block.end and not _inside_any(c, protected)}
    cuts |= set(_final_abbreviation_cuts(text, block, rules))
    cuts = {c for c in cuts if not _ends_with(rules.non_final, text, block.start, c)}
    cuts |= set(_free_standing_note_cuts(text, block, notes))
    return _without_closer_pieces(text, sorted(cuts), block.end)


def _next_non_space(body: str, index: int) -> int:
    while index < len(body) and body[index].isspace():
        index += 1
    return index


def _inside_any(cut: int, spans: Sequence[Span]) -> bool:
    """Whether *cut* falls strictly inside one of the sorted *spans* (which may nest)."""
    index = bisect.bisect_left(spans, Span(cut, cut))
    return any(span.start < cut < span.end for span in spans[max(0, index - _NESTING_WINDOW) : index])


def _ends_with(pattern: re.Pattern[str], text: str, low: int, end: int) -> bool:
    """Whether the text just before *end* matches *pattern* (anchored at its end)."""
    return pattern.search(text, max(low, end - _LOOKBEHIND), end) is not None


def _final_abbreviation_cuts(text: str, block: Span, rules: _Rules) -> Iterator[int]:
    for match in _PERIOD_SPACE.finditer(text, block.start, block.end):
        period_end = match.start() + 1
        if _ends_with(rules.final, text, block.start, period_end) and _STARTS_SENTENCE.match(
            text, match.end(), block.end
        ):
            yield match.end()


def _free_standing_note_cuts(text: str, block: Span, notes: Sequence[Interpolation]) -> Iterator[int]:
    """Cuts around notes that stand between sentences ("… Yezhov. (… - N. Kh.) I have …")."""
    for note in notes:
        if note.kind not in (InterpolationKind.NOTE, InterpolationKind.FOOTNOTE):
            continue
        has_text_before = note.start > block.start and not text[block.start : note.start].isspace()
        if has_text_before and not _ends_with(_SENTENCE_END, text, block.start, note.start):
            continue
        yield note.start
        after = _next_non_space(text, note.end)
        if after >= block.end or _STARTS_SENTENCE.match(text, after, block.end):
            yield after


def _without_closer_pieces(text: str, cuts: Sequence[int], block_end: int) -> list[int]:
    """Drop cuts whose piece holds only closing quotes or punctuation (it joins the one before)."""
    kept: list[int] = []
    for index, cut in enumerate(cuts):
        following = cuts[index + 1] if index + 1 < len(cuts) else block_end
        if _CLOSERS_ONLY.fullmatch(text, cut, following) is None:
            kept.append(cut)
    return kept


def _pieces(text: str, block: Span, cuts: Sequence[int]) -> Iterator[Span]:
    bounds = [block.start, *cuts, block.end]
    for start, end in zip(bounds, bounds[1:]):
        trimmed = _trim(text, start, end)
        if trimmed is not None:
            yield trimmed


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _limit_length(text: str, sentence: Span) -> Iterator[Span]:
    """Cut an over-long run-on sentence at clause punctuation, else at a space, else anywhere."""
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_LENGTH:
        limit = start + MAX_SENTENCE_LENGTH
        cut = _last_break(text, start + MAX_SENTENCE_LENGTH // 2, limit)
        piece = _trim(text, start, cut)
        if piece is not None:
            yield piece
        start = cut
    rest = _trim(text, start, sentence.end)
    if rest is not None:
        yield rest


def _last_break(text: str, low: int, high: int) -> int:
    clause = None
    for clause in _CLAUSE_BREAK.finditer(text, low, high):
        pass
    if clause is not None:
        return clause.end()
    space = text.rfind(" ", low, high)
    return space + 1 if space > 0 else high


def paragraph_starts(text: str, sentences: Sequence[Span]) -> list[bool]:
    """For each sentence, whether a paragraph break (or the text start) comes right before it."""
    starts: list[bool] = []
    previous_end = 0
    for sentence in sentences:
        gap = text[previous_end : sentence.start]
        starts.append(previous_end == 0 or _PARAGRAPH_BREAK.search(gap) is not None)
        previous_end = sentence.end
    return starts
