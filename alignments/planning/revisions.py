"""Text revisions of a stored document (DESIGN §3, §7): planning the switch to a revised text as
one `SentenceEdit`, with a report of what happened to each sentence; and comparing revisions.

The edit adds the revised text as a new, immutable `documents` row linked to its predecessor
(with its interpolations and the user's decisions carried over), moves every pair that shows
the old revision onto it, keeps the sentences no edit touched (same ids), retires the others,
and re-ladders the pairs. Editing one sentence's text is the same revision, planned locally: the
texts are read by slices (the new one is the old with the sentence spliced in, never joined
whole), only the sentence and a few neighbours are diffed, searched for notes and segmented
again, only the beads holding them re-laddered (or those of the blocks the store cuts again),
and the rest of the document moves with a `TextShift`.
Applying it, and undoing it, is the store's job. No Qt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from alignments.ladder.beads import Side
from alignments.ladder.edits import EditError, Region, ReplaceBeads
from alignments.ladder.repair import Placed, reladder
from alignments.ladder.sentence_edits import (
    DocumentRevision,
    PairSwitch,
    SentenceEdit,
    SentenceRow,
    TextShift,
)
from alignments.store.project_store import ProjectStore
from alignments.store.records import DocumentInfo
from alignments.store.regions import sentences_region
from alignments.store.revision_rows import (
    document_sha256,
    latest_revision,
    live_layout,
    new_document_id,
    new_sentence_ids,
    pairs_showing,
    replaced_sentences,
    revision_layout,
    sentence_rows,
    sentences_around,
)
from alignments.store.sql import utc_now
from alignments.store.text_blocks import END_KEY, Layout
from corpus.decisions import Decision, apply_decisions
from corpus.documents import Document
from corpus.interpolations import find_interpolations
from corpus.reanchor import (
    CarriedSentence,
    carry_decisions,
    carry_interpolations,
    carry_sentences,
    stretch_segmenter,
)
from corpus.revisions import Cleanup, TextDiff, TextEdit, diff_texts, diff_within
from corpus.segmentation import paragraph_starts
from corpus.spans import Interpolation, Span
from corpus.text_views import Spliced, TextLike

REVISION = "revision"  # provenance of beads a revision had to remake
NEIGHBOURS = 2  # unchanged sentences on each side re-analysed with an edited one


class RevisionError(EditError):
    """A revision that cannot be made; the message is meant for the user."""


@dataclass(frozen=True)
class SentenceFate:
    """Old sentences (id, text) replaced by new ones: a changed sentence, or several."""

    old: tuple[tuple[int, str], ...]
    new: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class RevisionReport:
    """What a revision does to a document's sentences and to the beads that hold them."""

    old_document_id: int
    new_document_id: int
    unchanged: int
    changed: tuple[SentenceFate, ...]
    unconfirmed: tuple[int, ...]  # ids of confirmed beads that lose their confirmation

    @property
    def added(self) -> tuple[tuple[int, str], ...]:
        return tuple(item for fate in self.changed if not fate.old for item in fate.new)

    @property
    def removed(self) -> tuple[tuple[int, str], ...]:
        return tuple(item for fate in self.changed if not fate.new for item in fate.old)


@dataclass(frozen=True)
class RevisionPlan:
    edit: SentenceEdit
    report: RevisionReport


def plan_revision(
    store: ProjectStore, document_id: int, new_text: str, origin_path: str | None = None, label: str = "Revise text"
) -> RevisionPlan:
    """Plan making *new_text* the next revision of a document and moving its pairs onto it."""
    info = _document(store, document_id)
    pairs = pairs_showing(store, document_id)
    old_text = store.text(document_id)
    if not pairs:
        raise RevisionError(_not_shown(store, document_id))
    if new_text == old_text:
        raise RevisionError(f"The text is the same as document {document_id}; there is nothing to revise.")
    if not new_text.strip():
        raise RevisionError("The revised text is empty.")
    diff = diff_texts(old_text, new_text, Cleanup.LOSSLESS)
    decisions = carry_decisions(diff, store.rules.decisions(document_id))
    detected = apply_decisions(find_interpolations(new_text, store.rules.detection_config()), decisions)
    notes = carry_interpolations(diff, store.interpolations(document_id), detected)
    segmenter = stretch_segmenter(new_text, info.lang, notes, store.rules.abbreviations(info.lang))
    carried = carry_sentences(diff, store.sentence_spans(document_id), segmenter)
    document = Document(new_text, info.lang, info.title, origin_path or info.origin_path)
    revision = DocumentRevision(
        new_document_id(store), document.title, document.lang, document.text, document.sha256,
        document.origin_path, utc_now(), document_id, tuple(notes), tuple(decisions),
    )
    return _plan(store, diff, revision, carried, pairs, label)


