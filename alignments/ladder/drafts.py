"""A pair not yet stored: two analysed documents and the ladder proposed for them (sentence
positions per side, with a score or None), as the aligner, a TMX import or a test make it."""

from __future__ import annotations

from dataclasses import dataclass

from alignments.ladder.coverage import Link, coverage_findings, coverage_warning
from corpus.bare_text import needing_no_counterpart
from corpus.documents import AnalysedDocument

LadderRows = list[tuple[range, range, float | None]]


@dataclass(frozen=True)
class PairDraft:
    """Two analysed documents and the ladder proposed for them, not yet stored."""

    source: AnalysedDocument
    target: AnalysedDocument
    ladder: LadderRows
    provenance: str

    def coverage_warning(self) -> str | None:
        """One line when the proposed ladder says either text covers only part of the other, or
        leaves out many of its sentences here and there."""
        return coverage_warning(*self._coverage_input())

    def coverage_findings(self) -> str | None:
        """What `coverage_warning` says, without its "Warning: " and full stop."""
        return coverage_findings(*self._coverage_input())

    def _coverage_input(self) -> tuple[list[Link], int, int, tuple[frozenset[int], frozenset[int]]]:
        links = [(tuple(source), tuple(target)) for source, target, _ in self.ladder]
        need_none = needing_no_counterpart(self.source), needing_no_counterpart(self.target)
        return links, len(self.source.sentences), len(self.target.sentences), need_none



def sequential_ladder(source_count: int, target_count: int) -> LadderRows:
    """Sentence k with sentence k; what one side has more stands alone."""
    common = min(source_count, target_count)
    ladder: LadderRows = [(range(k, k + 1), range(k, k + 1), None) for k in range(common)]
    ladder += [(range(k, k + 1), range(target_count, target_count), None) for k in range(common, source_count)]
    ladder += [(range(source_count, source_count), range(k, k + 1), None) for k in range(common, target_count)]
    return ladder
