"""The plain text a structured document (Word, OpenDocument, HTML, EPUB, Markdown, TEI) becomes,
and the structure it keeps beside it: paragraphs separated by blank lines, headings as paragraphs
of their own, each footnote's mark in running text as a superscript number (or the mark the
document gives) with its body after the paragraph, and emphasis as spans (not interpolations).

The text follows the plain-text footnote convention (corpus.footnotes), so a revised plain-text
copy reads the same way. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus.spans import Span

_WHITE_SPACE = re.compile(r"\s+")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Footnote:
    """A footnote as the document has it: its mark in running text and its body (mark included)."""

    mark: Span
    body: Span


@dataclass(frozen=True)
class Structure:
    """What a converter knew about a text beyond its characters."""

    footnotes: tuple[Footnote, ...] = ()
    emphasis: tuple[Span, ...] = ()


@dataclass(frozen=True)
class SourceFormat:
    """Where a document's text came from: the format read and the converter that read it."""

    format: str = "text"
    converter: str | None = None


@dataclass(frozen=True)
class StructuredText:
    text: str
    structure: Structure = Structure()
    source: SourceFormat = SourceFormat()


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


@dataclass
class _PendingNote:
    mark: Span
    token: str
    write_body: Callable[[TextBuilder], None]


@dataclass
class TextBuilder:
    """Collects text block by block; converters call it as they walk a document's tree."""

    _pieces: list[str] = field(default_factory=list)
    _length: int = 0
    _footnotes: list[Footnote] = field(default_factory=list)
    _emphasis: list[Span] = field(default_factory=list)
    _pending: list[_PendingNote] = field(default_factory=list)
    _notes_seen: int = 0
    _in_block: bool = False
    _block_start: int = 0

    def write(self, text: str) -> None:
        """Running text of the current block; runs of white space become one space."""
        text = _WHITE_SPACE.sub(" ", text)
        if text.startswith(" ") and (not self._in_block or self._pieces[-1][-1:].isspace()):
            text = text[1:]
        if not text:
            return
        if not self._in_block:
            self._start_block()
        self._pieces.append(text)
        self._length += len(text)

    def line_break(self) -> None:
        """A line break inside a block (a verse line); it never follows white space."""
        if self._in_block:
            self._trim_block()
            self._pieces.append("\n")
            self._length += 1

    def emphasised(self, write_inside: Callable[[], None]) -> None:
        """Write an emphasised stretch (italic, bold, underlined) and remember its span."""
        start = self._length if self._in_block else None
        write_inside()
        if start is None:
            start = self._block_start if self._in_block else self._length
        if self._length > start:
            self._emphasis.append(Span(start, self._length))

    def footnote(self, write_body: Callable[[TextBuilder], None], token: str | None = None) -> None:
        """A footnote mark here (the document's own *token*, or the next number); its body is
        written after the current block."""
        self._notes_seen += 1
        token = "".join((token or "").split()) or superscript(self._notes_seen)
        self.write(token)
        self._pending.append(_PendingNote(Span(self._length - len(token), self._length), token, write_body))

    def end_block(self) -> None:
        """Close the current paragraph or heading; the bodies of its footnotes follow it."""
        if not self._in_block:
            return
        self._trim_block()
        self._in_block = False
        pending, self._pending = self._pending, []
        for note in pending:
            body_start = self._length + 2  # after the blank line that starts the next block
            self.write(f"{note.token} ")
            note.write_body(self)
            self._trim_block()
            self._in_block = False
            self._footnotes.append(Footnote(note.mark, Span(body_start, self._length)))

    def result(self, source: SourceFormat) -> StructuredText:
        self.end_block()
        text = "".join(self._pieces)
        emphasis = tuple(filter(None, (_tight(text, span) for span in self._emphasis)))
        return StructuredText(text, Structure(tuple(self._footnotes), emphasis), source)

    def _start_block(self) -> None:
        if self._length:
            self._pieces.append("\n\n")
            self._length += 2
        self._in_block = True
        self._block_start = self._length

    def _trim_block(self) -> None:
        """Drop white space at the end of the block (the text stays as the spans counted it)."""
        while self._pieces and self._length > self._block_start and self._pieces[-1][-1:].isspace():
            last = self._pieces.pop()
            kept = last.rstrip()
            self._length -= len(last) - len(kept)
            if kept:
                self._pieces.append(kept)
        if self._length == self._block_start and self._pieces and self._pieces[-1] == "\n\n":
            self._pieces.pop()  # an empty block leaves no blank line behind
            self._length -= 2


def _tight(text: str, span: Span) -> Span | None:
    """*span* without white space at either end (None when nothing is left)."""
    start, end = span.start, min(span.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None
