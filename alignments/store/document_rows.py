"""The rows of documents, pairs and sentences: storing a document read from a file with its
sentences, notes and emphasis, and reading documents, pairs, revision chains and a document's
sentences in order. Functions of a database; callers hold the transaction. sqlite-utils only,
no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from alignments.store.interpolation_rows import insert_interpolations
from alignments.store.records import DocumentInfo, PairInfo
from alignments.store.sentence_index import index_document
from alignments.store.sql import utc_now
from alignments.store.text_blocks import fresh_layout, write_layout
from corpus.documents import AnalysedDocument
from corpus.segmentation import paragraph_starts
from corpus.spans import Span
from corpus.structured_text import SourceFormat

_LENGTH = "coalesce((SELECT b.start + b.length FROM document_blocks b WHERE b.document_id = {0}.id ORDER BY b.key DESC LIMIT 1), 0)"
_DOCUMENT_COLUMNS = "{0}.id, {0}.title, {0}.lang, " + _LENGTH + ", {0}.origin_path"
_PAIRS = (
    f"SELECT p.id, {_DOCUMENT_COLUMNS.format('s')}, {_DOCUMENT_COLUMNS.format('t')} FROM pairs p"
    " JOIN document_rows s ON s.id = p.source_document_id JOIN document_rows t ON t.id = p.target_document_id"
)


def insert_document(db: Database, analysed: AnalysedDocument) -> int:
    """Store a document with its sentences and interpolations; return its id."""
    document = analysed.document
    document_id = db.table("document_rows").insert(
        {
            "title": document.title,
            "lang": document.lang,
            "sha256": document.sha256,
            "origin_path": document.origin_path,
            "source_format": document.source.format,
            "converter": document.source.converter,
            "created_at": utc_now(),
        }
    ).last_pk
    assert isinstance(document_id, int)
    layout, _ = write_layout(db, document_id, fresh_layout(document.text))
    starts = paragraph_starts(document.text, analysed.sentences)
    db.conn.executemany(
        'INSERT INTO sentence_spans (block_id, start, "end", paragraph_start) VALUES (?, ?, ?, ?)',
        [
            (block_id, inside, inside + s.end - s.start, int(p))
            for s, p in zip(analysed.sentences, starts)
            for block_id, inside in (layout.place(s.start),)
        ],
    )
    insert_interpolations(db, document_id, analysed.interpolations)
    db.table("emphasis").insert_all(
        {"document_id": document_id, "start": s.start, "end": s.end} for s in document.structure.emphasis
    )
    index_document(db, document_id)
    return document_id


def source_candidates(db: Database, analysed: AnalysedDocument) -> list[int]:
    """Ids of the pairs' source documents with this text's sha256 and language, oldest first."""
    document = analysed.document
    rows = db.execute(
        "SELECT DISTINCT d.id FROM document_rows d JOIN pairs p ON p.source_document_id = d.id"
        " WHERE d.sha256 = ? AND d.lang = ? ORDER BY d.id",
        [document.sha256, document.lang],
    ).fetchall()
    return [row[0] for row in rows]


def sentence_keys_in_order(db: Database, document_id: int) -> list[tuple[int, int]]:
    """(id, order key) of every sentence of a document, in order."""
    return [
        (row[0], row[1])
        for row in db.execute("SELECT id, pos FROM sentences WHERE document_id = ? ORDER BY start", [document_id])
    ]


def sentence_spans(db: Database, document_id: int) -> list[tuple[int, Span]]:
    """(id, span) of every sentence of a document, in order."""
    rows = db.execute('SELECT id, start, "end" FROM sentences WHERE document_id = ? ORDER BY start', [document_id])
    return [(sid, Span(start, end)) for sid, start, end in rows]


def read_document(db: Database, document_id: int) -> DocumentInfo:
    row = db.execute(f"SELECT {_DOCUMENT_COLUMNS.format('d')} FROM document_rows d WHERE d.id = ?", [document_id]).fetchone()
    if row is None:
        raise KeyError(f"no document {document_id}")
    return DocumentInfo(*row)


def revision_chain(db: Database, document_id: int) -> list[int]:
    """The revisions of a document, oldest first, up to *document_id* itself."""
    chain = [document_id]
    while row := db.execute("SELECT previous_id FROM document_rows WHERE id = ?", [chain[-1]]).fetchone():
        if row[0] is None:
            break
        chain.append(row[0])
    return chain[::-1]


def read_pairs(db: Database) -> list[PairInfo]:
    """Every pair with its two documents, in one query."""
    return [_pair_info(row) for row in db.execute(f"{_PAIRS} ORDER BY p.id")]


def read_pair(db: Database, pair_id: int) -> PairInfo:
    """One pair with its two documents, in one query."""
    row = db.execute(f"{_PAIRS} WHERE p.id = ?", [pair_id]).fetchone()
    if row is None:
        raise KeyError(f"no pair {pair_id}")
    return _pair_info(row)


def _pair_info(row: Sequence[object]) -> PairInfo:
    return PairInfo(row[0], DocumentInfo(*row[1:6]), DocumentInfo(*row[6:11]))  # type: ignore[arg-type]


def emphasis(db: Database, document_id: int) -> list[Span]:
    """The emphasised (italic, bold) stretches a converted document had, in order."""
    rows = db.execute('SELECT start, "end" FROM emphasis WHERE document_id = ? ORDER BY start', [document_id])
    return [Span(start, end) for start, end in rows.fetchall()]


def document_source(db: Database, document_id: int) -> SourceFormat:
    """The format a document was read from and the converter that read it."""
    row = db.execute("SELECT source_format, converter FROM document_rows WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise KeyError(f"no document {document_id}")
    return SourceFormat(row[0] or "text", row[1])
