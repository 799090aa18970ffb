"""Planning hand edits against the store: look up the stretch of the ladder an edit touches,
then let the pure planners in `alignments.ladder.edits` compute the change. Applying it is the
store's job (`ProjectStore.apply`), so a caller can keep the edit for undo. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from alignments.ladder.beads import BeadStatus, Side
from alignments.ladder.edits import (
    EditError,
    Region,
    ReplaceBeads,
    link,
    set_status,
    unlink,
)
from alignments.ladder.reshape import (
    Direction,
    give_empty_side,
    merge_with_next,
    move_sentence,
    split_bead,
)
from alignments.store.project_store import ProjectStore
from alignments.store.regions import beads_region, neighbour_id, sentences_region
from alignments.store.sql import utc_now


class Planner:
    """Plans edits of one pair's ladder from sentence or bead ids."""

    def __init__(self, store: ProjectStore, pair_id: int) -> None:
        self.store = store
        self.pair_id = pair_id

    def link(self, source_ids: Sequence[int], target_ids: Sequence[int]) -> ReplaceBeads:
        region = sentences_region(self.store, self.pair_id, source_ids, target_ids)
        new_ids = self.store.fresh_bead_ids()
        return link(region, source_ids, target_ids, new_ids, utc_now())

    def unlink(self, bead_ids: Sequence[int]) -> ReplaceBeads:
        region = beads_region(self.store, self.pair_id, bead_ids)
        return unlink(region, set(bead_ids), self.store.fresh_bead_ids(), utc_now())

    def merge_with_next(self, bead_id: int) -> ReplaceBeads:
        region = self._around(bead_id, 1)
        return merge_with_next(region, bead_id, self.store.fresh_bead_ids(), utc_now())

    def split(self, bead_id: int) -> ReplaceBeads:
        region = self._around(bead_id, 0)
        return split_bead(region, bead_id, self.store.fresh_bead_ids(), utc_now())

    def move_sentence(self, bead_id: int, side: Side, direction: Direction, count: int = 1) -> ReplaceBeads:
        region = self._around(bead_id, -1 if direction == Direction.UP else 1)
        return move_sentence(region, bead_id, side, direction, self.store.fresh_bead_ids(), utc_now(), count)

    def give_empty_side(self, bead_id: int) -> ReplaceBeads:
        region = self._around(bead_id, 0)
        return give_empty_side(region, bead_id, self.store.fresh_bead_ids(), utc_now())

    def _around(self, bead_id: int, step: int) -> Region:
        """The bead, with its neighbour before (step -1) or after (step 1) when there is one."""
        neighbour = neighbour_id(self.store, self.pair_id, bead_id, step) if step else None
        return beads_region(self.store, self.pair_id, [bead_id] + ([neighbour] if neighbour else []))

    def set_status(self, bead_ids: Sequence[int], status: BeadStatus) -> ReplaceBeads:
        beads = self.store.beads(bead_ids)
        if not beads:
            raise EditError("Select the beads to change first.")
        return set_status(self.pair_id, beads, status)
