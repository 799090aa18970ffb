"""Who may change a project file: one writer at a time, across processes (DESIGN §11).

The writer holds an advisory lock (`flock`) on a side file `PROJECT-lock` that names it
("PID HOST"). The kernel drops the lock when the holder closes it or dies, so a lock left by a
killed process is taken over at once; a clean release also removes the side file. A side file
rather than the database itself, because closing any other descriptor of the database would
drop SQLite's own POSIX locks. Standard library only; POSIX (without `fcntl`, no lock).
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = "-lock"
_HOLDER_READS = 20
_HOLDER_WAIT = 0.005  # seconds


class LockHeld(Exception):
    """Someone else holds the lock; *holder* is what they wrote into it ("PID HOST", or "")."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def lock_path(path: Path) -> Path:
    return Path(f"{path}{LOCK_SUFFIX}")


def holder_id() -> str:
    """What this process writes into a lock it holds."""
    return f"{os.getpid()} {socket.gethostname()}"


class ProjectLock:
    """The write lock of one project file, held by this process until `release`."""

    def __init__(self, path: Path, descriptor: int | None) -> None:
        self.path = path
        self._descriptor = descriptor

    @classmethod
    def acquire(cls, path: Path) -> ProjectLock:
        """Take the lock of *path*; LockHeld when another open file holds it, OSError when the
        side file cannot be made (a read-only folder)."""
        if fcntl is None:  # pragma: no cover - Windows
            return cls(path, None)
        side = lock_path(path)
        while True:
            descriptor = os.open(side, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            if not _try_lock(descriptor):
                holder = _read_holder(descriptor)
                os.close(descriptor)
                raise LockHeld(holder)
            if _is_current(descriptor, side):
                _write_holder(descriptor)
                return cls(path, descriptor)
            os.close(descriptor)  # its holder released and removed it meanwhile: try again

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def release(self) -> None:
        """Remove the side file, then drop the lock (a second release does nothing)."""
        if self._descriptor is None:
            return
        lock_path(self.path).unlink(missing_ok=True)
        os.close(self._descriptor)
        self._descriptor = None


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_current(descriptor: int, side: Path) -> bool:
    """Whether *descriptor* is still the file at *side* (not one unlinked by its last holder)."""
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(side))
    except FileNotFoundError:
        return False


def _write_holder(descriptor: int) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{holder_id()}\n".encode(), 0)


def _read_holder(descriptor: int) -> str:
    """The holder's "PID HOST"; waits a moment for one that has just taken the lock to write it."""
    for _ in range(_HOLDER_READS):
        holder = os.pread(descriptor, 300, 0).decode("utf-8", "replace").strip()
        if holder:
            return holder
        time.sleep(_HOLDER_WAIT)
    return ""
