"""One sentence out of a cell: pick a single sentence inside an n:m cell (Alt+Shift+Up/Down, or
Alt+click) and Link or Move takes just that sentence, without splitting the bead first. Moving a
picked sentence up takes the sentences above it in the cell along (and down, those below): a
ladder keeps its order. The pick belongs to one bead side; any other current cell drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alignments.ladder.beads import Side
from alignments.ladder.edits import ReplaceBeads
from alignments.ladder.reshape import Direction
from alignments.planning.bead_planner import Planner
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN

if TYPE_CHECKING:
    from ui.edit_actions import EditActions
    from ui.window_context import WindowContext


@dataclass(frozen=True)
class Pick:
    bead_id: int
    column: int
    index: int  # of the sentence in its cell


class SentencePicks:
    """The picking commands of one main window; the pick itself is the table's (it draws it)."""

    def __init__(self, context: WindowContext, edits: EditActions) -> None:
        self.context = context
        self.edits = edits

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "pick_next": lambda: self.step(1),
            "pick_previous": lambda: self.step(-1),
            "move_up": lambda: self.move(Direction.UP),
            "move_down": lambda: self.move(Direction.DOWN),
        }

    def step(self, delta: int) -> None:
        """Pick the next (1) or previous (-1) sentence of the current cell."""
        cell = self._current_cell()
        if cell is None:
            self.context.show_message("Put the cursor on a source or translation cell first.")
            return
        row, column, count = cell
        if count < 2:
            self.context.show_message("This cell holds one sentence: Link and Move take it as it is.")
            return
        picked = self.context.table.picked_index(row, column)
        index = (0 if delta > 0 else count - 1) if picked is None else min(max(picked + delta, 0), count - 1)
        self.pick(row, column, index)

    def pick(self, row: int, column: int, index: int) -> None:
        session = self.context.session
        assert session is not None
        self.context.table.set_pick(Pick(session.model.bead_id(row), column, index))
        count = len(self._sentences(row, column))
        self.context.show_message(f"Sentence {index + 1} of {count} picked: Link and Move take just this one.")

    def move(self, direction: Direction) -> None:
        """Move the picked sentence (with those between it and the neighbour), or, with nothing
        picked, the first or last sentence of the current side."""
        cell = self._current_cell()
        picked = None if cell is None else self.context.table.picked_index(cell[0], cell[1])
        if cell is None or picked is None:
            self.edits.move(direction)
            return
        row, column, count = cell
        session = self.context.session
        assert session is not None
        bead_id = session.model.bead_id(row)
        side = Side.TARGET if column == TARGET_COLUMN else Side.SOURCE
        moving = picked + 1 if direction == Direction.UP else count - picked

        def plan(planner: Planner) -> ReplaceBeads:
            return planner.move_sentence(bead_id, side, direction, moving)

        self.edits.perform(plan)

    def _current_cell(self) -> tuple[int, int, int] | None:
        """(row, column, how many sentences) of the current text cell."""
        index = self.context.table.currentIndex()
        if self.context.session is None or not index.isValid() or index.column() not in (SOURCE_COLUMN, TARGET_COLUMN):
            return None
        return index.row(), index.column(), len(self._sentences(index.row(), index.column()))

    def _sentences(self, row: int, column: int) -> tuple[int, ...]:
        session = self.context.session
        assert session is not None
        bead = session.model.bead_view(row).bead
        return bead.source_ids if column == SOURCE_COLUMN else bead.target_ids
