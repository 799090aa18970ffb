"""Storing and exporting a long pair: project write time, CSV export time for 100k beads; and
a project of many small pairs: `workbench pairs` and `workbench export` over 2,000 pairs (they
once took a query per pair for every pair: 136 s and 141 s)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from alignments.formats.export import ExportOptions, export_project
from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.store.project_store import ProjectStore
from bench.data import GOLD, repeated_pair
from corpus.documents import Document, analyse_lines
from workbench.cli import cli


def main(sentences: int = 100_000) -> None:
    if not GOLD.is_dir():
        print(f"skipped export benchmark: no gold data at {GOLD}")
        return
    source_lines, target_lines, _ = repeated_pair(sentences)
    source = analyse_lines(Document("\n".join(source_lines), "en", "source"))
    target = analyse_lines(Document("\n".join(target_lines), "is", "target"))
    ladder = sequential_ladder(len(source.sentences), len(target.sentences))
    with tempfile.TemporaryDirectory() as folder:
        store = ProjectStore.create(Path(folder) / "long.wbproj")
        start = time.perf_counter()
        store.add_drafted_pair(PairDraft(source, target, ladder, "sequential"))
        stored = time.perf_counter() - start
        start = time.perf_counter()
        count = export_project(store, Path(folder) / "long.csv", ExportOptions())
        exported = time.perf_counter() - start
        store.close()
    print(f"store {len(ladder)} beads: {stored:.2f} s; export {count} beads to CSV: {exported:.2f} s")
    many_pairs()


def many_pairs(pairs: int = 2_000) -> None:
    """`workbench pairs` and `workbench export` over a project of *pairs* two-sentence pairs."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "many.wbproj"
        store = ProjectStore.create(path)
        with store.transaction():
            for k in range(pairs):
                source = analyse_lines(Document(f"Satz {k}.\nNoch einer.", "de", f"Quelle {k}"))
                target = analyse_lines(Document(f"Sentence {k}.\nOne more.", "en", f"Target {k}"))
                store.add_drafted_pair(PairDraft(source, target, sequential_ladder(2, 2), "sequential"))
        store.close()
        timings = []
        for command in (["pairs", str(path)], ["export", str(path), "-o", str(Path(folder) / "many.csv")]):
            start = time.perf_counter()
            result = CliRunner().invoke(cli, command)
            timings.append(time.perf_counter() - start)
            assert result.exit_code == 0, result.output
    print(f"{pairs} pairs: `workbench pairs` {timings[0]:.2f} s, `workbench export` to CSV {timings[1]:.2f} s")


if __name__ == "__main__":
    main()
