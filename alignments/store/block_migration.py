"""Migration m007's work (schema.py): a project file's whole texts cut into text blocks, its
sentences stored relative to their block, and the whole-block layout (where an offset lies, its
order key) that m007 and m008 convert old rows with. Later files never go through this again."""

from __future__ import annotations

import bisect

from sqlite_utils import Database

from alignments.store.text_blocks import KEY_SHIFT, KEY_STEP, cuts


def blocks_from_texts(db: Database) -> None:
    db.execute("CREATE TABLE text_blocks (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT")
    db.execute("ALTER TABLE documents RENAME TO document_rows")
    db.execute(
        """CREATE TABLE document_blocks (
            document_id INTEGER NOT NULL REFERENCES document_rows(id) ON DELETE CASCADE,
            key INTEGER NOT NULL,
            block_id INTEGER NOT NULL REFERENCES text_blocks(id),
            start INTEGER NOT NULL CHECK (start >= 0),
            live INTEGER NOT NULL CHECK (live IN (0, 1)),
            PRIMARY KEY (document_id, key)
        ) STRICT, WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX document_blocks_by_block ON document_blocks(block_id, live)")
    rows = db.execute(
        "SELECT d.id, d.text, NOT EXISTS (SELECT 1 FROM document_rows n WHERE n.previous_id = d.id) FROM document_rows d"
    ).fetchall()
    for document_id, text, live in rows:
        _write_blocks(db, document_id, text, bool(live))
    db.execute("ALTER TABLE document_rows DROP COLUMN text")


def _write_blocks(db: Database, document_id: int, text: str, live: bool) -> None:
    """A text in blocks of its own, as m007 wrote them (whole blocks of about 4,096 code points,
    keys KEY_STEP apart)."""
    starts = cuts(text, 4096)
    first_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM text_blocks").fetchone()[0])
    blocks = [(first_id + k, k * KEY_STEP, a, text[a:b]) for k, (a, b) in enumerate(zip(starts, [*starts[1:], len(text)]))]
    db.conn.executemany("INSERT INTO text_blocks (id, text) VALUES (?, ?)", [(i, t) for i, _, _, t in blocks])
    db.conn.executemany(
        "INSERT INTO document_blocks (document_id, key, block_id, start, live) VALUES (?, ?, ?, ?, ?)",
        [(document_id, key, i, a, int(live)) for i, key, a, _ in blocks],
    )


class WholeBlocks:
    """A revision's blocks as m007 and m008 knew them (whole blocks, no slices): where an offset
    lies and its order key."""

    def __init__(self, db: Database, document_id: int) -> None:
        rows = db.execute(
            "SELECT b.key, b.block_id, b.start, length(t.text) FROM document_blocks b JOIN text_blocks t ON t.id = b.block_id"
            " WHERE b.document_id = ? ORDER BY b.key",
            [document_id],
        ).fetchall()
        self.blocks = [(key, block_id, start) for key, block_id, start, _ in rows]
        self.starts = [start for _, _, start in self.blocks]
        self.length = rows[-1][2] + rows[-1][3] if rows else 0

    def _block(self, offset: int) -> tuple[int, int, int]:
        return self.blocks[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def place(self, offset: int) -> tuple[int, int]:
        _, block_id, start = self._block(offset)
        return block_id, offset - start

    def key_of(self, offset: int) -> int:
        if offset >= self.length:
            return 1 << 62
        key, _, start = self._block(offset)
        return (key << KEY_SHIFT) + offset - start


def spans_from_sentences(db: Database) -> None:
    db.execute("ALTER TABLE sentences RENAME TO sentence_spans")
    db.execute(
        """CREATE TABLE sentence_spans_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            block_id INTEGER NOT NULL REFERENCES text_blocks(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            paragraph_start INTEGER NOT NULL DEFAULT 0,
            CHECK (0 <= start AND start < "end")
        ) STRICT"""
    )
    documents = [row[0] for row in db.execute("SELECT DISTINCT document_id FROM sentence_spans")]
    for document_id in documents:
        layout = WholeBlocks(db, document_id)
        rows = db.execute('SELECT id, start, "end", paragraph_start FROM sentence_spans WHERE document_id = ?', [document_id])
        db.conn.executemany(
            'INSERT INTO sentence_spans_new (id, block_id, start, "end", paragraph_start) VALUES (?, ?, ?, ?, ?)',
            [(sid, *_relative(layout, start, end), paragraph) for sid, start, end, paragraph in rows.fetchall()],
        )
    used = db.execute("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name IN ('sentences', 'sentence_spans')").fetchone()[0]
    db.execute("DROP TABLE sentence_spans")
    db.execute("ALTER TABLE sentence_spans_new RENAME TO sentence_spans")
    db.execute("DELETE FROM sqlite_sequence WHERE name = 'sentence_spans'")
    db.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'sentence_spans', max(?, coalesce(max(id), 0)) FROM sentence_spans", [used])
    db.execute("CREATE INDEX sentence_spans_by_block ON sentence_spans(block_id, start)")
    db.execute(
        "CREATE TABLE sentence_texts_new (id INTEGER PRIMARY KEY REFERENCES sentence_spans(id) ON DELETE CASCADE,"
        " text TEXT NOT NULL) STRICT"
    )
    db.execute("INSERT INTO sentence_texts_new (id, text) SELECT id, text FROM sentence_texts")
    db.execute("DROP TABLE sentence_texts")
    db.execute("ALTER TABLE sentence_texts_new RENAME TO sentence_texts")


def _relative(layout: WholeBlocks, start: int, end: int) -> tuple[int, int, int]:
    """(block id, start, end) of a span, relative to the block holding its start."""
    block_id, inside = layout.place(start)
    return block_id, inside, inside + end - start
