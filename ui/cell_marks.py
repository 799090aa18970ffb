"""What the bead table draws over a cell's text besides the text itself: a dotted rule between
the sentences of a cell, a bar at the left of a sentence that starts a paragraph, and a frame
around the sentence picked inside the cell (shape, not colour alone, tells them apart).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument

from alignments.store.records import SentenceView
from corpus.segmentation import PARAGRAPH_BREAK
from corpus.text_views import TextLike

BOUNDARY_COLOUR = "#b8b8b8"
PARAGRAPH_COLOUR = "#5b7fa6"
PICK_COLOUR = "#1f4e96"
_LOOK_BACK = 400  # characters before a sentence searched for a paragraph break
COMPACT_MARGIN = 1.0  # around a cell's text in compact rows (the normal margin is rich_text's)
MARK_ROOM = 5.0  # at the left of the text, for the paragraph bar


def compact_margins(document: QTextDocument) -> None:
    """Compact rows: the text nearly touches the cell's edges, with room left for the marks."""
    document.setDocumentMargin(COMPACT_MARGIN)
    frame = document.rootFrame().frameFormat()
    frame.setLeftMargin(MARK_ROOM)
    document.rootFrame().setFrameFormat(frame)


def starts_paragraph(text: TextLike, start: int) -> bool:
    """Whether a paragraph break (or the start of the text) comes right before offset *start*."""
    before = text[max(0, start - _LOOK_BACK) : start]
    gap = before[len(before.rstrip()) :]
    if len(gap) == len(before) and start <= _LOOK_BACK:
        return True  # only white space before it: the text's first sentence
    return PARAGRAPH_BREAK.search(gap) is not None


def paragraph_flags(sentences: Sequence[SentenceView], texts: Mapping[int, TextLike]) -> list[bool]:
    """For each sentence of a cell, whether it starts a paragraph (*texts*: document id → text)."""
    return [starts_paragraph(texts[s.document_id], s.start) for s in sentences]


def draw_cell_marks(
    painter: QPainter, document: QTextDocument, paragraphs: Sequence[bool], picked: int | None
) -> None:
    """Draw the marks over *document*, which is drawn at the painter's origin."""
    layout = document.documentLayout()
    block = document.begin()
    index = 0
    width = document.textWidth()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if index:
            painter.setPen(QPen(QColor(BOUNDARY_COLOUR), 1, Qt.PenStyle.DotLine))
            painter.drawLine(int(rect.left()) + 4, int(rect.top()), int(width) - 4, int(rect.top()))
        if index < len(paragraphs) and paragraphs[index]:
            painter.fillRect(QRectF(0, rect.top() + 1, 3, rect.height() - 2), QColor(PARAGRAPH_COLOUR))
        if picked == index:
            painter.setPen(QPen(QColor(PICK_COLOUR), 2))
            painter.drawRect(rect.adjusted(2, 1, -2, -1))
        block = block.next()
        index += 1
