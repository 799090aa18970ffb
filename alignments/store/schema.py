"""The project file's schema, as sqlite-utils migrations (one migration set for this layer).

A project file is ours when its `application_id` is APPLICATION_ID; it is too new for us when
it records a migration of our set that this version does not know.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from alignments.store.block_migration import WholeBlocks, blocks_from_texts, spans_from_sentences
from alignments.store.text_blocks import KEY_SHIFT

APPLICATION_ID = 0x5742504A  # "WBPJ"
MIGRATION_SET = "translation-workbench"

migrations = Migrations(MIGRATION_SET)
_Migration = Callable[[Database], None]
MIGRATION_STEPS: dict[str, _Migration] = {}  # by name, in order
MIGRATION_NAMES: list[str] = []


def _migration(function: _Migration, transactional: bool = True) -> _Migration:
    """Register *function* with the migration set and remember it by name."""
    MIGRATION_NAMES.append(function.__name__)
    MIGRATION_STEPS[function.__name__] = function
    return migrations(transactional=transactional)(function)


def _migration_without_foreign_keys(function: _Migration) -> _Migration:
    """A migration that rebuilds tables other tables refer to: run in one transaction of its own
    with foreign keys off (SQLite's way to change a table's columns), checked before it commits.
    Done already (a crash after its commit, before sqlite-utils recorded it) it does nothing."""

    def rebuilding(db: Database) -> None:
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            with db.atomic():
                function(db)
                if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise sqlite3.IntegrityError(f"{function.__name__} would break a foreign key")
        finally:
            db.execute("PRAGMA foreign_keys = ON")

    rebuilding.__name__ = function.__name__
    rebuilding.__doc__ = function.__doc__
    return _migration(rebuilding, transactional=False)


@_migration
def m001_initial(db: Database) -> None:
    """Documents, sentences, interpolations, pairs and beads (DESIGN §3)."""
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            lang TEXT NOT NULL,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            origin_path TEXT,
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            paragraph_start INTEGER NOT NULL DEFAULT 0,
            CHECK (0 <= start AND start < "end")
        ) STRICT;
        CREATE UNIQUE INDEX sentences_by_position ON sentences(document_id, start);
        CREATE TABLE interpolations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('note', 'supplied', 'footnote-mark', 'footnote')),
            editor TEXT,
            origin TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
            mark_id INTEGER REFERENCES interpolations(id) ON DELETE SET NULL,
            CHECK (0 <= start AND start < "end")
        ) STRICT;
        CREATE INDEX interpolations_by_position ON interpolations(document_id, start);
        CREATE TABLE pairs (
            id INTEGER PRIMARY KEY,
            source_document_id INTEGER NOT NULL REFERENCES documents(id),
            target_document_id INTEGER NOT NULL REFERENCES documents(id),
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE beads (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            source_pos INTEGER NOT NULL,
            target_pos INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('auto', 'confirmed')),
            score REAL,
            provenance TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX beads_in_order ON beads(pair_id, source_pos, target_pos);
        CREATE TABLE bead_sentences (
            bead_id INTEGER NOT NULL REFERENCES beads(id) ON DELETE CASCADE,
            side TEXT NOT NULL CHECK (side IN ('source', 'target')),
            sentence_id INTEGER NOT NULL REFERENCES sentences(id),
            PRIMARY KEY (bead_id, side, sentence_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX bead_sentences_by_sentence ON bead_sentences(sentence_id);
        """
    )


@_migration
def m002_corpus_settings(db: Database) -> None:
    """The project's own rules for corpus/ (DESIGN §4, §5): editor signatures and note patterns
    added to the detection rules, the user's mark/unmark decisions, abbreviations learnt from
    hand merges."""
    db.executescript(
        """
        CREATE TABLE editor_signatures (
            signature TEXT PRIMARY KEY CHECK (length(trim(signature)) > 0),
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE note_patterns (
            pattern TEXT PRIMARY KEY CHECK (length(pattern) > 0),
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE interpolation_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('mark', 'unmark')),
            kind TEXT CHECK (kind IN ('note', 'supplied', 'footnote-mark', 'footnote')),
            editor TEXT,
            created_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end"),
            CHECK ((verdict = 'mark') = (kind IS NOT NULL))
        ) STRICT;
        CREATE INDEX interpolation_decisions_by_document ON interpolation_decisions(document_id, start);
        CREATE TABLE learnt_abbreviations (
            lang TEXT NOT NULL,
            abbreviation TEXT NOT NULL CHECK (length(trim(abbreviation)) > 0),
            created_at TEXT NOT NULL,
            PRIMARY KEY (lang, abbreviation)
        ) STRICT, WITHOUT ROWID;
        """
    )


