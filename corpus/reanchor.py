"""Carrying a document's sentences, interpolations and decisions over to its next revision
through a `TextDiff` (corpus.revisions).

A sentence no edit touches keeps its identity at its new place; the changed stretches (with the
unchanged sentence on either side, up to a paragraph break) are segmented again, and any piece
that reproduces an old sentence exactly keeps it. Every other piece is new and names the old
sentences whose place it takes. Pure Python; no database, no Qt.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from corpus.decisions import Decision
from corpus.revisions import Bias, TextDiff
from corpus.segmentation import PARAGRAPH_BREAK, SENTENCE_END, line_breaks, segment
from corpus.spans import Interpolation, Span, SpanSet
from corpus.text_views import TextLike

Segmenter = Callable[[Span], list[Span]]
LAYOUT_WINDOW = 4000  # code points on each side of a stretch that say how its text breaks lines


@dataclass(frozen=True)
class CarriedSentence:
    """A sentence of the new revision: the old sentence it continues unchanged (*kept*), or the
    old sentences whose place it takes (*sources*, empty for wholly new text)."""

    span: Span
    kept: int | None = None
    sources: tuple[int, ...] = ()


def stretch_segmenter(
    text: TextLike, lang: str, interpolations: Sequence[Interpolation], abbreviations: Collection[str] = ()
) -> Segmenter:
    """Segments one stretch of *text* on its own (offsets stay those of *text*), its line breaks
    read as the text around it uses them."""

    def segment_stretch(stretch: Span) -> list[Span]:
        inside = [i.relative_to(stretch.start, stretch.end) for i in interpolations if stretch.contains(i.span)]
        around = Span(max(0, stretch.start - LAYOUT_WINDOW), min(len(text), stretch.end + LAYOUT_WINDOW))
        pieces = segment(stretch.text_of(text), lang, inside, abbreviations, layout=line_breaks(around.text_of(text)))
        return [Span(p.start + stretch.start, p.end + stretch.start) for p in pieces]

    return segment_stretch


def carry_sentences(
    diff: TextDiff, old: Sequence[tuple[int, Span]], segmenter: Segmenter, within: Span | None = None
) -> list[CarriedSentence]:
    """The sentences of `diff.new`, in order, from the old revision's (id, span) sentences; or,
    *within* a stretch of `diff.new` that holds every edit, those of that stretch from the old
    sentences it replaces (the rest of the text is not looked at)."""
    clean = [(sid, diff.map_span(span)) for sid, span in old if _survives(diff, span)]
    kept = {sid for sid, _ in clean}
    result: list[CarriedSentence] = []
    absorbed: list[tuple[int, Span]] = []
    covered: set[int] = set()
    for stretch, members in _stretches(diff.new, clean, within or Span(0, len(diff.new))):
        reproduced = {span: sid for sid, span in members}
        for piece in segmenter(stretch):
            if piece in reproduced:
                result.append(CarriedSentence(piece, reproduced.pop(piece)))
            else:
                result.append(CarriedSentence(piece))
        absorbed.extend((sid, span) for span, sid in reproduced.items())
        covered.update(sid for sid, _ in members)
    result.extend(CarriedSentence(span, sid) for sid, span in clean if sid not in covered)
    dirty = [(sid, diff.reach(span)) for sid, span in old if sid not in kept] + absorbed
    return _with_sources(sorted(result, key=lambda s: s.span.start), dirty)


def _survives(diff: TextDiff, span: Span) -> bool:
    if not diff.untouched(span):
        return False
    return diff.map_span(span).text_of(diff.new) == span.text_of(diff.old)


def _stretches(
    text: TextLike, clean: Sequence[tuple[int, Span]], bounds: Span
) -> list[tuple[Span, list[tuple[int, Span]]]]:
    """The stretches of *text* to segment again: each gap between unchanged sentences that holds
    text, widened to the unchanged sentence before it when that one does not end a sentence
    ("He came" + " back."), and to the one after it when the gap's text does not; never across a
    paragraph break. With the unchanged sentences each stretch holds."""
    edges = [(None, Span(bounds.start, bounds.start)), *clean, (None, Span(bounds.end, bounds.end))]
    result: list[tuple[Span, list[tuple[int, Span]]]] = []
    for (left_id, left), (right_id, right) in zip(edges, edges[1:]):
        gap = Span(left.end, right.start)
        if not gap.text_of(text).strip():
            continue
        members: list[tuple[int, Span]] = []
        start, end = gap.start, gap.end
        if left_id is not None and _same_paragraph(text, gap, True) and not _ends_sentence(left.text_of(text)):
            start, members = left.start, [(left_id, left)]
        if right_id is not None and _same_paragraph(text, gap, False) and not _ends_sentence(gap.text_of(text)):
            end = right.end
            members.append((right_id, right))
        if result and result[-1][0].end > start:
            previous, held = result.pop()
            start, members = previous.start, [*held, *(m for m in members if m not in held)]
        result.append((Span(start, end), members))
    return result


def _ends_sentence(text: str) -> bool:
    return SENTENCE_END.search(text.rstrip()) is not None


def _same_paragraph(text: TextLike, gap: Span, at_start: bool) -> bool:
    """Whether no paragraph break separates the gap's text from its start (or end)."""
    body = gap.text_of(text)
    between = body[: len(body) - len(body.lstrip())] if at_start else body[len(body.rstrip()) :]
    return PARAGRAPH_BREAK.search(between) is None


