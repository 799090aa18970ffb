"""Turning a bead side (sentences with their interpolations) into a QTextDocument with the
interpolations coloured by kind, and finding the interpolation under a point.

Qt counts text positions in UTF-16 code units while our offsets are code points: the text is
inserted piece by piece (code-point slices) and the cursor reports where each note landed in
UTF-16 units, so astral characters never shift a highlight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from alignments.store.records import SentenceView
from corpus.segmentation import MAX_SENTENCE_LENGTH, ends_in_forced_cut
from corpus.spans import Interpolation, InterpolationKind

KIND_COLOURS: dict[InterpolationKind, str] = {
    InterpolationKind.NOTE: "#ffd27a",  # amber
    InterpolationKind.SUPPLIED: "#c4ecb4",  # green
    InterpolationKind.FOOTNOTE_MARK: "#f5b3d3",  # pink
    InterpolationKind.FOOTNOTE: "#f5b3d3",
}
# Not by colour alone: each kind has its own underline, in a darker shade of its colour.
_UNDERLINE = QTextCharFormat.UnderlineStyle
KIND_LINES: dict[InterpolationKind, tuple[_UNDERLINE, str]] = {
    InterpolationKind.NOTE: (_UNDERLINE.SingleUnderline, "#9a5a00"),
    InterpolationKind.SUPPLIED: (_UNDERLINE.DotLine, "#2e7d32"),
    InterpolationKind.FOOTNOTE_MARK: (_UNDERLINE.DashUnderline, "#8e246f"),
    InterpolationKind.FOOTNOTE: (_UNDERLINE.DashUnderline, "#8e246f"),
}
LEGEND: tuple[tuple[InterpolationKind, str], ...] = (
    (InterpolationKind.NOTE, "editorial note"),
    (InterpolationKind.SUPPLIED, "supplied"),
    (InterpolationKind.FOOTNOTE, "footnote"),
)
FOUND_COLOUR = "#283593"  # what the find bar found
EMPTY_SIDE = "— no counterpart —"
FORCED_CUT_MARK = " ✂"  # after a sentence cut for length, not at its end
DOCUMENT_MARGIN = 6.0
# Same length in, same length out: note offsets stay valid.
LINE_BREAKS_AS_SPACES = {ord(char): " " for char in "\r\n\t\v\f\u2028\u2029"}


@dataclass(frozen=True)
class PlacedNote:
    """An interpolation with where it sits in a QTextDocument (UTF-16 positions)."""

    start: int
    end: int
    note: Interpolation


@dataclass
class SideDocument:
    document: QTextDocument
    notes: list[PlacedNote]

    def note_at(self, point: QPointF) -> Interpolation | None:
        """The interpolation under *point* (document coordinates), if any."""
        position = self.document.documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        return next((placed.note for placed in self.notes if placed.start <= position < placed.end), None)


def side_document(sentences: Sequence[SentenceView], font: QFont, width: float, show_notes: bool = True) -> SideDocument:
    """One paragraph per sentence; interpolations on a background of their kind's colour."""
    document = wrapped_document(font, width, DOCUMENT_MARGIN)
    cursor = QTextCursor(document)
    notes: list[PlacedNote] = []
    if not sentences:
        _insert_placeholder(cursor)
    for index, sentence in enumerate(sentences):
        if index:
            cursor.insertBlock()
        notes.extend(_insert_sentence(cursor, sentence, show_notes))
    return SideDocument(document, notes)


def wrapped_document(font: QFont, width: float, margin: float) -> QTextDocument:
    """An empty document of this width that wraps at word boundaries (anywhere in a long word)."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(margin)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setTextWidth(max(width, 40.0))
    return document


def _insert_placeholder(cursor: QTextCursor) -> None:
    placeholder = QTextCharFormat()
    placeholder.setForeground(QColor("#8a8a8a"))
    placeholder.setFontItalic(True)
    cursor.insertText(EMPTY_SIDE, placeholder)


def _insert_sentence(cursor: QTextCursor, sentence: SentenceView, show_notes: bool) -> list[PlacedNote]:
    """Insert the sentence text piece by piece; return where its notes landed."""
    text = sentence.text.translate(LINE_BREAKS_AS_SPACES)
    plain = QTextCharFormat()
    placed: list[PlacedNote] = []
    cursor_offset = 0
    for note in sorted(sentence.notes, key=lambda n: n.start):
        if note.start < cursor_offset:
            continue
        cursor.insertText(text[cursor_offset : note.start], plain)
        begin = cursor.position()
        cursor.insertText(text[note.start : note.end], note_format(note) if show_notes else plain)
        placed.append(PlacedNote(begin, cursor.position(), note))
        cursor_offset = note.end
    cursor.insertText(text[cursor_offset:], plain)
    if ends_in_forced_cut(sentence.text):
        cursor.insertText(FORCED_CUT_MARK, _forced_cut_format())
    return placed


def _forced_cut_format() -> QTextCharFormat:
    """The mark after a piece of an over-long sentence, and what to do about it."""
    mark = QTextCharFormat()
    mark.setForeground(QColor("#b00020"))
    mark.setFontWeight(QFont.Weight.Bold)
    mark.setToolTip(
        f"Cut here by the workbench: the sentence is longer than {MAX_SENTENCE_LENGTH:,} characters."
        " F2, then “Merge with next sentence”, joins it to the rest."
    )
    return mark


def note_format(note: Interpolation) -> QTextCharFormat:
    """How an interpolation is drawn: its kind's colour behind it, its editor in a tooltip."""
    char_format = kind_format(note.kind)
    char_format.setToolTip(note.describe())
    return char_format


def kind_format(kind: InterpolationKind) -> QTextCharFormat:
    """Its kind's colour behind an interpolation, and its kind's underline."""
    char_format = QTextCharFormat()
    char_format.setBackground(QColor(KIND_COLOURS[kind]))
    style, colour = KIND_LINES[kind]
    char_format.setUnderlineStyle(style)
    char_format.setUnderlineColor(QColor(colour))
    return char_format


def legend_chip(kind: InterpolationKind, label: str, font: QFont) -> QPixmap:
    """*label* drawn as an interpolation of *kind* is drawn, for the status bar's legend."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(1)
    QTextCursor(document).insertText(f" {label} ", kind_format(kind))
    size = document.size().toSize()
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    document.drawContents(painter)
    painter.end()
    return pixmap


def mark_found(document: QTextDocument, sentences: Sequence[SentenceView], pattern: re.Pattern[str]) -> int:
    """Show what the find bar found in a side's document (one block per sentence), white on a
    dark blue that no interpolation colour or the selection comes near; return how many."""
    found = QTextCharFormat()
    found.setBackground(QColor(FOUND_COLOUR))
    found.setForeground(QColor("white"))
    count = 0
    for number, sentence in enumerate(sentences):
        block = document.findBlockByNumber(number)
        text = sentence.text.translate(LINE_BREAKS_AS_SPACES)
        for match in pattern.finditer(text):
            if match.end() > match.start():
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + _utf16_length(text[: match.start()]))
                cursor.setPosition(block.position() + _utf16_length(text[: match.end()]), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(found)
                count += 1
    return count


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