@_migration
def m003_vector_cache(db: Database) -> None:
    """Sentence vectors of the embedding aligner, by model and text, so re-aligning is instant."""
    db.executescript(
        """
        CREATE TABLE vector_cache (
            model TEXT NOT NULL,
            text_key TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (model, text_key)
        ) STRICT, WITHOUT ROWID;
        """
    )


@_migration
def m004_revisions(db: Database) -> None:
    """Text revisions (DESIGN §3): a document row may name the revision it replaced; sentences
    that a correction or a revision took out of a document live on in `retired_sentences`, so
    their ids stay meaningful and undo can bring them back. Deleting a document's interpolations
    (undo of a revision, re-detection) looks footnotes up by `mark_id`: now indexed."""
    db.executescript(
        """
        ALTER TABLE documents ADD COLUMN previous_id INTEGER REFERENCES documents(id);
        CREATE INDEX documents_by_previous ON documents(previous_id);
        CREATE INDEX interpolations_by_mark ON interpolations(mark_id);
        CREATE TABLE retired_sentences (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            paragraph_start INTEGER NOT NULL DEFAULT 0,
            retired_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        ) STRICT;
        CREATE INDEX retired_sentences_by_document ON retired_sentences(document_id);
        """
    )


@_migration
def m005_sentence_search(db: Database) -> None:
    """Every live sentence's text in `sentence_texts`, with a full-text index over it (FTS5 through
    sqlite-utils; kept in step by alignments.store.sentence_index, as triggers may not write to a
    virtual table of a file opened with trusted_schema off)."""
    db.executescript(
        """
        CREATE TABLE sentence_texts (
            id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sentence_texts_by_document ON sentence_texts(document_id);
        """
    )
    for document_id, text in db.execute("SELECT id, text FROM documents").fetchall():
        spans = db.execute('SELECT id, start, "end" FROM sentences WHERE document_id = ?', [document_id]).fetchall()
        db.conn.executemany(
            "INSERT INTO sentence_texts (id, document_id, text) VALUES (?, ?, ?)",
            [(sid, document_id, text[start:end]) for sid, start, end in spans],
        )
    db.table("sentence_texts").enable_fts(["text"], tokenize="unicode61 remove_diacritics 2")


@_migration
def m006_document_sources(db: Database) -> None:
    """Where a document came from (issue 14): the format read ("docx", "tei", "text") and the
    converter with its version ("pandoc 3.6", or the encoding of a plain text); and the emphasis
    spans a converted document had (italic, bold), which are not interpolations."""
    db.executescript(
        """
        ALTER TABLE documents ADD COLUMN source_format TEXT;
        ALTER TABLE documents ADD COLUMN converter TEXT;
        CREATE TABLE emphasis (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            CHECK (0 <= start AND start < "end"),
            PRIMARY KEY (document_id, start)
        ) STRICT, WITHOUT ROWID;
        """
    )


@_migration_without_foreign_keys
def m007_text_blocks(db: Database) -> None:
    """Issue 13: a revision's text in immutable blocks it shares with the revision before it, and
    sentences stored relative to their block, so that editing one sentence's text writes a few
    rows, not the whole book. `documents` and `sentences` become views with their old columns
    over `document_rows`, `document_blocks`, `text_blocks` and `sentence_spans`;
    `sentence_texts` keeps the text alone (its document is the sentence's)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'text_blocks'").fetchone():
        return
    blocks_from_texts(db)
    spans_from_sentences(db)
    for statement in _TEXT_VIEWS:
        db.execute(statement)


_TEXT_VIEWS = (
    """CREATE VIEW documents AS SELECT d.id, d.title, d.lang,
        coalesce((SELECT group_concat(x.text, '') FROM (SELECT t.text FROM document_blocks b
            JOIN text_blocks t ON t.id = b.block_id WHERE b.document_id = d.id ORDER BY b.key) x), '') AS text,
        d.sha256, d.origin_path, d.created_at, d.previous_id, d.source_format, d.converter
        FROM document_rows d""",
    """CREATE VIEW sentences AS SELECT s.id, b.document_id, b.start + s.start AS start, b.start + s."end" AS "end",
        s.paragraph_start FROM sentence_spans s JOIN document_blocks b ON b.block_id = s.block_id AND b.live = 1""",
)


@_migration
def m008_ladder_keys(db: Database) -> None:
    """Issue 13: ladder positions become order keys (the key of the block holding the sentence's
    start << 20, plus its offset inside the block; past the end 2**62), so a text edit moves only
    the positions inside the blocks it replaced; `sentences` shows each sentence's key as `pos`."""
    db.execute("DROP VIEW sentences")
    db.execute(_SENTENCES_WITH_KEYS)
    for pair_id, source_id, target_id in db.execute("SELECT id, source_document_id, target_document_id FROM pairs").fetchall():
        source, target = WholeBlocks(db, source_id), WholeBlocks(db, target_id)
        beads = db.execute("SELECT id, source_pos, target_pos FROM beads WHERE pair_id = ?", [pair_id]).fetchall()
        db.conn.executemany(  # through negative values: positions are unique, and checked row by row
            "UPDATE beads SET source_pos = ?, target_pos = ? WHERE id = ?",
            [(-source.key_of(s) - 1, -target.key_of(t) - 1, bead_id) for bead_id, s, t in beads],
        )
        db.execute("UPDATE beads SET source_pos = -source_pos - 1, target_pos = -target_pos - 1 WHERE pair_id = ?", [pair_id])


