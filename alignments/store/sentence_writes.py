"""Applying a `SentenceEdit` to the project file in one transaction: checks it was planned against
what is there, adds or drops revision rows, replaces the beads, re-points pairs, retires, moves,
restores and inserts sentence rows (relative to the blocks of their revision's text), keeps the
full-text index in step, and learns or forgets abbreviations.
sqlite-utils only, no Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from sqlite_utils import Database

from alignments.ladder.beads import Side
from alignments.ladder.changes import Change
from alignments.ladder.edits import StaleEditError
from alignments.ladder.sentence_edits import (
    DocumentRevision,
    SentenceEdit,
    SentenceRow,
    TextShift,
)
from alignments.store.interpolation_rows import insert_interpolations
from alignments.store.sentence_index import index_sentences, unindex_sentences
from alignments.store.sql import batches, fresh_ids, placeholders, utc_now
from alignments.store.text_blocks import (
    Layout,
    PlannedLayout,
    drop_layout,
    fresh_layout,
    set_live,
    shared_layout,
    sliced_layout,
    write_layout,
)

if TYPE_CHECKING:
    from alignments.store.project_store import ProjectStore

_ROW = 'id, document_id, start, "end", paragraph_start'


def apply_sentence_edit(store: ProjectStore, edit: SentenceEdit) -> Change:
    """Apply *edit*; refuse it (changing nothing) when the store is not as it was planned against."""
    db = store.db
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")
        _check_current(db, edit)
        bead_changes = store.replace_all_beads(edit.beads)  # checked while the old revision is the live one
        written = {document.id: _insert_document(store, document, edit) for document in edit.documents_added}
        layouts = {document_id: layout for document_id, (layout, _) in written.items()}
        for document in edit.documents_dropped:
            layouts[document.id] = store.layout(document.id)  # its sentences leave its blocks below
            drop_layout(db, document.id)
            if document.previous_id is not None:
                set_live(db, document.previous_id, True)
        for switch in edit.switches:
            column = "source_document_id" if switch.side == Side.SOURCE else "target_document_id"
            db.execute(f"UPDATE pairs SET {column} = ? WHERE id = ?", [switch.new_document_id, switch.pair_id])
        _replace_rows(db, edit, layouts, store.layout)
        for document in edit.documents_dropped:
            db.execute("DELETE FROM document_rows WHERE id = ?", [document.id])
        for item in edit.learn:
            store.rules.learn_abbreviation(item.lang, item.abbreviation)
        for item in edit.forget:
            store.rules.forget_abbreviation(item.lang, item.abbreviation)
    store.texts.forget([document.id for document in edit.documents_dropped])
    if db.conn.in_transaction:  # inside a caller's transaction, which may yet be rolled back
        store.texts.forget(list(written))
    else:
        for document in edit.documents_added:
            layout, blocks = written[document.id]
            store.texts.remember(document.id, layout, blocks, document.text if isinstance(document.text, str) else None)
    return Change(bead_changes, edit.switches, (), edit.retired_ids, edit.new_ids, edit.learn)


def _check_current(db: Database, edit: SentenceEdit) -> None:
    current = read_rows(db, [row.id for row in edit.removed])
    if current != list(edit.removed):
        raise StaleEditError("The sentences have changed since this edit was planned.")
    if read_rows(db, list(edit.new_ids)):
        raise StaleEditError("The sentences this edit adds exist already.")
    for document in edit.documents_added:
        if db.execute("SELECT 1 FROM document_rows WHERE id = ?", [document.id]).fetchone() is not None:
            raise StaleEditError("Another document has taken this revision's place since it was planned.")
    for switch in edit.switches:
        column = "source_document_id" if switch.side == Side.SOURCE else "target_document_id"
        row = db.execute(f"SELECT {column} FROM pairs WHERE id = ?", [switch.pair_id]).fetchone()
        if row is None or row[0] != switch.old_document_id:
            raise StaleEditError("The pair shows another revision of this document now.")


def _insert_document(store: ProjectStore, document: DocumentRevision, edit: SentenceEdit) -> tuple[Layout, dict[int, str]]:
    """Write a revision's row, its blocks (sharing the unchanged ones with the revision it
    replaces when the edit changes one stretch of it) as the live ones, its interpolations and
    the decisions carried over to it."""
    db = store.db
    db.execute(  # plain SQL: sqlite-utils' insert reads the table's schema first, a few ms
        "INSERT INTO document_rows (id, title, lang, sha256, origin_path, created_at, previous_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [document.id, document.title, document.lang, document.sha256, document.origin_path, document.created_at,
         document.previous_id],
    )
    shift = next((s for s in edit.shifts if s.new_document_id == document.id and s.old_document_id == document.previous_id), None)
    old = store.layout(shift.old_document_id) if shift is not None else None
    written = write_layout(db, document.id, planned_layout(document, shift, edit.removed, old))
    if document.previous_id is not None:
        set_live(db, document.previous_id, False)
    insert_interpolations(db, document.id, document.interpolations)
    db.conn.executemany(
        "INSERT INTO interpolation_decisions (document_id, start, \"end\", verdict, kind, editor, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(document.id, d.start, d.end, str(d.verdict), str(d.kind) if d.kind else None, d.editor, document.created_at)
         for d in document.decisions],
    )
    return written


def planned_layout(
    document: DocumentRevision, shift: TextShift | None, removed: Sequence[SentenceRow], old: Layout | None,
) -> PlannedLayout:
    """The pieces of a revision an edit adds: when it edits one stretch (from the first sentence it
    takes out to the *shift*'s offset), those of the revision it replaces with the stretch's new
    text as a new block between two slices of the old one (or, when the stretch's new text
    does not fit between the keys around it, with the blocks it touches cut again); else new
    blocks throughout. Planning keys the new sentences with the same layout, so the ladder
    positions it gives are the ones the rows get."""
    if shift is None or old is None:
        return fresh_layout(str(document.text))
    rows = [row for row in removed if row.document_id == shift.old_document_id]
    changed = (min((row.start for row in rows), default=shift.at), max((row.end for row in rows), default=shift.at))
    window = document.text[changed[0] : changed[1] + shift.delta]
    sliced = sliced_layout(old, changed, window)
    return sliced if sliced is not None else shared_layout(old, lambda a, b: document.text[a:b], changed, shift.delta)


def count_sentences(db: Database, document_id: int) -> int:
    """How many live sentences a document has (counted in the index of `sentence_spans`)."""
    row = db.execute(
        "SELECT count(*) FROM sentence_spans WHERE block_id IN"
        " (SELECT block_id FROM document_blocks WHERE document_id = ? AND live = 1)",
        [document_id],
    ).fetchone()
    return int(row[0])


def recount(counts: Mapping[int, int], edit: SentenceEdit) -> dict[int, int]:
    """Counts of live sentences by document after *edit*, from those before it: a revision of one
    stretch carries its document's count over, a split or a merge changes it by what it added and
    took out; a document the edit revises whole (or drops) is counted again when asked."""
    added = Counter(row.document_id for row in edit.added)
    removed = Counter(row.document_id for row in edit.removed)
    after = dict(counts)
    for shift in edit.shifts:
        count = after.pop(shift.old_document_id, None)
        if count is not None:
            after[shift.new_document_id] = count - removed[shift.old_document_id] + added[shift.new_document_id]
    shifted = {d for shift in edit.shifts for d in (shift.old_document_id, shift.new_document_id)}
    revised = {d for document in (*edit.documents_added, *edit.documents_dropped) for d in (document.id, document.previous_id or 0)}
    for document_id in (set(added) | set(removed) | revised) - shifted:
        if document_id in revised or document_id not in after:
            after.pop(document_id, None)
        else:
            after[document_id] += added[document_id] - removed[document_id]
    return after


def reserve_document_id(db: Database) -> int:
    """The id the next document row gets."""
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM document_rows").fetchone()[0])


def read_rows(db: Database, ids: Sequence[int]) -> list[SentenceRow]:
    """The live sentence rows with these ids, in the order asked (missing ones left out)."""
    found: dict[int, SentenceRow] = {}
    for chunk in batches(ids):
        rows = db.execute(f"SELECT {_ROW} FROM sentences WHERE id IN ({placeholders(chunk)})", chunk)
        found.update((row[0], SentenceRow(row[0], row[1], row[2], row[3], bool(row[4]))) for row in rows)
    return [found[i] for i in ids if i in found]


def _replace_rows(db: Database, edit: SentenceEdit, layouts: dict[int, Layout], layout_of: Callable[[int], Layout]) -> None:
    """Retire, move, carry, restore and insert sentence rows; *layouts* holds the pieces of the
    revisions the edit adds or drops (the dropped ones' are no longer in the file), *layout_of*
    gives the others'."""
    gone, new = list(edit.retired_ids), list(edit.new_ids)
    gone_set, new_set = set(gone), set(new)
    moved = [row for row in edit.added if row.id not in new_set]
    unindex_sentences(db, gone)  # moved rows keep their text
    if not edit.restores:
        retired_at = utc_now()
        db.conn.executemany(  # plain SQL: sqlite-utils' insert_all reads the table's schema first
            'INSERT INTO retired_sentences (id, document_id, start, "end", paragraph_start, retired_at) VALUES (?, ?, ?, ?, ?, ?)',
            [(row.id, row.document_id, row.start, row.end, int(row.paragraph_start), retired_at) for row in edit.removed if row.id in gone_set],
        )
    for chunk in batches(gone):
        db.execute(f"DELETE FROM sentence_spans WHERE id IN ({placeholders(chunk)})", chunk)
    for document_id in ({row.document_id for row in edit.added} | {s.new_document_id for s in edit.shifts}) - layouts.keys():
        layouts[document_id] = layout_of(document_id)
    db.conn.executemany(
        'UPDATE sentence_spans SET block_id = ?, start = ?, "end" = ?, paragraph_start = ? WHERE id = ?',
        [(*_span_row(layouts[row.document_id], row)[1:], row.id) for row in moved],
    )
    for shift in edit.shifts:
        old = layouts[shift.old_document_id] if shift.old_document_id in layouts else layout_of(shift.old_document_id)
        _carry_sentences(db, shift, old, layouts[shift.new_document_id])
    if edit.restores:
        for chunk in batches(new):
            db.execute(f"DELETE FROM retired_sentences WHERE id IN ({placeholders(chunk)})", chunk)
    db.conn.executemany(
        'INSERT INTO sentence_spans (id, block_id, start, "end", paragraph_start) VALUES (?, ?, ?, ?, ?)',
        [_span_row(layouts[row.document_id], row) for row in edit.added if row.id in new_set],
    )
    index_sentences(db, new)


def _span_row(layout: Layout, row: SentenceRow) -> tuple[int, int, int, int, int]:
    """A row of `sentence_spans`: the sentence relative to the block holding its start."""
    block_id, start = layout.place(row.start)
    return row.id, block_id, start, start + row.end - row.start, int(row.paragraph_start)


def _carry_sentences(db: Database, shift: TextShift, old: Layout, layout: Layout) -> None:
    """Move the sentences the edit did not list (the listed ones are retired or moved by now) out
    of the blocks of the old revision that the new one does not share, into the new one's blocks:
    the rows of the few blocks an edit of one stretch replaced, however long the text."""
    shared = {block.block_id for block in layout.blocks}
    replaced = list({block.block_id for block in old.blocks if block.block_id not in shared})
    rows: list[tuple[int, int, int, int, int]] = []
    for chunk in batches(replaced):
        found = db.execute(
            f'SELECT id, block_id, start, "end", paragraph_start FROM sentence_spans WHERE block_id IN ({placeholders(chunk)})', chunk
        )
        rows.extend(found.fetchall())
    moved = [
        SentenceRow(sid, shift.new_document_id, at, at + end - start, bool(flag))
        for sid, block_id, start, end, flag in rows
        for at in (shift.moved(old.offset_of(block_id, start)),)
    ]
    db.conn.executemany(
        'UPDATE sentence_spans SET block_id = ?, start = ?, "end" = ?, paragraph_start = ? WHERE id = ?',
        [(*_span_row(layout, row)[1:], row.id) for row in moved],
    )


def fresh_sentence_ids(db: Database) -> Iterator[int]:
    """Sentence ids never used before in this project (live, retired, or undone)."""
    return fresh_ids(db, "sentence_spans", "retired_sentences")


