"""What a project file must pass before the workbench uses it (DESIGN §11): it holds only the
database objects our migrations make (a file from someone else may carry triggers that would
run on our writes, or views, or tables of our names with other columns), none of them is
missing, SQLite's quick check finds nothing, and the columns the workbench reads as names
(a bead's status, a note's kind) hold only names it knows (SQLite's checks do not look at rows
written around a CHECK constraint). All of it read-only.

Each check returns what it found; `alignments.store.project_file` words the refusal. sqlite-utils only.
"""

from __future__ import annotations

import functools
from enum import StrEnum

from sqlite_utils import Database

from alignments.ladder.beads import BeadStatus, Side
from alignments.store.schema import (
    MIGRATION_NAMES,
    MIGRATION_SET,
    MIGRATION_STEPS,
    migrations,
)
from corpus.decisions import Verdict
from corpus.spans import InterpolationKind, Origin

_COMPARED_BY_SQL = ("trigger", "view")
_SQLITE_OWN = ("table", "index")  # sqlite_sequence, sqlite_stat1, sqlite_autoindex_…: SQLite's bookkeeping
_MIGRATIONS_TABLE = "_sqlite_migrations"
_NAMED_VALUES: dict[tuple[str, str], type[StrEnum]] = {
    ("beads", "status"): BeadStatus,
    ("bead_sentences", "side"): Side,
    ("interpolations", "kind"): InterpolationKind,
    ("interpolations", "origin"): Origin,
    ("interpolation_decisions", "verdict"): Verdict,
    ("interpolation_decisions", "kind"): InterpolationKind,
}

SchemaObjects = dict[tuple[str, str], object]


@functools.cache
def known_objects(applied: frozenset[str] = frozenset(MIGRATION_NAMES)) -> SchemaObjects:
    """(type, name) of every object the migrations make (those of *applied*, in order), with the
    columns of its tables and the SQL of its triggers and views."""
    db = Database(memory=True, execute_plugins=False)
    migrations.ensure_migrations_table(db)
    for name, step in MIGRATION_STEPS.items():
        if name in applied:
            step(db)
    objects = schema_objects(db)
    db.close()
    return objects


def schema_objects(db: Database) -> SchemaObjects:
    """The objects of *db* but SQLite's own: tables with their columns, triggers and views with
    their SQL (white space folded), indexes by name."""
    rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    return {
        (kind, name): _shape(db, kind, name, sql)
        for kind, name, sql in rows
        if not (kind in _SQLITE_OWN and name.startswith("sqlite_"))
    }


def _shape(db: Database, kind: str, name: str, sql: str | None) -> object:
    if kind in _COMPARED_BY_SQL:
        return " ".join((sql or "").split())
    if kind == "table":
        return tuple(tuple(row) for row in db.execute("SELECT * FROM pragma_table_xinfo(?)", [name]))
    return None


def applied_migrations(db: Database) -> frozenset[str] | None:
    """The names of our migrations recorded in *db*, or None when it has no record of migrations
    (read only: sqlite-utils would make the table)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [_MIGRATIONS_TABLE]).fetchone():
        return None
    rows = db.execute(f"SELECT name FROM {_MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])
    return frozenset(row[0] for row in rows)


def foreign_objects(db: Database, applied: frozenset[str] = frozenset(MIGRATION_NAMES)) -> list[str]:
    """Objects of *db* the migrations of *applied* do not make, or make differently ("trigger
    wipe_out", "table beads" with other columns)."""
    known = known_objects(applied)
    return sorted(
        f"{kind} {name}" for (kind, name), shape in schema_objects(db).items() if known.get((kind, name), "?") != shape
    )


def unknown_values(db: Database) -> str | None:
    """The first name the workbench does not know in a column it reads as a name, described
    ("table beads holds status 'weird'"), or None."""
    for (table, column), names in _NAMED_VALUES.items():
        known = {str(name) for name in names}
        rows = db.execute(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall()
        strange = sorted(str(value) for (value,) in rows if value not in known)
        if strange:
            return f"table {table} holds {column} {strange[0]!r}, which the workbench never writes"
    return None


def missing_objects(db: Database) -> list[str]:
    """Objects the migrations make that *db* lacks (call once every migration is applied)."""
    found = schema_objects(db)
    return sorted(f"{kind} {name}" for kind, name in known_objects() if (kind, name) not in found)


def passes_quick_check(db: Database) -> bool:
    """SQLite's `PRAGMA quick_check`: page and record structure (a truncated or scribbled file fails)."""
    return db.execute("PRAGMA quick_check").fetchall() == [("ok",)]


def listing(objects: list[str], shown: int = 5) -> str:
    """"table a, view b and 3 more"."""
    if len(objects) <= shown:
        return ", ".join(objects)
    return f"{', '.join(objects[:shown])} and {len(objects) - shown} more"
