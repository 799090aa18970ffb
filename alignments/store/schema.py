"""The project file's schema, as sqlite-utils migrations (one migration set for this layer).

A project file is ours when its `application_id` is APPLICATION_ID; it is too new for us when
it records a migration of our set that this version does not know.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x5742504A  # "WBPJ"
MIGRATION_SET = "translation-workbench"

migrations = Migrations(MIGRATION_SET)
_Migration = Callable[[Database], None]
MIGRATION_STEPS: dict[str, _Migration] = {}  # by name, in order
MIGRATION_NAMES: list[str] = []


def _migration(function: _Migration) -> _Migration:
    """Register *function* with the migration set and remember it by name."""
    MIGRATION_NAMES.append(function.__name__)
    MIGRATION_STEPS[function.__name__] = function
    return migrations()(function)


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
