"""Texts in blocks (migration m007_text_blocks, issue 13): a project file made before blocks reads
back the same once migrated; editing one sentence's text writes a new revision that shares every
block but the edited one, moves only that block's sentence rows, and undo restores every row."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.planning.sentence_planner import SentencePlanner
from alignments.store import text_blocks
from alignments.store.project_store import ProjectStore
from alignments.store.sentence_writes import count_sentences
from alignments.store.text_blocks import END_KEY, PlannedLayout, fresh_layout, shared_layout
from corpus.documents import Document, analyse_lines
from corpus.text_views import Spliced
from tests.test_search import index_is_sound
from tests.test_sentence_edits import assert_laid_out, snapshot

DATA = Path(__file__).parent / "data"


def readings(store: ProjectStore) -> dict[str, object]:
    """What the store's readers give for every document and pair of the file (as JSON values)."""
    documents = sorted({d for p in store.pairs() for d in (p.source.id, p.target.id)} | set(range(1, 11)))
    found = {
        "texts": {str(d): store.text(d) for d in documents},
        "sentences": {
            str(p.id): [[doc.id, [[i, s.start, s.end] for i, s in store.sentence_spans(doc.id)]] for doc in (p.source, p.target)]
            for p in store.pairs()
        },
        "ladders": {
            str(p.id): [[b.id, list(b.source_ids), list(b.target_ids), str(b.status), b.provenance] for b in store.ladder(p.id)]
            for p in store.pairs()
        },
        "search": [[h.sentence_id, h.document_id, h.text] for h in store.search("the letter")],
        "notes": {str(d): [[n.start, n.end, str(n.kind), n.editor] for n in store.interpolations(d)] for d in documents},
    }
    return json.loads(json.dumps(found))


