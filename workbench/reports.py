"""What the command line prints: a line about a pair (and a warning when its texts hardly match); about a text revision, a summary line,
then one line per changed, added or removed sentence, then the beads that lost their
confirmation. Plain strings, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from alignments.planning.revisions import RevisionReport
from alignments.store.project_store import ProjectStore
from alignments.store.rules import InterpolationChange
from corpus.interpolations import DetectionConfig

_WIDTH = 90
MISMATCH_SHARE_DENOMINATOR = 3  # warn when over a third of the sentences are unaligned


def report_lines(report: RevisionReport) -> Iterator[str]:
    changed = [fate for fate in report.changed if fate.old and fate.new]
    yield (
        f"Document {report.old_document_id} revised as document {report.new_document_id}:"
        f" {report.unchanged} sentences unchanged, {len(changed)} changed,"
        f" {len(report.added)} added, {len(report.removed)} removed."
    )
    for fate in changed:
        old_ids = ", ".join(str(sid) for sid, _ in fate.old)
        new_ids = ", ".join(str(sid) for sid, _ in fate.new)
        yield f"changed  {old_ids} → {new_ids}: {_short(' '.join(text for _, text in fate.new))}"
    for sid, text in report.added:
        yield f"added    {sid}: {_short(text)}"
    for sid, text in report.removed:
        yield f"removed  {sid}: {_short(text)}"
    if report.unconfirmed:
        yield "No longer confirmed: beads " + ", ".join(map(str, report.unconfirmed)) + "."


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _WIDTH else flat[: _WIDTH - 1] + "…"


def pair_summary(store: ProjectStore, pair_id: int) -> str:
    """One line about a pair: its texts, counts and document ids."""
    pair, stats = store.pair(pair_id), store.stats(pair_id)
    sides = f"{pair.source.title} ({pair.source.lang}) → {pair.target.title} ({pair.target.lang})"
    counts = (
        f"{stats.beads} beads, {stats.confirmed_share:.0%} confirmed, {stats.flagged} flagged,"
        f" {stats.unaligned} unaligned"
    )
    return f"pair {pair_id}: {sides}: {counts}; documents {pair.source.id} → {pair.target.id}"


def mismatch_warning(store: ProjectStore, pair_id: int) -> str | None:
    """A warning when so many sentences found no counterpart that the two texts are
    probably not a source and its translation (a wrong file picked, say)."""
    pair, stats = store.pair(pair_id), store.stats(pair_id)
    sentences = len(store.sentence_ids(pair.source.id)) + len(store.sentence_ids(pair.target.id))
    if stats.unaligned * MISMATCH_SHARE_DENOMINATOR <= sentences:
        return None
    return (
        f"Warning: {stats.unaligned} of {sentences} sentences found no counterpart;"
        " are these a text and its translation?"
    )


def rule_lines(config: DetectionConfig) -> Iterator[str]:
    """A project's own detection rules, one a line (the built-in ones are not listed)."""
    yield "editor signatures: " + (", ".join(config.editors) or "none of its own")
    yield "note patterns: " + (", ".join(config.patterns) or "none of its own")


def redetection_line(changes: Sequence[InterpolationChange]) -> str:
    """What finding the interpolations again did, in one line."""
    added, removed = sum(len(c.added) for c in changes), sum(len(c.removed) for c in changes)
    return f"Interpolations found again in {len(changes)} texts: {added} new, {removed} gone."
