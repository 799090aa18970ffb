"""Killing the workbench at any moment loses at most the edit in flight (DESIGN §11).

A real child process (tests/crash_child.py) edits the sample project through the GUI's API and
says which edits it has committed; the test SIGKILLs it at random moments, mostly while it
edits, sometimes while it opens, then reopens the file as the user would: it must pass
`PRAGMA integrity_check`, hold a valid ladder for every pair, and hold exactly the acknowledged
edits (plus, perhaps, the one in flight). The next child carries on with the same file.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from alignments.ladder.beads import Bead, check_ladder
from alignments.store.project_store import ProjectStore
from tests.crash_child import decode_bead
from tests.gold import gold_project

CHILD = Path(__file__).with_name("crash_child.py")
Ladders = dict[int, dict[int, Bead]]  # pair id → bead id → bead
Edit = tuple[int, list[Bead], list[Bead]]  # pair id, removed, added
_LATEST_KILL = 0.25  # seconds after the child is ready
_EARLY_KILL_SHARE = 0.15  # kills at a random moment after start, often before the child is ready
_EARLIEST_READY = 60.0


@dataclass
class Tally:
    kills: int = 0
    before_ready: int = 0
    early: list[bool] = field(default_factory=list)  # per kill: killed at a random moment after start
    acknowledged: int = 0
    in_flight_found: int = 0
    seconds: float = 0.0
    per_kill: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.kills} kills ({self.before_ready} before the child was ready) in {self.seconds:.1f} s;"
            f" {self.acknowledged} acknowledged edits, all found; {self.in_flight_found} edits in flight found committed;"
            f" at most {max(self.per_kill, default=0)} edits acknowledged by one child"
        )


def ladders_of(store: ProjectStore) -> Ladders:
    return {pair.id: {bead.id: bead for bead in store.ladder(pair.id)} for pair in store.pairs()}


def ordered(beads: dict[int, Bead]) -> list[Bead]:
    return sorted(beads.values(), key=lambda b: (b.source_pos, b.target_pos))


def replay(ladders: Ladders, edit: Edit) -> Ladders:
    """*ladders* after *edit*, which must remove exactly what is there."""
    pair_id, removed, added = edit
    beads = dict(ladders[pair_id])
    for bead in removed:
        assert beads.pop(bead.id) == bead
    beads.update((bead.id, bead) for bead in added)
    return {**ladders, pair_id: beads}


def read_log(log: Path) -> tuple[list[Edit], Edit | None]:
    """The acknowledged edits, in order, and the one planned but not acknowledged (if any)."""
    planned: dict[int, Edit] = {}
    done: list[int] = []
    for line in log.read_bytes().split(b"\n")[:-1]:  # a last line without its newline was cut by the kill
        record = json.loads(line)
        if "plan" in record:
            edit = record["edit"]
            planned[record["plan"]] = (
                edit["pair"], [decode_bead(b) for b in edit["removed"]], [decode_bead(b) for b in edit["added"]]
            )
        elif "done" in record:
            done.append(record["done"])
    assert done == list(range(len(done)))
    pending = [step for step in planned if step not in done]
    assert pending in ([], [len(done)])
    return [planned[step] for step in done], planned[pending[0]] if pending else None


def wait_until_it_edited(child: subprocess.Popen[bytes], log: Path) -> None:
    """Until the child has acknowledged its first edit."""
    deadline = time.monotonic() + _EARLIEST_READY
    while b'{"done"' not in log.read_bytes():
        assert child.poll() is None, f"the child ended by itself with status {child.returncode}"
        assert time.monotonic() < deadline, "the child never committed an edit"
        time.sleep(0.002)


def run_and_kill(project: Path, log: Path, rng: random.Random, early: bool) -> bool:
    """Start a child on *project*, SIGKILL it at a random moment (*early*: any time after start;
    otherwise while it edits, after its first edit); whether it was ready by then."""
    with log.open("wb") as output:
        child = subprocess.Popen([sys.executable, str(CHILD), str(project), str(rng.randrange(2**32))], stdout=output)
    try:
        if early:
            time.sleep(rng.uniform(0, 1.0))
        else:
            wait_until_it_edited(child, log)
            time.sleep(rng.uniform(0, _LATEST_KILL))
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    return log.read_bytes().startswith(b'{"ready"')


def check_file(project: Path, expected: Ladders, in_flight: Edit | None) -> tuple[Ladders, bool]:
    """Open the file as a viewer, then as the user reopening it, and compare it with *expected*
    (or *expected* with the edit in flight). The ladders found, and whether that edit was in."""
    viewer = ProjectStore.open(project, read_only=True)
    seen = ladders_of(viewer)
    viewer.close()
    store = ProjectStore.open(project)  # takes over the lock the killed child left
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        found = ladders_of(store)
        for pair in store.pairs():
            check_ladder(ordered(found[pair.id]), store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id))
    finally:
        store.close()
    assert seen == found
    if found == expected:
        return found, False
    assert in_flight is not None, "an acknowledged edit is missing or an unacknowledged one is half there"
    assert found == replay(expected, in_flight)
    return found, True


def kill_repeatedly(folder: Path, kills: int, seed: int) -> Tally:
    project = folder / "crashed.wbproj"
    gold_project(project)
    store = ProjectStore.open(project)
    expected = ladders_of(store)
    store.close()
    rng, tally, started = random.Random(seed), Tally(), time.perf_counter()
    for kill in range(kills):
        log = folder / f"child-{kill}.log"
        early = rng.random() < _EARLY_KILL_SHARE
        ready = run_and_kill(project, log, rng, early)
        acknowledged, in_flight = read_log(log)
        for edit in acknowledged:
            expected = replay(expected, edit)
        expected, committed = check_file(project, expected, in_flight)
        tally.kills += 1
        tally.early.append(early)
        tally.before_ready += not ready
        tally.acknowledged += len(acknowledged)
        tally.in_flight_found += committed
        tally.per_kill.append(len(acknowledged))
    tally.seconds = time.perf_counter() - started
    return tally


def test_a_handful_of_kills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    tally = kill_repeatedly(tmp_path, kills=5, seed=1)
    edited = [count for count, early in zip(tally.per_kill, tally.early, strict=True) if not early]
    assert edited and all(count >= 1 for count in edited)  # every kill but the early ones interrupted edits


@pytest.mark.slow
def test_a_hundred_and_twenty_kills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    tally = kill_repeatedly(tmp_path, kills=120, seed=20240611)
    print(f"\ncrash safety: {tally.summary()}")
    assert all(count >= 1 for count, early in zip(tally.per_kill, tally.early, strict=True) if not early)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["new", "import"])
def test_the_files_of_a_new_project_killed_half_way_are_cleaned_up_by_the_next_run(tmp_path: Path, command: str) -> None:
    """A killed `new` or TMX import leaves its hidden `.NAME.partial*` files; running it again removes them."""
    from tests.conftest import ENGLISH_SEED, GERMAN_LETTER

    source, target = tmp_path / "de.txt", tmp_path / "en.txt"
    source.write_text((GERMAN_LETTER.read_text("utf-8") + "\n\n") * 5, "utf-8")
    target.write_text((ENGLISH_SEED.read_text("utf-8") + "\n\n") * 5, "utf-8")
    project = tmp_path / "p.wbproj"
    arguments = ["new", str(project), "--source", str(source), "--target", str(target), "--no-align"]
    if command == "import":
        assert subprocess.run([sys.executable, "-m", "workbench", *arguments]).returncode == 0
        subprocess.run([sys.executable, "-m", "workbench", "export", str(project), "--format", "tmx",
                        "-o", str(tmp_path / "in.tmx")], check=True)
        project.unlink()
        arguments = ["import", str(project), str(tmp_path / "in.tmx")]
    child = subprocess.Popen([sys.executable, "-m", "workbench", *arguments], stderr=subprocess.DEVNULL)
    partial = tmp_path / ".p.wbproj.partial"
    while not partial.exists() and child.poll() is None:
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert any(path.name.startswith(".p.wbproj.partial") for path in tmp_path.iterdir())
    assert subprocess.run([sys.executable, "-m", "workbench", *arguments], capture_output=True).returncode == 0
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".p.wbproj")]
    store = ProjectStore.open(project, read_only=True)
    assert len(store.pairs()) == 1
    store.close()
