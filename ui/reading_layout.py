"""One side of a run of beads laid out as prose for the reading view: sentences flow within their
paragraphs (a line break in the text breaks the line here too), a short paragraph that does not
end like a sentence is a heading, interpolations are coloured by kind and `*emphasis*` is set in
italics (its asterisks hidden). Records where each sentence landed (UTF-16 positions, as Qt
counts) and the height at which each bead begins, so the view can line the two sides up bead by
bead and find the sentence under the pointer.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from alignments.store.records import BeadView, SentenceView
from corpus.segmentation import PARAGRAPH_BREAK, SENTENCE_END, paragraph_starts
from corpus.spans import Span
from ui.rich_text import LINE_BREAKS_AS_SPACES, note_format, wrapped_document

TEXT_END = re.compile(r"\s*\Z")
GAP_LOOKED_AT = 200  # characters before a run's first sentence searched for a paragraph break
EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")
HEADING_LONGEST = 100
PARAGRAPH_GAP = 8.0
MARGIN = 10.0


@dataclass(frozen=True)
class PlacedSentence:
    """A sentence of the laid-out run: its id, its bead's row, and its UTF-16 range in the document."""

    id: int
    row: int
    start: int
    end: int


@dataclass
class SideRun:
    """The beads of rows first … first + len(tops) - 2 of one side, laid out; `tops[k]` is the
    height where row first + k begins (the last entry: the document's height)."""

    document: QTextDocument
    first: int
    sentences: list[PlacedSentence]
    tops: list[float]

    @property
    def last(self) -> int:
        """The row after the last row laid out."""
        return self.first + len(self.tops) - 1

    def top(self, row: int) -> float:
        return self.tops[row - self.first]

    def height(self, row: int) -> float:
        return self.tops[row - self.first + 1] - self.tops[row - self.first]

    def sentence_at(self, position: int) -> PlacedSentence | None:
        """The sentence holding this document position (its end counts), if any."""
        index = bisect.bisect_right([s.start for s in self.sentences], position) - 1
        if index < 0 or position > self.sentences[index].end:
            return None
        return self.sentences[index]

    def cursor(self, sentence: PlacedSentence) -> QTextCursor:
        """A cursor selecting the sentence."""
        cursor = QTextCursor(self.document)
        cursor.setPosition(sentence.start)
        cursor.setPosition(sentence.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor


def lay_out_run(
    views: Sequence[BeadView], first: int, source_side: bool, text: str, font: QFont, width: float, show_notes: bool
) -> SideRun:
    """Lay out one side (the source if *source_side*) of the beads of rows first, first + 1, …;
    *text* is that side's document text."""
    document = wrapped_document(font, width, MARGIN)
    side = [view.source if source_side else view.target for view in views]
    flat = [sentence for sentences in side for sentence in sentences]
    starts = _paragraph_starts(flat, text)
    headings = _headings(flat, starts, text)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # the document is laid out once, at the end, not after every insertion
    placed: list[PlacedSentence] = []
    bead_starts: list[int] = []
    index = 0
    for row, sentences in enumerate(side, first):
        for sentence in sentences:
            if index and starts[index]:
                cursor.insertBlock(_paragraph_format(), QTextCharFormat())
            elif index and _line_break_before(flat, index, text):
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())  # a line of its own in the text
            elif index:
                cursor.insertText(" ", QTextCharFormat())
            if len(bead_starts) < row - first + 1:
                bead_starts.append(cursor.position())
            begin = cursor.position()
            _insert(cursor, sentence, show_notes, headings[index])
            placed.append(PlacedSentence(sentence.id, row, begin, cursor.position()))
            index += 1
        if len(bead_starts) < row - first + 1:
            bead_starts.append(cursor.position())  # an empty side begins where the text stands
    cursor.endEditBlock()
    tops = _line_tops(document, bead_starts) + [document.size().height()]
    return SideRun(document, first, placed, tops)