def sql_rows(path: Path) -> dict[str, object]:
    """The rows a user reading the file with sqlite3 gets from the documented tables and views."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = {
            "sentences": connection.execute('SELECT id, document_id, start, "end", paragraph_start FROM sentences ORDER BY id').fetchall(),
            "documents": connection.execute(
                "SELECT id, title, lang, text, sha256, origin_path, created_at, previous_id FROM documents ORDER BY id"
            ).fetchall(),
            "retired": connection.execute(
                'SELECT id, document_id, start, "end", paragraph_start, retired_at FROM retired_sentences ORDER BY id'
            ).fetchall(),
            "texts": connection.execute("SELECT id, text FROM sentence_texts ORDER BY id").fetchall(),
        }
    finally:
        connection.close()
    return json.loads(json.dumps(found))


def digests(found: dict[str, object]) -> dict[str, str]:
    return {key: hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest() for key, value in found.items()}


def test_a_project_made_before_blocks_migrates_and_reads_back_the_same(tmp_path: Path) -> None:
    """tests/data/before-blocks.wbproj was made by the workbench before m007 (the sample pairs, a
    revised document, a sentence's text edited, a split and a merge, and a pair of 11,000-character
    texts with a sentence edited in the middle); the JSON beside it holds the digests of what that
    version read from it, through the store and with SQL."""
    path = tmp_path / "old.wbproj"
    shutil.copy(DATA / "before-blocks.wbproj", path)
    expected = json.loads((DATA / "before-blocks.json").read_text("utf-8"))
    with ProjectStore.open(path) as store:
        assert digests(readings(store)) == expected["readings"]
        index_is_sound(store)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        long_text = store.pairs()[-1].target.id
        assert store.db.execute("SELECT count(*) FROM document_blocks WHERE document_id = ?", [long_text]).fetchone()[0] > 1
    assert digests(sql_rows(path)) == expected["sql"]


def long_project(lines: int = 600) -> ProjectStore:
    """Two texts of *lines* lines (about 50 code points each), in blocks of 1,024 code points."""
    with patch.object(text_blocks, "BLOCK_SIZE", 1024):
        return _long_project(lines)


def _long_project(lines: int) -> ProjectStore:
    source = "\n".join(f"Satz {k} steht hier, mit einigen Wörtern mehr." for k in range(lines))
    target = "\n".join(f"Sentence {k} stands here, with a few more words." for k in range(lines))
    store = ProjectStore.in_memory()
    analysed = [analyse_lines(Document(text, lang, title)) for text, lang, title in ((source, "de", "S"), (target, "en", "T"))]
    store.add_drafted_pair(PairDraft(*analysed, sequential_ladder(lines, lines), "t"))
    return store


def spans_by_id(store: ProjectStore) -> dict[int, tuple[int, int, int]]:
    rows = store.db.execute('SELECT id, block_id, start, "end" FROM sentence_spans').fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_editing_one_sentence_writes_one_block_and_moves_only_its_sentences() -> None:
    """The new revision lists every old block (the edited stretch's text as a block of its own
    between slices of the blocks around it); only the rows of the edited sentence and its re-analysed neighbours move,
    only the beads holding them are rewritten, and undo restores every row."""
    store = long_project()
    document = store.pairs()[0].target.id
    old_text, ids = store.text(document), store.sentence_ids(document)
    blocks = store.db.execute("SELECT block_id FROM document_blocks WHERE document_id = ? ORDER BY key", [document]).fetchall()
    assert len(blocks) > 4
    before, spans, ladder = snapshot(store), spans_by_id(store), set(store.ladder(store.pairs()[0].id))
    edited, replacement = ids[300], "A new sentence, longer than the one it replaces."
    old = store.sentence_views([edited])[edited]
    plan = SentencePlanner(store).edit_text(edited, replacement)
    store.apply(plan.edit)
    revision = store.pairs()[0].target.id
    new_blocks = store.db.execute("SELECT block_id FROM document_blocks WHERE document_id = ? ORDER BY key", [revision]).fetchall()
    assert set(blocks) < set(new_blocks) and len(set(new_blocks) - set(blocks)) == 1 and len(new_blocks) <= len(blocks) + 2
    after = spans_by_id(store)
    changed = {sid for sid in after if after[sid] != spans.get(sid)}
    window = set(ids[298:303])  # the edited sentence and the two neighbours each side, analysed again
    assert changed and changed <= window | set(plan.edit.new_ids)
    assert set(spans) - set(after) <= window
    moved_beads = ladder - set(store.ladder(store.pairs()[0].id))
    assert moved_beads and all(set(bead.target_ids) & window for bead in moved_beads)
    assert_laid_out(store)
    assert store.db.execute("SELECT text FROM documents WHERE id = ?", [document]).fetchone() == (old_text,)
    new_text = old_text[: old.start] + replacement + old_text[old.start + len(old.text) :]
    assert store.db.execute("SELECT text FROM documents WHERE id = ?", [revision]).fetchone() == (new_text,)
    assert store.text(revision) == new_text
    index_is_sound(store)
    store.apply(plan.edit.inverse())
    assert snapshot(store) == before
    store.apply(plan.edit)
    assert store.db.execute("SELECT text FROM documents WHERE id = ?", [revision]).fetchone() == (new_text,)


def spelt(planned: PlannedLayout, pieces: dict[int, str]) -> str:
    """The text a planned layout gives, the shared blocks' text looked up by key in *pieces*."""
    texts = {**{block.key: pieces[block.key] for block in planned.kept}, **{block.key: block.text for block in planned.fresh}}
    return "".join(texts[key] for key in sorted(texts))


def pieces_of(planned: PlannedLayout, pieces: dict[int, str]) -> dict[int, str]:
    return {**{block.key: pieces[block.key] for block in planned.kept}, **{block.key: block.text for block in planned.fresh}}


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="ab .\n", min_size=1, max_size=12_000), st.data())
def test_an_edit_of_one_stretch_shares_the_other_blocks_and_keeps_keys_in_order(text: str, data: st.DataObject) -> None:
    """Edits one after another at one place (a long paste there too): each revision's blocks spell
    its text, the blocks outside the edit keep their keys, and order keys grow with offsets."""
    planned = fresh_layout(text)
    pieces = pieces_of(planned, {})
    for _ in range(data.draw(st.integers(1, 12))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, min(len(text), start + 200)))
        inserted = data.draw(st.sampled_from(["", "x", "y z " * 1500]))
        new_text = text[:start] + inserted + text[end:]
        if not new_text:
            break
        old = planned.layout
        planned = shared_layout(old, lambda a, b, new=new_text: new[a:b], (start, end), len(new_text) - len(text))
        assert spelt(planned, pieces) == new_text
        assert {b.key for b in planned.kept} <= {b.key for b in old.blocks}
        layout = planned.layout
        offsets = sorted({0, len(new_text) - 1, *(b.start for b in layout.blocks), *(min(b.start + 1, len(new_text) - 1) for b in layout.blocks)})
        keys = [layout.key_of(offset) for offset in offsets]
        assert keys == sorted(keys) and len(set(keys)) == len(keys) and keys[-1] < END_KEY == layout.key_of(len(new_text))
        pieces, text = pieces_of(planned, pieces), new_text


