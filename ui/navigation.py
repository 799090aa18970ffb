"""Moving around the open pair: to the next flagged or unconfirmed bead, to what the find bar
looks for, to the bead holding a place of a document, between a footnote mark and its body."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from alignments.ladder.beads import Side
from alignments.store.records import BeadSummary
from alignments.store.search import SearchError
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN

if TYPE_CHECKING:
    from ui.find_bar import FindBar
    from ui.window_context import WindowContext


class Navigation:
    """The moving-around commands of one main window."""

    def __init__(self, context: WindowContext, find_bar: FindBar) -> None:
        self.context = context
        self.find_bar = find_bar

    def go_to_next(self, wanted: Callable[[BeadSummary], bool], step: int) -> None:
        session = self.context.session
        if session is None:
            return
        current = self.context.table.currentIndex()
        start = current.row() if current.isValid() else (-1 if step > 0 else session.model.rowCount())
        row = session.model.find_row(start, step, wanted)
        if row is None:
            self.context.show_message("No more beads of that kind in this direction.")
        else:
            self.context.go_to_row(row)

    def show_document_offset(self, document_id: int, offset: int) -> None:
        """Go to the bead holding this place of a document."""
        session = self.context.session
        if session is None:
            return
        position = session.store.bead_position_at(session.pair.id, document_id, offset)
        if position is not None:
            column = SOURCE_COLUMN if document_id == session.pair.source.id else TARGET_COLUMN
            self.context.go_to_row(session.model.row_of_position(position), column)

    def find(self, needle: str, regex: bool, case_sensitive: bool, side: Side | None, step: int) -> None:
        """Go to the next (step 1) or previous (-1) bead, from the current one, holding *needle*."""
        session = self.context.session
        if session is None:
            return
        try:
            hits = session.store.find(session.pair.id, needle, regex, side, case_sensitive)
        except SearchError as error:
            self.find_bar.show_status(str(error))
            return
        rows = session.model.rows_of_beads([hit.bead_id for hit in hits])
        current = self.context.table.currentIndex().row() if self.context.table.currentIndex().isValid() else -1
        after = [row for row in rows if row > current] if step > 0 else [row for row in rows if row < current][::-1]
        if not rows:
            self.find_bar.show_status("Not found.")
            return
        target = after[0] if after else rows[0 if step > 0 else -1]
        wrapped = "" if after else " (from the other end)"
        self.find_bar.show_status(f"{rows.index(target) + 1} of {len(rows)} beads{wrapped}")
        column = _column_of(next(hit.side for hit in hits if hit.bead_id == session.model.bead_id(target)))
        flags = 0 if case_sensitive else re.IGNORECASE
        columns = (column,) if side is not None else (SOURCE_COLUMN, TARGET_COLUMN)
        try:
            self.context.table.set_found(re.compile(needle if regex else re.escape(needle), flags), columns)
        except re.error:  # the store found it with its own engine; nothing to show then
            self.context.table.set_found(None)
        self.context.go_to_row(target, column)

    def jump_footnote(self) -> None:
        """From a footnote mark in the current cell to its footnote, or back."""
        session, index = self.context.session, self.context.table.currentIndex()
        if session is None or not index.isValid() or index.column() not in (SOURCE_COLUMN, TARGET_COLUMN):
            return
        view = session.model.bead_view(index.row())
        for sentence in view.source if index.column() == SOURCE_COLUMN else view.target:
            for note in sentence.notes:
                target = session.store.footnote_partner(sentence.document_id, sentence.start + note.start)
                if target is not None:
                    self.show_document_offset(sentence.document_id, target)
                    return
        self.context.show_message("No footnote mark or footnote in this cell.")


def _column_of(side: Side) -> int:
    return TARGET_COLUMN if side == Side.TARGET else SOURCE_COLUMN
