"""Opening and creating the project file: one SQLite database that must be ours and not newer
than this version. Sets the connection up once (WAL, foreign keys, full sync, untrusted schema)
and turns every SQLite failure on the way into a ProjectError with a message for the user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from alignments.schema import APPLICATION_ID, MIGRATION_NAMES, migrations

PROJECT_SUFFIX = ".wbproj"
_SQLITE_HEADER = b"SQLite format 3\x00"


class ProjectError(Exception):
    """A project file that cannot be created or opened; the message is meant for the user."""


def create_database(path: Path) -> Database:
    """A new, empty project at *path*; refuses to touch an existing file."""
    if path.exists():
        raise ProjectError(f"{path} already exists; choose another name or remove it first.")
    if not path.parent.is_dir():
        raise ProjectError(f"{path.parent} is not a folder that exists.")
    try:
        db = _connect(path, "rwc")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.apply(db)
    except sqlite3.Error as error:
        path.unlink(missing_ok=True)
        raise ProjectError(f"{path} cannot be created: {error}.") from None
    return db


def memory_database() -> Database:
    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def open_database(path: Path) -> Database:
    """The project at *path*, upgraded to this version's schema if it is older."""
    _check_header(path)
    try:
        db = _connect(path, "rw")
        _check_ours(db, path)
        migrations.apply(db)
    except sqlite3.Error as error:
        raise ProjectError(f"{path} cannot be opened: {error}.") from None
    return db


def remove_project_files(path: Path) -> None:
    """Delete a project file and SQLite's side files (-wal, -shm) if they exist."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _check_header(path: Path) -> None:
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such project file.") from None
    except OSError as error:
        raise ProjectError(f"{path} cannot be read: {error.strerror or error}.") from None
    if header != _SQLITE_HEADER:
        raise ProjectError(f"{path} is not a Translation Workbench project.")


def _connect(path: Path, mode: str) -> Database:
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    connection = sqlite3.connect(uri, uri=True)
    db = Database(connection, execute_plugins=False)
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA journal_mode = WAL")
    return db


def _check_ours(db: Database, path: Path) -> None:
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        db.close()
        raise ProjectError(f"{path} is not a Translation Workbench project.")
    applied = {migration.name for migration in migrations.applied(db)}
    if applied - set(MIGRATION_NAMES):
        db.close()
        raise ProjectError(
            f"{path} was made by a newer version of Translation Workbench; update the workbench to open it."
        )
