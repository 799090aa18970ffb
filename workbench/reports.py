"""What the command line prints: a line about a pair (and a warning when its texts hardly match); about a text revision, a summary line,
then one line per changed, added or removed sentence, then the beads that lost their
confirmation; what each revision of a document changed; a line per search hit. Plain strings,
no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from alignments.ladder.beads import Side
from alignments.ladder.changes import InterpolationChange
from alignments.ladder.coverage import coverage_warning
from alignments.planning.lengths_alone import LENGTHS_ALONE_WARNING, LengthsAlone, joined_warnings
from alignments.planning.revisions import RevisionComparison, RevisionReport
from alignments.planning.stored_documents import pair_documents, sentences_needing_no_counterpart
from alignments.store.project_store import ProjectStore
from alignments.store.search import SearchHit
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


def hit_lines(hits: Sequence[SearchHit], pair_id: int | None = None) -> Iterator[str]:
    """One line per place a hit is shown (only within *pair_id*, if given): pair, bead, side,
    sentence id and the sentence's text on one line."""
    for hit in hits:
        text = " ".join(hit.text.split())
        for place in hit.places:
            if pair_id is None or place.pair_id == pair_id:
                side = "source" if place.side == Side.SOURCE else "translation"
                yield f"pair {place.pair_id}, bead {place.bead_id}, {side}, sentence {hit.sentence_id}: {text}"


def history_lines(store: ProjectStore, steps: Sequence[RevisionComparison]) -> Iterator[str]:
    """Per revision, oldest first: what it inserted and deleted, then each note it added or removed."""
    for step in steps:
        inserted, deleted = (sum(len(edit.text) for edit in edits) for edits in (step.insertions, step.deletions))
        yield (
            f"Document {step.new_document_id}, revised from document {step.old_document_id}:"
            f" {inserted} characters inserted in {len(step.insertions)} places, {deleted} deleted in {len(step.deletions)}."
        )
        for verb, document_id, notes in (("added", step.new_document_id, step.notes_added),
                                         ("removed", step.old_document_id, step.notes_removed)):
            text = store.text(document_id)
            for note in notes:
                yield f"  note {verb}: {note.describe()}: {_short(text[note.start : note.end])}"


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
    """A warning when the default method placed the pair's beads by sentence lengths alone
    (alignments/planning/lengths_alone.py), when one text appears to cover only part of the other
    (saying which part) or to leave out many of its sentences here and there, or when so many
    sentences found no counterpart that the two texts are probably not a source and its
    translation (a wrong file picked, say); one after the other if more than one holds."""
    return joined_warnings(_lengths_alone_warning(store, pair_id), _coverage_warning(store, pair_id))


def _lengths_alone_warning(store: ProjectStore, pair_id: int) -> str | None:
    pair = store.pair(pair_id)
    beads = [(bool(bead.source_count and bead.target_count), bead.flagged) for bead in store.bead_summaries(pair_id)]
    alone = LengthsAlone(store.bead_makers(pair_id), lambda: pair_documents(store, pair)).holds(beads)
    return LENGTHS_ALONE_WARNING if alone else None


def _coverage_warning(store: ProjectStore, pair_id: int) -> str | None:
    pair, stats = store.pair(pair_id), store.stats(pair_id)
    counts = len(store.sentence_ids(pair.source.id)), len(store.sentence_ids(pair.target.id))
    sentences = sum(counts)
    if not stats.unaligned:
        return None
    covered = coverage_warning(store.ladder_positions(pair_id), *counts, sentences_needing_no_counterpart(store, pair))
    if covered is not None or stats.unaligned * MISMATCH_SHARE_DENOMINATOR <= sentences:
        return covered
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
