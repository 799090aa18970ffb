"""Correcting sentences on long texts: splitting one, merging two, and editing one's text (a new
revision of the document, planned around the sentence), each planned and committed, and the text
edit's undo, at 10k and 50k sentences a side."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.ladder.sentence_edits import SentenceEdit
from alignments.planning.sentence_planner import SentencePlanner, prepare_edits
from alignments.store.project_store import ProjectStore
from bench.data import GOLD, repeated_pair
from corpus.documents import Document, analyse_lines

SIZES = (10_000, 50_000)


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped sentence-edit benchmark: no gold data at {GOLD}")
        return
    for size in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            store = _long_project(Path(folder) / "long.wbproj", size)
            try:
                print(f"sentence edits at {size:,} sentences: " + ", ".join(_timings(store)))
            finally:
                store.close()


def _long_project(path: Path, sentences: int) -> ProjectStore:
    source_lines, target_lines, _ = repeated_pair(sentences)
    source = analyse_lines(Document("\n".join(source_lines), "en", "source"))
    target = analyse_lines(Document("\n".join(target_lines), "is", "target"))
    store = ProjectStore.create(path)
    store.add_drafted_pair(PairDraft(source, target, sequential_ladder(len(source.sentences), len(target.sentences)), "t"))
    return store


def _timings(store: ProjectStore) -> list[str]:
    planner, document = SentencePlanner(store), store.pairs()[0].target.id
    prepare_edits(store, [pair_document for pair in store.pairs() for pair_document in (pair.source.id, pair.target.id)])
    # what the window does when it shows a pair (compiling the rules, counting sentences): not an edit's cost
    ids = store.sentence_ids(document)
    views = store.sentence_views(ids[len(ids) // 2 : len(ids) // 2 + 50])
    middle, text = next((sid, view.text) for sid, view in views.items() if " " in view.text.strip())
    split = _timed(store, lambda: planner.split(middle, text.strip().index(" ") + 1))
    first = store.sentence_ids(document)[len(store.sentence_ids(document)) // 2]
    merge = _timed(store, lambda: planner.merge_with_next(first))
    current = store.sentence_ids(document)[len(store.sentence_ids(document)) // 3]
    edits: list[SentenceEdit] = []
    edit = _timed(store, lambda: _kept(edits, planner.edit_text(current, store.sentence_views([current])[current].text + " (sic)").edit))
    undo = _timed(store, lambda: edits[0].inverse())
    return [
        f"split {split * 1000:.0f} ms", f"merge {merge * 1000:.0f} ms", f"edit text {edit * 1000:.0f} ms",
        f"its undo {undo * 1000:.0f} ms",
    ]


def _kept(edits: list[SentenceEdit], edit: SentenceEdit) -> SentenceEdit:
    edits.append(edit)
    return edit


def _timed(store: ProjectStore, plan: Callable[[], SentenceEdit]) -> float:
    """Seconds to plan the edit and commit it."""
    start = time.perf_counter()
    store.apply(plan())
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
