"""The status bar's word on the pair on screen: its counts ("48 beads · 2% confirmed · 3 flagged
· 1 unaligned") and a warning, as `workbench new` gives it, while sentence lengths alone placed
most of its beads (alignments/planning/lengths_alone.py) or one text covers only part of the
other or leaves out many of its sentences here and there ("the translation appears to cover
sentences 1–212 of 530 of the source"; the batch report has that one too).

The counts follow every edit at once (the model keeps them). The warning follows a moment after
the last of a run of edits (WARNING_DELAY), and costs little even at 100k beads. The coverage is
worked out again only when the ladder's shape may have changed (its numbers of beads and of
sentences without counterpart; an edit that keeps both is taken to leave the coverage as it
was) and enough sentences lack a counterpart for any finding: 0.2 s at 91k beads, else nothing.
The texts are read (0.8 s at 100k sentences) only when a coverage finding stands before the
sentences that need no counterpart (wholly notes, junk lines) are known, since knowing them can
only withdraw it; or when most beads of a default-method ladder are flagged (do the texts share
anchors?).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from alignments.ladder.coverage import coverage_findings, links_from_counts, might_find
from alignments.planning.lengths_alone import LENGTHS_ALONE, UNSURE_SHARE, LengthsAlone
from alignments.planning.stored_documents import pair_documents
from alignments.store.records import PairStats
from corpus.bare_text import needing_no_counterpart
from ui.bead_model import BeadTableModel
from ui.session import PairSession

WARNING_DELAY = 300  # ms after the last edit of a run
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
        """A pair shown, or its texts edited: the warning starts afresh."""
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
        self._later.start(WARNING_DELAY)


class PairWarning(QLabel):
    """Empty unless the pair shown has a warning (the status bar shows it while there is room, as
    the counts): lengths alone placed its beads, or one text covers only part of the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pair_warning")
        self.setStyleSheet(WARNING_STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._session: PairSession | None = None
        self._lengths: LengthsAlone | None = None
        self._need_none: tuple[frozenset[int], frozenset[int]] | None = None  # read when first needed
        self._shape: tuple[int, int] | None = None  # beads and unaligned sentences the coverage was worked out for
        self._coverage: str | None = None

    def read_pair(self, session: PairSession | None) -> None:
        """Forget what was worked out for the pair shown before (or for its texts before an edit)."""
        self._session, self._need_none, self._shape, self._coverage = session, None, None, None
        if session is None:
            self._lengths = None
            return
        store, pair = session.store, session.pair
        self._lengths = LengthsAlone(store.bead_makers(pair.id), lambda: pair_documents(store, pair))

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
        stats = model.stats()
        said = []
        if self._lengths_alone(model, stats):
            said.append((LENGTHS_ALONE_SHORT, LENGTHS_ALONE))
        if (stats.beads, stats.unaligned) != self._shape:
            self._shape, self._coverage = (stats.beads, stats.unaligned), self._coverage_findings(model, stats.unaligned)
        if self._coverage is not None:
            said.append((_capitalised(self._coverage), self._coverage))
        return said

    def _lengths_alone(self, model: BeadTableModel, stats: PairStats) -> bool:
        # at most `flagged` of the at least `beads - unaligned` beads that pair sentences are flagged
        if self._lengths is None or not self._lengths.by_default_method or stats.flagged < UNSURE_SHARE * (stats.beads - stats.unaligned):
            return False
        return self._lengths.holds([(bool(s.source_count and s.target_count), s.flagged) for s in model.summaries()])

    def _coverage_findings(self, model: BeadTableModel, unaligned: int) -> str | None:
        assert self._session is not None
        store, pair = self._session.store, self._session.pair
        if not might_find(unaligned, store.sentence_count(pair.source.id), store.sentence_count(pair.target.id)):
            return None
        summaries = model.summaries()
        links = links_from_counts([(summary.source_count, summary.target_count) for summary in summaries])
        counts = sum(summary.source_count for summary in summaries), sum(summary.target_count for summary in summaries)
        if coverage_findings(links, *counts) is None:  # sentences that need no counterpart can only withdraw a finding
            return None
        return coverage_findings(links, *counts, self._sentences_needing_none())

    def _sentences_needing_none(self) -> tuple[frozenset[int], frozenset[int]]:
        if self._need_none is None:
            assert self._session is not None
            documents = pair_documents(self._session.store, self._session.pair)
            self._need_none = needing_no_counterpart(documents[0]), needing_no_counterpart(documents[1])
        return self._need_none


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

