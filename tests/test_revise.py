"""Revising a stored text with real edits: what survives whole, what changes, what undo restores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from alignments.ladder.beads import Bead, BeadStatus, check_ladder
from alignments.planning.bead_planner import Planner
from alignments.planning.new_pair import draft_pair, load_pair
from alignments.planning.revisions import (
    REVISION,
    RevisionError,
    SentenceFate,
    compare_revisions,
    plan_revision,
)
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse
from corpus.revisions import EditKind
from corpus.spans import InterpolationKind
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER

ENGLISH = ENGLISH_SEED.read_text("utf-8")
NOTE = " (He liked the bloody executioner like Yagoda. - N. Kh.)"
RUTHLESS = "\n\nRuthless struggle Stalinism!"


MakeProject = Callable[[str], ProjectStore]


@pytest.fixture
def make_project(tmp_path: Path) -> Iterator[MakeProject]:
    opened: list[ProjectStore] = []

    def make(english: str) -> ProjectStore:
        path = tmp_path / "en.txt"
        path.write_text(english, "utf-8")
        store = ProjectStore.create(tmp_path / f"p{len(opened)}.wbproj")
        store.add_drafted_pair(draft_pair(*load_pair(GERMAN_LETTER, path, "de", "en")))
        pair_id = store.pairs()[0].id
        store.apply(Planner(store, pair_id).set_status([b.id for b in store.ladder(pair_id)], BeadStatus.CONFIRMED))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def sentence_id(store: ProjectStore, document_id: int, text: str) -> int:
    views = store.sentence_views(store.sentence_ids(document_id))
    return next(sid for sid, view in views.items() if text in view.text)


def holder(ladder: list[Bead], sid: int) -> Bead:
    return next(b for b in ladder if sid in b.target_ids)


def assert_survivors_whole(store: ProjectStore, before: list[Bead], gone: set[int]) -> dict[int, Bead]:
    """Every bead not in *gone* is there, unchanged but for its translation's ladder position."""
    pair = store.pairs()[0]
    after = {b.id: b for b in store.ladder(pair.id)}
    starts = store.sentence_keys(pair.target.id)
    for bead in before:
        if bead.id in gone:
            assert bead.id not in after
        else:
            position = starts[bead.target_ids[0]] if bead.target_ids else after[bead.id].target_pos
            assert after[bead.id] == replace(bead, target_pos=position)
    check_ladder(list(after.values()), store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id))
    return after


def test_a_typo_fix_unconfirms_only_the_bead_of_the_changed_sentence(make_project: MakeProject) -> None:
    store = make_project(ENGLISH.replace("voices in protest during", "voices in protets during"))
    pair = store.pairs()[0]
    before = store.ladder(pair.id)
    old_sentence = sentence_id(store, pair.target.id, "protets")
    old_bead = holder(before, old_sentence)
    plan = plan_revision(store, pair.target.id, ENGLISH, "en-2.txt")
    new_sentence = plan.edit.new_ids[0]
    old_text = "I also did not raise voices in protets during subsequent killings, and this silence places heavy responsibility on me."
    assert plan.report.changed == (SentenceFate(((old_sentence, old_text),), ((new_sentence, old_text.replace("protets", "protest")),)),)
    assert plan.report.unconfirmed == (old_bead.id,)
    assert plan.report.unchanged == len(store.sentence_ids(pair.target.id)) - 1
    store.apply(plan.edit)
    after = assert_survivors_whole(store, before, {old_bead.id})
    remade = holder(list(after.values()), new_sentence)
    assert remade == Bead(
        remade.id, pair.id, old_bead.source_ids,
        tuple(new_sentence if t == old_sentence else t for t in old_bead.target_ids),
        old_bead.source_pos, remade.target_pos, BeadStatus.AUTO, old_bead.score, REVISION, remade.created_at,
    )
    assert remade.id not in {b.id for b in before}


