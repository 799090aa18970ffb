"""What a project's other pairs teach the default aligner (alignments/planning/known_runs.py
and the lexicon's known runs, alignments/aligner/lexicon.py): the runs of the other pairs in
the same languages that a user confirmed or the aligner was sure of, read from a project built
from the bundled gold ladders; and on the shared gold data, that such runs alone teach word
translations that find a document's own true pairs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from alignments.aligner.anchor_similarity import token_tables
from alignments.aligner.anchors import anchor_tokens
from alignments.aligner.lexicon import KNOWN_WEIGHT, OWN_WEIGHT, KnownPairs, known_lexicon, learn
from alignments.ladder.beads import BeadStatus
from alignments.ladder.edits import set_status
from alignments.planning.align_the_rest import RealignInput
from alignments.planning.known_runs import known_runs_by_languages, project_known_runs
from alignments.planning.new_pair import Method
from alignments.store.project_store import ProjectStore
from bench.data import GOLD, gold_documents
from bench.methods import features
from bench.project_lexicon import runs_of
from corpus.bare_text import bare_sentences
from corpus.languages import UNDETERMINED
from corpus.samples import SamplePair
from tests.gold import APPEAL, LETTER, SECOND_LETTER, add_gold_pair, gold_draft, gold_links, is_one_to_one
from tests.test_known_pairs import assert_same_translations, joined
from tests.test_lexicon import dice, one_to_one, tokens_of
from workbench.creating import NewPair

LANGUAGES = LETTER.source_lang, LETTER.target_lang


@pytest.fixture
def project(tmp_path: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "three.twp")
    for sample in (LETTER, APPEAL, SECOND_LETTER):
        add_gold_pair(store, sample)
    return store


def expected_runs(sample: SamplePair) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The anchors of the sample's gold 1:1 beads (those its gold project scores sure), read from
    the texts as loaded, without their interpolations."""
    draft = gold_draft(sample)
    source, target = bare_sentences(draft.source), bare_sentences(draft.target)
    return [
        (anchor_tokens(" ".join(source[i][0] for i in s)), anchor_tokens(" ".join(target[j][0] for j in t)))
        for s, t in gold_links(sample)
        if is_one_to_one((s, t))
    ]


def test_the_other_pairs_sure_beads_are_known(project: ProjectStore) -> None:
    letter = project.pairs()[0].id
    runs = project_known_runs(project, LANGUAGES, leaving_out=letter)
    assert runs == expected_runs(APPEAL) + expected_runs(SECOND_LETTER)
    assert project_known_runs(project, LANGUAGES[::-1]) == []


def test_a_confirmed_bead_is_known_however_unsure(project: ProjectStore) -> None:
    letter, appeal, _ = (pair.id for pair in project.pairs())
    before = len(project_known_runs(project, LANGUAGES, leaving_out=letter))
    unsure = next(bead for bead in project.ladder(appeal) if bead.source_ids and bead.target_ids and not (len(bead.source_ids) == len(bead.target_ids) == 1))
    project.apply(set_status(appeal, [unsure], BeadStatus.CONFIRMED))
    assert len(project_known_runs(project, LANGUAGES, leaving_out=letter)) == before + 1
    by_languages = known_runs_by_languages(project, leaving_out=letter)
    assert list(by_languages) == [LANGUAGES] and len(by_languages[LANGUAGES]) == before + 1


@pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold data")
def test_runs_known_elsewhere_alone_find_a_documents_true_pairs() -> None:
    """The lexicon of ParIce's other nine documents' gold beads, learnt before the document's own
    first pass, gives its true 1:1 pairs a clearly higher share than its other sentence pairs and
    weighs more than a lexicon of the pair alone (a few runs, a little more); the pair's own
    word ids stay as they were."""
    documents = gold_documents("parice")
    document = documents[4]
    known = [run for k, other in enumerate(documents) if k != 4 for run in runs_of(other, other[2])]
    tokens = token_tables(features(document[0]).anchors, features(document[1]).anchors, known)
    alone = tokens_of(document)
    assert np.array_equal(tokens.source.ids, alone.source.ids) and np.array_equal(tokens.target.ids, alone.target.ids)
    assert tokens.known is not None and len(tokens.known[0]) == len(known)
    assert learn(alone.source, alone.target, []) is None
    lexicon = known_lexicon(tokens.source, tokens.target, KnownPairs(tokens.known))
    assert lexicon is not None and OWN_WEIGHT < lexicon.weight <= KNOWN_WEIGHT
    few = token_tables(features(document[0]).anchors, features(document[1]).anchors, known[:40])
    assert few.known is not None
    few_lexicon = known_lexicon(few.source, few.target, KnownPairs(few.known))
    assert few_lexicon is not None and OWN_WEIGHT < few_lexicon.weight < lexicon.weight
    pairs = one_to_one(document)
    shares = dice(lexicon, tokens)[np.ix_([s.start for s, _ in pairs], [t.start for _, t in pairs])]
    assert np.mean(np.diag(shares)) > 2 * np.mean(shares[~np.eye(len(pairs), dtype=bool)])


def test_known_runs_teach_what_they_would_as_the_pairs_own_runs() -> None:
    """The known runs' side of the model is worked out once an alignment (KnownPairs) and
    reused by every pass: what it learns must be exactly what EM over the pair's sentences
    followed by the known runs, as runs of its own, learns (same words, same probabilities to
    the last bit; the words' weights are the pair's own), whatever own runs come with them and
    however often it is asked."""
    documents = gold_documents("parice")
    document = documents[1]
    known = [run for k, other in enumerate(documents) if k != 1 for run in runs_of(other, other[2])]
    tokens = token_tables(features(document[0]).anchors, features(document[1]).anchors, known)
    assert tokens.known is not None
    prepared = KnownPairs(tokens.known)
    n, m = len(tokens.source), len(tokens.target)
    as_own = [(range(n + k, n + k + 1), range(m + k, m + k + 1)) for k in range(len(known))]
    source, target = joined(tokens.source, tokens.known[0]), joined(tokens.target, tokens.known[1])
    pairs = one_to_one(document)
    for own in ([], pairs[:5], pairs, pairs[:5]):
        fast = learn(tokens.source, tokens.target, own, prepared)
        plain = learn(source, target, [*own, *as_own])
        assert fast is not None and plain is not None
        assert_same_translations(fast, plain)


def test_align_the_rest_reads_what_the_other_pairs_teach(project: ProjectStore) -> None:
    letter = project.pairs()[0].id
    assert RealignInput.gather(project, letter).known == project_known_runs(project, LANGUAGES, leaving_out=letter)


def test_texts_of_no_known_language_teach_nothing(tmp_path: Path) -> None:
    """Two pairs whose languages could not be told may be in different languages."""
    store = ProjectStore.create(tmp_path / "und.twp")
    for sample in (APPEAL, SECOND_LETTER):
        draft = gold_draft(sample)
        undetermined = replace(draft.source, document=replace(draft.source.document, lang=UNDETERMINED))
        store.add_drafted_pair(replace(draft, source=undetermined))
    assert project_known_runs(store, (UNDETERMINED, LANGUAGES[1])) == []
    assert known_runs_by_languages(store) == {}


def test_a_pair_added_says_how_many_beads_of_the_others_teach_it(project: ProjectStore) -> None:
    labels: list[str] = []

    @contextmanager
    def progress(label: str) -> Iterator[None]:
        labels.append(label)
        yield None

    texts = NewPair(APPEAL.source_path, APPEAL.target_path, APPEAL.source_lang, APPEAL.target_lang, True, Method.DEFAULT)
    taught = len(project_known_runs(project, LANGUAGES))
    texts.align_and_store(project, texts.load(project), progress)
    assert labels == [f"Aligning with {taught:,} beads the project's other pairs teach"] and taught > 0
    labels.clear()
    replace(texts, aligned=False).align_and_store(project, texts.load(project), progress)
    assert labels == ["Aligning"]
