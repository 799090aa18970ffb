"""The beads around the reading view's top bead, both sides laid out (ui.reading_layout) and kept
until the rows change, the width changes or the view scrolls out of them: enough beads above to
scroll back a page and enough below to fill a few screens, judged by how tall the last beads
were. A status or score change keeps the layout; a change of sentences does not.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.reading_layout import SideRun

Runs = tuple[SideRun, SideRun]
BEFORE = 12  # beads laid out above the top one, at the least
FIRST_RUN = 60  # beads laid out below it at the least (more when they are short)
LAID_OUT, COVERED = 3.0, 1.3  # screens laid out below the top bead; laid out again when fewer than COVERED are left
BACK = 1.5  # screens laid out above the top bead (scrolling back)


class RunCache:
    """The laid-out runs of both sides, and the average height of a bead in them."""

    def __init__(self) -> None:
        self.runs: Runs | None = None
        self.bead_height = 0.0  # on the shorter side

    def forget(self) -> None:
        self.runs = None

    def around(self, row: int, rows: int, screen: float, lay_out: Callable[[int, int], Runs]) -> Runs:
        """Runs holding *row* of *rows* and at least COVERED screens below it (or the end),
        laid out with *lay_out(first, last)* when the runs kept do not."""
        if self.runs is not None and self._covers(self.runs, row, rows, screen):
            return self.runs
        before = max(BEFORE, self._beads_wanted(BACK, screen) - BEFORE)
        first, count = max(0, row - before), self._beads_wanted(LAID_OUT, screen)
        while True:
            runs = lay_out(first, min(rows, row + count))
            self.bead_height = min(run.tops[-1] for run in runs) / max(len(runs[0].tops) - 1, 1)
            if self._covers(runs, row, rows, screen) or runs[0].last >= rows:
                self.runs = runs
                return runs
            count = max(count * 2, self._beads_wanted(LAID_OUT, screen))

    def _beads_wanted(self, screens: float, screen: float) -> int:
        """How many beads fill this many screens, judged by the last layout."""
        if self.bead_height <= 0:
            return FIRST_RUN
        return max(FIRST_RUN, int(screens * screen / self.bead_height) + BEFORE)

    @staticmethod
    def _covers(runs: Runs, row: int, rows: int, screen: float) -> bool:
        first, last = runs[0].first, runs[0].last
        if not (first <= row < last) or (first > 0 and row - first < 2):
            return False
        return last >= rows or all(run.tops[-1] - run.top(row) >= COVERED * screen for run in runs)

    def holds(self, first: int, last: int, sentences_of: Callable[[int, bool], list[int]]) -> bool:
        """Whether the laid-out rows first … last still hold the sentences *sentences_of(row,
        source side)* names."""
        if self.runs is None:
            return True
        for run, source in zip(self.runs, (True, False)):
            laid: dict[int, list[int]] = {}
            for placed in run.sentences:
                if first <= placed.row <= last:
                    laid.setdefault(placed.row, []).append(placed.id)
            if any(laid.get(row, []) != sentences_of(row, source) for row in range(max(first, run.first), min(last + 1, run.last))):
                return False
        return True