_SENTENCES_WITH_KEYS = f"""CREATE VIEW sentences AS SELECT s.id, b.document_id, b.start + s.start AS start,
    b.start + s."end" AS "end", s.paragraph_start, (b.key << {KEY_SHIFT}) + s.start AS pos
    FROM sentence_spans s JOIN document_blocks b ON b.block_id = s.block_id AND b.live = 1"""


@_migration
def m009_block_slices(db: Database) -> None:
    """Issue 13: a revision lists pieces of text blocks, a block whole or a slice of it (`skip`,
    `length`), each with the order key of its first code point (`base`), so that editing one
    sentence lists the old block around the new text in two slices and no other sentence moves
    (their rows, and their beads' positions, stay as they were). Views keep their columns."""
    db.execute("ALTER TABLE document_blocks ADD COLUMN skip INTEGER NOT NULL DEFAULT 0 CHECK (skip >= 0)")
    db.execute("ALTER TABLE document_blocks ADD COLUMN length INTEGER NOT NULL DEFAULT 0 CHECK (length >= 0)")
    db.execute("ALTER TABLE document_blocks ADD COLUMN base INTEGER NOT NULL DEFAULT 0")
    db.execute(
        f"UPDATE document_blocks SET length = (SELECT length(t.text) FROM text_blocks t WHERE t.id = block_id), base = key << {KEY_SHIFT}"
    )
    db.execute("DROP VIEW documents")
    db.execute("DROP VIEW sentences")
    db.execute(
        """CREATE VIEW documents AS SELECT d.id, d.title, d.lang,
        coalesce((SELECT group_concat(x.text, '') FROM (SELECT substr(t.text, b.skip + 1, b.length) AS text FROM document_blocks b
            JOIN text_blocks t ON t.id = b.block_id WHERE b.document_id = d.id ORDER BY b.key) x), '') AS text,
        d.sha256, d.origin_path, d.created_at, d.previous_id, d.source_format, d.converter
        FROM document_rows d"""
    )
    db.execute(
        """CREATE VIEW sentences AS SELECT s.id, b.document_id, b.start + s.start - b.skip AS start,
        b.start + s."end" - b.skip AS "end", s.paragraph_start, b.base + s.start - b.skip AS pos
        FROM sentence_spans s JOIN document_blocks b ON b.block_id = s.block_id AND b.live = 1
            AND s.start >= b.skip AND s.start < b.skip + b.length"""
    )


@_migration
def m010_key_strides(db: Database) -> None:
    """Issue 13: a piece's code points are keyed `stride` apart (blocks cut from now on: 1,024), so
    an edit that lengthens a stretch still fits its new text between the keys around it. Pieces
    written before keep stride 1. The `sentences` view keeps its columns."""
    db.execute("ALTER TABLE document_blocks ADD COLUMN stride INTEGER NOT NULL DEFAULT 1 CHECK (stride >= 1)")
    db.execute("DROP VIEW sentences")
    db.execute(
        """CREATE VIEW sentences AS SELECT s.id, b.document_id, b.start + s.start - b.skip AS start,
        b.start + s."end" - b.skip AS "end", s.paragraph_start, b.base + (s.start - b.skip) * b.stride AS pos
        FROM sentence_spans s JOIN document_blocks b ON b.block_id = s.block_id AND b.live = 1
            AND s.start >= b.skip AND s.start < b.skip + b.length"""
    )
