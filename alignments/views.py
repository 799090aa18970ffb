"""Read-only values the store hands out: documents, pairs, and beads with their sentences'
text and interpolations (offsets relative to each sentence). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from alignments.beads import Bead
from corpus.spans import NOTE_PUNCTUATION, Interpolation, Span, strip_spans


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    lang: str
    length: int
    origin_path: str | None


@dataclass(frozen=True)
class PairInfo:
    id: int
    source: DocumentInfo
    target: DocumentInfo


@dataclass(frozen=True)
class SentenceView:
    """A sentence's id and text, with the interpolations inside it (offsets into `text`)."""

    id: int
    text: str
    notes: tuple[Interpolation, ...] = ()

    def without_notes(self) -> str:
        return strip_spans(self.text, (Span(n.start, n.end) for n in self.notes))

    @property
    def is_only_notes(self) -> bool:
        return bool(self.notes) and not self.without_notes().strip(NOTE_PUNCTUATION)


@dataclass(frozen=True)
class BeadView:
    """A bead with what it shows: the sentences of each side."""

    bead: Bead
    source: tuple[SentenceView, ...]
    target: tuple[SentenceView, ...]


@dataclass(frozen=True)
class PairStats:
    beads: int
    confirmed: int
    flagged: int

    @property
    def confirmed_share(self) -> float:
        return self.confirmed / self.beads if self.beads else 0.0
