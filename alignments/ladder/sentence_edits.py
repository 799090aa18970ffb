"""Sentence-level corrections and text revisions as invertible values.

A `SentenceEdit` takes sentence rows out of `sentences` and puts others in (a row whose id is in
both has moved: a revision carried it over), re-points pairs at a new revision of a document,
changes the ladders that held those sentences, and may teach the project an abbreviation. Its
`inverse()` is the same change backwards: applied after the edit it restores the store exactly.
Plain values, standard library only (plus alignments.ladder.edits and alignments.ladder.beads).
"""

from __future__ import annotations

from dataclasses import dataclass

from alignments.ladder.beads import Side
from alignments.ladder.edits import ReplaceBeads
from corpus.decisions import Decision
from corpus.spans import Interpolation, Span
from corpus.text_views import TextLike


@dataclass(frozen=True)
class SentenceRow:
    """One row of `sentences`: a span of a document revision with a stable id."""

    id: int
    document_id: int
    start: int
    end: int
    paragraph_start: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class DocumentRevision:
    """A `documents` row a revision adds, whole: its text (a str, or for an edit of one stretch the
    previous revision's text with that stretch replaced, read by slices) and the interpolations and
    decisions carried over to it (undo takes it out again)."""

    id: int
    title: str
    lang: str
    text: TextLike
    sha256: str
    origin_path: str | None
    created_at: str
    previous_id: int | None
    interpolations: tuple[Interpolation, ...] = ()
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class PairSwitch:
    """A pair's side moves from one revision of a document to another."""

    pair_id: int
    side: Side
    old_document_id: int
    new_document_id: int

    def inverse(self) -> PairSwitch:
        return PairSwitch(self.pair_id, self.side, self.new_document_id, self.old_document_id)


@dataclass(frozen=True)
class TextShift:
    """The live sentences of a revision that an edit of one stretch leaves alone, moved wholesale
    onto the next revision: every one starting at or after *at* (the old stretch's end) moves by
    *delta* code points. The store moves them with the pieces of text the revisions share, so it
    rewrites only the rows of the blocks the edit cut again (none when it slices the edited block),
    however long the text (the edit's own rows stay explicit); ladder positions are keys within
    pieces and do not move with it."""

    old_document_id: int
    new_document_id: int
    at: int
    delta: int

    def moved(self, offset: int) -> int:
        return offset + self.delta if offset >= self.at else offset

    def inverse(self) -> TextShift:
        return TextShift(self.new_document_id, self.old_document_id, self.at + self.delta, -self.delta)


@dataclass(frozen=True)
class LearntAbbreviation:
    """An abbreviation a hand merge taught the project (DESIGN §5)."""

    lang: str
    abbreviation: str


@dataclass(frozen=True)
class SentenceEdit:
    """Replace sentence rows, re-point pairs and replace the beads that held the sentences.

    Rows taken out are retired (kept in `retired_sentences`) unless the edit *restores*: an
    undo forgets the rows its forward edit made and brings the retired ones back. A revision
    also adds its new `documents` row, which its undo drops. A revision that edits one stretch
    lists only that stretch's rows and moves the others with a `TextShift` (*shifts*).
    """

    removed: tuple[SentenceRow, ...]
    added: tuple[SentenceRow, ...]
    beads: tuple[ReplaceBeads, ...] = ()
    switches: tuple[PairSwitch, ...] = ()
    learn: tuple[LearntAbbreviation, ...] = ()
    forget: tuple[LearntAbbreviation, ...] = ()
    documents_added: tuple[DocumentRevision, ...] = ()
    documents_dropped: tuple[DocumentRevision, ...] = ()
    restores: bool = False
    label: str = "Edit sentences"
    shifts: tuple[TextShift, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.removed or self.added or self.beads or self.switches or self.documents_added
                    or self.documents_dropped or self.learn or self.forget or self.shifts)

    def inverse(self) -> SentenceEdit:
        return SentenceEdit(
            self.added,
            self.removed,
            tuple(edit.inverse() for edit in reversed(self.beads)),
            tuple(switch.inverse() for switch in self.switches),
            self.forget,
            self.learn,
            self.documents_dropped,
            self.documents_added,
            not self.restores,
            self.label,
            tuple(shift.inverse() for shift in self.shifts),
        )

    @property
    def retired_ids(self) -> tuple[int, ...]:
        """Ids of the sentences this edit takes out for good (not moved)."""
        staying = {row.id for row in self.added}
        return tuple(row.id for row in self.removed if row.id not in staying)

    @property
    def new_ids(self) -> tuple[int, ...]:
        """Ids of the sentences this edit brings in (not moved)."""
        leaving = {row.id for row in self.removed}
        return tuple(row.id for row in self.added if row.id not in leaving)