def test_pasting_long_texts_at_one_place_again_and_again_never_runs_out_of_keys() -> None:
    text = "A line.\n" * 2000
    planned = fresh_layout(text)
    pieces = pieces_of(planned, {})
    for _ in range(40):  # each paste cuts the block in several: the keys between two blocks run out
        at = 8 * 500 + 1
        new_text = text[:at] + "pasted words " * 500 + text[at:]
        planned = shared_layout(planned.layout, lambda a, b, new=new_text: new[a:b], (at, at + 1), len(new_text) - len(text))
        pieces, text = pieces_of(planned, pieces), new_text
        assert spelt(planned, pieces) == text


@settings(max_examples=15, deadline=None)
@example([(2, "paste " * 900), (0, "")])  # found by hypothesis: a block a sentence, then an edit cutting one
@example([(0, "paste " * 900), (0, "Two. Sentences.")])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["", "Short.", "A longer text, of a few more words.", "Two. Sentences.", "paste " * 900, "undo"])), min_size=1, max_size=8))
def test_text_edits_anywhere_keep_texts_keys_and_undo_exact(steps: list[tuple[int, str]]) -> None:
    """Edits one after another (slices of a block, or the block cut again when the new text is too
    long for the keys around it), some undone: the text read through the store and through the
    `documents` view is the edited text, every sentence keeps its text, ladder positions are the
    order keys of the sentences, and undoing everything restores every row."""
    store = long_project(300)
    planner, history, first = SentencePlanner(store), [], snapshot(store)
    for at, replacement in steps:
        document = store.pairs()[0].target.id
        if replacement == "undo":
            if history:
                store.apply(history.pop()[1].inverse())
            continue
        ids = store.sentence_ids(document)
        edited = ids[at % len(ids)]
        views = store.sentence_views(ids)
        if views[edited].text == replacement or not (store.text(document).replace(views[edited].text, "", 1) + replacement).strip():
            continue
        plan = planner.edit_text(edited, replacement)
        history.append((document, plan.edit))
        store.apply(plan.edit)
        revision = store.pairs()[0].target.id
        old = views[edited]
        expected = store.text(document)[: old.start] + replacement + store.text(document)[old.start + len(old.text) :]
        assert store.text(revision) == expected
        assert store.db.execute("SELECT text FROM documents WHERE id = ?", [revision]).fetchone() == (expected,)
        new_views = store.sentence_views(store.sentence_ids(revision))
        assert all(new_views[sid].text == views[sid].text for sid in ids if sid in new_views and sid != edited)
        assert all(view.text == expected[view.start : view.start + len(view.text)] for view in new_views.values())
        assert_laid_out(store)
        assert store.sentence_count(revision) == count_sentences(store.db, revision) == len(new_views)
        keys = [row[0] for row in store.db.execute("SELECT pos FROM sentences WHERE document_id = ? ORDER BY start", [revision])]
        assert keys == sorted(set(keys))
    index_is_sound(store)
    for _, edit in reversed(history):
        store.apply(edit.inverse())
    assert snapshot(store) == first


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="ab\n", max_size=40), st.data())
def test_a_spliced_text_reads_like_the_string_it_stands_for(base: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(base)))
    end = data.draw(st.integers(start, len(base)))
    inserted = data.draw(st.text(alphabet="xy", max_size=10))
    spliced, expected = Spliced(base, start, end, inserted), base[:start] + inserted + base[end:]
    assert len(spliced) == len(expected) and str(spliced) == expected
    low = data.draw(st.integers(-3, len(expected) + 3))
    high = data.draw(st.integers(-3, len(expected) + 3))
    assert spliced[low:high] == expected[low:high]


