"""Full-text search and the GUI's find, and the index kept in step with every change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from alignments.ladder.beads import Side
from alignments.planning.sentence_planner import SentencePlanner
from alignments.store.project_store import ProjectStore
from alignments.store.schema import APPLICATION_ID, migrations
from alignments.store.search import FindHit, SearchError
from tests.conftest import Runner
from tests.gold import APPEAL, add_gold_pair, gold_project


def index_is_sound(store: ProjectStore) -> None:
    """The FTS index matches `sentence_texts`, which holds exactly the live sentences' text."""
    store.db.execute("INSERT INTO sentence_texts_fts (sentence_texts_fts) VALUES ('integrity-check')")
    expected = store.db.execute(
        'SELECT s.id, substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s'
        " JOIN documents d ON d.id = s.document_id ORDER BY s.id"
    ).fetchall()
    assert store.db.execute("SELECT id, text FROM sentence_texts ORDER BY id").fetchall() == expected


def test_search_finds_words_in_either_language(letter_project: ProjectStore) -> None:
    hits = letter_project.search("Yagoda")
    assert [(h.document_id, h.text) for h in hits] == [(2, "(He liked the bloody executioner like Yagoda. - N. Kh.)")]
    assert [h.text for h in letter_project.search("jagoda")] == ["(Er glich dem blutigen Henker Jagoda. - N. Kh.)"]
    assert letter_project.search("Yago") == []


def test_search_within_one_pair(letter_project: ProjectStore) -> None:
    """Only the sentences of the pair's two documents; a pair without the word finds nothing."""
    letter = letter_project.pairs()[0]
    appeal = add_gold_pair(letter_project, APPEAL)
    everywhere = {h.document_id for h in letter_project.search("the", limit=1000)}
    assert everywhere == {letter.target.id, letter_project.pair(appeal).target.id}  # English only
    assert {h.document_id for h in letter_project.search("the", pair_id=letter.id, limit=1000)} == {letter.target.id}
    assert letter_project.search("Yagoda", pair_id=appeal) == []
    assert [h.text for h in letter_project.search("Yagoda", pair_id=letter.id)] == [
        "(He liked the bloody executioner like Yagoda. - N. Kh.)"
    ]


def test_search_syntax_and_its_errors(letter_project: ProjectStore) -> None:
    from alignments.store.search import search_sentences

    prefix = search_sentences(letter_project.db, "Yago*", syntax=True)
    assert [h.text for h in prefix] == ["(He liked the bloody executioner like Yagoda. - N. Kh.)"]
    assert search_sentences(letter_project.db, '"Yago*', syntax=False) == []
    with pytest.raises(SearchError, match="is not a valid search"):
        search_sentences(letter_project.db, '"unclosed', syntax=True)


def test_find_returns_beads_and_sentences_in_ladder_order(letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    hits = letter_project.find(pair.id, "jagoda")
    note = next(b for b in letter_project.ladder(pair.id) if hits[0].sentence_id in b.source_ids)
    assert hits == [FindHit(note.id, Side.SOURCE, note.source_ids[0])]
    both = letter_project.find(pair.id, r"[JY]ago\w+", regex=True)
    assert both == [FindHit(note.id, Side.SOURCE, note.source_ids[0]), FindHit(note.id, Side.TARGET, note.target_ids[0])]
    assert letter_project.find(pair.id, r"[JY]ago\w+", regex=True, side=Side.TARGET) == both[1:]
    assert letter_project.find(pair.id, "jagoda", case_sensitive=True) == []
    ladder = letter_project.ladder(pair.id)
    texts = {s.id: s.text for view in letter_project.bead_views(ladder) for s in (*view.source, *view.target)}
    holding = [
        (bead.id, sid) for bead in ladder for sid in (*bead.source_ids, *bead.target_ids) if "stalin" in texts[sid].casefold()
    ]
    assert holding and [(h.bead_id, h.sentence_id) for h in letter_project.find(pair.id, "Stalin")] == holding


def test_find_refuses_a_bad_regex(letter_project: ProjectStore) -> None:
    with pytest.raises(SearchError, match="is not a valid regular expression"):
        letter_project.find(1, "(unclosed", regex=True)


def test_the_index_follows_splits_merges_revisions_and_undo(letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    planner = SentencePlanner(letter_project)
    target = letter_project.sentence_ids(pair.target.id)
    split = planner.split(target[1], 10)
    letter_project.apply(split)
    index_is_sound(letter_project)
    merge = planner.merge(target[2], target[3])
    letter_project.apply(merge)
    index_is_sound(letter_project)
    note = letter_project.search("Yagoda")[0]
    plan = planner.edit_text(note.sentence_id, "(He liked the bloodthirsty executioner like Yagoda. - N. Kh.)")
    letter_project.apply(plan.edit)
    index_is_sound(letter_project)
    assert [h.text for h in letter_project.search("bloodthirsty")] == ["(He liked the bloodthirsty executioner like Yagoda. - N. Kh.)"]
    assert letter_project.search("bloody") == []
    for edit in (plan.edit, merge, split):
        letter_project.apply(edit.inverse())
        index_is_sound(letter_project)
    assert [h.sentence_id for h in letter_project.search("bloody")] == [note.sentence_id]


def test_an_older_project_file_gets_the_index_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.commit()
    connection.close()
    from sqlite_utils import Database

    db = Database(path)
    migrations.apply(db, stop_before="m004_revisions")
    db["documents"].insert({"id": 1, "title": "T", "lang": "en", "text": "One here. Two there.", "sha256": "x",
                            "created_at": "2024-01-01"})
    db["sentences"].insert_all([{"document_id": 1, "start": 0, "end": 9}, {"document_id": 1, "start": 10, "end": 20}])
    db.close()
    store = ProjectStore.open(path)
    index_is_sound(store)
    assert [h.sentence_id for h in store.search("there")] == [2]
    store.close()


def test_workbench_search_prints_where_each_hit_is_shown(tmp_path: Path, run: Runner) -> None:
    path = gold_project(tmp_path / "samples.wbproj")
    store = ProjectStore.open(path, read_only=True)
    letter, appeal, _second_letter = store.pairs()
    note = store.find(letter.id, "Yagoda")[0]
    in_appeal = {h.sentence_id for h in store.find(appeal.id, "the")}
    store.close()
    assert run("search", path, "yagoda") == (
        0, f"pair 1, bead {note.bead_id}, translation, sentence {note.sentence_id}:"
        " (He liked the bloody executioner like Yagoda. - N. Kh.)\n", "",
    )
    code, stdout, _ = run("search", path, "the", "--pair", appeal.id, "--limit", 3)
    lines = stdout.splitlines()
    assert code == 0 and len(lines) == 3 and all(line.startswith("pair 2, bead ") for line in lines)
    assert {int(line.split(", sentence ")[1].split(":")[0]) for line in lines} <= in_appeal


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Zwetschgenkuchen"], (0, "", "No sentence matches 'Zwetschgenkuchen'.\n")),
        (["Stalin", "--pair", "7"], (1, "", "Error: {p} has no pair 7 (it has 1, 2, 3).\n")),
    ],
    ids=["nothing found", "no such pair"],
)
def test_workbench_search_says_what_it_did_not_find(tmp_path: Path, run: Runner, args: list[str], expected: tuple[int, str, str]) -> None:
    path = gold_project(tmp_path / "samples.wbproj")
    code, stdout, stderr = expected
    assert run("search", path, *args) == (code, stdout, stderr.format(p=path))
    assert run("search", tmp_path / "none.wbproj", "x") == (1, "", f"Error: {tmp_path / 'none.wbproj'}: no such project file.\n")
