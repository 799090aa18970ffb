"""What a project file must pass before the workbench uses it (DESIGN §11): it holds only the
database objects our migrations make (a file from someone else may carry triggers that would
run on our writes, or views), none of them is missing, and SQLite's quick check finds nothing.

Each check returns what it found; `alignments.store.project_file` words the refusal. sqlite-utils only.
"""

from __future__ import annotations

import functools

from sqlite_utils import Database

from alignments.store.schema import migrations

_COMPARED_BY_SQL = ("trigger", "view")
_SQLITE_OWN = ("table", "index")  # sqlite_sequence, sqlite_stat1, sqlite_autoindex_…: SQLite's bookkeeping

SchemaObjects = dict[tuple[str, str], str | None]


@functools.cache
def known_objects() -> SchemaObjects:
    """(type, name) of every object the migrations make, with the SQL of its triggers and views."""
    db = Database(memory=True, execute_plugins=False)
    migrations.apply(db)
    objects = schema_objects(db)
    db.close()
    return objects


def schema_objects(db: Database) -> SchemaObjects:
    """The objects of *db* but SQLite's own; triggers and views with their SQL (white space folded)."""
    rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    return {
        (kind, name): " ".join((sql or "").split()) if kind in _COMPARED_BY_SQL else None
        for kind, name, sql in rows
        if not (kind in _SQLITE_OWN and name.startswith("sqlite_"))
    }


def foreign_objects(db: Database) -> list[str]:
    """Objects of *db* the migrations do not make, or make differently ("trigger wipe_out")."""
    known = known_objects()
    return sorted(
        f"{kind} {name}" for (kind, name), sql in schema_objects(db).items() if known.get((kind, name), "?") != sql
    )


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
