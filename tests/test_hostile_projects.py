"""Project files from elsewhere (DESIGN §11): newer, older, truncated, scribbled on, or carrying
triggers and views of their own. Each is refused with one line the user reads, before anything
in it runs, through the read-only commands (`pairs`, `export`) and the writing one (`new --add`)."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from alignments.store.project_file import ProjectError
from alignments.store.project_store import ProjectStore
from alignments.store.schema import APPLICATION_ID
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, Runner

PAGE = 4096


def sql(*statements: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        connection = sqlite3.connect(path)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()

    return change


def cut_to(size: int | Callable[[int], int]) -> Callable[[Path], None]:
    return lambda path: os.truncate(path, size(path.stat().st_size) if callable(size) else size)


def scribble(page: int, data: Callable[[], bytes]) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        with path.open("r+b") as handle:
            handle.seek(page * PAGE)
            handle.write(data())

    return change


def noise() -> bytes:
    return random.Random(8).randbytes(2000)


DAMAGED = "{p} cannot be opened: the file is damaged ({detail}); restore it from a backup."
FOREIGN = "{p} holds database objects that Translation Workbench did not make ({objects}); it is not opened, for safety."
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "newer schema": (
        sql("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('translation-workbench', 'm999_from_the_future', '2030-01-01')"),
        "{p} was made by a newer version of Translation Workbench; update the workbench to open it.",
    ),
    "cut to half": (cut_to(lambda size: size // 2), DAMAGED.replace("{detail}", "database disk image is malformed")),
    "cut inside the first page": (cut_to(PAGE + 100), DAMAGED.replace("{detail}", "database disk image is malformed")),
    "cut inside the header": (cut_to(50), DAMAGED.replace("{detail}", "cut short")),
    "a page of zeros": (scribble(4, lambda: bytes(PAGE)), DAMAGED.replace("{detail}", "it fails SQLite's integrity check")),
    "noise over a page": (scribble(13, noise), DAMAGED.replace("{detail}", "it fails SQLite's integrity check")),
    "an index dropped": (sql("DROP INDEX beads_in_order"), DAMAGED.replace("{detail}", "missing index beads_in_order")),
    "a trigger of its own": (
        sql("CREATE TRIGGER wipe AFTER INSERT ON beads BEGIN DELETE FROM document_rows; END"),
        FOREIGN.replace("{objects}", "trigger wipe"),
    ),
    "a view of its own": (
        sql("CREATE VIEW everything AS SELECT * FROM documents"),
        FOREIGN.replace("{objects}", "view everything"),
    ),
    "a table and an index of its own": (
        sql("CREATE TABLE extra (x)", "CREATE INDEX extra_x ON extra (x)"),
        FOREIGN.replace("{objects}", "index extra_x, table extra"),
    ),
    "seven views": (
        sql(*[f"CREATE VIEW v{k} AS SELECT {k}" for k in range(7)]),
        FOREIGN.replace("{objects}", "view v0, view v1, view v2, view v3, view v4 and 2 more"),
    ),
    "a table of our name with other columns": (
        sql("ALTER TABLE beads DROP COLUMN provenance"), FOREIGN.replace("{objects}", "table beads"),
    ),
    "a row written around a CHECK constraint": (
        sql("PRAGMA ignore_check_constraints = ON", "UPDATE beads SET status = 'weird' WHERE id = 1"),
        DAMAGED.replace("{detail}", "table beads holds status 'weird', which the workbench never writes"),
    ),
    "someone else's database": (
        lambda p: (p.unlink(), sql("CREATE TABLE notes (body TEXT)")(p)),
        "{p} is not a Translation Workbench project.",
    ),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("change", "message"), CASES.values(), ids=CASES.keys())
def test_a_bad_project_file_is_refused_in_one_line_and_left_as_it_was(
    project: Path, tmp_path: Path, change: Callable[[Path], None], message: str
, run: Runner) -> None:
    change(project)
    before = digest(project)
    expected = f"Error: {message.format(p=project)}\n"
    commands = [
        ["pairs", project],
        ["export", project, "-o", tmp_path / "out.csv"],
        ["export", project, "--format", "tmx"],
        ["new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED],
        ["realign", project],
        ["revise", project, "--document", "1", GERMAN_LETTER],
        ["rules", project, "--add-editor", "K. M."],
    ]
    for command in commands:
        assert run(*command) == (1, "", expected)
    assert digest(project) == before
    assert not (tmp_path / "out.csv").exists()
    assert not Path(f"{project}-lock").exists()


def test_a_database_with_our_id_but_no_record_of_migrations_is_refused_unwritten(tmp_path: Path, run: Runner) -> None:
    """It was switched to WAL and given a table before being refused."""
    path = tmp_path / "foreign.wbproj"
    sql(f"PRAGMA application_id = {APPLICATION_ID}", "CREATE TABLE notes (body TEXT)")(path)
    before = digest(path)
    for command in (["pairs", path], ["new", path, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED]):
        assert run(*command) == (1, "", f"Error: {path} is not a Translation Workbench project.\n")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.wbproj"]
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_a_trigger_smuggled_in_never_runs(project: Path) -> None:
    """Even had the check been skipped, nothing of ours writes while opening; the refusal comes first."""
    sql("CREATE TRIGGER wipe AFTER INSERT ON beads BEGIN DELETE FROM document_rows; END")(project)
    with pytest.raises(ProjectError, match="did not make"):
        ProjectStore.open(project)
    connection = sqlite3.connect(project)
    assert connection.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    connection.close()


def test_an_older_project_is_brought_up_to_date_but_not_when_read_only(project: Path) -> None:
    sql("DROP TABLE vector_cache", "DELETE FROM _sqlite_migrations WHERE name = 'm003_vector_cache'")(project)
    with pytest.raises(ProjectError) as caught:
        ProjectStore.open(project, read_only=True)
    assert str(caught.value) == (
        f"{project} was made by an older version of Translation Workbench;"
        " open it for changes once to bring it up to date."
    )
    ProjectStore.open(project).close()
    store = ProjectStore.open(project, read_only=True)
    assert store.db["vector_cache"].exists()
    store.close()


def test_a_stored_note_pattern_that_does_not_compile_is_refused_in_one_line(project: Path, run: Runner) -> None:
    """Detection under the project's rules meets the pattern: one line, and nothing added."""
    sql("INSERT INTO note_patterns (pattern, created_at) VALUES ('(unclosed', '2026-01-01')")(project)
    before = run("pairs", project)[1]
    code, stdout, stderr = run("new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    assert (code, stdout) == (1, "")
    assert stderr.startswith("Error: Note pattern '(unclosed' is not a valid regular expression (")
    assert len(stderr.splitlines()) == 1
    assert run("pairs", project)[1] == before


def test_a_stored_pattern_that_would_never_finish_is_stopped_and_refused_in_one_line(
    project: Path, tmp_path: Path, run: Runner
) -> None:
    """`(a|aa)+$` over a run of a's backtracks for ever: it runs with a time budget instead."""
    sql("INSERT INTO note_patterns (pattern, created_at) VALUES ('(a|aa)+$', '2026-01-01')")(project)
    text = tmp_path / "run.txt"
    text.write_text("Ein Satz. " + "a" * 60 + "b.\n", "utf-8")
    before = run("pairs", project)[1]
    code, stdout, stderr = run("new", project, "--add", "--source", text, "--target", ENGLISH_SEED, "--no-align")
    assert (code, stdout) == (1, "")
    assert stderr == (
        "Error: Note pattern '(a|aa)+$' takes longer than 1 s over a text of 73 characters (it may never finish);"
        " simplify it or remove it from the project's rules.\n"
    )
    assert run("pairs", project)[1] == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--add-editor", " ", "An editor signature cannot be blank (' ')."),
        ("--add-pattern", "", "A note pattern cannot be empty."),
        ("--add-pattern", "(", "Note pattern '(' is not a valid regular expression (missing ) at position 1)."),
    ],
)
def test_a_rule_that_cannot_be_one_is_refused_not_ignored(
    project: Path, option: str, value: str, message: str, run: Runner
) -> None:
    before = run("rules", project)
    assert run("rules", project, option, value) == (1, "", f"Error: {message}\n")
    assert run("rules", project) == before
