"""Reading a whole pair for export: every bead with its sentences' text and interpolations, in
ladder order, streamed from one query (the per-batch reads the window uses would take a query
per few hundred sentences). Notes are assigned with one pointer per document, since a ladder
meets each document's sentences in order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from alignments.ladder.beads import STATUS_NAMED, Bead
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadView, SentenceView
from corpus.spans import Interpolation

_QUERY = (
    "SELECT b.id, b.source_pos, b.target_pos, b.status, b.score, b.provenance, b.created_at,"
    ' bs.side, s.id, s.document_id, s.start, s."end"'
    " FROM beads b JOIN bead_sentences bs ON bs.bead_id = b.id JOIN sentences s ON s.id = bs.sentence_id"
    " WHERE b.pair_id = ?{only} ORDER BY b.source_pos, b.target_pos, bs.side, s.start"
)


def pair_views(store: ProjectStore, pair_id: int, confirmed_only: bool = False) -> Iterator[BeadView]:
    """Every bead of a pair (or only the confirmed ones) with its sentences, in order."""
    pair = store.pair(pair_id)
    notes = {doc.id: _NotePointer(store.interpolations(doc.id)) for doc in (pair.source, pair.target)}
    texts = {doc.id: store.text(doc.id) for doc in (pair.source, pair.target)}
    only = " AND b.status = 'confirmed'" if confirmed_only else ""
    rows = store.db.execute(_QUERY.format(only=only), [pair_id])
    for _, group in itertools.groupby(rows, key=lambda row: row[0]):
        members = list(group)
        bead_id, source_pos, target_pos, status, score, provenance, created_at = members[0][:7]
        sides: dict[str, list[SentenceView]] = {"source": [], "target": []}
        for *_, side, sentence_id, document_id, start, end in members:
            inside = notes[document_id].within(start, end)
            sides[side].append(SentenceView(sentence_id, texts[document_id][start:end], inside, document_id, start))
        source, target = tuple(sides["source"]), tuple(sides["target"])
        bead = Bead(
            bead_id, pair_id, tuple(s.id for s in source), tuple(t.id for t in target), source_pos, target_pos,
            STATUS_NAMED[status], score, provenance, created_at,
        )
        yield BeadView(bead, source, target)


class _NotePointer:
    """A document's interpolations in order, handed out sentence by sentence (offsets made
    relative to each sentence)."""

    def __init__(self, notes: Sequence[Interpolation]) -> None:
        self.notes = notes
        self.first = 0

    def within(self, start: int, end: int) -> tuple[Interpolation, ...]:
        while self.first < len(self.notes) and self.notes[self.first].end <= start:
            self.first += 1
        found: list[Interpolation] = []
        for note in itertools.islice(self.notes, self.first, None):
            if note.start >= end:
                break
            found.append(note.relative_to(start, end))
        return tuple(found)

