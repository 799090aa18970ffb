"""Working inside one cell: a dialog showing one bead side's sentences as selectable text, to
mark or unmark an interpolation (DESIGN §4: manual decisions win over the rules), split a
sentence at the cursor, merge it with the next one or edit its text; a small dialog for the
kind and editor of a new mark; and the undo command that records a mark or unmark decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alignments.store.records import SentenceView
from corpus.decisions import Decision
from corpus.spans import Interpolation, Span
from ui.dialogs import MarkDialog, SentenceTextDialog
from ui.rich_text import LINE_BREAKS_AS_SPACES, note_format


def code_points(text: str, utf16_offset: int) -> int:
    """The code-point offset in *text* of a UTF-16 offset (Qt's positions)."""
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


@dataclass(frozen=True)
class MarkRequest:
    document_id: int
    decision: Decision


@dataclass(frozen=True)
class SplitRequest:
    sentence_id: int
    at: int  # code points into the sentence


@dataclass(frozen=True)
class MergeRequest:
    sentence_id: int  # merged with the sentence after it


@dataclass(frozen=True)
class EditTextRequest:
    sentence_id: int
    text: str


CellRequest = MarkRequest | SplitRequest | MergeRequest | EditTextRequest


class CellTextDialog(QDialog):
    """One side of a bead, a sentence a line. Select text to mark it as an interpolation, or put
    the cursor in a highlighted one to unmark it, or where a sentence should be split, or in a
    sentence to merge it with the next or edit its text. `request` holds the choice when accepted."""

    def __init__(self, sentences: Sequence[SentenceView], editors: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sentences and interpolations")
        self.resize(720, 340)
        self.sentences = list(sentences)
        self.editors = list(editors)
        self.request: CellRequest | None = None
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setPlainText("\n".join(s.text.translate(LINE_BREAKS_AS_SPACES) for s in self.sentences))
        self._highlight()
        self.mark_button = QPushButton("&Mark as interpolation…")
        self.unmark_button = QPushButton("&Unmark interpolation")
        self.split_button = QPushButton("&Split sentence here")
        self.merge_button = QPushButton("Merge with &next sentence")
        self.edit_button = QPushButton("&Edit sentence text…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, Qt.Orientation.Vertical)  # fits a small screen
        for button in (self.mark_button, self.unmark_button, self.split_button, self.merge_button, self.edit_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        hint = QLabel("Select text to mark it as an interpolation; put the cursor in a highlighted one to"
                      " unmark it, or where a sentence should be split.")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        self.mark_button.clicked.connect(self.mark_selection)
        self.unmark_button.clicked.connect(self.unmark_at_cursor)
        self.split_button.clicked.connect(self.split_at_cursor)
        self.merge_button.clicked.connect(self.merge_at_cursor)
        self.edit_button.clicked.connect(self.edit_at_cursor)
        self.text.cursorPositionChanged.connect(self._update_buttons)
        self.text.selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _highlight(self) -> None:
        """Colour the interpolations in the (read-only) text itself."""
        for block, sentence in enumerate(self.sentences):
            for note in sentence.notes:
                self._cursor(block, note.start, note.end).mergeCharFormat(note_format(note))

    def _cursor(self, block: int, start: int, end: int) -> QTextCursor:
        """A cursor selecting code points [start, end) of sentence *block*."""
        text_block = self.text.document().findBlockByNumber(block)
        sentence = self.sentences[block].text
        cursor = QTextCursor(text_block)
        cursor.setPosition(text_block.position() + _utf16(sentence[:start]))
        cursor.setPosition(text_block.position() + _utf16(sentence[:end]), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _place(self, position: int) -> tuple[int, int]:
        """(sentence index, code-point offset in it) of a UTF-16 document position."""
        block = self.text.document().findBlock(position)
        index = block.blockNumber()
        return index, code_points(self.sentences[index].text, position - block.position())

    def selected_span(self) -> tuple[SentenceView, Span] | None:
        """The selected text as a span of one sentence (None if empty or across sentences)."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        (first, start), (last, end) = self._place(cursor.selectionStart()), self._place(cursor.selectionEnd())
        if first != last or end <= start:
            return None
        return self.sentences[first], Span(start, end)

    def note_at_cursor(self) -> tuple[SentenceView, Interpolation] | None:
        index, offset = self._place(self.text.textCursor().position())
        sentence = self.sentences[index]
        note = next((n for n in sentence.notes if n.start <= offset < n.end or offset == n.end > n.start), None)
        return (sentence, note) if note else None

    def _update_buttons(self) -> None:
        self.mark_button.setEnabled(self.selected_span() is not None)
        self.unmark_button.setEnabled(self.note_at_cursor() is not None)
        sentence, offset = self._cursor_place()
        self.split_button.setEnabled(0 < offset < len(sentence.text.rstrip()))

    def _cursor_place(self) -> tuple[SentenceView, int]:
        index, offset = self._place(self.text.textCursor().position())
        return self.sentences[index], offset

    def split_at_cursor(self) -> None:
        sentence, offset = self._cursor_place()
        self._done(SplitRequest(sentence.id, offset))

    def merge_at_cursor(self) -> None:
        self._done(MergeRequest(self._cursor_place()[0].id))

    def edit_at_cursor(self) -> None:
        sentence = self._cursor_place()[0]
        dialog = SentenceTextDialog(sentence.text, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text() != sentence.text:
            self._done(EditTextRequest(sentence.id, dialog.text()))

    def _done(self, request: CellRequest) -> None:
        self.request = request
        self.accept()

    def mark_selection(self) -> None:
        chosen = self.selected_span()
        if chosen is None:
            return
        sentence, span = chosen
        dialog = MarkDialog(self.editors, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, editor = dialog.choice()
        document_span = Span(sentence.start + span.start, sentence.start + span.end)
        self._done(MarkRequest(sentence.document_id, Decision.mark(document_span, kind, editor)))

    def unmark_at_cursor(self) -> None:
        found = self.note_at_cursor()
        if found is None:
            return
        sentence, note = found
        span = Span(sentence.start + note.start, sentence.start + note.end)
        self._done(MarkRequest(sentence.document_id, Decision.unmark(span)))


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
