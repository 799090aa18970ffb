"""Exports are atomic and never overwrite silently (DESIGN §11): whatever stops an export half
way (a full disk, a size limit, an error, a SIGKILL), the file that was there is intact and no
temporary file is left behind (but after a SIGKILL, which no program can clean up after)."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, Runner, Templates, invoke

PRECIOUS = b"the user's own file\n"
SIZE_LIMIT = 40_000  # bytes: room for the project's side files, not for the export


def letter_six_times_over(path: Path) -> None:
    for name, text in (("de.txt", GERMAN_LETTER), ("en.txt", ENGLISH_SEED)):
        (path.parent / name).write_text((text.read_text("utf-8") + "\n\n") * 6, "utf-8")
    assert invoke("new", path, "--source", path.parent / "de.txt", "--target", path.parent / "en.txt", "--no-align").code == 0


@pytest.fixture
def project(tmp_path: Path, templates: Templates) -> Path:
    """A project of 330 beads (the letter six times over), its CSV export about 80 kB."""
    return templates.copy(letter_six_times_over, tmp_path / "p.wbproj")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def limited_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (SIZE_LIMIT, SIZE_LIMIT))


@pytest.mark.parametrize("format_", ["csv", "tsv"])
def test_a_write_failing_half_way_leaves_the_old_file_and_no_temporary_one(project: Path, format_: str, run: Runner) -> None:
    out = project.parent / "out.csv"
    out.write_bytes(PRECIOUS)
    run("pairs", project)  # the read-only side files exist before the size limit applies
    before = listing(project.parent)
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "export", str(project), "-o", str(out), "--format", format_, "--force"],
        preexec_fn=limited_file_size, capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: {out} cannot be written: File too large.\n")
    assert out.read_bytes() == PRECIOUS
    assert listing(project.parent) == before


def test_an_error_while_exporting_leaves_the_old_file_and_no_temporary_one(project: Path, tmp_path: Path, run: Runner) -> None:
    assert run("new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")[0] == 0
    out = tmp_path / "out.ladder"
    out.write_bytes(PRECIOUS)
    run("pairs", project)  # the read-only side files exist before
    before = listing(tmp_path)
    assert run("export", project, "-o", out, "--format", "ladder", "--force") == (
        1, "", "Error: A ladder file holds one pair; this project has 2 (choose one with --pair).\n"
    )
    assert out.read_bytes() == PRECIOUS and listing(tmp_path) == before


def test_export_pair_writes_that_pair_only(project: Path, tmp_path: Path, run: Runner) -> None:
    assert run("new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")[0] == 0
    out = tmp_path / "second.ladder"
    code, _, stderr = run("export", project, "-o", out, "--format", "ladder", "--pair", "2")
    assert code == 0 and stderr == f"Wrote {len(out.read_text('utf-8').splitlines())} beads to {out}.\n"
    assert run("export", project, "--pair", "7") == (1, "", "Error: There is no pair 7 in this project; `workbench pairs` lists them.\n")


@pytest.mark.parametrize(
    ("name", "arrange", "force", "message"),
    [
        ("out.csv", lambda out: out.write_bytes(PRECIOUS), False, "{out} already exists; choose another name or overwrite it (--force)."),
        ("out.csv", lambda out: out.mkdir(), False, "{out} is a folder."),
        ("out.csv", lambda out: out.mkdir(), True, "{out} is a folder."),
        ("missing/out.csv", lambda out: None, True, "{out} cannot be written: No such file or directory."),
        ("out.csv", os.mkfifo, True, "{out} is a named pipe (FIFO); an export is written to a file only."),
        ("out.csv", lambda out: (out.symlink_to(out.with_name("b")), out.with_name("b").symlink_to(out)), True,
         "{out} is a symbolic link that loops; an export is written to a file only."),
        ("x" * 300 + ".csv", lambda out: None, True, "{out} cannot be written: File name too long."),
        ("link.csv", lambda out: out.symlink_to(out.with_name("target.csv")), False,
         "{out} already exists; choose another name or overwrite it (--force)."),
    ],
    ids=["existing file", "existing folder", "folder with --force", "missing folder", "a named pipe", "a symbolic link loop",
         "a name too long", "a symbolic link to nothing"],
)
def test_the_output_is_never_replaced_silently(
    project: Path, tmp_path: Path, name: str, arrange: object, force: bool, message: str
, run: Runner) -> None:
    out = tmp_path / name
    arrange(out)  # type: ignore[operator]
    run("pairs", project)  # the read-only side files exist before
    before = listing(tmp_path)
    expected = (1, "", f"Error: {message.format(out=out)}\n")
    assert run("export", project, "-o", out, *(["--force"] if force else [])) == expected
    assert listing(tmp_path) == before
    if os.path.isfile(out):
        assert out.read_bytes() == PRECIOUS


def wait_for_temporary_file(folder: Path, name: str, child: subprocess.Popen[bytes]) -> None:
    """Until the export has opened its hidden temporary file (or ended)."""
    while not any(folder.glob(f".{name}.*")) and child.poll() is None:
        time.sleep(0.001)


@pytest.mark.slow
def test_an_export_killed_at_any_moment_leaves_the_old_file_or_the_whole_new_one(tmp_path: Path, run: Runner) -> None:
    for name, text in (("de.txt", GERMAN_LETTER), ("en.txt", ENGLISH_SEED)):
        (tmp_path / name).write_text((text.read_text("utf-8") + "\n\n") * 120, "utf-8")
    project = tmp_path / "long.wbproj"
    assert run("new", project, "--source", tmp_path / "de.txt", "--target", tmp_path / "en.txt", "--no-align")[0] == 0
    started = time.perf_counter()
    assert run("export", project, "-o", tmp_path / "whole.csv")[0] == 0
    writing = time.perf_counter() - started  # about how long the writing phase lasts
    whole = (tmp_path / "whole.csv").read_bytes()
    rng, outcomes = random.Random(11), {"old": 0, "new": 0}
    for kill in range(12):
        out = tmp_path / f"out-{kill}.csv"
        out.write_bytes(PRECIOUS)
        child = subprocess.Popen([sys.executable, "-m", "workbench", "export", str(project), "-o", str(out), "--force"],
                                 stderr=subprocess.DEVNULL)
        wait_for_temporary_file(tmp_path, out.name, child)
        time.sleep(rng.uniform(0, 1.2 * writing))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        found = out.read_bytes()
        assert found in (PRECIOUS, whole)
        outcomes["old" if found == PRECIOUS else "new"] += 1
    beads = len(whole.splitlines()) - 1
    print(f"\nexport kills ({beads} beads, written in about {writing:.2f} s): {outcomes['old']} left the old file,"
          f" {outcomes['new']} the whole new one; never a part")


@pytest.mark.parametrize("device", ["/dev/stdout", "/dev/null", "/dev/zero", "/dev/fd/1"])
def test_an_export_to_a_device_or_stream_is_refused_not_waited_on(project: Path, device: str) -> None:
    """`-o /dev/stdout` hung for ever (it was opened to be sniffed); with --force it would replace /dev/stdout."""
    expected = f"Error: {device} is a stream or device of the system, not a file; leave -o out to write to standard output.\n"
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "export", str(project), "-o", device, "--force"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", expected)
    assert os.path.islink("/dev/stdout")


def test_force_over_a_symbolic_link_replaces_the_link_and_says_so(project: Path, tmp_path: Path, run: Runner) -> None:
    target = tmp_path / "target.csv"
    target.write_bytes(PRECIOUS)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, stderr = run("export", project, "-o", link, "--force")
    assert (code, stderr) == (0, f"Wrote 330 beads to {link} (in place of the symbolic link that was there;"
                                 " the file it led to is unchanged).\n")
    assert target.read_bytes() == PRECIOUS and not link.is_symlink()
    assert link.read_text("utf-8").startswith("pair,bead,source")


def test_no_export_replaces_a_project_even_with_force(project: Path, tmp_path: Path, run: Runner) -> None:
    """Not the project itself, not its side files, not another project."""
    other = tmp_path / "other.wbproj"
    assert run("new", other, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")[0] == 0
    run("pairs", project)  # the side files exist
    hard_link = tmp_path / "hard-link.csv"
    os.link(project, hard_link)
    before = {path: path.read_bytes() for path in (project, other)}
    itself = "is the project itself (or one of its files); choose another name for the export."
    cases = {
        project: itself,
        Path(f"{project}-wal"): itself,
        project.parent / "." / project.name: itself,
        hard_link: itself,
        other: "is a database (perhaps a project); an export never replaces one.",
    }
    for out, refusal in cases.items():
        assert run("export", project, "-o", out, "--force") == (1, "", f"Error: {out} {refusal}\n")
    assert {path: path.read_bytes() for path in before} == before
    assert run("pairs", project)[0] == 0 and run("pairs", other)[0] == 0
