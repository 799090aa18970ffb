"""Sentence segmentation with exact code-point offsets: sentencex for the language rules, and our
own layer for what it cannot know (DESIGN §5): paragraph breaks, editorial notes and signatures,
abbreviations that end or do not end a sentence (corpus.abbreviations), stray closing quotes,
run-on text, and what a single line break is (`line_breaks`: a hard-wrapped text's are spaces, a
text of one sentence a line breaks at its lines).

Pure Python plus sentencex; linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from enum import Enum

import sentencex

from corpus.abbreviations import BoundaryRules, boundary_rules
from corpus.signatures import UPPER, signed_tail_regex
from corpus.spans import Interpolation, InterpolationKind, Span, SpanSet
from corpus.text_views import TextLike

MAX_SENTENCE_LENGTH = 2000
Progress = Callable[[int, int], None]  # (done, total)
_PROGRESS_STEPS = 100
_LINE_END = r"(?:\r\n|\n|\r(?!\n))"
PARAGRAPH_BREAK = re.compile(rf"{_LINE_END}[^\S\r\n]*{_LINE_END}(?:[^\S\r\n]*{_LINE_END})*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»“)\]]*\s*$")
_CLOSERS_ONLY = re.compile(r"[\"'”’»“„«)\]\s.,;:!?…]*")
_STARTS_SENTENCE = re.compile(rf"\s*(?:[\"'„“‘«(\[*]*[{UPPER}\d])")
_FIRST_LETTER = re.compile(r"[\"'„“‘«(\[*¿¡]*([^\W\d_])")
_PERIOD_SPACE = re.compile(r"\.\s+")
# sentencex 1.0.32 panics on a multi-byte space right before a full stop ("A\u00a0."); it is
# given ASCII spaces instead, which moves no code-point offset
_WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")
_LOOKBEHIND = 40
# Japanese quotes a sentence inside another: 「行こう。」と言った (a quotative particle after the quote);
# sentencex may cut before the closing bracket
_QUOTE_CLOSERS, _QUOTATIVES = "」』", "とっ"
_CLAUSE_BREAK = re.compile(r"[;:,—–][\"'”’»)]*\s")
# a line that ends as a sentence ends (one sentence a line, as excerpts are often pasted)
_LINE_BREAK = re.compile(_LINE_END)
# a hard-wrapped text: lines of at most WRAP_WIDTH, WRAPPED_SHARE of those that go on at least
# WRAP_FILL of the longest; else one sentence a line when LINE_END_SHARE of them end as sentences do
WRAP_WIDTH, WRAP_FILL, WRAPPED_SHARE, LINE_END_SHARE = 100, 0.6, 0.8, 0.5


def segment(
    text: str,
    lang: str,
    interpolations: Sequence[Interpolation] = (),
    abbreviations: Collection[str] = (),
    progress: Progress | None = None,
    layout: LineBreaks | None = None,
) -> list[Span]:
    """Sentences of *text* in order: spans with no surrounding white space, never empty.

    *interpolations* are never split; a free-standing note becomes a sentence of its own.
    *abbreviations* are the project's learnt ones (corpus.abbreviations): never a sentence end.
    *progress* hears (code points done, len(text)) about a hundred times on the way.
    *layout* says what a line break is (`line_breaks`; by default judged on *text* itself).
    """
    rules = boundary_rules(lang, abbreviations)
    signature = signed_tail_regex()
    pending = sorted(interpolations, key=lambda i: i.start)
    sentences: list[Span] = []
    next_note = 0
    report = _throttled(progress, len(text))
    layout = layout or line_breaks(text)
    for block in _paragraphs(text):
        report(block.start)
        first = next_note
        while next_note < len(pending) and pending[next_note].start < block.end:
            next_note += 1
        notes = [i for i in pending[first:next_note] if block.contains(i.span)]
        cuts = _cuts_in_block(text, block, notes, rules, signature, layout)
        sentences.extend(_pieces(text, block, cuts))
    report(len(text))
    return [piece for sentence in sentences for piece in _limit_length(text, sentence)]


def _throttled(progress: Progress | None, total: int) -> Callable[[int], None]:
    """Pass *progress* a position only when it has moved on by a hundredth of *total* (and at the end)."""
    step = max(total // _PROGRESS_STEPS, 1)
    next_report = 0

    def report(done: int) -> None:
        nonlocal next_report
        if progress is not None and (done >= next_report or done == total):
            progress(done, total)
            next_report = done + step

    return report


def _paragraphs(text: str) -> Iterator[Span]:
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _cuts_in_block(
    text: str, block: Span, notes: Sequence[Interpolation], rules: BoundaryRules, signature: re.Pattern[str], layout: LineBreaks
) -> list[int]:
    """Positions inside *block* where a new sentence starts.

    sentencex proposes; our language rules veto its cuts after abbreviations and add cuts after
    abbreviations that end a sentence; nothing cuts an interpolation, a signature or a learnt
    abbreviation; free-standing notes get cuts of their own.
    """
    body = block.text_of(text)
    boundaries = sentencex.get_sentence_boundaries(rules.lang, _WIDE_SPACE.sub(" ", body))
    proposed = {block.start + _past_quote_closers(body, _next_non_space(body, b["end_index"])) for b in boundaries}
    cuts = {c for c in proposed if block.start < c < block.end and _holds(text, block.start, c, rules)}
    cuts |= set(_final_abbreviation_cuts(text, block, rules))
    cuts |= set(_line_end_cuts(text, block, rules, layout))
    # a signature never starts a sentence: its span reaches back over the space before its dash
    protected = SpanSet(_union(
        [n.span for n in notes]
        + [Span(block.start + m.start() - 1, block.start + m.end()) for m in signature.finditer(body)]
    ))
    cuts = {c for c in cuts if not protected.overlaps(Span(c, c)) and not _learnt_abbreviation_before(text, block, c, rules)}
    cuts |= set(_free_standing_note_cuts(text, block, body, notes))
    return _without_closer_pieces(text, sorted(_past_marks(text, cuts, notes, block.end)), block.end)


def _past_marks(text: str, cuts: Collection[int], notes: Sequence[Interpolation], block_end: int) -> set[int]:
    """A footnote mark after a sentence's final stop ("… left.* Then", "… spät.¹ Dann") ends that
    sentence: a cut falling on one moves past it (and is dropped at the end of the block)."""
    marks = {n.start: n.end for n in notes if n.kind == InterpolationKind.FOOTNOTE_MARK}
    moved: set[int] = set()
    for cut in cuts:
        while cut in marks:
            cut = _next_non_space(text, marks[cut])
        if cut < block_end:
            moved.add(cut)
    return moved


def _holds(text: str, low: int, cut: int, rules: BoundaryRules) -> bool:
    """Whether a cut sentencex proposes survives our rules (not before a small letter, not after
    an abbreviation that never ends a sentence, nor after one that takes the number that follows,
    nor inside a Japanese sentence that quotes one)."""
    if text[cut] in _QUOTATIVES and text[cut - 1] in _QUOTE_CLOSERS:
        return False
    first = _FIRST_LETTER.match(text, cut)
    if first is not None and first.group(1).islower():
        return False
    if _ends_with(rules.non_final, text, low, cut):
        return False
    return not (text[cut].isdigit() and _ends_with(rules.before_number, text, low, cut))


def _learnt_abbreviation_before(text: str, block: Span, cut: int, rules: BoundaryRules) -> bool:
    return rules.learnt is not None and _ends_with(rules.learnt, text, block.start, cut)


def _past_quote_closers(body: str, index: int) -> int:
    """sentencex may cut a Japanese quote before its closing bracket (「本当？」): past it."""
    while index < len(body) and body[index] in _QUOTE_CLOSERS:
        index += 1
    return index


def _next_non_space(body: str, index: int) -> int:
    while index < len(body) and body[index].isspace():
        index += 1
    return index


def _union(spans: Sequence[Span]) -> list[Span]:
    """Sorted disjoint spans covering the same code points as *spans* (which may nest or overlap)."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _ends_with(pattern: re.Pattern[str], text: str, low: int, end: int) -> bool:
    """Whether the text just before *end* matches *pattern* (anchored at its end)."""
    return pattern.search(text, max(low, end - _LOOKBEHIND), end) is not None