def plan_sentence_text(store: ProjectStore, row: SentenceRow, text: str, label: str = "Edit sentence") -> RevisionPlan:
    """Plan giving one sentence a new *text*: a revision of its document that re-analyses the
    sentence and its neighbours only (milliseconds however long the document): the texts are read
    by slices, the new one as the old with the sentence replaced, never joined whole."""
    info, pairs = _document(store, row.document_id), pairs_showing(store, row.document_id)
    if not pairs:
        raise RevisionError(_not_shown(store, row.document_id))
    new_text = Spliced(store.document_text(row.document_id), row.start, row.end, text)
    before, after = sentences_around(store, row, NEIGHBOURS + 1)
    if not text.strip() and not before and not after and not str(new_text).strip():
        raise RevisionError("The revised text is empty.")  # (other sentences hold more than white space)
    shift = TextShift(row.document_id, new_document_id(store), row.end, len(text) - (row.end - row.start))
    near = [*before[-NEIGHBOURS:], row, *after[:NEIGHBOURS]]
    diff, notes, decisions, carried = _analyse_near(store, info, near, new_text, shift)
    previous = before[:-NEIGHBOURS]
    flags = paragraph_starts(new_text, [c.span for c in carried], previous[-1].end if previous else 0)
    fresh = new_sentence_ids(store)
    ids = [c.kept if c.kept is not None else next(fresh) for c in carried]
    added = tuple(SentenceRow(i, shift.new_document_id, c.span.start, c.span.end, f) for i, c, f in zip(ids, carried, flags))
    revision = DocumentRevision(
        shift.new_document_id, info.title, info.lang, new_text, _edited_sha256(store, row, text),
        info.origin_path, utc_now(), row.document_id, tuple(notes), tuple(decisions),
    )
    old_layout = live_layout(store, row.document_id)
    layout = revision_layout(revision, shift, near, old_layout)
    stretch = _Stretch(before[:-NEIGHBOURS], near, added, list(zip(ids, carried)), replaced_sentences(store, old_layout, layout))
    bead_ids = store.fresh_bead_ids()
    edits = tuple(_reladder_near(store, pair_id, side, shift, layout, stretch, bead_ids, label) for pair_id, side in pairs)
    switches = tuple(PairSwitch(pair_id, side, row.document_id, shift.new_document_id) for pair_id, side in pairs)
    edit = SentenceEdit(
        tuple(near), added, edits, switches, documents_added=(revision,), label=label, shifts=(shift,)
    )
    report = _report(diff, row.document_id, shift.new_document_id, near, list(zip(ids, carried)), edits)
    unchanged = store.sentence_count(row.document_id) - len(near) + report.unchanged
    return RevisionPlan(edit, replace(report, unchanged=unchanged))


def _analyse_near(
    store: ProjectStore, info: DocumentInfo, near: Sequence[SentenceRow], new_text: TextLike, shift: TextShift
) -> tuple[TextDiff, list[Interpolation], list[Decision], list[CarriedSentence]]:
    """The diff, the interpolations and decisions of the whole new text, and the sentences of the
    stretch that *near* (an edited sentence and its neighbours) became, looking at that stretch alone."""
    old_text = store.document_text(info.id)
    window = Span(near[0].start, shift.moved(near[-1].end))
    diff = diff_within(old_text, new_text, window.start, near[-1].end, window.end, Cleanup.LOSSLESS)
    decisions = carry_decisions(diff, store.rules.decisions(info.id))
    found = find_interpolations(window.text_of(new_text), store.rules.detection_config())
    inside = [d for d in decisions if window.overlaps(Span(d.start, d.end))]
    detected = apply_decisions([note.shifted(window.start) for note in found], inside)
    notes = carry_interpolations(diff, store.interpolations(info.id), detected)
    segmenter = stretch_segmenter(new_text, info.lang, notes, store.rules.abbreviations(info.lang))
    return diff, notes, decisions, carry_sentences(diff, [(r.id, r.span) for r in near], segmenter, window)


def _edited_sha256(store: ProjectStore, row: SentenceRow, text: str) -> str:
    """The `sha256` of a revision made by editing one sentence: of what the edit did (the previous
    revision's sha256, the edited span, the new text), not of the whole book again (docs/schema.md)."""
    previous = document_sha256(store, row.document_id)
    return hashlib.sha256(f"{previous}\n{row.start}\n{row.end}\n{text}".encode()).hexdigest()


