"""Reliability figures (DESIGN §10, §11): a 50 MB text through `workbench segment` in a child
process (wall time and peak memory), and what the safety checks on opening cost on a
100k-sentence project (quick_check and the schema check) beside a bare SQLite connection."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse_lines
from corpus.samples import SAMPLE_PAIRS

HUGE_BYTES = 50_000_000


def huge_text(path: Path, target_bytes: int = HUGE_BYTES) -> int:
    """Write the sample texts, repeated, to *path* until it holds *target_bytes*; its size."""
    unit = "\n\n".join(p.read_text("utf-8") for s in SAMPLE_PAIRS for p in (s.source_path, s.target_path)) + "\n\n"
    repeats = -(-target_bytes // len(unit.encode()))
    path.write_text(unit * repeats, "utf-8")
    return path.stat().st_size


def segment_in_child(path: Path) -> tuple[float, float, int]:
    """(seconds, peak resident MB, sentences) of `workbench segment PATH` in its own process."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "workbench", "segment", str(path)], stdout=output)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise RuntimeError(f"workbench segment failed with status {child.returncode}")
        output.seek(0)
        sentences = sum(1 for _ in output)
    return seconds, usage.ru_maxrss / 1024, sentences


def long_project(path: Path, sentences: int = 100_000) -> None:
    lines = [f"Sentence number {k} of a long text, with some words in it." for k in range(sentences)]
    source = analyse_lines(Document("\n".join(lines), "en", "source"))
    target = analyse_lines(Document("\n".join(lines), "de", "target"))
    store = ProjectStore.create(path)
    store.add_drafted_pair(PairDraft(source, target, sequential_ladder(sentences, sentences), "sequential"))
    store.close()


def _best(runs: int, work: object) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def open_costs(path: Path, runs: int = 5) -> str:
    def bare() -> None:
        connection = sqlite3.connect(path)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.close()

    def quick_check() -> None:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA quick_check").fetchall()
        connection.close()

    timings = {
        "bare connection": _best(runs, bare),
        "quick_check alone": _best(runs, quick_check),
        "ProjectStore.open + close": _best(runs, lambda: ProjectStore.open(path).close()),
        "read-only": _best(runs, lambda: ProjectStore.open(path, read_only=True).close()),
    }
    size = path.stat().st_size / 1e6
    return f"open a 100k-sentence project ({size:.0f} MB): " + "; ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "huge.txt"
        size = huge_text(text)
        seconds, megabytes, sentences = segment_in_child(text)
        print(f"workbench segment on a {size / 1e6:.0f} MB text: {seconds:.1f} s, peak {megabytes:.0f} MB,"
              f" {sentences:,} sentences ({size / 1e6 / seconds:.1f} MB/s)")
        project = Path(folder) / "long.wbproj"
        long_project(project)
        print(open_costs(project))


if __name__ == "__main__":
    main()
