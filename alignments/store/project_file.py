"""Opening and creating the project file: one SQLite database that must be ours, whole, holding
nothing we did not make, and not newer than this version. One writer at a time
(`alignments.store.lock`); any number of read-only views. Every check runs on a read-only
connection: nothing is written to a file (no WAL switch, no migration) before it is known to be
ours. A project on a read-only disk opens read-only only (immutable: no WAL side files). Sets
each connection up once (WAL, foreign keys, full sync, untrusted schema) and turns every failure
on the way into a ProjectError with a message for the user.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from alignments.store.checks import (
    applied_migrations,
    foreign_objects,
    listing,
    missing_objects,
    passes_quick_check,
    unknown_values,
)
from alignments.store.lock import (
    LOCK_SUFFIX,
    LockHeld,
    ProjectLock,
    UnsafeLockFile,
    holder_id,
)
from alignments.store.schema import APPLICATION_ID, MIGRATION_NAMES, migrations
from corpus.errors import UserError
from corpus.files import NotRegularFileError, read_regular

PROJECT_SUFFIX = ".wbproj"
_SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100  # a database file is never shorter than its header
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_BLANK_LOCK = threading.Lock()


class ProjectError(UserError):
    """A project file that cannot be created, opened or changed; the message is meant for the user."""


class ProjectNotWritableError(ProjectError):
    """A project that can be read but not opened for changes (a GUI may offer a read-only view)."""


class ProjectLockedError(ProjectNotWritableError):
    """The project is open for changes in another process."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(_locked_message(path, holder))
        self.path = path
        self.holder = holder


class ReadOnlyDiskError(ProjectNotWritableError):
    """The project lies on a read-only file system (a CD, a read-only mount)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is on a read-only disk; it can be opened read-only only.")
        self.path = path


class ReadOnlyProjectError(ProjectError):
    """A change asked of a project opened read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is open read-only; no change can be saved to it.")
        self.path = path


class OpenedProject(NamedTuple):
    """A connection to a project file, and its write lock (None when read-only or in memory)."""

    db: Database
    lock: ProjectLock | None


