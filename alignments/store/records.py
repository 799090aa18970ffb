"""Read-only values the store hands out: documents, pairs, and beads with their sentences'
text and interpolations (offsets relative to each sentence). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from alignments.ladder.beads import LOW_CONFIDENCE, Bead
from corpus.spans import Interpolation, Span, strip_spans


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
    """A sentence's id and text, with the interpolations inside it (offsets into `text`), and
    where the sentence starts in its document."""

    id: int
    text: str
    notes: tuple[Interpolation, ...] = ()
    document_id: int = 0
    start: int = 0

    def without_notes(self) -> str:
        if not self.notes:
            return self.text.strip()
        return strip_spans(self.text, (Span(n.start, n.end) for n in self.notes))


@dataclass(frozen=True)
class BeadView:
    """A bead with what it shows: the sentences of each side."""

    bead: Bead
    source: tuple[SentenceView, ...]
    target: tuple[SentenceView, ...]


@dataclass(frozen=True)
class BeadSummary:
    """What an overview of a whole pair needs of each bead."""

    id: int
    position: tuple[int, int]
    confirmed: bool
    score: float | None
    source_count: int
    target_count: int

    @classmethod
    def of(cls, bead: Bead) -> BeadSummary:
        return cls(
            bead.id, (bead.source_pos, bead.target_pos), bead.is_confirmed, bead.score,
            len(bead.source_ids), len(bead.target_ids),
        )

    @property
    def flagged(self) -> bool:
        """Low confidence (or none), and not confirmed."""
        return not self.confirmed and (self.score is None or self.score < LOW_CONFIDENCE)

    @property
    def unaligned(self) -> int:
        """How many sentences this bead leaves without counterpart."""
        return self.source_count + self.target_count if not self.source_count or not self.target_count else 0


@dataclass(frozen=True)
class PairStats:
    beads: int
    confirmed: int
    flagged: int
    unaligned: int = 0

    @property
    def confirmed_share(self) -> float:
        return self.confirmed / self.beads if self.beads else 0.0
