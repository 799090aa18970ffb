"""Who may change a project file: one writer at a time, across processes (DESIGN §11).

The writer holds an advisory lock (`flock`) on the database file itself, so every path that
leads to it (a hard link, a symbolic link, the folder reached another way) meets the same lock.
`flock` locks are apart from SQLite's own POSIX locks; the descriptor holding ours is closed
only after SQLite's connection (closing it earlier would drop SQLite's locks of this process).
A side file `PROJECT-lock` beside the real file names the holder ("PID HOST") for a workbench
on another host; on this host the kernel's lock table names it. The side file is never followed
if it is a symbolic link and never used unless it is a regular file. The kernel drops the lock
when the holder closes it or dies, so a lock left by a killed process is taken over at once; a
clean release also removes the side file. Standard library only; POSIX (without `fcntl`, no lock).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from corpus.files import kind_of, open_regular

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = "-lock"
_KERNEL_LOCKS = Path("/proc/locks")
_SIDE_FLAGS = os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class LockHeld(Exception):
    """Someone else holds the lock; *holder* is who ("PID HOST", or "" when unknown)."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


class UnsafeLockFile(Exception):
    """The side file's place holds something that is not a lock file (a symbolic link, a
    folder...): it is neither followed nor touched."""

    def __init__(self, side: Path, kind: str) -> None:
        super().__init__(f"{side} is {kind}")
        self.side = side
        self.kind = kind


def lock_path(path: Path) -> Path:
    """The side file naming the holder of *path*'s lock (beside the file links lead to)."""
    return Path(f"{os.path.realpath(path)}{LOCK_SUFFIX}")


def holder_id(pid: int | None = None) -> str:
    """What a lock holder is called: "PID HOST" (this process by default)."""
    return f"{os.getpid() if pid is None else pid} {socket.gethostname()}"


class ProjectLock:
    """The write lock of one project file, held by this process until `release`."""

    def __init__(self, path: Path, descriptor: int | None, side: Path | None = None) -> None:
        self.path = path
        self._descriptor = descriptor
        self._side = side

    @classmethod
    def acquire(cls, path: Path) -> ProjectLock:
        """Take the lock of the existing file *path*; LockHeld when another open file holds it,
        UnsafeLockFile for a side file that is not one, OSError when a file cannot be opened
        (NotRegularFileError for a folder, a pipe or a device)."""
        if fcntl is None:  # pragma: no cover - Windows
            return cls(path, None)
        return cls._locked(path, open_regular(path))

    @classmethod
    def create(cls, path: Path) -> ProjectLock:
        """Make *path* a new, empty file and take its lock (FileExistsError if anything is there,
        a symbolic link included)."""
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        if fcntl is None:  # pragma: no cover - Windows
            os.close(descriptor)
            return cls(path, None)
        try:
            return cls._locked(path, descriptor)
        except BaseException:
            Path(path).unlink(missing_ok=True)
            raise

    @classmethod
    def _locked(cls, path: Path, descriptor: int) -> ProjectLock:
        try:
            side = lock_path(path)
            if not _try_lock(descriptor):
                raise LockHeld(_holder(descriptor, side))
            _write_holder(side)
        except BaseException:
            os.close(descriptor)
            raise
        return cls(path, descriptor, side)

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def release(self) -> None:
        """Remove the side file, then drop the lock (a second release does nothing)."""
        if self._descriptor is None:
            return
        if self._side is not None:
            self._side.unlink(missing_ok=True)
        os.close(self._descriptor)
        self._descriptor = None


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _write_holder(side: Path) -> None:
    """Name this process in the side file: a new one made afresh, an old one (left by a killed
    holder) overwritten only if it is a regular file; a symbolic link is never followed."""
    try:
        descriptor, new = os.open(side, _SIDE_FLAGS | os.O_CREAT | os.O_EXCL, 0o644), True
    except FileExistsError:
        descriptor, new = _open_old_side(side), False
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{holder_id()}\n".encode(), 0)
    except OSError:  # a full disk
        if new:
            side.unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)


def _open_old_side(side: Path) -> int:
    kind = "a symbolic link" if side.is_symlink() else kind_of(os.lstat(side).st_mode)
    if kind is not None:
        raise UnsafeLockFile(side, kind)
    descriptor = os.open(side, _SIDE_FLAGS)
    if kind_of(os.fstat(descriptor).st_mode) is not None:  # replaced meanwhile
        os.close(descriptor)
        raise UnsafeLockFile(side, "not a regular file")
    return descriptor


def _holder(descriptor: int, side: Path) -> str:
    """Who holds the lock on the file of *descriptor*: the kernel's lock table knows a holder
    on this host; a holder elsewhere (a network file system) is read from the side file."""
    pid = _kernel_holder(descriptor)
    return holder_id(pid) if pid is not None else _side_holder(side)


def _kernel_holder(descriptor: int) -> int | None:
    """The process holding a `flock` on the file of *descriptor*, from /proc/locks (Linux)."""
    status = os.fstat(descriptor)
    wanted = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        lines = _KERNEL_LOCKS.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == wanted and fields[4].isdigit():
            return int(fields[4])
    return None


def _side_holder(side: Path) -> str:
    try:
        descriptor = os.open(side, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return ""
    try:
        if kind_of(os.fstat(descriptor).st_mode) is not None:
            return ""
        return os.pread(descriptor, 300, 0).decode("utf-8", "replace").strip()
    finally:
        os.close(descriptor)
