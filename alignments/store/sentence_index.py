"""The `sentence_texts` table and its full-text index (migrations m005_sentence_search and
m007_text_blocks): every live sentence's text, kept in step with `sentences` by whoever writes sentences (the store
when it adds a document, sentence edits when they apply). Callers hold the transaction.
sqlite-utils only, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from alignments.store.sql import batches, placeholders
from alignments.store.text_blocks import text_between

TABLE = "sentence_texts"
FTS_TABLE = "sentence_texts_fts"


def index_document(db: Database, document_id: int) -> None:
    """Index every sentence of a document just stored."""
    ids = [row[0] for row in db.execute("SELECT id FROM sentences WHERE document_id = ?", [document_id])]
    index_sentences(db, ids)


def index_sentences(db: Database, ids: Sequence[int]) -> None:
    """Index these live sentences (not indexed yet). Texts are cut in Python from the stretch of
    blocks they lie in: SQLite's substr() walks a long UTF-8 text from its start."""
    for chunk in batches(ids):
        marks = placeholders(chunk)
        rows = db.execute(f'SELECT id, document_id, start, "end" FROM sentences WHERE id IN ({marks})', chunk).fetchall()
        texts: list[tuple[int, str]] = []
        for document_id in {row[1] for row in rows}:
            spans = [row for row in rows if row[1] == document_id]
            first, text = text_between(db, document_id, min(r[2] for r in spans), max(r[3] for r in spans))
            texts.extend((sid, text[start - first : end - first]) for sid, _, start, end in spans)
        db.conn.executemany(f"INSERT INTO {TABLE} (id, text) VALUES (?, ?)", texts)
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

