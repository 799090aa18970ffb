"""Sentence corrections (split, merge, edit text) as invertible values applied by the store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignments.ladder.beads import MANUAL, BeadStatus, Side, check_ladder, lay_out
from alignments.ladder.edits import EditError, ReplaceBeads, StaleEditError
from alignments.ladder.sentence_edits import (
    LearntAbbreviation,
    SentenceEdit,
    SentenceRow,
)
from alignments.planning.bead_planner import Planner
from alignments.planning.new_pair import draft_pair
from alignments.planning.sentence_planner import SentencePlanner
from alignments.store.project_store import ProjectStore
from alignments.store.text_blocks import END_KEY
from corpus.documents import Document, analyse
from tests.test_search import index_is_sound

SOURCE = "Er traf Gen. Schmidt dort. Zweiter Satz hier.\n\nDritter Satz (eine Notiz - N. Kh.) folgt. Vierter Satz."
TARGET = "He met Gen. Smith there. Second sentence here.\n\nThird sentence (a note - N. Kh.) follows. Fourth one."
TABLES = (
    "documents", "sentences", "retired_sentences", "interpolations", "interpolation_decisions", "pairs", "beads",
    "bead_sentences", "learnt_abbreviations", "sentence_texts", "document_rows", "document_blocks", "text_blocks",
    "sentence_spans",
)


def small_project() -> ProjectStore:
    store = ProjectStore.in_memory()
    store.add_drafted_pair(draft_pair(analyse(Document(SOURCE, "de", "S")), analyse(Document(TARGET, "en", "T"))))
    return store


@pytest.fixture
def store() -> Iterator[ProjectStore]:
    project = small_project()
    yield project
    project.close()


def snapshot(store: ProjectStore) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table the edits touch, in a stable order."""
    return {table: sorted(store.db.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in TABLES}


def assert_laid_out(store: ProjectStore) -> None:
    """Every stored ladder position is where the layout rule puts it for the live sentences (the
    order keys of their starts, the end key past the last)."""
    for pair in store.pairs():
        ladder = store.ladder(pair.id)
        keys = [store.sentence_keys(doc.id) for doc in (pair.source, pair.target)]
        expected = lay_out([(b.source_ids, b.target_ids) for b in ladder], *keys, (END_KEY, END_KEY))
        assert [(b.source_pos, b.target_pos) for b in ladder] == expected


def texts(store: ProjectStore, side: Side = Side.TARGET) -> list[str]:
    pair = store.pairs()[0]
    document = pair.source if side == Side.SOURCE else pair.target
    views = store.sentence_views(store.sentence_ids(document.id))
    return [views[sid].text for sid in store.sentence_ids(document.id)]


def shapes(store: ProjectStore) -> list[tuple[list[str], list[str], str]]:
    views = store.bead_views(store.ladder(1))
    return [([s.text for s in v.source], [t.text for t in v.target], str(v.bead.status)) for v in views]


def test_split_retires_the_sentence_and_makes_two_new_ones_in_the_same_bead(store: ProjectStore) -> None:
    target = store.sentence_ids(2)
    before = store.ladder(1)
    edit = SentencePlanner(store).split(target[2], len("Third sentence (a note - N. Kh.)"))
    assert edit.removed == (SentenceRow(target[2], 2, 48, 89, True),)
    assert edit.added == (SentenceRow(edit.new_ids[0], 2, 48, 80, True), SentenceRow(edit.new_ids[1], 2, 81, 89))
    assert min(edit.new_ids) > max(target)
    store.apply(edit)
    assert texts(store) == ["He met Gen. Smith there.", "Second sentence here.", "Third sentence (a note - N. Kh.)",
                            "follows.", "Fourth one."]
    old = next(b for b in before if target[2] in b.target_ids)
    new = next(b for b in store.ladder(1) if edit.new_ids[0] in b.target_ids)
    assert (new.source_ids, new.target_ids, new.status, new.provenance) == (old.source_ids, edit.new_ids, old.status, MANUAL)
    assert store.db.execute("SELECT id, document_id, start, \"end\" FROM retired_sentences").fetchall() == [(target[2], 2, 48, 89)]


@pytest.mark.parametrize(
    ("at", "message"),
    [(0, "not at its edge"), (41, "not at its edge"), (20, "inside an editorial note")],
)
def test_split_refuses_edges_and_notes(store: ProjectStore, at: int, message: str) -> None:
    with pytest.raises(EditError, match=message):
        SentencePlanner(store).split(store.sentence_ids(2)[2], at)


def test_merge_across_beads_makes_one_auto_bead_and_learns_the_abbreviation(store: ProjectStore) -> None:
    planner = SentencePlanner(store)
    source = store.sentence_ids(1)
    split = planner.split(source[0], len("Er traf Gen."))
    store.apply(split)
    first, second = split.new_ids
    store.apply(Planner(store, 1).link([first], [store.sentence_ids(2)[0]]))
    assert shapes(store)[:2] == [(["Er traf Gen."], ["He met Gen. Smith there."], "confirmed"), (["Schmidt dort."], [], "auto")]
    merge = planner.merge(first, second)
    assert merge.learn == (LearntAbbreviation("de", "Gen."),)
    store.apply(merge)
    assert store.rules.abbreviations("de") == ("Gen.",)
    assert shapes(store)[0] == (["Er traf Gen. Schmidt dort."], ["He met Gen. Smith there."], "auto")
    store.apply(merge.inverse())
    assert store.rules.abbreviations("de") == ()


def test_merge_refuses_sentences_that_are_not_neighbours(store: ProjectStore) -> None:
    source = store.sentence_ids(1)
    with pytest.raises(EditError, match="right after it"):
        SentencePlanner(store).merge(source[0], source[2])
    with pytest.raises(EditError, match="right after it"):
        SentencePlanner(store).merge(source[1], source[0])


def test_merge_with_next_takes_the_following_sentence_and_not_past_the_last(store: ProjectStore) -> None:
    planner, target = SentencePlanner(store), store.sentence_ids(2)
    merged = planner.merge_with_next(target[0])
    assert [row.id for row in merged.removed] == target[:2]
    assert [(row.start, row.end) for row in merged.added] == [(merged.removed[0].start, merged.removed[1].end)]
    with pytest.raises(EditError, match="This is the last sentence of its text"):
        planner.merge_with_next(target[-1])


def test_edit_text_is_a_revision_that_keeps_the_other_sentences(store: ProjectStore) -> None:
    target = store.sentence_ids(2)
    plan = SentencePlanner(store).edit_text(target[1], "Second sentence, corrected. And a third.")
    store.apply(plan.edit)
    pair = store.pairs()[0]
    assert pair.target.id == plan.report.new_document_id
    assert texts(store) == ["He met Gen. Smith there.", "Second sentence, corrected.", "And a third.",
                            "Third sentence (a note - N. Kh.) follows.", "Fourth one."]
    assert store.sentence_ids(pair.target.id) == [target[0], *plan.edit.new_ids, target[2], target[3]]


def test_a_stale_sentence_edit_changes_nothing(store: ProjectStore) -> None:
    planner = SentencePlanner(store)
    target = store.sentence_ids(2)
    split = planner.split(target[0], 6)
    merge = planner.merge(target[0], target[1])
    store.apply(split)
    before = snapshot(store)
    with pytest.raises(StaleEditError):
        store.apply(merge)
    assert snapshot(store) == before
    with pytest.raises(EditError, match="There is no sentence"):
        planner.split(target[0], 3)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["split", "merge", "edit", "confirm"]),
        st.sampled_from([Side.SOURCE, Side.TARGET]),
        st.integers(0, 20),
        st.integers(1, 40),
        st.sampled_from(["Fixed text here.", "Two sentences. Now here.", "(A new note - E. H.) Then text.", ""]),
    ),
    min_size=1,
    max_size=6,
)


