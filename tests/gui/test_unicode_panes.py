"""Highlights in the Qt panes land on the right characters whatever comes before them: emoji,
letters outside the Basic Multilingual Plane (two UTF-16 units each), ZWJ sequences, flags and
combining marks (DESIGN §3). The texts go the user's way: analysed, stored, read back as
sentence views, laid out by the pane's rich-text code, then hit-tested at real points."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse
from ui.rich_text import KIND_COLOURS, SideDocument, side_document

TEXTS = {
    "astral letters and an emoji": "𝔄𝔅 😀 said (so 𝔇 - E. H.) then. 𝕏 went [sic] home.",
    "a ZWJ family and a flag": "👨\u200d👩\u200d👧 🇩🇪 kam (so die Quelle 𝕏 - Anm. d. Übers.) an. Dann 👍🏽 [bereits 𝔄] weg.",
    "combining marks": "Заче\u0301м е\u0301му (это 𝔄 — Прим. ред.) знать? Да\u0301 [sic] и\u0306 нет.",
    "a footnote and its mark": "Er 😀 kam 𝔄 an.*\n\n* Die Fußnote 𝔅 hier. - N. Kh.",
}


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def pane(text: str, lang: str) -> tuple[SideDocument, list[str]]:
    """The source pane of a one-document pair, and each placed note's text as the store holds it."""
    analysed = analyse(Document(text, lang, "t"))
    store = ProjectStore.in_memory()
    pair_id = store.add_drafted_pair(PairDraft(analysed, analysed, sequential_ladder(len(analysed.sentences), len(analysed.sentences)), "t"))
    pair = store.pair(pair_id)
    views = store.sentence_views(store.sentence_ids(pair.source.id))
    sentences = [views[sid] for sid in store.sentence_ids(pair.source.id)]
    store.close()
    side = side_document(sentences, QFont(), 2000)
    texts = [view.text[n.start : n.end] for view in sentences for n in sorted(view.notes, key=lambda n: n.start)]
    return side, texts


def point_at(document: QTextDocument, position: int) -> QPointF:
    """A point one pixel inside the character that starts at *position*."""
    document.documentLayout().documentSize()
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    block = cursor.block()
    line = block.layout().lineForTextPosition(position - block.position())
    box = document.documentLayout().blockBoundingRect(block)
    x = box.left() + line.cursorToX(position - block.position())[0] + 1
    return QPointF(x, box.top() + line.y() + line.height() / 2)


def plain_positions(note_text: str, start: int) -> list[int]:
    """UTF-16 positions of the note's characters that stand alone (no combining marks, joiners,
    variation selectors or skin tones, which share their glyph with the character before)."""
    positions, offset = [], start
    for char in note_text:
        if unicodedata.category(char) in ("Ll", "Lu", "Lo", "Nd", "Ps", "Pe", "Po", "So") and not 0x1F3FB <= ord(char) <= 0x1F3FF:
            positions.append(offset)
        offset += utf16_length(char)
    return positions


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_highlights_and_hover_land_on_the_notes(qapp: QApplication, text: str) -> None:
    side, note_texts = pane(text, "de")
    assert [p.note.kind for p in side.notes] and len(side.notes) == len(note_texts)
    for placed, note_text in zip(side.notes, note_texts):
        assert placed.end - placed.start == utf16_length(note_text)
        cursor = QTextCursor(side.document)
        cursor.setPosition(placed.start)
        cursor.setPosition(placed.end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == note_text
        for position in plain_positions(note_text, placed.start):
            cursor.setPosition(position + 1)
            assert cursor.charFormat().background().color().name() == KIND_COLOURS[placed.note.kind]
            assert side.note_at(point_at(side.document, position)) == placed.note
        cursor.setPosition(placed.start)
        if cursor.positionInBlock():  # the character before the note is plain
            assert cursor.charFormat().background().style().name == "NoBrush"


def test_the_characters_around_a_note_are_not_part_of_it(qapp: QApplication) -> None:
    side, _ = pane(TEXTS["astral letters and an emoji"], "en")
    note = side.notes[0]
    cursor = QTextCursor(side.document)
    cursor.setPosition(note.start - 2)
    cursor.setPosition(note.end + 2, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "d (so 𝔇 - E. H.) t"
    assert side.note_at(point_at(side.document, note.start - 2)) is None
    assert side.note_at(point_at(side.document, note.end + 1)) is None
