"""The rows of `beads` and `bead_sentences`: writing and deleting beads, reading them back with
their sentences in ladder order, and the few facts the window needs of a whole pair (keys,
summaries, counts, note mismatches, the bead at an offset). Functions of a database; callers
hold the transaction. sqlite-utils only, no Qt.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from sqlite_utils import Database

from alignments.ladder.beads import LOW_CONFIDENCE, STATUS_NAMED, Bead, Side
from alignments.store.interpolation_rows import interpolation_kinds_by_bead
from alignments.store.records import BeadSummary, PairStats
from alignments.store.sql import batches, placeholders


def delete_beads(db: Database, ids: Sequence[int]) -> None:
    for chunk in batches(ids):
        db.execute(f"DELETE FROM beads WHERE id IN ({placeholders(chunk)})", chunk)


def insert_beads(db: Database, beads: Sequence[Bead]) -> None:
    """Plain executemany: sqlite-utils' insert_all costs ~0.3 ms a bead in its row checks,
    seconds when an edit confirms or re-positions tens of thousands of beads."""
    db.conn.executemany(
        "INSERT INTO beads (id, pair_id, source_pos, target_pos, status, score, provenance, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(b.id, b.pair_id, b.source_pos, b.target_pos, str(b.status), b.score, b.provenance, b.created_at) for b in beads],
    )
    db.conn.executemany(
        "INSERT INTO bead_sentences (bead_id, side, sentence_id) VALUES (?, ?, ?)",
        [
            (b.id, str(side), sid)
            for b in beads
            for side, ids in ((Side.SOURCE, b.source_ids), (Side.TARGET, b.target_ids))
            for sid in ids
        ],
    )


def beads_with_ids(db: Database, ids: Sequence[int]) -> list[Bead]:
    """The beads with these ids, in the order asked (missing ids are left out)."""
    found: dict[int, Bead] = {}
    for chunk in batches(ids):
        found.update((bead.id, bead) for bead in beads_where(db, f"b.id IN ({placeholders(chunk)})", chunk))
    return [found[i] for i in ids if i in found]


def beads_where(db: Database, condition: str, parameters: Sequence[object]) -> list[Bead]:
    """The beads meeting *condition* (on `beads b`), in ladder order, with their sentences."""
    members: dict[tuple[int, str], list[int]] = {}
    for bead_id, side, sentence_id in db.execute(
        f"SELECT bs.bead_id, bs.side, bs.sentence_id FROM bead_sentences bs JOIN beads b ON b.id = bs.bead_id"
        f" JOIN sentences s ON s.id = bs.sentence_id WHERE {condition} ORDER BY s.start",
        parameters,
    ):
        members.setdefault((bead_id, side), []).append(sentence_id)
    rows = db.execute(
        "SELECT b.id, b.pair_id, b.source_pos, b.target_pos, b.status, b.score, b.provenance, b.created_at"
        f" FROM beads b WHERE {condition} ORDER BY b.source_pos, b.target_pos",
        parameters,
    ).fetchall()
    return [
        Bead(
            bead_id, pair_id,
            tuple(members.get((bead_id, "source"), ())), tuple(members.get((bead_id, "target"), ())),
            source_pos, target_pos, STATUS_NAMED[status], score, provenance, created_at,
        )
        for bead_id, pair_id, source_pos, target_pos, status, score, provenance, created_at in rows
    ]


def bead_keys(db: Database, pair_id: int) -> list[tuple[int, int, int]]:
    """(id, source_pos, target_pos) of every bead of a pair, in ladder order."""
    return [
        tuple(row)
        for row in db.execute(
            "SELECT id, source_pos, target_pos FROM beads WHERE pair_id = ? ORDER BY source_pos, target_pos",
            [pair_id],
        )
    ]


def bead_summaries(db: Database, pair_id: int) -> list[BeadSummary]:
    """Every bead of a pair in ladder order, as the few facts a view of the whole pair needs."""
    rows = db.execute(
        "SELECT b.id, b.source_pos, b.target_pos, b.status, b.score,"
        " (SELECT count(*) FROM bead_sentences s WHERE s.bead_id = b.id AND s.side = 'source'),"
        " (SELECT count(*) FROM bead_sentences s WHERE s.bead_id = b.id AND s.side = 'target')"
        " FROM beads b WHERE b.pair_id = ? ORDER BY b.source_pos, b.target_pos",
        [pair_id],
    )
    return [
        BeadSummary(bead_id, (source_pos, target_pos), status == "confirmed", score, sources, targets)
        for bead_id, source_pos, target_pos, status, score, sources, targets in rows
    ]


def bead_makers(db: Database, pair_id: int) -> set[str]:
    """What made a pair's beads: their provenances ("manual", an aligner and its version …)."""
    return {maker for (maker,) in db.execute("SELECT DISTINCT provenance FROM beads WHERE pair_id = ?", [pair_id])}


def note_mismatches(db: Database, pair_id: int) -> set[int]:
    """The beads of a pair where one side has an interpolation the other lacks (counted by
    kind: a note against a note matches, a note against nothing or a footnote does not)."""
    kinds: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    for bead_id, side, kind in interpolation_kinds_by_bead(db, pair_id):
        kinds[bead_id][(side, kind)] += 1
    return {
        bead_id
        for bead_id, counted in kinds.items()
        if any(counted[(str(Side.SOURCE), kind)] != counted[(str(Side.TARGET), kind)] for _side, kind in counted)
    }


def bead_position_at(db: Database, pair_id: int, document_id: int, offset: int) -> tuple[int, int] | None:
    """Ladder position of the bead holding the sentence at *offset* of a document, if any."""
    row = db.execute(
        "SELECT b.source_pos, b.target_pos FROM sentences s JOIN bead_sentences bs ON bs.sentence_id = s.id"
        ' JOIN beads b ON b.id = bs.bead_id WHERE s.document_id = ? AND s.start <= ? AND s."end" > ?'
        " AND b.pair_id = ?",
        [document_id, offset, offset, pair_id],
    ).fetchone()
    return None if row is None else (row[0], row[1])


def pair_stats(db: Database, pair_id: int) -> PairStats:
    """Counts of beads, confirmed and flagged beads, and sentences without counterpart."""
    row = db.execute(
        "SELECT count(*), coalesce(sum(status = 'confirmed'), 0),"
        " coalesce(sum(status = 'auto' AND (score IS NULL OR score < ?)), 0) FROM beads WHERE pair_id = ?",
        [LOW_CONFIDENCE, pair_id],
    ).fetchone()
    unaligned = db.execute(
        "SELECT count(*) FROM bead_sentences bs JOIN beads b ON b.id = bs.bead_id WHERE b.pair_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM bead_sentences o WHERE o.bead_id = bs.bead_id AND o.side != bs.side)",
        [pair_id],
    ).fetchone()[0]
    beads, confirmed, flagged = row
    return PairStats(beads, confirmed, flagged, unaligned)