def _final_abbreviation_cuts(text: str, block: Span, rules: BoundaryRules) -> Iterator[int]:
    for match in _PERIOD_SPACE.finditer(text, block.start, block.end):
        period_end = match.start() + 1
        if _ends_with(rules.final, text, block.start, period_end) and _STARTS_SENTENCE.match(
            text, match.end(), block.end
        ):
            yield match.end()


class LineBreaks(Enum):
    """What a single line break inside a paragraph says, judged once per text (`line_breaks`)."""

    SOFT = "soft"  # a hard-wrapped text (or one without single line breaks): they are spaces
    AFTER_SENTENCES = "after sentences"  # line breaks of their own (verse, lists): one after a sentence's end ends it
    EVERY_LINE = "every line"  # one sentence or paragraph a line, as excerpts are often pasted


def line_breaks(text: str) -> LineBreaks:
    """A text is hard-wrapped when its lines are short (at most WRAP_WIDTH) and nearly all that
    go on to a next line fill most of the longest; otherwise, when most of those end as a
    sentence ends, it holds one sentence (or paragraph) a line."""
    lines = _LINE_BREAK.split(text)
    going_on = [line.strip() for line, after in zip(lines, lines[1:]) if line.strip() and after.strip()]
    if not going_on:
        return LineBreaks.SOFT
    width = max(len(line.strip()) for line in lines)
    filled = sum(len(line) >= WRAP_FILL * width for line in going_on)
    if width <= WRAP_WIDTH and filled >= WRAPPED_SHARE * len(going_on):
        return LineBreaks.SOFT
    ended = sum(SENTENCE_END.search(line) is not None for line in going_on)
    return LineBreaks.EVERY_LINE if ended >= LINE_END_SHARE * len(going_on) else LineBreaks.AFTER_SENTENCES