def _with_sources(sentences: Sequence[CarriedSentence], dirty: Sequence[tuple[int, Span]]) -> list[CarriedSentence]:
    """New sentences name the old ones whose place they take: those at least half inside them
    (a deleted sentence's empty place counts when strictly inside), else the one they overlap most."""
    ordered = sorted(dirty, key=lambda item: (item[1].start, item[1].end))
    starts = [span.start for _, span in ordered]
    reach = list(itertools.accumulate((span.end for _, span in ordered), max))
    result = []
    for sentence in sentences:
        if sentence.kept is not None:
            result.append(sentence)
            continue
        first = bisect.bisect_right(reach, sentence.span.start)
        last = bisect.bisect_left(starts, sentence.span.end)
        candidates = [(sid, span) for sid, span in ordered[first:last] if span.end > sentence.span.start]
        result.append(CarriedSentence(sentence.span, None, _sources(sentence.span, candidates)))
    return result


def _sources(sentence: Span, candidates: Sequence[tuple[int, Span]]) -> tuple[int, ...]:
    shares = [(sid, min(span.end, sentence.end) - max(span.start, sentence.start), len(span)) for sid, span in candidates]
    mostly = tuple(sid for sid, overlap, length in shares if 2 * overlap >= length)
    if mostly or not shares:
        return mostly
    return (max(shares, key=lambda share: share[1])[0],)


def carry_interpolations(
    diff: TextDiff, old: Sequence[Interpolation], detected: Sequence[Interpolation]
) -> list[Interpolation]:
    """The old interpolations no edit touched, at their new places, plus the interpolations
    *detected* in the new text that do not overlap them."""
    survivors = [i for i in old if _survives(diff, i.span)]
    mark_starts = {i.start for i in survivors if i.mark_start is None}
    carried = [_carried(diff, i, i.mark_start in mark_starts) for i in survivors]
    taken = SpanSet(i.span for i in carried)
    fresh = [i for i in detected if not taken.overlaps(i.span)]
    return sorted([*carried, *fresh], key=lambda i: (i.start, i.end))


def _carried(diff: TextDiff, note: Interpolation, mark_survives: bool) -> Interpolation:
    span = diff.map_span(note.span)
    mark = diff.map_offset(note.mark_start, Bias.AFTER) if note.mark_start is not None and mark_survives else None
    return Interpolation(span.start, span.end, note.kind, note.editor, note.origin, mark)


def carry_decisions(diff: TextDiff, decisions: Sequence[Decision]) -> list[Decision]:
    """The user's decisions at their new places; one whose text was deleted whole is dropped."""
    carried = []
    for decision in decisions:
        start = diff.map_offset(decision.start, Bias.AFTER)
        end = diff.map_offset(decision.end, Bias.BEFORE)
        if start < end:
            carried.append(Decision(start, end, decision.verdict, decision.kind, decision.editor))
    return carried