def test_a_revision_is_read_by_stretches_and_counted_without_reading_it_whole() -> None:
    """After an edit the store reads the new revision a few blocks at a time (its whole text is
    joined only when asked for), and its sentence counts follow splits, merges, edits and undo."""
    store = long_project(300)
    planner, document = SentencePlanner(store), store.pairs()[0].target.id
    assert store.sentence_count(document) == 300
    edits = [planner.edit_text(store.sentence_ids(document)[10], "One. Two. Three.").edit]
    store.apply(edits[-1])
    revision = store.pairs()[0].target.id
    assert not isinstance(store.document_text(revision), str) and store.sentence_count(revision) == 302
    sid = store.sentence_ids(revision)[100]
    edits.append(planner.split(sid, 5))
    store.apply(edits[-1])
    edits.append(planner.merge_with_next(store.sentence_ids(revision)[200]))
    store.apply(edits[-1])
    assert store.sentence_count(revision) == count_sentences(store.db, revision) == 302
    text = store.text(revision)
    assert all(store.document_text(revision)[a:b] == text[a:b] for a, b in [(0, 1), (990, 2100), (len(text) - 5, len(text) + 9)])
    for edit in reversed(edits):
        store.apply(edit.inverse())
    assert store.sentence_count(document) == count_sentences(store.db, document) == 300


def test_an_edit_its_callers_transaction_rolls_back_leaves_nothing_remembered() -> None:
    """The store remembers a revision's pieces, texts and counts only once they are committed: the
    next edit takes the rolled-back revision's id, and reads its own text and counts."""
    store = long_project(300)
    planner, document = SentencePlanner(store), store.pairs()[0].target.id
    ids, old_text = store.sentence_ids(document), store.text(document)
    with pytest.raises(RuntimeError), store.transaction():
        store.apply(planner.edit_text(ids[10], "Rolled back. Twice.").edit)
        rolled_back = store.pairs()[0].target.id
        assert store.text(rolled_back) != old_text and store.sentence_count(rolled_back) == 301
        raise RuntimeError
    second = store.sentence_views([ids[20]])[ids[20]]
    store.apply(planner.edit_text(ids[20], "Kept.").edit)
    revision = store.pairs()[0].target.id
    assert revision == rolled_back
    expected = old_text[: second.start] + "Kept." + old_text[second.start + len(second.text) :]
    assert store.text(revision) == expected == store.db.execute("SELECT text FROM documents WHERE id = ?", [revision]).fetchone()[0]
    assert store.sentence_count(revision) == count_sentences(store.db, revision) == 300


@pytest.mark.parametrize("added", [" And a few more words here.", " " + "A much longer addition, of many words. " * 6])
def test_a_sentence_made_longer_moves_no_other_sentence_and_later_splits_stay_in_order(added: str) -> None:
    """A sentence made longer (by a few words, or by more than its neighbours' length) moves no
    other sentence row nor bead (the keys of a block as cut are STRIDE apart, so the longer
    stretch fits between the keys around it); then each sentence of the stretch and after it is
    split before its last word, and every ladder position stays in order. (The stretch's new text once kept the keys of the old one, so the offsets it grew by
    took keys past the next sentence's, and a block a sentence gave its sentences' insides keys
    past the next one's: splits there were keyed out of order.)"""
    store = long_project(300)
    planner, document = SentencePlanner(store), store.pairs()[0].target.id
    ids, spans, ladder = store.sentence_ids(document), spans_by_id(store), set(store.ladder(store.pairs()[0].id))
    edited = ids[100]
    plan = planner.edit_text(edited, store.sentence_views([edited])[edited].text + added)
    store.apply(plan.edit)
    after, window = spans_by_id(store), set(ids[98:103])  # lengthened, and still no other row or bead moves
    assert {sid for sid in after if after[sid] != spans.get(sid)} <= window | set(plan.edit.new_ids)
    assert all(set(bead.target_ids) & window for bead in ladder - set(store.ladder(store.pairs()[0].id)))
    for k in reversed(range(96, 112)):  # from the last: a split moves only the indices after it
        sid = store.sentence_ids(store.pairs()[0].target.id)[k]
        text = store.sentence_views([sid])[sid].text
        store.apply(planner.split(sid, text.rindex(" ") + 1))
    assert_laid_out(store)
    revision = store.pairs()[0].target.id
    keys = [row[0] for row in store.db.execute("SELECT pos FROM sentences WHERE document_id = ? ORDER BY start", [revision])]
    assert keys == sorted(set(keys))
    index_is_sound(store)
