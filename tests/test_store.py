"""The project store: what goes in comes out; foreign, newer or broken files are refused."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from alignments.formats.export import ExportOptions, write_export
from alignments.ladder.beads import check_ladder
from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.store.new_file import new_project_file
from alignments.store.project_file import ProjectError
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse, analyse_lines
from corpus.spans import InterpolationKind


def test_documents_sentences_and_interpolations_round_trip(tmp_path: Path, english_seed: str) -> None:
    analysed = analyse(Document(english_seed, "en", "Letter", "letter.txt"))
    path = tmp_path / "p.wbproj"
    store = ProjectStore.create(path)
    document_id = store.add_document(analysed)
    store.close()

    store = ProjectStore.open(path)
    assert store.document(document_id).title == "Letter"
    assert store.text(document_id) == english_seed
    views = store.sentence_views(store.sentence_ids(document_id))
    assert [views[sid].text for sid in store.sentence_ids(document_id)] == [
        s.text_of(english_seed) for s in analysed.sentences
    ]
    assert store.interpolations(document_id) == list(analysed.interpolations)
    store.close()


def test_interpolations_are_relative_to_their_sentence(letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    views = letter_project.sentence_views(letter_project.sentence_ids(pair.target.id))
    noted = [(view.text[n.start : n.end], n.kind) for view in views.values() for n in view.notes]
    assert ("(He liked the bloody executioner like Yagoda. - N. Kh.)", InterpolationKind.NOTE) in noted
    assert ("*", InterpolationKind.FOOTNOTE_MARK) in noted


def test_a_new_pair_has_a_complete_ladder(letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    ladder = letter_project.ladder(pair.id)
    check_ladder(ladder, letter_project.sentence_ids(pair.source.id), letter_project.sentence_ids(pair.target.id))
    assert [b.id for b in ladder] == [key[0] for key in letter_project.bead_keys(pair.id)]


def test_the_file_is_a_readable_sqlite_database(letter_project: ProjectStore) -> None:
    connection = sqlite3.connect(letter_project.path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"documents", "sentences", "interpolations", "pairs", "beads", "bead_sentences"} <= tables
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_create_refuses_an_existing_path(tmp_path: Path) -> None:
    path = tmp_path / "exists.wbproj"
    path.write_text("keep me")
    with pytest.raises(ProjectError, match="already exists"):
        ProjectStore.create(path)
    assert path.read_text() == "keep me"


def _foreign_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda p: None, "no such project file"),
        (lambda p: p.mkdir(), "is a folder, not a project file"),
        (lambda p: p.write_text("just some text"), "is not a Translation Workbench project"),
        (_foreign_database, "is not a Translation Workbench project"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), "cannot be opened"),
    ],
    ids=["missing", "folder", "text file", "someone else's database", "corrupted"],
)
def test_open_refuses_what_is_not_ours(tmp_path: Path, prepare: object, message: str) -> None:
    path = tmp_path / "p.wbproj"
    prepare(path)  # type: ignore[operator]
    with pytest.raises(ProjectError, match=message):
        ProjectStore.open(path)


def test_open_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    ProjectStore.create(path).close()
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('translation-workbench', 'm999_from_the_future', '2030-01-01')"
    )
    connection.commit()
    connection.close()
    with pytest.raises(ProjectError, match="made by a newer version"):
        ProjectStore.open(path)


def test_a_new_project_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    """An error while filling it leaves neither the project nor its temporary file behind;
    an existing project is refused unless replacing, and then replaced."""
    path = tmp_path / "new.wbproj"
    with pytest.raises(RuntimeError), new_project_file(path) as store:
        store.add_document(analyse(Document("One sentence here. Another.", "en", "t")))
        raise RuntimeError("the disk filled up")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    with new_project_file(path) as store:
        store.add_document(analyse(Document("One sentence here. Another.", "en", "t")))
    with pytest.raises(ProjectError, match="already exists"), new_project_file(path):
        pass
    with new_project_file(path, replacing=True):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.wbproj"]
    store = ProjectStore.open(path)
    assert store.pairs() == [] and store.db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    store.close()


def many_pairs(count: int) -> ProjectStore:
    store = ProjectStore.in_memory()
    for k in range(count):
        source = analyse_lines(Document(f"Satz {k}.\nNoch einer.", "de", f"Quelle {k}"))
        target = analyse_lines(Document(f"Sentence {k}.\nOne more.", "en", f"Target {k}"))
        store.add_drafted_pair(PairDraft(source, target, sequential_ladder(2, 2), "sequential"))
    return store


def statements(store: ProjectStore, work: Callable[[], object]) -> int:
    """How many SQL statements *work* runs on the store's connection."""
    run: list[str] = []
    store.db.conn.set_trace_callback(run.append)
    try:
        work()
    finally:
        store.db.conn.set_trace_callback(None)
    return len(run)


def test_listing_pairs_and_exporting_grow_linearly_with_the_pairs() -> None:
    """`pairs` and `export` took a query per pair for every pair (2,000 pairs: over two minutes);
    times are measured by `make bench`, the queries counted here."""
    stores = [many_pairs(count) for count in (10, 20, 40)]
    for store in stores:
        assert statements(store, store.pairs) == 1
        assert statements(store, lambda store=store: store.pair(7)) == 1
    exported = [statements(store, lambda store=store: write_export(store, io.StringIO(), ExportOptions())) for store in stores]
    per_pair = (exported[1] - exported[0]) / 10
    assert exported[2] - exported[1] == 20 * per_pair and per_pair <= 10