def _line_end_cuts(text: str, block: Span, rules: BoundaryRules, layout: LineBreaks) -> Iterator[int]:
    """Line breaks that end a sentence even where sentencex would not cut (inside a quotation
    whose closing mark comes lines later, or never: a letter's opening „ or “ in a text of one
    sentence a line). In a text of one sentence a line, every line break does, unless the line
    ends in an abbreviation that never ends a sentence; in one whose lines are not wrapped, a
    line that ends as a sentence ends does, before one that starts as a sentence starts."""
    if layout == LineBreaks.SOFT:
        return
    for match in _LINE_BREAK.finditer(text, block.start, block.end):
        after = _next_non_space(text, match.end())
        if after >= block.end:
            continue
        if layout == LineBreaks.EVERY_LINE:
            if not _ends_with(rules.non_final, text, block.start, after):
                yield after
        elif (
            _ends_with(SENTENCE_END, text, block.start, match.end())
            and _STARTS_SENTENCE.match(text, after, block.end)
            and _holds(text, block.start, after, rules)
        ):
            yield after


def _free_standing_note_cuts(text: str, block: Span, body: str, notes: Sequence[Interpolation]) -> Iterator[int]:
    """Cuts around notes that stand between sentences ("… Yezhov. (… - N. Kh.) I have …")."""
    first_visible = block.start + _next_non_space(body, 0)
    for note in notes:
        if note.kind not in (InterpolationKind.NOTE, InterpolationKind.FOOTNOTE):
            continue
        has_text_before = note.start > first_visible
        if has_text_before and not _ends_with(SENTENCE_END, text, block.start, note.start):
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
        trimmed = trim_span(text, start, end)
        if trimmed is not None:
            yield trimmed


def trim_span(text: str, start: int, end: int) -> Span | None:
    """[start, end) without the white space at its ends; None if nothing else is left."""
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
        piece = trim_span(text, start, cut)
        if piece is not None:
            yield piece
        start = cut
    rest = trim_span(text, start, sentence.end)
    if rest is not None:
        yield rest


def ends_in_forced_cut(sentence: str) -> bool:
    """Whether *sentence* looks like a piece `segment` cut off a run-on sentence for length: at
    least half the limit long (cuts fall in the second half) and not ending as a sentence ends."""
    return len(sentence) >= MAX_SENTENCE_LENGTH // 2 and SENTENCE_END.search(sentence) is None


def _last_break(text: str, low: int, high: int) -> int:
    clause = None
    for clause in _CLAUSE_BREAK.finditer(text, low, high):  # noqa: B007 - the last match is wanted
        pass
    if clause is not None:
        return clause.end()
    space = text.rfind(" ", low, high)
    return space + 1 if space > 0 else high


def paragraph_starts(text: TextLike, sentences: Sequence[Span], after: int = 0) -> list[bool]:
    """For each sentence, whether a paragraph break (or the text start) comes right before it;
    *after*: where the sentence before the first ends (0: the first is the text's first)."""
    starts: list[bool] = []
    previous_end = after
    for sentence in sentences:
        gap = text[previous_end : sentence.start]
        starts.append(previous_end == 0 or PARAGRAPH_BREAK.search(gap) is not None)
        previous_end = sentence.end
    return starts
