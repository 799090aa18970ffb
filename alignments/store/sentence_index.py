"""The `sentence_texts` table and its full-text index (migration m005_sentence_search): every
live sentence's text, kept in step with `sentences` by whoever writes sentences (the store
when it adds a document, sentence edits when they apply). Callers hold the transaction.
sqlite-utils only, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from alignments.store.sql import batches, placeholders

TABLE = "sentence_texts"
FTS_TABLE = "sentence_texts_fts"


def index_document(db: Database, document_id: int) -> None:
    """Index every sentence of a document just stored."""
    ids = [row[0] for row in db.execute("SELECT id FROM sentences WHERE document_id = ?", [document_id])]
    index_sentences(db, ids)


def index_sentences(db: Database, ids: Sequence[int]) -> None:
    """Index these live sentences (not indexed yet). Texts are cut in Python: SQLite's substr()
    walks a long UTF-8 text from its start, which makes a book quadratic."""
    texts: dict[int, str] = {}
    for chunk in batches(ids):
        marks = placeholders(chunk)
        rows = db.execute(f'SELECT id, document_id, start, "end" FROM sentences WHERE id IN ({marks})', chunk).fetchall()
        for document_id in {row[1] for row in rows} - texts.keys():
            texts[document_id] = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        db.conn.executemany(
            f"INSERT INTO {TABLE} (id, document_id, text) VALUES (?, ?, ?)",
            [(sid, document_id, texts[document_id][start:end]) for sid, document_id, start, end in rows],
        )
        db.execute(f"INSERT INTO {FTS_TABLE} (rowid, text) SELECT id, text FROM {TABLE} WHERE id IN ({marks})", chunk)


def unindex_sentences(db: Database, ids: Sequence[int]) -> None:
    """Take these sentences out of the index (before they leave `sentences` or move)."""
    for chunk in batches(ids):
        marks = placeholders(chunk)
        db.execute(
            f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, text) SELECT 'delete', id, text FROM {TABLE}"
            f" WHERE id IN ({marks})",
            chunk,
        )
        db.execute(f"DELETE FROM {TABLE} WHERE id IN ({marks})", chunk)