def test_the_revision_is_a_new_document_linked_to_the_old_one_and_undo_restores(make_project: MakeProject) -> None:
    store = make_project(ENGLISH.replace("voices in protest during", "voices in protets during"))
    pair = store.pairs()[0]
    before = (store.ladder(pair.id), store.sentence_spans(pair.target.id), store.interpolations(pair.target.id))
    plan = plan_revision(store, pair.target.id, ENGLISH, "en-2.txt")
    new_id = plan.report.new_document_id
    store.apply(plan.edit)
    assert store.pairs()[0].target.id == new_id and store.text(new_id) == ENGLISH
    assert store.revisions(new_id) == [pair.target.id, new_id]
    assert store.document(new_id).origin_path == "en-2.txt"
    assert store.interpolations(new_id) == list(analyse(Document(ENGLISH, "en", "t")).interpolations)
    store.apply(plan.edit.inverse())
    assert store.pairs()[0].target.id == pair.target.id
    assert (store.ladder(pair.id), store.sentence_spans(pair.target.id), store.interpolations(pair.target.id)) == before
    store.apply(plan.edit)
    assert store.pairs()[0].target.id == new_id


def test_an_inserted_paragraph_becomes_new_sentences_standing_alone(make_project: MakeProject) -> None:
    store = make_project(ENGLISH)
    pair = store.pairs()[0]
    before = store.ladder(pair.id)
    added = "A paragraph the second edition adds. It has two sentences."
    plan = plan_revision(store, pair.target.id, ENGLISH.replace(RUTHLESS, f"\n\n{added}{RUTHLESS}"))
    assert [text for _, text in plan.report.added] == ["A paragraph the second edition adds.", "It has two sentences."]
    assert plan.report.unconfirmed == () and plan.report.removed == ()
    store.apply(plan.edit)
    assert_survivors_whole(store, before, set())
    ladder = store.ladder(pair.id)
    fresh = [b for b in ladder if set(b.target_ids) & set(plan.edit.new_ids)]
    assert [(b.source_ids, b.status, b.score, b.provenance) for b in fresh] == [((), BeadStatus.AUTO, None, REVISION)] * 2
    ruthless = holder(ladder, sentence_id(store, store.pairs()[0].target.id, "Ruthless struggle"))
    assert ladder.index(ruthless) == ladder.index(fresh[1]) + 1


def test_a_deleted_note_leaves_its_source_alone_and_compare_shows_it(make_project: MakeProject) -> None:
    store = make_project(ENGLISH)
    pair = store.pairs()[0]
    before = store.ladder(pair.id)
    note_sentence = sentence_id(store, pair.target.id, "Yagoda")
    note_bead = holder(before, note_sentence)
    plan = plan_revision(store, pair.target.id, ENGLISH.replace(NOTE, ""))
    assert plan.report.removed == ((note_sentence, NOTE.strip()),) and plan.report.added == ()
    assert plan.report.unconfirmed == (note_bead.id,)
    store.apply(plan.edit)
    after = assert_survivors_whole(store, before, {note_bead.id})
    alone = next(b for b in after.values() if b.source_ids == note_bead.source_ids)
    assert (alone.target_ids, alone.status, alone.provenance) == ((), BeadStatus.AUTO, REVISION)
    comparison = compare_revisions(store, pair.target.id, plan.report.new_document_id)
    assert [(e.kind, e.text) for e in comparison.deletions] == [(EditKind.DELETE, NOTE)]
    assert comparison.insertions == () and comparison.notes_added == ()
    assert [(n.kind, n.editor) for n in comparison.notes_removed] == [(InterpolationKind.NOTE, "N. Kh.")]
    kinds = [(n.kind, n.editor) for n in store.interpolations(pair.target.id) if n.editor != "N. Kh."]
    assert [(n.kind, n.editor) for n in store.interpolations(plan.report.new_document_id)] == kinds


def test_a_moved_sentence_gets_a_new_id_where_it_lands(make_project: MakeProject) -> None:
    store = make_project(ENGLISH)
    pair = store.pairs()[0]
    before = store.ladder(pair.id)
    moved = sentence_id(store, pair.target.id, "Ruthless struggle")
    old_bead = holder(before, moved)
    revised = ENGLISH.replace(RUTHLESS, "").replace("\n\nLudwig, July 17", f"{RUTHLESS}\n\nLudwig, July 17")
    plan = plan_revision(store, pair.target.id, revised)
    assert plan.report.removed == ((moved, "Ruthless struggle Stalinism!"),)
    assert [text for _, text in plan.report.added] == ["Ruthless struggle Stalinism!"]
    assert plan.report.unconfirmed == (old_bead.id,)
    store.apply(plan.edit)
    after = assert_survivors_whole(store, before, {old_bead.id})
    ladder = list(after.values())
    landed = holder(ladder, plan.edit.new_ids[0])
    ludwig = holder(ladder, sentence_id(store, store.pairs()[0].target.id, "Ludwig, July"))
    assert ladder.index(landed) == ladder.index(ludwig) - 1 and landed.source_ids == ()
    assert any(b.source_ids == old_bead.source_ids and b.target_ids == () for b in ladder)


