"""Text revisions of a stored document (DESIGN §3, §7): planning the switch to a revised text as
one `SentenceEdit`, with a report of what happened to each sentence.

The revised text is stored at once as a new, immutable `documents` row linked to its
predecessor (with its interpolations and the user's decisions carried over); the edit then moves
every pair that shows the old revision onto it, keeps the sentences no edit touched (same ids),
retires the others, and re-ladders the pairs. Applying it, and undoing it, is the store's job.
No Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from alignments.beads import Side
from alignments.edits import EditError, ReplaceBeads
from alignments.interpolation_rows import insert_interpolations
from alignments.reladder import Placed, Stretch, reladder
from alignments.sentence_apply import read_rows, reserve_sentence_ids
from alignments.sentence_edits import PairSwitch, SentenceEdit, SentenceRow
from alignments.store import ProjectStore, utc_now
from corpus.decisions import Decision, apply_decisions
from corpus.documents import Document
from corpus.interpolations import find_interpolations
from corpus.reanchor import CarriedSentence, carry_decisions, carry_interpolations, carry_sentences, stretch_segmenter
from corpus.revisions import Cleanup, TextDiff, diff_texts
from corpus.segmentation import paragraph_starts
from corpus.spans import Interpolation

REVISION = "revision"  # provenance of beads a revision had to remake


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
    """Store *new_text* as the next revision of a document and plan moving its pairs onto it."""
    pairs = pairs_showing(store, document_id)
    old_text = store.text(document_id)
    if not pairs:
        raise RevisionError(f"Document {document_id} is not shown in any pair (a later revision replaced it).")
    if new_text == old_text:
        raise RevisionError(f"The text is the same as document {document_id}; there is nothing to revise.")
    if not new_text.strip():
        raise RevisionError("The revised text is empty.")
    diff = diff_texts(old_text, new_text, Cleanup.LOSSLESS)
    info = store.document(document_id)
    decisions = carry_decisions(diff, store.rules.decisions(document_id))
    detected = apply_decisions(find_interpolations(new_text, store.rules.detection_config()), decisions)
    notes = carry_interpolations(diff, store.interpolations(document_id), detected)
    segmenter = stretch_segmenter(new_text, info.lang, notes, store.rules.abbreviations(info.lang))
    carried = carry_sentences(diff, store.sentence_spans(document_id), segmenter)
    document = Document(new_text, info.lang, info.title, origin_path or info.origin_path)
    new_id = store_revision(store, document, document_id, notes, decisions)
    return _plan(store, diff, document_id, new_id, carried, pairs, label)


def pairs_showing(store: ProjectStore, document_id: int) -> list[tuple[int, Side]]:
    """(pair id, side) of every pair showing this document."""
    rows = store.db.execute(
        "SELECT id, source_document_id = ? FROM pairs WHERE source_document_id = ? OR target_document_id = ? ORDER BY id",
        [document_id, document_id, document_id],
    )
    return [(pair_id, Side.SOURCE if is_source else Side.TARGET) for pair_id, is_source in rows.fetchall()]


def store_revision(
    store: ProjectStore, document: Document, previous_id: int, notes: Sequence[Interpolation], decisions: Sequence[Decision]
) -> int:
    """Write a revision's `documents` row with its interpolations and decisions; return its id."""
    now = utc_now()
    with store.transaction():
        row = {
            "title": document.title, "lang": document.lang, "text": document.text, "sha256": document.sha256,
            "origin_path": document.origin_path, "created_at": now, "previous_id": previous_id,
        }
        new_id = int(store.db.table("documents").insert(row).last_pk)  # type: ignore[arg-type]
        insert_interpolations(store.db, new_id, notes)
        store.db.table("interpolation_decisions").insert_all(
            {
                "document_id": new_id, "start": d.start, "end": d.end, "verdict": str(d.verdict),
                "kind": str(d.kind) if d.kind else None, "editor": d.editor, "created_at": now,
            }
            for d in decisions
        )
    return new_id


def _plan(
    store: ProjectStore, diff: TextDiff, old_id: int, new_id: int, carried: Sequence[CarriedSentence],
    pairs: Sequence[tuple[int, Side]], label: str,
) -> RevisionPlan:
    removed = read_rows(store.db, [sid for sid, _ in store.sentence_spans(old_id)])
    fresh = reserve_sentence_ids(store.db, sum(1 for c in carried if c.kept is None))
    flags = paragraph_starts(diff.new, [c.span for c in carried])
    ids = [c.kept if c.kept is not None else next(fresh) for c in carried]
    added = tuple(SentenceRow(i, new_id, c.span.start, c.span.end, f) for i, c, f in zip(ids, carried, flags))
    gone = {row.id for row in removed} - {row.id for row in added}
    bead_ids = store.reserve_bead_ids(2 * len(added) + 1)
    edits = tuple(
        _reladder(store, pair_id, side, len(diff.new), list(zip(ids, carried)), added, gone, bead_ids, label)
        for pair_id, side in pairs
    )
    switches = tuple(PairSwitch(pair_id, side, old_id, new_id) for pair_id, side in pairs)
    edit = SentenceEdit(tuple(removed), added, edits, switches, label=label)
    return RevisionPlan(edit, _report(diff, old_id, new_id, removed, list(zip(ids, carried)), edits))


def _reladder(
    store: ProjectStore, pair_id: int, side: Side, length: int, placed: Sequence[tuple[int, CarriedSentence]],
    added: Sequence[SentenceRow], gone: set[int], bead_ids: Iterator[int], label: str,
) -> ReplaceBeads:
    ladder = store.ladder(pair_id)
    holder = {sid: bead.id for bead in ladder for sid in (*bead.source_ids, *bead.target_ids)}
    pair = store.pair(pair_id)
    other = pair.target if side == Side.SOURCE else pair.source
    new_starts = {row.id: row.start for row in added}
    other_starts = {sid: span.start for sid, span in store.sentence_spans(other.id)}
    starts = (new_starts, other_starts) if side == Side.SOURCE else (other_starts, new_starts)
    ends = (length, other.length) if side == Side.SOURCE else (other.length, length)
    stretch = Stretch(pair_id, tuple(ladder), ends, *starts)
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


def revision_history(store: ProjectStore, document_id: int) -> list[int]:
    """The revisions of a document, oldest first, up to *document_id*."""
    chain = [document_id]
    while True:
        row = store.db.execute("SELECT previous_id FROM documents WHERE id = ?", [chain[-1]]).fetchone()
        if row is None or row[0] is None:
            return chain[::-1]
        chain.append(row[0])

