"""Editing one sentence's text in a longer document: planned around the sentence only, the rest of
the document moved with a shift, and everything docs/schema.md promises still true."""

from __future__ import annotations

import pytest

from alignments.planning.revisions import NEIGHBOURS
from alignments.planning.sentence_planner import SentencePlanner
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse_lines
from tests.test_search import index_is_sound
from tests.test_sentence_edits import assert_laid_out, snapshot

LINES = 40
EXTRA = 20  # the target has one line more, standing alone right before line EXTRA's bead


def long_project() -> ProjectStore:
    source = [f"Source line {k} says alpha{k}." for k in range(LINES)]
    target = [f"Target line {k} says beta{k}." for k in range(LINES)]
    target.insert(EXTRA, "An added line says gamma.")
    ladder = [(range(k, k + 1), range(k + (k >= EXTRA), k + 1 + (k >= EXTRA)), 0.9) for k in range(LINES)]
    ladder.insert(EXTRA, (range(EXTRA, EXTRA), range(EXTRA, EXTRA + 1), None))
    store = ProjectStore.in_memory()
    source_id = store.add_document(analyse_lines(Document("\n".join(source), "en", "S")))
    target_id = store.add_document(analyse_lines(Document("\n".join(target), "en", "T")))
    store.add_pair(source_id, target_id, ladder, "test")
    other = [f"Other line {k} says epsilon{k}." for k in range(LINES - 1)]
    other_id = store.add_document(analyse_lines(Document("\n".join(other), "en", "U")))
    store.add_pair(source_id, other_id, [(range(k, k + 1), range(k, k + 1), 0.8) for k in range(LINES - 1)] + [
        (range(LINES - 1, LINES), range(LINES - 1, LINES - 1), None)], "test")  # a second translation of the source
    return store


def texts_of(store: ProjectStore, document_id: int) -> dict[int, str]:
    ids = store.sentence_ids(document_id)
    return {sid: view.text for sid, view in store.sentence_views(ids).items()}


@pytest.mark.parametrize(
    ("side", "line", "replacement"),
    [("target", EXTRA + 1, "A longer replacement says delta. With a second sentence."), ("target", 0, "First."),
     ("target", LINES, "The last one, changed."), ("source", EXTRA, ""), ("source", EXTRA, "Shorter.")],
)
def test_an_edit_lists_its_neighbourhood_only_and_keeps_every_promise(side: str, line: int, replacement: str) -> None:
    store = long_project()
    old_document = getattr(store.pairs()[0], side).id
    ids, old_texts = store.sentence_ids(old_document), texts_of(store, old_document)
    edited, before = ids[line], snapshot(store)
    plan = SentencePlanner(store).edit_text(edited, replacement)
    assert len(plan.edit.removed) <= 2 * NEIGHBOURS + 1 and len(plan.edit.shifts) == 1
    assert plan.report.unchanged == len(ids) - 1
    store.apply(plan.edit)
    new_document = getattr(store.pairs()[0], side).id
    assert new_document != old_document
    shown = [getattr(pair, side).id for pair in store.pairs()]
    assert shown.count(new_document) == (2 if side == "source" else 1) and old_document not in shown
    assert store.sentence_ids(new_document) == [*ids[:line], *plan.edit.new_ids, *ids[line + 1 :]]
    new_texts = texts_of(store, new_document)
    assert {sid: new_texts[sid] for sid in ids if sid != edited} == {sid: old_texts[sid] for sid in ids if sid != edited}
    assert " ".join(new_texts[sid] for sid in plan.edit.new_ids) == replacement
    assert_laid_out(store)
    old_text = store.db.execute(
        'SELECT substr(d.text, r.start + 1, r."end" - r.start) FROM retired_sentences r'
        " JOIN documents d ON d.id = r.document_id WHERE r.id = ?",
        [edited],
    ).fetchone()
    assert old_text == (old_texts[edited],)
    index_is_sound(store)
    assert store.db.execute("SELECT count(*) FROM sentences WHERE document_id = ?", [old_document]).fetchone() == (0,)
    old_word = old_texts[edited].split()[-1].rstrip(".")
    assert store.search(old_word) == []
    if replacement:
        assert [hit.sentence_id for hit in store.search(replacement.split()[-1].rstrip("."))] == [plan.edit.new_ids[-1]]
    store.apply(plan.edit.inverse())
    assert snapshot(store) == before
    assert [hit.sentence_id for hit in store.search(old_word)] == [edited]


def test_edits_one_after_another_and_their_undo_keep_the_layout() -> None:
    store = long_project()
    planner, history = SentencePlanner(store), []
    for line, replacement in [(5, "Five. And a half."), (6, "Six is gone now."), (EXTRA, ""), (30, "Thirty.")]:
        document = store.pairs()[0].target.id
        history.append((snapshot(store), planner.edit_text(store.sentence_ids(document)[line], replacement).edit))
        store.apply(history[-1][1])
        assert_laid_out(store)
    for before, edit in reversed(history):
        store.apply(edit.inverse())
        assert snapshot(store) == before
