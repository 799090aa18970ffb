"""The `interpolations` table: writing a document's spans (each footnote body linked to its mark
through `mark_id`) and reading them back as `Interpolation` values. sqlite-utils only, no Qt;
callers hold the transaction.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from sqlite_utils import Database

from corpus.spans import Interpolation, InterpolationKind, Origin


def insert_interpolations(db: Database, document_id: int, interpolations: Iterable[Interpolation]) -> None:
    """Add spans to a document; a footnote's `mark_start` becomes the id of its mark's row."""
    rows = list(interpolations)
    db.conn.executemany(  # plain SQL: sqlite-utils' insert_all reads the table's schema first
        'INSERT INTO interpolations (document_id, start, "end", kind, editor, origin) VALUES (?, ?, ?, ?, ?, ?)',
        [(document_id, i.start, i.end, str(i.kind), i.editor, str(i.origin)) for i in rows],
    )
    for body in (i for i in rows if i.mark_start is not None):
        db.execute(
            "UPDATE interpolations SET mark_id = (SELECT id FROM interpolations WHERE document_id = ?"
            " AND start = ? AND kind = 'footnote-mark') WHERE document_id = ? AND start = ?",
            [document_id, body.mark_start, document_id, body.start],
        )


def replace_interpolations(db: Database, document_id: int, interpolations: Iterable[Interpolation]) -> None:
    """Make *interpolations* the document's only spans."""
    db.execute("DELETE FROM interpolations WHERE document_id = ?", [document_id])
    insert_interpolations(db, document_id, interpolations)


def select_interpolations(db: Database, document_id: int, start: int, end: int) -> list[Interpolation]:
    """A document's spans overlapping [start, end), in order."""
    rows = db.execute(
        'SELECT i.start, i."end", i.kind, i.editor, i.origin, m.start FROM interpolations i'
        " LEFT JOIN interpolations m ON m.id = i.mark_id"
        ' WHERE i.document_id = ? AND i.start < ? AND i."end" > ? ORDER BY i.start',
        [document_id, end, start],
    )
    return [
        Interpolation(s, e, InterpolationKind(kind), editor, Origin(origin), mark)
        for s, e, kind, editor, origin, mark in rows
    ]


def footnote_partner(db: Database, document_id: int, offset: int) -> int | None:
    """Where the partner of the footnote mark or footnote body starting at *offset* starts."""
    row = db.execute(
        "SELECT m.start FROM interpolations b JOIN interpolations m ON m.id = b.mark_id"
        " WHERE b.document_id = ? AND b.start = ? AND b.kind = 'footnote'"
        " UNION ALL SELECT b.start FROM interpolations m JOIN interpolations b ON b.mark_id = m.id"
        " WHERE m.document_id = ? AND m.start = ? AND m.kind = 'footnote-mark'",
        [document_id, offset, document_id, offset],
    ).fetchone()
    return None if row is None else row[0]


def interpolation_kinds_by_bead(db: Database, pair_id: int) -> list[tuple[int, str, str]]:
    """(bead id, side, kind) for every interpolation of a pair's texts, by the sentence it
    starts in (each document's sentences read once, in order, and searched by start)."""
    found: list[tuple[int, str, str]] = []
    for (document_id,) in db.execute(
        "SELECT source_document_id FROM pairs WHERE id = ? UNION SELECT target_document_id FROM pairs WHERE id = ?",
        [pair_id, pair_id],
    ).fetchall():
        notes = db.execute("SELECT start, kind FROM interpolations WHERE document_id = ? ORDER BY start", [document_id]).fetchall()
        if not notes:
            continue
        sentences = db.execute(
            'SELECT s.start, s."end", bs.bead_id, bs.side FROM sentences s JOIN bead_sentences bs ON bs.sentence_id = s.id'
            " JOIN beads b ON b.id = bs.bead_id WHERE s.document_id = ? AND b.pair_id = ? ORDER BY s.start",
            [document_id, pair_id],
        ).fetchall()
        starts = [row[0] for row in sentences]
        for start, kind in notes:
            k = bisect.bisect_right(starts, start) - 1
            if k >= 0 and sentences[k][1] > start:
                found.append((sentences[k][2], sentences[k][3], kind))
    return found