def is_database(path: Path) -> bool:
    """Whether *path* is an SQLite file (a project, maybe someone else's): never to be overwritten
    by an export. Only a regular file is read."""
    try:
        return read_regular(path, len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def project_files(path: Path) -> list[Path]:
    """A project file with the side files SQLite and the lock keep beside it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", LOCK_SUFFIX)]


def check_new_project(path: Path) -> None:
    """Refuse a path that exists already (a symbolic link too) or whose folder does not."""
    try:
        if os.path.lexists(path):
            raise _exists(path)
        if not path.parent.is_dir():
            raise ProjectError(f"{path.parent} is not a folder that exists.")
    except OSError as error:
        raise _unusable(path, error) from None


def create_database(path: Path) -> OpenedProject:
    """A new, empty project at *path*, locked for this process; refuses to touch an existing file."""
    check_new_project(path)
    try:
        lock = _lock(path, creating=True)
    except FileExistsError:  # made by someone else meanwhile
        raise _exists(path) from None
    except OSError as error:
        raise ProjectError(f"{path} cannot be created: {error.strerror or error}.") from None
    with _released_on_failure(lock):
        db: Database | None = None
        try:
            db = _connect(path, "rwc")
            _set_up_for_writing(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.apply(db)
        except sqlite3.Error as error:
            if db is not None:
                db.close()
            remove_project_files(path, lock)
            raise ProjectError(f"{path} cannot be created: {error}.") from None
    return OpenedProject(db, lock)


def memory_database() -> Database:
    """A new project in memory: a copy of a blank one migrated once per process (migrating
    each time costs a hundred times more, and `workbench batch` makes one per pair)."""
    connection = sqlite3.connect(":memory:")
    with _BLANK_LOCK:
        _blank_memory_project().backup(connection)
    db = Database(connection, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    return db


@functools.cache
def _blank_memory_project() -> sqlite3.Connection:
    db = Database(sqlite3.connect(":memory:", check_same_thread=False), execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db.conn


def open_database(path: Path, read_only: bool = False) -> OpenedProject:
    """The project at *path*: for changes (locked for this process, upgraded to this version's
    schema if older) or read-only (no lock; SQLite refuses every write). On a read-only disk
    only read-only (ReadOnlyDiskError otherwise), and then immutable."""
    _check_header(path)
    on_read_only_disk = _on_read_only_disk(path)
    if on_read_only_disk and not read_only:
        raise ReadOnlyDiskError(path)
    if on_read_only_disk:
        _check_nothing_unsaved(path)
    lock = None if read_only else _lock(path)
    with _released_on_failure(lock):
        return OpenedProject(_open_checked(path, read_only, on_read_only_disk), lock)


def write_back(db: Database, path: Path) -> None:
    """Write every commit in the write-ahead log into the database file itself (before the file
    is moved: its `-wal` would not follow); a full disk refuses it (ProjectError)."""
    try:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as error:
        raise ProjectError(f"{path} cannot be created: {error}.") from None
    if busy:
        raise ProjectError(f"{path} cannot be created: the new file is busy.")


@contextmanager
def storage_errors(path: Path | None) -> Iterator[None]:
    """SQLite's failures while a checked project is in use (a full disk, an I/O error) as one
    ProjectError; the transaction they broke was rolled back."""
    try:
        yield
    except sqlite3.Error as error:
        raise ProjectError(f"{path or 'The project'} cannot be saved: {error}.") from None


def remove_project_files(path: Path, lock: ProjectLock | None = None) -> None:
    """Delete a project file with SQLite's side files (-wal, -shm) if they exist; refuses
    (ProjectLockedError) while another process has the project open. *lock*: ours, if held.
    Side files left without their project (by a killed run) go too."""
    present = [file for file in project_files(path) if os.path.lexists(file)]
    if not present:
        return
    held = lock if lock is not None and lock.held else _lock(path) if path in present else None
    for file in present:
        file.unlink(missing_ok=True)
    if held is not None:
        held.release()


def _lock(path: Path, creating: bool = False) -> ProjectLock:
    """The lock of the existing file *path* (or, *creating*, of a new one made with it): every
    refusal worded for the user but the OSErrors of making a file."""
    try:
        return ProjectLock.create(path) if creating else ProjectLock.acquire(path)
    except LockHeld as held:
        raise ProjectLockedError(path, held.holder) from None
    except UnsafeLockFile as unsafe:
        raise ProjectError(
            f"{path} cannot be opened for changes: {unsafe.side} is {unsafe.kind}, not a lock file;"
            " it is left as it is (remove it if it is not yours)."
        ) from None
    except NotRegularFileError as error:
        raise _not_a_file(path, error.kind) from None
    except OSError as error:
        if creating:
            raise
        raise ProjectError(f"{path} cannot be opened for changes ({error.strerror or error}); open it read-only.") from None


@contextmanager
def _released_on_failure(lock: ProjectLock | None) -> Iterator[None]:
    try:
        yield
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open_checked(path: Path, read_only: bool, immutable: bool = False) -> Database:
    """Checked on a read-only connection first; reopened for writing only once known ours."""
    checking = _connected(path, "ro", immutable)
    with _closed_on_failure(checking, path):
        _check_ours(checking, path, read_only)
        if read_only:
            _check_complete(checking, path)
            return checking
    checking.close()
    db = _connected(path, "rw")
    with _closed_on_failure(db, path):
        _set_up_for_writing(db)
        migrations.apply(db)
        _check_complete(db, path)
    return db


def _connected(path: Path, mode: str, immutable: bool = False) -> Database:
    try:
        return _connect(path, mode, immutable)
    except sqlite3.Error as error:
        raise _cannot_open(path, error) from None


@contextmanager
def _closed_on_failure(db: Database, path: Path) -> Iterator[None]:
    """Close *db* on any failure; SQLite's own errors become a ProjectError."""
    try:
        yield
    except sqlite3.Error as error:
        db.close()
        raise _cannot_open(path, error) from None
    except BaseException:
        db.close()
        raise


def _check_header(path: Path) -> None:
    try:
        header = read_regular(path, _HEADER_SIZE)
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such project file.") from None
    except NotRegularFileError as error:
        raise _not_a_file(path, error.kind) from None
    except OSError as error:
        raise _unusable(path, error) from None
    if not header.startswith(_SQLITE_HEADER):
        raise _not_ours(path)
    if len(header) < _HEADER_SIZE:
        raise _damaged(path, "cut short")


def _on_read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _check_nothing_unsaved(path: Path) -> None:
    """An immutable open reads the database file alone: commits still in its `-wal` would be missed."""
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        raise ProjectError(
            f"{path} has changes in {wal.name} that were never written into it, and its disk is read-only;"
            " copy both files to a writable folder and open it there."
        )


def _connect(path: Path, mode: str, immutable: bool = False) -> Database:
    """A connection that trusts nothing in the file's schema and changes nothing yet."""
    uri = f"{path.resolve().as_uri()}?mode={mode}{'&immutable=1' if immutable else ''}"
    connection = sqlite3.connect(uri, uri=True)
    db = Database(connection, execute_plugins=False)
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA foreign_keys = ON")
    if mode == "ro":
        db.execute("PRAGMA query_only = ON")
    return db


def _set_up_for_writing(db: Database) -> None:
    """Every commit on disk before it returns, and readers never blocked by the writer."""
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA journal_mode = WAL")


def _check_ours(db: Database, path: Path, read_only: bool) -> None:
    """Ours, not newer, nothing foreign inside, whole; read-only: already up to date."""
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise _not_ours(path)
    applied = applied_migrations(db)
    if applied is None:
        raise _not_ours(path)
    if applied - set(MIGRATION_NAMES):
        raise ProjectError(
            f"{path} was made by a newer version of Translation Workbench; update the workbench to open it."
        )
    foreign = foreign_objects(db, applied)
    if foreign:
        raise ProjectError(
            f"{path} holds database objects that Translation Workbench did not make ({listing(foreign)});"
            " it is not opened, for safety."
        )
    if not passes_quick_check(db):
        raise _damaged(path, "it fails SQLite's integrity check")
    if read_only and set(MIGRATION_NAMES) - applied:
        raise ProjectError(
            f"{path} was made by an older version of Translation Workbench; open it for changes once to bring it up to date."
        )


def _check_complete(db: Database, path: Path) -> None:
    missing = missing_objects(db)
    if missing:
        raise _damaged(path, f"missing {listing(missing)}")
    unknown = unknown_values(db)
    if unknown:
        raise _damaged(path, unknown)


def _exists(path: Path) -> ProjectError:
    return ProjectError(f"{path} already exists; choose another name or remove it first.")


def _not_a_file(path: Path, kind: str) -> ProjectError:
    return ProjectError(f"{path} is {kind}, not a project file.")


def _unusable(path: Path, error: OSError) -> ProjectError:
    """A name the system will not use (too long, a loop of links) or a file it will not read."""
    return ProjectError(f"{path} cannot be used: {error.strerror or error}.")


def _not_ours(path: Path) -> ProjectError:
    return ProjectError(f"{path} is not a Translation Workbench project.")


def _damaged(path: Path, detail: str) -> ProjectError:
    return ProjectError(f"{path} cannot be opened: the file is damaged ({detail}); restore it from a backup.")


def _cannot_open(path: Path, error: sqlite3.Error) -> ProjectError:
    if getattr(error, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES:
        return _damaged(path, str(error))
    return ProjectError(f"{path} cannot be opened: {error}.")


def _locked_message(path: Path, holder: str) -> str:
    if holder == holder_id():
        return f"{path} is already open in this Translation Workbench."
    pid, _, host = holder.partition(" ")
    own_host = holder_id().partition(" ")[2]
    where = "" if not pid.isdigit() else f" (process {pid})" if host == own_host else f" (process {pid} on {host})"
    return f"{path} is open in another Translation Workbench{where}; close it there first."
