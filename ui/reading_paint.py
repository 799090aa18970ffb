"""What the reading view draws over its text: the highlights of the sentences (the current bead,
the selected cells, the counterparts of the sentence under the pointer, a picked sentence) and the
margin between the two sides, where a line joins the start of each bead on the left to its start
on the right, coloured by status, with the current bead's status, shape and confidence beside it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPen,
    QTextCharFormat,
)

from alignments.store.records import BeadSummary
from ui.bead_table import PARTNER_COLOUR, SELECTION_COLOUR
from ui.overview import AUTO, CONFIRMED, FLAGGED
from ui.reading_layout import SideRun

COUNTERPART_COLOUR = "#ffd98a"
PICKED_COLOUR = "#9cc3f5"  # one sentence picked out of its cell
MARGIN_COLOUR = "#f4f4f4"
LINE_DROP = 6.0  # a bead's line starts this far below the top of its first line


@dataclass(frozen=True)
class Marked:
    """What is highlighted on one side: the current bead's row, the rows whose cell on this side
    is selected, the row of the sentence under the pointer, the picked sentence."""

    current: int
    selected: Collection[int]
    hovered: int
    picked: int | None


def sentence_highlights(run: SideRun, first: int, last: int, marked: Marked) -> list[QAbstractTextDocumentLayout.Selection]:
    """Selections for the sentences of rows first … last, the strongest mark winning."""
    highlights: list[QAbstractTextDocumentLayout.Selection] = []
    for placed in run.sentences:
        if not first <= placed.row <= last:
            continue
        colour = None
        if placed.row == marked.current:
            colour = PARTNER_COLOUR
        if placed.row in marked.selected:
            colour = SELECTION_COLOUR
        if placed.row == marked.hovered:
            colour = COUNTERPART_COLOUR
        if placed.id == marked.picked:
            colour = PICKED_COLOUR
        if colour is not None:
            selection = QAbstractTextDocumentLayout.Selection()
            selection.cursor = run.cursor(placed)
            char_format = QTextCharFormat()
            char_format.setBackground(QColor(colour))
            selection.format = char_format
            highlights.append(selection)
    return highlights


@dataclass(frozen=True)
class BeadStart:
    """Where a bead begins on screen on each side, and how it stands."""

    left_y: float
    right_y: float
    summary: BeadSummary
    current: bool


def paint_margin(painter: QPainter, left: float, right: float, height: float, starts: Sequence[BeadStart], current_text: str) -> None:
    """The margin between the sides, with a line per bead and the current bead's text."""
    painter.fillRect(QRectF(left, 0, right - left, height), QColor(MARGIN_COLOUR))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for start in starts:
        summary = start.summary
        colour = CONFIRMED if summary.confirmed else FLAGGED if summary.flagged else AUTO
        y_left, y_right = start.left_y + LINE_DROP, start.right_y + LINE_DROP
        painter.setPen(QPen(colour, 2.5 if start.current else 1.0))
        painter.drawLine(QPointF(left + 2, y_left), QPointF(right - 2, y_right))
        if start.current:
            painter.setPen(QColor("black"))
            box = QRectF(left, min(y_left, y_right) + 4, right - left, 48)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, current_text)
