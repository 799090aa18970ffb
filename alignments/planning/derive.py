"""Deriving the alignment of two translations of one source (A→B) from their pairs with the
source (InterText's pivot derivation), stored as a new pair whose beads name their provenance.
A derived bead is automatic, with the lower confidence of the beads it stands on."""

from __future__ import annotations

from alignments.ladder.pivot import DerivedBead, derive
from alignments.store.pivot_reading import PivotError, PivotTable
from alignments.store.project_store import ProjectStore

DERIVED = "derived"


def derived_provenance(table: PivotTable, a: int, b: int) -> str:
    """E.g. "derived through document 1 from pairs 1 and 3"."""
    return f"{DERIVED} through document {table.source.id} from pairs {table.pairs[a].id} and {table.pairs[b].id}"


def derive_pair(store: ProjectStore, table: PivotTable, a_pair_id: int, b_pair_id: int) -> int:
    """Store translation A (of pair *a_pair_id*) aligned with translation B as a new pair; its id."""
    columns = {pair.id: column for column, pair in enumerate(table.pairs)}
    if a_pair_id not in columns or b_pair_id not in columns or a_pair_id == b_pair_id:
        raise PivotError(f"Pairs {a_pair_id} and {b_pair_id} are not two translations of document {table.source.id}.")
    a, b = columns[a_pair_id], columns[b_pair_id]
    beads = derive(table.rows, a, b)
    a_document, b_document = table.pairs[a].target.id, table.pairs[b].target.id
    ladder = _index_ladder(store, beads, a_document, b_document)
    return store.add_pair(a_document, b_document, ladder, derived_provenance(table, a, b))


def _index_ladder(
    store: ProjectStore, beads: list[DerivedBead], a_document: int, b_document: int
) -> list[tuple[range, range, float | None]]:
    """The derived beads as index ranges into each document's sentences, with their scores."""
    a_index = {sid: k for k, sid in enumerate(store.sentence_ids(a_document))}
    b_index = {sid: k for k, sid in enumerate(store.sentence_ids(b_document))}
    scores = {bead.id: bead.score for bead in store.beads([i for d in beads for i in d.through])}
    a_next = b_next = 0
    ladder: list[tuple[range, range, float | None]] = []
    for bead in beads:
        a_range = range(a_index[bead.a_ids[0]], a_index[bead.a_ids[-1]] + 1) if bead.a_ids else range(a_next, a_next)
        b_range = range(b_index[bead.b_ids[0]], b_index[bead.b_ids[-1]] + 1) if bead.b_ids else range(b_next, b_next)
        a_next, b_next = a_range.stop, b_range.stop
        ladder.append((a_range, b_range, _lowest([scores.get(i) for i in bead.through])))
    return ladder


def _lowest(scores: list[float | None]) -> float | None:
    """The lowest confidence, or None when a bead had none."""
    return None if not scores or any(score is None for score in scores) else min(s for s in scores if s is not None)