@dataclass(frozen=True)
class _Stretch:
    """What a text edit re-analysed: the sentence before the neighbourhood (if any), the
    neighbourhood's rows, the rows it became, what became of each, and the sentences of the
    blocks the edit replaces with their old starts (their ladder positions move)."""

    previous: Sequence[SentenceRow]
    near: Sequence[SentenceRow]
    added: Sequence[SentenceRow]
    carried: Sequence[tuple[int, CarriedSentence]]
    replaced: dict[int, int]


def _reladder_near(
    store: ProjectStore, pair_id: int, side: Side, shift: TextShift, layout: Layout, stretch: _Stretch,
    bead_ids: Iterator[int], label: str,
) -> ReplaceBeads:
    """The beads of one pair holding the sentences a text edit analysed again or whose blocks it
    replaced, given what became of them: positions on the edited side are the new revision's
    order keys (the same as before outside the replaced blocks), so the rest of the ladder stays."""
    gone = {row.id for row in stretch.near} - {row.id for row in stretch.added}
    listed = [*(row.id for row in (*stretch.previous, *stretch.near)), *stretch.replaced]
    region = sentences_region(store, pair_id, listed, [], from_start=not stretch.previous)
    holder = {sid: bead.id for bead in region.beads for sid in (*bead.source_ids, *bead.target_ids)}
    old_keys = region.source_starts if side == Side.SOURCE else region.target_starts
    new_starts = {row.id: row.start for row in stretch.added}
    side_ids = region.source_ids if side == Side.SOURCE else region.target_ids
    starts = {sid: _new_key(sid, layout, shift, new_starts, stretch.replaced, old_keys) for sid in side_ids if sid not in gone}
    starts.update((sid, layout.key_of(new_starts[sid])) for sid, c in stretch.carried if c.kept is None)
    placed = [
        Placed(sid, (holder[sid],)) if sid in holder else _placed(sid, next(c for i, c in stretch.carried if i == sid), holder)
        for sid in sorted(starts, key=starts.__getitem__)
    ]
    sides = (starts, region.target_starts) if side == Side.SOURCE else (region.source_starts, starts)
    unconfirm = {holder[sid] for sid in gone if sid in holder}
    edited = Region(pair_id, region.beads, region.next_positions, *sides)
    return reladder(edited, side, placed, unconfirm, bead_ids, utc_now(), REVISION, label)


def _new_key(
    sid: int, layout: Layout, shift: TextShift, new_starts: dict[int, int], replaced: dict[int, int], old_keys: Mapping[int, int]
) -> int:
    """A sentence's ladder position in the new revision."""
    if sid in new_starts:
        return layout.key_of(new_starts[sid])
    if sid in replaced:
        return layout.key_of(shift.moved(replaced[sid]))
    return old_keys[sid]


def _not_shown(store: ProjectStore, document_id: int) -> str:
    latest = latest_revision(store, document_id)
    if latest != document_id:
        return f"Document {document_id} has been revised since; revise its latest revision, document {latest}."
    return f"Document {document_id} is not shown in any pair."


def _plan(
    store: ProjectStore, diff: TextDiff, revision: DocumentRevision, carried: Sequence[CarriedSentence],
    pairs: Sequence[tuple[int, Side]], label: str,
) -> RevisionPlan:
    old_id, new_id = revision.previous_id or 0, revision.id
    removed = sentence_rows(store, [sid for sid, _ in store.sentence_spans(old_id)])
    fresh = new_sentence_ids(store)
    flags = paragraph_starts(diff.new, [c.span for c in carried])
    ids = [c.kept if c.kept is not None else next(fresh) for c in carried]
    added = tuple(SentenceRow(i, new_id, c.span.start, c.span.end, f) for i, c, f in zip(ids, carried, flags))
    gone = {row.id for row in removed} - {row.id for row in added}
    bead_ids, layout = store.fresh_bead_ids(), revision_layout(revision)
    edits = tuple(
        _reladder(store, pair_id, side, layout, list(zip(ids, carried)), added, gone, bead_ids, label)
        for pair_id, side in pairs
    )
    switches = tuple(PairSwitch(pair_id, side, old_id, new_id) for pair_id, side in pairs)
    edit = SentenceEdit(tuple(removed), added, edits, switches, documents_added=(revision,), label=label)
    return RevisionPlan(edit, _report(diff, old_id, new_id, removed, list(zip(ids, carried)), edits))


