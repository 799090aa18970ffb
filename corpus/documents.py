"""A document ready for alignment: its text, language and title, with sentences and
interpolations found. The one place that turns a file or a string into those values.

Pure Python; uses corpus.reading, corpus.segmentation and corpus.interpolations.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from corpus.conversion import read_structured
from corpus.interpolations import DetectionConfig, find_interpolations
from corpus.languages import guess_language, normalise_language
from corpus.reading import BadBytes
from corpus.segmentation import Progress, segment
from corpus.spans import Interpolation, Span
from corpus.structured_text import SourceFormat, Structure

_MAX_TITLE = 80
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # each line with its break


@dataclass(frozen=True)
class Document:
    """One immutable text revision (DESIGN §3)."""

    text: str
    lang: str
    title: str
    origin_path: str | None = None
    structure: Structure = Structure()  # footnotes and emphasis a converter found
    source: SourceFormat = SourceFormat()  # the format read and the converter that read it

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AnalysedDocument:
    """A document with its sentences (in order) and interpolations (sorted)."""

    document: Document
    sentences: tuple[Span, ...]
    interpolations: tuple[Interpolation, ...]


def analyse(
    document: Document,
    config: DetectionConfig = DetectionConfig(),
    abbreviations: Collection[str] = (),
    progress: Progress | None = None,
) -> AnalysedDocument:
    """Find the interpolations of *document*, then its sentences (which never split a note).
    *progress* hears (done, total): the first half is finding interpolations, the second segmenting."""
    length = len(document.text)
    if progress is not None:
        progress(0, 2 * length)
    interpolations = tuple(find_interpolations(document.text, config, document.structure.footnotes))
    halfway = None if progress is None else lambda done, _total: progress(length + done, 2 * length)
    sentences = tuple(segment(document.text, document.lang, interpolations, abbreviations, halfway))
    return AnalysedDocument(document, sentences, interpolations)


def analyse_lines(document: Document) -> AnalysedDocument:
    """An already segmented text: every non-blank line is one sentence; no interpolations.
    Lines end at line breaks only (not at the form feeds and separators str.splitlines
    also breaks at), so the numbering matches other tools' one-sentence-a-line files."""
    sentences: list[Span] = []
    start = 0
    for line in _LINES.findall(document.text):
        stripped = line.strip()
        if stripped:
            offset = start + line.index(stripped)
            sentences.append(Span(offset, offset + len(stripped)))
        start += len(line)
    return AnalysedDocument(document, tuple(sentences), ())


def load_document(path: Path | str, lang: str | None = None, bad_bytes: BadBytes = BadBytes.REFUSE) -> Document:
    """Read *path* (plain text in any common encoding, or a document: corpus.conversion) into a
    Document; guess the language when not given."""
    path = Path(path)
    read = read_structured(path, bad_bytes)
    text = read.text
    language = normalise_language(lang) if lang else guess_language(text)
    return Document(text, language, title_of(text, path.stem), str(path), read.structure, read.source)


def title_of(text: str, fallback: str) -> str:
    """The first line when it is short enough to be a title, else *fallback*."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if first and len(first) <= _MAX_TITLE else fallback
