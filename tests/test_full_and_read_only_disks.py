"""Projects on a full disk and on a read-only one (DESIGN §11), for real: each test mounts a small
tmpfs of its own in a private mount namespace (tests/own_disk.py under `unshare`), so nothing
outside it sees the full or read-only disk. A full disk ends a command in one line with the
project as it was; a read-only disk opens the project read-only, and says so."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ENGLISH_APPEAL, ENGLISH_SEED, GERMAN_LETTER, GERMAN_SEED

OWN_DISK = Path(__file__).with_name("own_disk.py")
PAIR_LINE = "pair 1: Offener Brief eines Verräters, 1937 (de) → Traitor's Open Letter, 1937 (en):"


def on_own_disk(folder: Path, size: str, steps: list[list[str]]) -> dict[str, list]:
    """Carry out *steps* (see tests/own_disk.py) on a tmpfs of *size* mounted at *folder*."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a disk of its own")
    folder.mkdir()
    done = subprocess.run(
        ["unshare", "--mount", "--map-root-user", sys.executable, str(OWN_DISK), str(folder), size, json.dumps(steps)],
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"cannot mount a disk of its own here: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def one_line(result: list) -> tuple[int, str, str]:
    code, stdout, stderr = result
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    return code, stdout, stderr


@pytest.mark.parametrize("size", ["300k", "400k"])
def test_a_disk_full_while_a_new_project_is_made_leaves_nothing_but_one_line(tmp_path: Path, size: str) -> None:
    """At 400k the project was once moved into place without the commits still in its -wal."""
    disk = tmp_path / "disk"
    project = disk / "p.wbproj"
    found = on_own_disk(disk, size, [["run", "new", str(project), "--source", str(GERMAN_LETTER),
                                      "--target", str(ENGLISH_SEED), "--no-align"]])
    code, stdout, stderr = one_line(found["results"][0])
    assert (code, stdout) == (1, "")
    assert stderr in (f"Error: {project} cannot be created: database or disk is full.\n",
                      f"Error: {project} cannot be saved: database or disk is full.\n")
    assert found["files"] == []


@pytest.mark.slow  # mounts disks of its own three times over: `make test-slow`
def test_a_disk_full_during_revise_or_new_add_changes_nothing(project: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    on_disk = disk / "q.wbproj"
    found = on_own_disk(disk, "600k", [
        ["copy", str(project), on_disk.name],
        ["fill", "48"],
        ["run", "revise", str(on_disk), "--document", "2", str(ENGLISH_APPEAL)],
        ["run", "new", str(on_disk), "--add", "--source", str(GERMAN_SEED), "--target", str(ENGLISH_APPEAL), "--no-align"],
        ["remove", "filler"],
        ["run", "pairs", str(on_disk)],
        ["python", f"import sqlite3; print(sqlite3.connect({str(on_disk)!r}).execute('PRAGMA integrity_check').fetchall())"],
    ])
    full = f"Error: {on_disk} cannot be saved: database or disk is full.\n"
    assert [one_line(result) for result in found["results"][:2]] == [(1, "", full), (1, "", full)]
    pairs, integrity = found["results"][2:]
    assert pairs[0] == 0 and pairs[1].startswith(PAIR_LINE) and len(pairs[1].splitlines()) == 1
    assert integrity == [0, "[('ok',)]\n", ""]


@pytest.mark.slow  # mounts disks of its own three times over: `make test-slow`
def test_a_project_on_a_read_only_disk_opens_read_only_and_says_so(project: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    on_disk = disk / "q.wbproj"
    out = tmp_path / "out.csv"
    opened_by_the_app = (
        "from pathlib import Path; from workbench.gui import _open; "
        f"store = _open(Path({str(on_disk)!r})); print(store.read_only, len(store.pairs()))"
    )
    found = on_own_disk(disk, "1m", [
        ["copy", str(project), on_disk.name],
        ["read-only"],
        ["run", "pairs", str(on_disk)],
        ["run", "export", str(on_disk), "-o", str(out)],
        ["run", "new", str(on_disk), "--add", "--source", str(GERMAN_SEED), "--target", str(ENGLISH_APPEAL)],
        ["run", "revise", str(on_disk), "--document", "2", str(ENGLISH_APPEAL)],
        ["python", opened_by_the_app],
    ])
    pairs, export, add, revise, app = found["results"]
    assert pairs[0] == 0 and pairs[1].startswith(PAIR_LINE)
    assert export == [0, "", f"Wrote 55 beads to {out}.\n"]
    refusal = f"Error: {on_disk} is on a read-only disk; it can be opened read-only only.\n"
    assert one_line(add) == (1, "", refusal) and one_line(revise) == (1, "", refusal)
    assert app == [0, "True 1\n", f"{refusal.removeprefix('Error: ').rstrip()} Opening it read-only.\n"]
    assert found["files"] == ["q.wbproj"]


def test_unsaved_commits_on_a_read_only_disk_are_not_silently_skipped(project: Path, tmp_path: Path) -> None:
    """An immutable open reads the database file alone; commits left in its -wal would be missed."""
    disk = tmp_path / "disk"
    on_disk = disk / "q.wbproj"
    commit_and_die = (
        "import os, sqlite3; c = sqlite3.connect(" + repr(str(on_disk)) + "); c.execute('PRAGMA wal_autocheckpoint = 0');"
        " c.execute(\"INSERT INTO editor_signatures VALUES ('K. M.', '2026-12-03')\"); c.commit(); os._exit(0)"
    )
    found = on_own_disk(disk, "1m", [
        ["copy", str(project), on_disk.name],
        ["python", commit_and_die],
        ["read-only"],
        ["run", "pairs", str(on_disk)],
    ])
    assert one_line(found["results"][1]) == (1, "", (
        f"Error: {on_disk} has changes in q.wbproj-wal that were never written into it, and its disk is read-only;"
        " copy both files to a writable folder and open it there.\n"
    ))
