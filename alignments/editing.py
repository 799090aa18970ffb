"""Planning hand edits against the store: look up the stretch of the ladder an edit touches,
then let the pure planners in `alignments.edits` compute the change. Applying it is the
store's job (`ProjectStore.apply`), so a caller can keep the edit for undo. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from alignments.beads import BeadStatus
from alignments.edits import EditError, ReplaceBeads, link, set_status, unlink
from alignments.store import ProjectStore, utc_now


class Planner:
    """Plans edits of one pair's ladder from sentence or bead ids."""

    def __init__(self, store: ProjectStore, pair_id: int) -> None:
        self.store = store
        self.pair_id = pair_id

    def link(self, source_ids: Sequence[int], target_ids: Sequence[int]) -> ReplaceBeads:
        region = self.store.region(self.pair_id, source_ids, target_ids)
        new_ids = self.store.reserve_bead_ids(len(region.beads) * 2 + 1)
        return link(region, source_ids, target_ids, new_ids, utc_now())

    def unlink(self, bead_ids: Sequence[int]) -> ReplaceBeads:
        region = self.store.region_of_beads(self.pair_id, bead_ids)
        sentences = len(region.source_ids) + len(region.target_ids)
        return unlink(region, set(bead_ids), self.store.reserve_bead_ids(sentences), utc_now())

    def set_status(self, bead_ids: Sequence[int], status: BeadStatus) -> ReplaceBeads:
        beads = self.store.beads(bead_ids)
        if not beads:
            raise EditError("Select the beads to change first.")
        return set_status(self.pair_id, beads, status)
