"""Storing and exporting a long pair: project write time, CSV export time for 100k beads."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from alignments.formats.export import ExportOptions, export_project
from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.store.project_store import ProjectStore
from bench.data import GOLD, repeated_pair
from corpus.documents import Document, analyse_lines


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


if __name__ == "__main__":
    main()