def test_revising_refuses_the_same_text_an_empty_one_and_an_old_revision(make_project: MakeProject) -> None:
    store = make_project(ENGLISH)
    target = store.pairs()[0].target.id
    with pytest.raises(RevisionError, match="there is nothing to revise"):
        plan_revision(store, target, ENGLISH)
    with pytest.raises(RevisionError, match="is empty"):
        plan_revision(store, target, " \n ")
    store.apply(plan_revision(store, target, ENGLISH.replace(NOTE, "")).edit)
    with pytest.raises(RevisionError, match=f"revise its latest revision, document {target + 1}"):
        plan_revision(store, target, ENGLISH)
    with pytest.raises(RevisionError, match="There is no document 99"):
        plan_revision(store, 99, ENGLISH)


def test_every_pair_showing_the_document_moves_to_the_revision(make_project: MakeProject) -> None:
    store = make_project(ENGLISH)
    first = store.pairs()[0]
    german = analyse(Document(GERMAN_LETTER.read_text("utf-8"), "de", "Zweite Quelle"))
    count = len(store.sentence_ids(first.target.id))
    second = store.add_pair(
        store.add_document(german), first.target.id,
        [(range(k, k + 1), range(k, k + 1), None) for k in range(min(count, len(german.sentences)))]
        + [(range(k, k + 1), range(count, count), None) for k in range(count, len(german.sentences))]
        + [(range(len(german.sentences), len(german.sentences)), range(k, k + 1), None)
           for k in range(len(german.sentences), count)],
        "sequential",
    )
    plan = plan_revision(store, first.target.id, ENGLISH.replace(NOTE, ""))
    assert sorted(s.pair_id for s in plan.edit.switches) == [first.id, second]
    change = store.apply(plan.edit)
    assert change.pair_ids == (first.id, second)
    for pair in store.pairs():
        assert pair.target.id == plan.report.new_document_id
        check_ladder(store.ladder(pair.id), store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id))


def test_a_rewritten_paragraph_maps_sentence_by_sentence_not_into_one_bead(make_project: MakeProject) -> None:
    paragraph = next(p for p in ENGLISH.split("\n\n") if p.startswith("I did not say anything then."))
    rewritten = "Back then I kept silent. Nor did I protest when more killings followed, a silence I must answer for. Great is my guilt; I shall try to make amends by unburdening my conscience."
    store = make_project(ENGLISH)
    pair = store.pairs()[0]
    plan = plan_revision(store, pair.target.id, ENGLISH.replace(paragraph, rewritten))
    store.apply(plan.edit)
    views = store.bead_views(store.ladder(pair.id))
    remade = [([s.text for s in v.source], [t.text for t in v.target]) for v in views if v.bead.provenance == REVISION]
    assert [target for _, target in remade] == [
        ["Back then I kept silent."],
        ["Nor did I protest when more killings followed, a silence I must answer for."],
        ["Great is my guilt; I shall try to make amends by unburdening my conscience."],
    ]
    assert [len(source) for source, _ in remade] == [1, 1, 1]


def test_a_revision_that_cuts_most_of_the_text_keeps_every_sentence_aligned(make_project: MakeProject) -> None:
    """Deleting most sentences re-ladders many beads at once (it once ran out of bead ids)."""
    store = make_project(ENGLISH)
    pair = store.pairs()[0]
    spans = store.sentence_spans(pair.source.id)
    cut = len(spans) * 3 // 10
    shortened = store.text(pair.source.id)[: spans[cut][1].start]
    plan = plan_revision(store, pair.source.id, shortened, "de-short.txt")
    assert [sid for sid, _ in plan.report.removed] == [sid for sid, _ in spans[cut:]]
    store.apply(plan.edit)
    pair = store.pairs()[0]
    ladder = store.ladder(pair.id)
    check_ladder(ladder, store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id))
    assert len({b.id for b in ladder}) == len(ladder)