def _reladder(
    store: ProjectStore, pair_id: int, side: Side, layout: Layout, placed: Sequence[tuple[int, CarriedSentence]],
    added: Sequence[SentenceRow], gone: set[int], bead_ids: Iterator[int], label: str,
) -> ReplaceBeads:
    ladder = store.ladder(pair_id)
    holder = {sid: bead.id for bead in ladder for sid in (*bead.source_ids, *bead.target_ids)}
    pair = store.pair(pair_id)
    other = pair.target if side == Side.SOURCE else pair.source
    new_starts = {row.id: layout.key_of(row.start) for row in added}
    other_starts = store.sentence_keys(other.id)
    starts = (new_starts, other_starts) if side == Side.SOURCE else (other_starts, new_starts)
    stretch = Region(pair_id, tuple(ladder), (END_KEY, END_KEY), *starts)
    sentences = [_placed(sid, carried, holder) for sid, carried in placed]
    unconfirm = {holder[sid] for sid in gone if sid in holder}
    return reladder(stretch, side, sentences, unconfirm, bead_ids, utc_now(), REVISION, label)


def _placed(sentence_id: int, carried: CarriedSentence, holder: dict[int, int]) -> Placed:
    if carried.kept is not None:
        return Placed(sentence_id, (holder[carried.kept],))
    return Placed(sentence_id, tuple(holder[s] for s in carried.sources if s in holder), changed=True)


def _report(
    diff: TextDiff, old_id: int, new_id: int, removed: Sequence[SentenceRow],
    placed: Sequence[tuple[int, CarriedSentence]], edits: Sequence[ReplaceBeads],
) -> RevisionReport:
    old_text = {row.id: row.span.text_of(diff.old) for row in removed}
    fates: list[tuple[list[int], list[int]]] = []
    for sid, carried in placed:
        if carried.kept is not None:
            continue
        if fates and set(fates[-1][0]) & set(carried.sources):
            fates[-1][0].extend(s for s in carried.sources if s not in fates[-1][0])
            fates[-1][1].append(sid)
        else:
            fates.append((list(carried.sources), [sid]))
    sourced = {s for old, _ in fates for s in old}
    kept = {c.kept for _, c in placed if c.kept is not None}
    fates.extend(([row.id], []) for row in removed if row.id not in kept and row.id not in sourced)
    new_text = {sid: c.span.text_of(diff.new) for sid, c in placed}
    changed = tuple(
        SentenceFate(tuple((o, old_text[o]) for o in old), tuple((n, new_text[n]) for n in new)) for old, new in fates
    )
    return RevisionReport(old_id, new_id, len(kept), changed, _lost_confirmations(edits))


def _lost_confirmations(edits: Sequence[ReplaceBeads]) -> tuple[int, ...]:
    lost: list[int] = []
    for edit in edits:
        still = {bead.id for bead in edit.added if bead.is_confirmed}
        lost.extend(b.id for b in edit.removed if b.is_confirmed and b.id not in still)
    return tuple(lost)


@dataclass(frozen=True)
class RevisionComparison:
    """What changed between two revisions of a document: its insertions and deletions (spans in
    the newer and older text), and the interpolations that came or went with them."""

    old_document_id: int
    new_document_id: int
    insertions: tuple[TextEdit, ...]
    deletions: tuple[TextEdit, ...]
    notes_added: tuple[Interpolation, ...]
    notes_removed: tuple[Interpolation, ...]


def compare_revisions(store: ProjectStore, old_id: int, new_id: int) -> RevisionComparison:
    """The insertions and deletions that make revision *old_id* into *new_id* (what
    `workbench revise --history` shows, e.g. which notes an edition added)."""
    diff = diff_texts(store.text(old_id), store.text(new_id))
    added = [n for n in store.interpolations(new_id) if any(n.span.overlaps(e.new) for e in diff.insertions)]
    removed = [n for n in store.interpolations(old_id) if any(n.span.overlaps(e.old) for e in diff.deletions)]
    return RevisionComparison(old_id, new_id, diff.insertions, diff.deletions, tuple(added), tuple(removed))


def revision_history(store: ProjectStore, document_id: int) -> list[RevisionComparison]:
    """What each revision of a document changed, oldest first, up to *document_id*."""
    _document(store, document_id)
    chain = store.revisions(document_id)
    return [compare_revisions(store, old, new) for old, new in zip(chain, chain[1:])]


def _document(store: ProjectStore, document_id: int) -> DocumentInfo:
    try:
        return store.document(document_id)
    except KeyError:
        raise RevisionError(f"There is no document {document_id} in this project.") from None
