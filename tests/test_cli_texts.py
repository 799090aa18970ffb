"""The command line for revisions, imports and the new export formats: the happy path, and one
clear line for every user mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
from tests.test_cli import run

NOTE = " (He liked the bloody executioner like Yagoda. - N. Kh.)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    code, _, _ = run("new", path, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    assert code == 0
    return path


def test_revise_reports_what_happened_to_each_sentence(tmp_path: Path, project: Path) -> None:
    revised = tmp_path / "en-2.txt"
    english = ENGLISH_SEED.read_text("utf-8")
    revised.write_text(english.replace(NOTE, "").replace("voices in protest", "voices in protets"), "utf-8")
    code, stdout, stderr = run("revise", project, "--document", "2", revised)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [
        "Document 2 revised as document 3: 51 sentences unchanged, 1 changed, 0 added, 1 removed.",
        "changed  61 → 109: I also did not raise voices in protets during subsequent killings, and this silence place…",
        "removed  69: (He liked the bloody executioner like Yagoda. - N. Kh.)",
    ]
    code, stdout, _ = run("pairs", project)
    assert stdout.endswith("; documents 1 → 3\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--document", "9", "{e}"], "There is no document 9 in this project."),
        (["--document", "2", "{e}"], "The text is the same as document 2; there is nothing to revise."),
        (["--document", "2", "{d}/missing.txt"], "{d}/missing.txt: no such file."),
        (["--document", "2", "{d}/empty.txt"], "{d}/empty.txt is empty."),
    ],
    ids=["no such document", "same text", "missing file", "empty file"],
)
def test_revise_mistakes_give_one_line_and_change_nothing(tmp_path: Path, project: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _, before, _ = run("pairs", project)
    code, stdout, stderr = run("revise", project, *(a.format(d=tmp_path, e=ENGLISH_SEED) for a in args))
    assert (code, stdout, stderr) == (1, "", f"Error: {message.format(d=tmp_path)}\n")
    assert run("pairs", project)[1] == before


def test_revising_an_old_revision_names_the_latest(tmp_path: Path, project: Path) -> None:
    revised = tmp_path / "en-2.txt"
    revised.write_text(ENGLISH_SEED.read_text("utf-8").replace(NOTE, ""), "utf-8")
    run("revise", project, "--document", "2", revised)
    code, _, stderr = run("revise", project, "--document", "2", ENGLISH_SEED)
    assert (code, stderr) == (1, "Error: Document 2 has been revised since; revise its latest revision, document 3.\n")