def _paragraph_starts(sentences: Sequence[SentenceView], text: str) -> list[bool]:
    """Whether a paragraph break (or the text's start) comes right before each sentence; only the
    white space before the first one is looked at, never the text before it."""
    if not sentences:
        return []
    first = sentences[0].start
    before = text[max(0, first - GAP_LOOKED_AT) : first]
    gap = before[len(before.rstrip()) :]
    spans = [Span(s.start - first + len(gap), s.start - first + len(gap) + len(s.text)) for s in sentences]
    starts = paragraph_starts(gap + text[first : sentences[-1].start + len(sentences[-1].text)], spans)
    at_text_start = first <= GAP_LOOKED_AT and not before.strip()
    starts[0] = at_text_start or PARAGRAPH_BREAK.search(gap) is not None
    return starts


def _line_break_before(sentences: Sequence[SentenceView], index: int, text: str) -> bool:
    previous = sentences[index - 1]
    gap = text[previous.start + len(previous.text) : sentences[index].start]
    return "\n" in gap or "\r" in gap


def _headings(sentences: Sequence[SentenceView], starts: Sequence[bool], text: str) -> list[bool]:
    """Whether each sentence is a paragraph of its own that does not end like a sentence."""
    result: list[bool] = []
    for index, sentence in enumerate(sentences):
        alone_before = starts[index]
        end = sentence.start + len(sentence.text)
        alone_after = starts[index + 1] if index + 1 < len(sentences) else (
            PARAGRAPH_BREAK.match(text, end) is not None or TEXT_END.match(text, end) is not None
        )
        short = len(sentence.text) <= HEADING_LONGEST and SENTENCE_END.search(sentence.text) is None
        result.append(alone_before and alone_after and short and not sentence.notes)
    return result


def _paragraph_format() -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setTopMargin(PARAGRAPH_GAP)
    return block


def _insert(cursor: QTextCursor, sentence: SentenceView, show_notes: bool, heading: bool) -> None:
    """Insert the sentence piece by piece: plain, interpolations, emphasis (asterisks left out)."""
    text = sentence.text.translate(LINE_BREAKS_AS_SPACES)
    plain = QTextCharFormat()
    if heading:
        plain.setFontWeight(QFont.Weight.Bold)
        plain.setFontPointSize(cursor.document().defaultFont().pointSizeF() * 1.15)
    notes = sorted(sentence.notes, key=lambda note: note.start)
    emphasis = [m for m in EMPHASIS.finditer(text) if not any(n.start < m.end() and m.start() < n.end for n in notes)]
    pieces = [(n.start, n.end, n.end, note_format(n) if show_notes else plain) for n in notes]
    pieces += [(m.start(), m.end(), m.end(1), _italic(plain)) for m in emphasis]
    at = 0
    for start, end, shown_end, char_format in sorted(pieces, key=lambda piece: piece[0]):
        if start < at:
            continue
        cursor.insertText(text[at:start], plain)
        shown_start = start + 1 if shown_end != end else start  # emphasis: skip its asterisks
        cursor.insertText(text[shown_start:shown_end], char_format)
        at = end
    cursor.insertText(text[at:], plain)


def _italic(base: QTextCharFormat) -> QTextCharFormat:
    italic = QTextCharFormat(base)
    italic.setFontItalic(True)
    return italic


def _line_tops(document: QTextDocument, positions: list[int]) -> list[float]:
    """The height at which the line holding each position begins (positions in order): one walk
    over the blocks and their lines, however long a paragraph is."""
    layout = document.documentLayout()
    tops: list[float] = []
    block = document.begin()
    line_index = 0
    for position in positions:
        while block.isValid() and block.next().isValid() and block.next().position() <= position:
            block, line_index = block.next(), 0
        lines = block.layout()
        top = layout.blockBoundingRect(block).top()
        offset = position - block.position()
        while line_index + 1 < lines.lineCount() and lines.lineAt(line_index + 1).textStart() <= offset:
            line_index += 1
        tops.append(top + (lines.lineAt(line_index).y() if lines.lineCount() else 0.0))
    return tops
