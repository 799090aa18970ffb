"""The command line for revisions, imports and the new export formats: the happy path, and one
clear line for every user mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, LETTER_GOLD, Runner
from tests.gold import LETTER, gold_links

GOLD = gold_links(LETTER)

NOTE = " (He liked the bloody executioner like Yagoda. - N. Kh.)"


@pytest.fixture
def project(letter_cli_project: Path) -> Path:
    """The letter pair made with `workbench new --no-align`, its gold ladder imported."""
    return letter_cli_project


def test_revise_reports_what_happened_to_each_sentence(tmp_path: Path, project: Path, run: Runner) -> None:
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
def test_revise_mistakes_give_one_line_and_change_nothing(tmp_path: Path, project: Path, args: list[str], message: str, run: Runner) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _, before, _ = run("pairs", project)
    code, stdout, stderr = run("revise", project, *(a.format(d=tmp_path, e=ENGLISH_SEED) for a in args))
    assert (code, stdout, stderr) == (1, "", f"Error: {message.format(d=tmp_path)}\n")
    assert run("pairs", project)[1] == before


def test_revise_history_shows_what_each_revision_changed(tmp_path: Path, project: Path, run: Runner) -> None:
    assert run("revise", project, "--document", "2", "--history") == (0, "Document 2 has not been revised.\n", "")
    revised = tmp_path / "en-2.txt"
    revised.write_text(ENGLISH_SEED.read_text("utf-8").replace(NOTE, "").replace("protest", "protests"), "utf-8")
    assert run("revise", project, "--document", "2", revised).code == 0
    (tmp_path / "en-3.txt").write_text(revised.read_text("utf-8").replace("protests", "protest"), "utf-8")
    assert run("revise", project, "--document", "3", tmp_path / "en-3.txt").code == 0
    assert run("revise", project, "--document", "4", "--history") == (0, (
        f"Document 3, revised from document 2: 1 characters inserted in 1 places, {len(NOTE)} deleted in 1.\n"
        f"  note removed: Editorial note — N. Kh.: {NOTE.strip()}\n"
        "Document 4, revised from document 3: 0 characters inserted in 0 places, 1 deleted in 1.\n"
    ), "")
    assert run("revise", project, "--document", "9", "--history") == (1, "", "Error: There is no document 9 in this project.\n")
    code, _, stderr = run("revise", project, "--document", "2")
    assert code == 2 and stderr.endswith("Error: Give either a revised text FILE or --history.\n")


def test_revising_an_old_revision_names_the_latest(tmp_path: Path, project: Path, run: Runner) -> None:
    revised = tmp_path / "en-2.txt"
    revised.write_text(ENGLISH_SEED.read_text("utf-8").replace(NOTE, ""), "utf-8")
    run("revise", project, "--document", "2", revised)
    code, _, stderr = run("revise", project, "--document", "2", ENGLISH_SEED)
    assert (code, stderr) == (1, "Error: Document 2 has been revised since; revise its latest revision, document 3.\n")


def test_export_tmx_and_xliff_then_import_the_tmx_as_a_new_project(tmp_path: Path, project: Path, run: Runner) -> None:
    two_sided = [(s, t) for s, t in GOLD if s and t]  # a translation unit each, notes kept in the text
    for format_, name in (("tmx", "out.tmx"), ("xliff", "out.xlf")):
        code, _, stderr = run("export", project, "--format", format_, "--notes", "keep", "-o", tmp_path / name)
        assert (code, stderr) == (0, f"Wrote {len(two_sided)} beads to {tmp_path / name}.\n")
    code, stdout, stderr = run("import", tmp_path / "copy.wbproj", tmp_path / "out.tmx")
    assert (code, stderr) == (0, "")
    assert stdout.startswith(f"pair 1: Offener Brief eines Verräters, 1937 (de) → Traitor's Open Letter, 1937 (en): {len(two_sided)} beads")
    code, stdout, _ = run("import", tmp_path / "copy.wbproj", tmp_path / "out.tmx", "--add")
    assert code == 0 and stdout.startswith("pair 2: ")


def test_import_a_csv_and_a_ladder_onto_the_project(tmp_path: Path, project: Path, run: Runner) -> None:
    run("export", project, "-o", tmp_path / "out.csv")
    code, stdout, _ = run("import", project, tmp_path / "out.csv")
    assert (code, stdout) == (0, f"pair 1: {len(GOLD)} beads read, 0 new or changed, 0 replaced.\n")

    code, stdout, _ = run("import", project, LETTER_GOLD, "--format", "ladder", "--pair", "1")
    assert (code, stdout) == (0, f"pair 1: {len(GOLD)} beads read, 0 new or changed, 0 replaced.\n")
    run("export", project, "--format", "ladder", "-o", tmp_path / "out.ladder")
    code, stdout, _ = run("score", LETTER_GOLD, tmp_path / "out.ladder")
    assert stdout.splitlines()[0] == "strict  precision 1.000  recall 1.000  F1 1.000"


@pytest.mark.parametrize(
    ("arrange", "args", "message"),
    [
        (lambda d: (d / "x.tmx").write_text('<!DOCTYPE t [<!ENTITY e SYSTEM "file:///etc/passwd">]><tmx>&e;</tmx>'),
         ["import", "{d}/new.wbproj", "{d}/x.tmx"],
         "{d}/x.tmx is refused: its DOCTYPE declares entities or other DTD content of its own, which is never read."),
        (lambda d: (d / "x.tmx").write_text("<tmx><body>"), ["import", "{d}/new.wbproj", "{d}/x.tmx"],
         "{d}/x.tmx is not well-formed XML (line 1, column 11: no element found)."),
        (lambda d: (d / "x.txt").write_text("hi"), ["import", "{d}/new.wbproj", "{d}/x.txt"],
         "Cannot tell the format of {d}/x.txt from its name; give it with --format (tmx|tei|csv|tsv|xlsx|ladder)."),
        (lambda d: None, ["import", "{d}/new.wbproj", "{d}/missing.tmx"], "{d}/missing.tmx: no such file."),
        (lambda d: (d / "x.csv").write_text("a,b\n"), ["import", "{d}/new.wbproj", "{d}/x.csv"],
         "{d}/new.wbproj: no such project file."),
        (lambda d: None, ["export", str(ENGLISH_SEED), "--format", "tmx", "--excel"],
         "--excel applies to CSV and TSV exports only."),
    ],
    ids=["external entity", "malformed", "unknown format", "missing", "no project", "excel tmx"],
)
def test_import_mistakes_give_one_line_and_write_nothing(tmp_path: Path, arrange: object, args: list[str], message: str, run: Runner) -> None:
    arrange(tmp_path)  # type: ignore[operator]
    before = sorted(p.name for p in tmp_path.iterdir())
    code, stdout, stderr = run(*(a.format(d=tmp_path) for a in args))
    assert (code, stdout, stderr) == (1, "", f"Error: {message.format(d=tmp_path)}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_ladder_needs_a_pair_when_there_are_several(tmp_path: Path, project: Path, run: Runner) -> None:
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--add", "--no-align")
    code, _, stderr = run("import", project, LETTER_GOLD)
    assert (code, stderr) == (1, f"Error: {LETTER_GOLD} is a ladder of one pair; say which with --pair (1, 2).\n")
