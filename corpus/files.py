"""Opening a user's file without surprises: only a regular file is read (a named pipe would block
for ever, a device such as /dev/zero never ends), and opening never waits on the way. Callers word
the refusal for their own kind of file. Standard library only.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFileError(OSError):
    """*path* exists but is a folder, a named pipe, a device or a socket; `kind` says which."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"{kind}, not a regular file", str(path))
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """What a file of *mode* is, in words, when it is not a regular file ("a folder"); else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path | str, flags: int = os.O_RDONLY) -> int:
    """A descriptor of the regular file *path* (NotRegularFileError for anything else; the open
    itself never blocks, so a named pipe without a writer is refused, not waited on)."""
    descriptor = os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        kind = kind_of(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise NotRegularFileError(path, kind)
        os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of the regular file *path* (the first *limit* of them, if given)."""
    with open(open_regular(path), "rb") as handle:
        return handle.read() if limit is None else handle.read(limit)


def existing_kind(path: Path | str) -> str | None:
    """What *path* is when it exists and is no regular file ("a device", "a symbolic link that
    loops"...), without opening it; None for a regular file or nothing at all (a link to nothing
    included)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops"
        raise
    return kind_of(mode)