def plan(store: ProjectStore, operation: tuple[str, Side, int, int, str]) -> SentenceEdit | ReplaceBeads | None:
    kind, side, index, offset, replacement = operation
    pair = store.pairs()[0]
    document = pair.source if side == Side.SOURCE else pair.target
    ids = store.sentence_ids(document.id)
    sid = ids[index % len(ids)]
    planner = SentencePlanner(store)
    try:
        if kind == "split":
            return planner.split(sid, offset)
        if kind == "merge":
            return planner.merge(sid, ids[(index % len(ids)) + 1]) if index % len(ids) + 1 < len(ids) else None
        if kind == "edit":
            return planner.edit_text(sid, replacement).edit
    except EditError:
        return None
    bead = next(b for b in store.ladder(pair.id) if sid in (*b.source_ids, *b.target_ids))
    return Planner(store, pair.id).set_status([bead.id], BeadStatus.CONFIRMED)


def apply(store: ProjectStore, edit: SentenceEdit | ReplaceBeads) -> None:
    if isinstance(edit, SentenceEdit):
        store.apply(edit)
    else:
        store.apply(edit)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPERATIONS)
def test_every_sentence_edit_keeps_the_ladder_and_its_inverse_restores_the_store(
    operations: list[tuple[str, Side, int, int, str]],
) -> None:
    store = small_project()
    history = []
    for operation in operations:
        edit = plan(store, operation)
        if edit is None:
            continue
        before = snapshot(store)
        apply(store, edit)
        pair = store.pairs()[0]
        check_ladder(store.ladder(pair.id), store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id))
        assert_laid_out(store)
        index_is_sound(store)
        apply(store, edit.inverse())
        assert snapshot(store) == before
        apply(store, edit)
        history.append((edit, before))
    for edit, before in reversed(history):
        apply(store, edit.inverse())
        assert snapshot(store) == before
    store.close()
