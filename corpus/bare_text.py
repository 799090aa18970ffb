"""What a sentence says once its editorial interpolations are taken out (the text the aligner
reads), and which sentences a translation need not carry at all: those that are wholly notes
(a footnote body, a bracketed remark standing alone) and lines with hardly a letter (OCR
debris such as "...." or "A"). Plain values; standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.documents import AnalysedDocument
from corpus.spans import Interpolation, Span, strip_spans

_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]", re.DOTALL)


def is_junk(text: str) -> bool:
    """A line with hardly a letter in it: OCR debris such as "....", "- _-" or "A"."""
    return _TWO_LETTERS.search(text) is None


def bare_sentences(analysed: AnalysedDocument) -> list[tuple[str, bool]]:
    """Each sentence's text without its interpolations, and whether it had any."""
    text = analysed.document.text
    notes = analysed.interpolations
    result: list[tuple[str, bool]] = []
    first_note = 0
    for sentence in analysed.sentences:
        while first_note < len(notes) and notes[first_note].end <= sentence.start:
            first_note += 1
        inside = _notes_within(sentence, notes, first_note)
        result.append((strip_spans(sentence.text_of(text), inside) if inside else sentence.text_of(text), bool(inside)))
    return result


def needing_no_counterpart(analysed: AnalysedDocument) -> frozenset[int]:
    """The positions of the sentences a translation need not carry: wholly notes, or junk (once
    its notes are out, such a sentence has hardly a letter left)."""
    return frozenset(k for k, (text, _) in enumerate(bare_sentences(analysed)) if is_junk(text))


def _notes_within(sentence: Span, notes: Sequence[Interpolation], first: int) -> list[Span]:
    """The notes wholly inside *sentence* (from sorted *notes*, starting at index *first*),
    as spans relative to the sentence."""
    inside: list[Span] = []
    for index in range(first, len(notes)):
        note = notes[index]
        if note.start >= sentence.end:
            break
        if sentence.contains(note.span):
            inside.append(Span(note.start - sentence.start, note.end - sentence.start))
    return inside
