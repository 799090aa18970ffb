"""Two workbenches on one project (DESIGN §11): a second writer is refused with a clear message,
a read-only view works beside the writer, and a lock left by a killed process is taken over.
Every "other instance" here is a real second process (tests/project_holder.py)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from alignments.ladder.beads import BeadStatus
from alignments.planning.bead_planner import Planner
from alignments.planning.sample_project import (
    ensure_sample_project,
    sample_project_path,
)
from alignments.store.lock import lock_path
from alignments.store.project_file import (
    ProjectError,
    ProjectLockedError,
    ReadOnlyProjectError,
    remove_project_files,
)
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, Runner
from tests.gold import gold_project
from tests.second_instance import holder, locked_message, start_holder, tell


def test_a_second_writer_is_refused_and_told_who_holds_the_file(project: Path) -> None:
    with holder(project) as child:
        with pytest.raises(ProjectLockedError) as caught:
            ProjectStore.open(project)
        assert str(caught.value) == locked_message(project, child.pid)
        assert lock_path(project).read_text().split()[0] == str(child.pid)


def test_a_read_only_view_beside_the_writer_sees_its_commits_and_writes_nothing(project: Path) -> None:
    with holder(project) as child:
        viewer = ProjectStore.open(project, read_only=True)
        pair_id = viewer.pairs()[0].id
        before = viewer.ladder(pair_id)
        assert tell(child, "confirm") == "confirmed\n"
        seen = viewer.ladder(pair_id)
        assert seen == [before[0].with_status(BeadStatus.CONFIRMED), *before[1:]]
        edit = Planner(viewer, pair_id).set_status([seen[1].id], BeadStatus.CONFIRMED)
        with pytest.raises(ReadOnlyProjectError) as caught:
            viewer.apply(edit)
        assert str(caught.value) == f"{project} is open read-only; no change can be saved to it."
        with pytest.raises(sqlite3.OperationalError, match="attempt to write a readonly database"):
            viewer.db.execute("DELETE FROM beads")
        assert viewer.ladder(pair_id) == seen
        viewer.close()
        assert tell(child, "exit") == ""
    reopened = ProjectStore.open(project)
    assert reopened.ladder(pair_id) == seen
    reopened.close()


def test_the_cli_reads_beside_the_writer_and_refuses_to_write(project: Path, tmp_path: Path, run: Runner) -> None:
    with holder(project) as child:
        code, stdout, _ = run("pairs", project)
        assert (code, stdout.split(":")[0]) == (0, "pair 1")
        code, _, stderr = run("export", project, "-o", tmp_path / "out.csv")
        assert (code, stderr) == (0, f"Wrote 55 beads to {tmp_path / 'out.csv'}.\n")
        code, stdout, stderr = run("new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
        assert (code, stdout, stderr) == (1, "", f"Error: {locked_message(project, child.pid)}\n")
    store = ProjectStore.open(project, read_only=True)
    assert [p.id for p in store.pairs()] == [1]
    store.close()


def test_a_lock_left_by_a_killed_process_is_taken_over(project: Path) -> None:
    with holder(project) as child:
        child.kill()
        child.wait(timeout=30)
        assert lock_path(project).read_text().split()[0] == str(child.pid)  # the side file stays behind
        store = ProjectStore.open(project)
        assert lock_path(project).read_text().split()[0] != str(child.pid)
        store.close()
    assert not lock_path(project).exists()


def test_a_clean_close_leaves_no_lock_behind(project: Path) -> None:
    with holder(project) as child:
        assert lock_path(project).exists()
        assert tell(child, "exit") == ""
        assert child.wait(timeout=30) == 0
    assert sorted(p.name for p in project.parent.iterdir()) == ["shared.wbproj"]


def test_the_same_process_cannot_open_it_twice_for_changes(project: Path) -> None:
    first = ProjectStore.open(project)
    with pytest.raises(ProjectLockedError) as caught:
        ProjectStore.open(project)
    assert str(caught.value) == f"{project} is already open in this Translation Workbench."
    reader = ProjectStore.open(project, read_only=True)
    assert reader.pairs() == first.pairs()
    reader.close()
    first.close()
    ProjectStore.open(project).close()


def test_a_project_another_process_holds_is_never_removed(project: Path) -> None:
    size = project.stat().st_size
    with holder(project) as child:
        with pytest.raises(ProjectLockedError) as caught:
            remove_project_files(project)
        assert str(caught.value) == locked_message(project, child.pid)
        assert project.stat().st_size == size
    remove_project_files(project)
    assert list(project.parent.iterdir()) == []


def test_the_sample_project_open_elsewhere_is_left_alone(tmp_path: Path, run: Runner) -> None:
    path = gold_project(sample_project_path(tmp_path))
    modified = path.stat().st_mtime_ns
    with holder(path) as child:
        assert ensure_sample_project(tmp_path) == path
        assert path.stat().st_mtime_ns == modified
        code, _, stderr = run("new", path, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
        assert (code, stderr) == (1, f"Error: {locked_message(path, child.pid)}\n")


@pytest.mark.slow
def test_of_many_processes_racing_to_open_exactly_one_writes(project: Path) -> None:
    children = [start_holder(project) for _ in range(8)]
    try:
        first_lines = [child.stdout.readline() for child in children]  # type: ignore[union-attr]
        winners = [child for child, line in zip(children, first_lines) if line == "ready\n"]
        assert len(winners) == 1
        refusal = f"refused: {locked_message(project, winners[0].pid)}\n"
        assert sorted(first_lines) == sorted(["ready\n"] + [refusal] * 7)
    finally:
        for child in children:
            child.kill()
            child.wait(timeout=30)


LINKS = {
    "a hard link": lambda project, link: os.link(project, link),
    "a symbolic link": lambda project, link: link.symlink_to(project),
    "a symbolic link to its folder": lambda project, link: None,
}


def other_path(project: Path, how: str) -> Path:
    """Another name for *project*: a hard link, a symbolic link, or the file through a linked folder."""
    if how == "a symbolic link to its folder":
        folder = project.parent / "elsewhere"
        folder.symlink_to(project.parent, target_is_directory=True)
        return folder / project.name
    link = project.parent / "other-name.wbproj"
    LINKS[how](project, link)
    return link


@pytest.mark.parametrize("how", LINKS)
def test_every_path_to_the_file_meets_the_same_lock(project: Path, how: str, run: Runner) -> None:
    """Through a hard link, two writers each got every edit acknowledged and corrupted the file."""
    link = other_path(project, how)
    with holder(link) as child:
        with pytest.raises(ProjectLockedError) as caught:
            ProjectStore.open(project)
        assert str(caught.value) == locked_message(project, child.pid)
        code, stdout, stderr = run("new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
        assert (code, stdout, stderr) == (1, "", f"Error: {locked_message(project, child.pid)}\n")
    with holder(project) as child:
        with pytest.raises(ProjectLockedError) as caught:
            ProjectStore.open(link)
        assert str(caught.value) == locked_message(link, child.pid)
    store = ProjectStore.open(link)
    assert [p.id for p in store.pairs()] == [1]
    store.close()


def planted(kind: str, place: Path, victim: Path) -> None:
    if kind == "a symbolic link":
        place.symlink_to(victim)
    elif kind == "a folder":
        place.mkdir()
    else:
        os.mkfifo(place)


@pytest.mark.parametrize("kind", ["a symbolic link", "a folder", "a named pipe (FIFO)"])
def test_what_is_planted_where_the_lock_goes_is_never_followed_or_touched(project: Path, tmp_path: Path, kind: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious\n")
    side = lock_path(project)
    planted(kind, side, victim)
    shown = "a symbolic link" if kind == "a symbolic link" else kind
    with pytest.raises(ProjectError) as caught:
        ProjectStore.open(project)
    assert str(caught.value) == (
        f"{project} cannot be opened for changes: {side} is {shown}, not a lock file;"
        " it is left as it is (remove it if it is not yours)."
    )
    assert victim.read_bytes() == b"precious\n"
    assert os.path.lexists(side)
    new = tmp_path / "new.wbproj"
    planted(kind, lock_path(new), victim)
    with pytest.raises(ProjectError, match="is left as it is"):
        ProjectStore.create(new)
    assert victim.read_bytes() == b"precious\n" and not new.exists()


def test_a_project_that_is_a_named_pipe_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.wbproj"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "a named pipe (FIFO)"), (Path("/dev/zero"), "a device")):
        for read_only in (True, False):
            with pytest.raises(ProjectError) as caught:
                ProjectStore.open(path, read_only=read_only)
            assert str(caught.value) == f"{path} is {kind}, not a project file."
