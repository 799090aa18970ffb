"""The stretch of a pair's ladder an edit touches, read from the store: the beads holding some
sentences or between some beads, with the positions and sentence starts planning needs; and a
bead's neighbour. Used by the planners in `alignments.planning.bead_planner` and `alignments.planning.sentence_planner`.
"""

from __future__ import annotations

from collections.abc import Sequence

from alignments.ladder.edits import Region
from alignments.store.project_store import ProjectStore
from alignments.store.sql import batches, placeholders
from alignments.store.text_blocks import END_KEY


def sentences_region(
    store: ProjectStore, pair_id: int, source_ids: Sequence[int], target_ids: Sequence[int], from_start: bool = False
) -> Region:
    """The stretch of the ladder from the first to the last bead holding any of these sentences
    (or from the ladder's first bead). CROSS JOIN keeps SQLite from walking every bead of the
    pair before looking the few sentences up (47 ms instead of 0.1 ms at 50k beads)."""
    sentence_ids = [*source_ids, *target_ids]
    holding: set[int] = set()
    if from_start:
        first = store.db.execute(
            "SELECT id FROM beads WHERE pair_id = ? ORDER BY source_pos, target_pos LIMIT 1", [pair_id]
        ).fetchone()
        holding.update(first or ())
    for chunk in batches(sentence_ids):
        holding.update(
            row[0]
            for row in store.db.execute(
                f"SELECT bs.bead_id FROM bead_sentences bs CROSS JOIN beads b ON b.id = bs.bead_id"
                f" WHERE b.pair_id = ? AND bs.sentence_id IN ({placeholders(chunk)})",
                [pair_id, *chunk],
            )
        )
    return beads_region(store, pair_id, sorted(holding))

def beads_region(store: ProjectStore, pair_id: int, bead_ids: Sequence[int]) -> Region:
    """The stretch of the ladder from the first to the last of these beads."""
    chosen = store.beads(bead_ids)
    if not chosen:
        return Region(pair_id, (), (END_KEY, END_KEY))
    first = min((b.source_pos, b.target_pos) for b in chosen)
    last = max((b.source_pos, b.target_pos) for b in chosen)
    beads = store.beads_between(pair_id, first, last)
    following = store.db.execute(
        "SELECT source_pos, target_pos FROM beads WHERE pair_id = ? AND (source_pos, target_pos) > (?, ?)"
        " ORDER BY source_pos, target_pos LIMIT 1",
        [pair_id, *last],
    ).fetchone()
    next_positions = tuple(following) if following else (END_KEY, END_KEY)
    source_starts = _starts(store, [sid for b in beads for sid in b.source_ids])
    target_starts = _starts(store, [tid for b in beads for tid in b.target_ids])
    return Region(pair_id, tuple(beads), next_positions, source_starts, target_starts)

def neighbour_id(store: ProjectStore, pair_id: int, bead_id: int, step: int) -> int | None:
    """The id of the bead just after (step 1) or before (step -1) a bead, if any."""
    bead = store.beads([bead_id])
    if not bead:
        return None
    position = [pair_id, bead[0].source_pos, bead[0].target_pos]
    comparison, order = (">", "ASC") if step > 0 else ("<", "DESC")
    row = store.db.execute(
        f"SELECT id FROM beads WHERE pair_id = ? AND (source_pos, target_pos) {comparison} (?, ?)"
        f" ORDER BY source_pos {order}, target_pos {order} LIMIT 1",
        position,
    ).fetchone()
    return None if row is None else int(row[0])


def _starts(store: ProjectStore, sentence_ids: Sequence[int]) -> dict[int, int]:
    """The ladder positions (order keys) of these sentences' starts."""
    starts: dict[int, int] = {}
    for chunk in batches(sentence_ids):
        starts.update(
            store.db.execute(f"SELECT id, pos FROM sentences WHERE id IN ({placeholders(chunk)})", chunk).fetchall()
        )
    return starts
