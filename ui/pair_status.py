"""The status bar's word on the pair on screen: its counts ("48 beads · 2% confirmed · 3 flagged
· 1 unaligned") and a warning, as `workbench new` gives it, while sentence lengths alone placed
most of its beads (alignments/planning/lengths_alone.py) or one text covers only part of the
other or leaves out many of its sentences here and there ("the translation appears to cover
sentences 1–212 of 530 of the source"; the batch report has that one too). Both follow every
edit (the ladder's counts are in the model already; the warning a moment later, once the edit
shows: 0.09 s at 53k beads); what they need of the texts (which sentences need no counterpart,
and whether the texts share anchors, asked only while most beads are flagged) is read once per
pair, and again when its texts change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from alignments.ladder.coverage import coverage_findings, links_from_counts
from alignments.planning.lengths_alone import LENGTHS_ALONE, LengthsAlone
from alignments.planning.stored_documents import pair_documents
from corpus.bare_text import needing_no_counterpart
from ui.bead_model import BeadTableModel
from ui.session import PairSession

MOST_WIDTH = 520  # pixels; the whole warning is in the tooltip
LENGTHS_ALONE_SHORT = "Sentence lengths alone placed these beads"
HINT = "The beads without counterpart are among those not 1:1 (Ctrl+3 shows only those); the flagged ones, Ctrl+1."
WARNING_STYLE = "color: #a64b00; font-weight: bold;"


class PairStatus:
    """The counts label and the warning of the pair shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.counts = QLabel(parent)
        self.warning = PairWarning(parent)
        self._model: BeadTableModel | None = None
        self._later = QTimer(self.warning)  # edits in a row: one update after the last
        self._later.setSingleShot(True)
        self._later.timeout.connect(lambda: self.warning.update_for(self._model))

    @property
    def pending(self) -> bool:
        """Whether the warning is yet to follow the last edit."""
        return self._later.isActive()

    def read_pair(self, session: PairSession | None) -> None:
        """A pair shown, or its texts edited: what the warning reads from the project."""
        self.warning.read_pair(session)

    def show(self, model: BeadTableModel | None) -> None:
        """The counts and warning of the ladder of *model* (None: no pair open)."""
        self._model = model
        if model is None:
            self.counts.setText("No pair open")
            self._later.stop()
            self.warning.update_for(None)
            return
        stats = model.stats()
        self.counts.setText(
            f"{stats.beads:,} beads · {stats.confirmed_share:.0%} confirmed · {stats.flagged:,} flagged"
            f" · {stats.unaligned:,} unaligned"
        )
        self._later.start(0)


class PairWarning(QLabel):
    """Empty unless the pair shown has a warning (the status bar shows it while there is room, as
    the counts): lengths alone placed its beads, or one text covers only part of the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pair_warning")
        self.setStyleSheet(WARNING_STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._need_none: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
        self._lengths: LengthsAlone | None = None

    def read_pair(self, session: PairSession | None) -> None:
        """Read what the warnings need of the pair shown (a pair shown, or its texts edited): its
        documents, and what made its beads."""
        if session is None:
            self._need_none, self._lengths = (frozenset(), frozenset()), None
            return
        documents = pair_documents(session.store, session.pair)
        self._need_none = needing_no_counterpart(documents[0]), needing_no_counterpart(documents[1])
        self._lengths = LengthsAlone(session.store.bead_makers(session.pair.id), lambda: documents)

    def update_for(self, model: BeadTableModel | None) -> None:
        """Say what the ladder of *model* (None: no pair) calls for, or nothing."""
        said = self._warnings(model) if model is not None else []
        if not said:
            self.clear()
            self.setToolTip("")
            return
        shown = " · ".join(short for short, _ in said)
        self.setText(self.fontMetrics().elidedText(f"⚠ {shown}", Qt.TextElideMode.ElideRight, MOST_WIDTH))
        self.setToolTip("\n".join(f"⚠ {_capitalised(full)}." for _, full in said) + f"\n{HINT}")

    def _warnings(self, model: BeadTableModel) -> list[tuple[str, str]]:
        """(short, full) of each warning the ladder calls for."""
        summaries = model.summaries()
        said = []
        if self._lengths is not None and self._lengths.holds([(bool(s.source_count and s.target_count), s.flagged) for s in summaries]):
            said.append((LENGTHS_ALONE_SHORT, LENGTHS_ALONE))
        if model.stats().unaligned:
            links = links_from_counts([(summary.source_count, summary.target_count) for summary in summaries])
            counts = sum(summary.source_count for summary in summaries), sum(summary.target_count for summary in summaries)
            findings = coverage_findings(links, *counts, self._need_none)
            if findings is not None:
                said.append((_capitalised(findings), findings))
        return said


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
