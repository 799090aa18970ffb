"""Reading one source and every translation of it from a project: the pairs that share the source
document, and their ladders lined up through it (alignments.ladder.pivot). Reads through ProjectStore."""

from __future__ import annotations

from dataclasses import dataclass

from alignments.ladder.pivot import PivotRow, line_up
from alignments.store.project_store import ProjectStore
from alignments.store.records import DocumentInfo, PairInfo
from corpus.errors import UserError


class PivotError(UserError, ValueError):
    """A comparison that cannot be made; the message is meant for the user."""


@dataclass(frozen=True)
class PivotTable:
    """A source document, the pairs translating it (one column each) and the rows lining them up."""

    source: DocumentInfo
    pairs: tuple[PairInfo, ...]
    rows: tuple[PivotRow, ...]


def translations_of(store: ProjectStore, document_id: int) -> list[PairInfo]:
    """The pairs whose source is this document, in the order they were made."""
    return [pair for pair in store.pairs() if pair.source.id == document_id]


def read_pivot(store: ProjectStore, source_document_id: int) -> PivotTable:
    """Every translation of a source document lined up through it (at least one pair)."""
    pairs = translations_of(store, source_document_id)
    if not pairs:
        known = sorted({pair.source.id for pair in store.pairs()})
        listed = ", ".join(map(str, known)) or "none"
        raise PivotError(f"No pair has document {source_document_id} as its source (source documents: {listed}).")
    rows = line_up(store.sentence_ids(source_document_id), [store.ladder(pair.id) for pair in pairs])
    return PivotTable(pairs[0].source, tuple(pairs), tuple(rows))
