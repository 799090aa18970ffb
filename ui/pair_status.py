"""The status bar's word on the pair on screen: its counts ("48 beads · 2% confirmed · 3 flagged
· 1 unaligned") and, while one text covers only part of the other or leaves out many of its
sentences here and there, a warning saying so ("the translation appears to cover sentences
1–212 of 530 of the source"), as `workbench new` and the batch report do. Both follow every
edit (the ladder's counts are in the model already; the warning a moment later, once the edit
shows: 0.09 s at 53k beads); which sentences need no counterpart (wholly notes, junk lines) is
read from the project once per pair, and again when its texts change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from alignments.ladder.coverage import coverage_findings, links_from_counts
from alignments.planning.stored_documents import sentences_needing_no_counterpart
from ui.bead_model import BeadTableModel
from ui.session import PairSession

MOST_WIDTH = 520  # pixels; the whole warning is in the tooltip
WARNING_STYLE = "color: #a64b00; font-weight: bold;"


class PairStatus:
    """The counts label and the coverage warning of the pair shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.counts = QLabel(parent)
        self.coverage = CoverageNote(parent)
        self._model: BeadTableModel | None = None
        self._later = QTimer(self.coverage)  # edits in a row: one update after the last
        self._later.setSingleShot(True)
        self._later.timeout.connect(lambda: self.coverage.update_for(self._model))

    @property
    def pending(self) -> bool:
        """Whether the coverage warning is yet to follow the last edit."""
        return self._later.isActive()

    def read_pair(self, session: PairSession | None) -> None:
        """A pair shown, or its texts edited: what the coverage warning reads from the project."""
        self.coverage.read_pair(session)

    def show(self, model: BeadTableModel | None) -> None:
        """The counts and coverage of the ladder of *model* (None: no pair open)."""
        self._model = model
        if model is None:
            self.counts.setText("No pair open")
            self._later.stop()
            self.coverage.update_for(None)
            return
        stats = model.stats()
        self.counts.setText(
            f"{stats.beads:,} beads · {stats.confirmed_share:.0%} confirmed · {stats.flagged:,} flagged"
            f" · {stats.unaligned:,} unaligned"
        )
        self._later.start(0)


class CoverageNote(QLabel):
    """Empty unless the pair shown has a coverage warning (the status bar shows it while there
    is room, as the counts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverage")
        self.setStyleSheet(WARNING_STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._need_none: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
        self.findings: str | None = None

    def read_pair(self, session: PairSession | None) -> None:
        """Read which sentences of the pair shown need no counterpart (a pair shown, or its texts
        edited)."""
        if session is None:
            self._need_none = (frozenset(), frozenset())
            return
        self._need_none = sentences_needing_no_counterpart(session.store, session.pair)

    def update_for(self, model: BeadTableModel | None) -> None:
        """Say what the ladder of *model* (None: no pair) says of coverage, or nothing."""
        self.findings = _findings(model, self._need_none) if model is not None else None
        if self.findings is None:
            self.clear()
            self.setToolTip("")
            return
        warning = f"⚠ {self.findings[0].upper()}{self.findings[1:]}"
        self.setText(self.fontMetrics().elidedText(warning, Qt.TextElideMode.ElideRight, MOST_WIDTH))
        self.setToolTip(f"{warning}.\nThe beads without counterpart are among those not 1:1 (Ctrl+3 shows only those).")


def _findings(model: BeadTableModel, need_none: tuple[frozenset[int], frozenset[int]]) -> str | None:
    if not model.stats().unaligned:
        return None
    summaries = model.summaries()
    links = links_from_counts([(summary.source_count, summary.target_count) for summary in summaries])
    counts = sum(summary.source_count for summary in summaries), sum(summary.target_count for summary in summaries)
    return coverage_findings(links, *counts, need_none)
