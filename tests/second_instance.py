"""A second Translation Workbench process on a project (tests/project_holder.py), for the tests
of two instances on one file: start it, tell it what to do, and the refusal it causes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = Path(__file__).with_name("project_holder.py")


def start_holder(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HOLDER), str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


@contextmanager
def holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with *path* open for changes, until the block ends."""
    child = start_holder(path)
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def tell(child: subprocess.Popen[str], command: str) -> str:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(command + "\n")
    child.stdin.flush()
    return child.stdout.readline()


def locked_message(path: Path, pid: int) -> str:
    return f"{path} is open in another Translation Workbench (process {pid}); close it there first."
