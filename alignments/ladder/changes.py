"""The one edit protocol: every change a user makes to a project is an `Edit` value (bead edits,
sentence edits and text revisions, interpolation decisions), each with `inverse()` and a `label`,
applied by `ProjectStore.apply(edit)`, which answers a `Change` saying what moved so that a view
updates only what it shows. Plain values; standard library only (plus corpus/ spans).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from alignments.ladder.edits import BeadChange, ReplaceBeads
from alignments.ladder.sentence_edits import (
    LearntAbbreviation,
    PairSwitch,
    SentenceEdit,
)
from corpus.decisions import Decision
from corpus.spans import Interpolation


@dataclass(frozen=True)
class DecisionEdit:
    """Record the user's mark or unmark *decision* on a document, replacing the older decisions it
    supersedes (*replaced*); `withdrawn` is the inverse: forget *decision*, record *replaced* again."""

    document_id: int
    decision: Decision
    replaced: tuple[Decision, ...] = ()
    withdrawn: bool = False

    @property
    def label(self) -> str:
        return "Mark interpolation" if self.decision.kind is not None else "Unmark interpolation"

    @property
    def is_empty(self) -> bool:
        return False

    def inverse(self) -> DecisionEdit:
        return replace(self, withdrawn=not self.withdrawn)


Edit = ReplaceBeads | SentenceEdit | DecisionEdit


@dataclass(frozen=True)
class InterpolationChange:
    """What a decision or a re-detection did to one document's interpolations; *replaced* are the
    older decisions the new one superseded (to restore them on undo)."""

    document_id: int
    removed: tuple[Interpolation, ...]
    added: tuple[Interpolation, ...]
    replaced: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class Change:
    """What an applied edit moved: each pair's ladder change, pairs now showing another revision
    of a document, documents whose interpolations changed, sentences that left or came, and
    abbreviations the project learnt."""

    beads: tuple[BeadChange, ...] = ()
    switches: tuple[PairSwitch, ...] = ()
    interpolations: tuple[InterpolationChange, ...] = ()
    retired_sentences: tuple[int, ...] = ()
    new_sentences: tuple[int, ...] = ()
    learnt: tuple[LearntAbbreviation, ...] = ()

    @property
    def pair_ids(self) -> tuple[int, ...]:
        """The pairs whose ladders or documents this change touched."""
        return tuple(sorted({change.pair_id for change in self.beads} | {s.pair_id for s in self.switches}))

    def touches_documents(self, document_ids: set[int]) -> bool:
        """Whether the text, sentences or interpolations of any of these documents changed."""
        return bool(
            {c.document_id for c in self.interpolations} & document_ids
            or {s.old_document_id for s in self.switches} & document_ids
            or self.retired_sentences
            or self.new_sentences
        )
