"""The command line (DESIGN §8): the happy path, and one clear line for every user mistake."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from alignments.ladder.notation import parse_ladder, score
from alignments.planning.new_pair import SEQUENTIAL, aligner_provenance
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, GERMAN_SEED, LETTER_GOLD, Runner
from tests.gold import LETTER, gold_links

GOLD = gold_links(LETTER)


def test_new_then_export_writes_a_csv_a_spreadsheet_opens(tmp_path: Path, run: Runner) -> None:
    project, out = tmp_path / "p.wbproj", tmp_path / "p.csv"
    code, stdout, _ = run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    summary = re.fullmatch(
        r"pair 1: Offener Brief eines Verräters, 1937 \(de\) → Traitor's Open Letter, 1937 \(en\): (\d+) beads,"
        r" \d+% confirmed, \d+ flagged, \d+ unaligned; documents 1 → 2\n",
        stdout,
    )
    assert code == 0 and summary is not None
    beads = int(summary[1])  # as many as the aligner made
    code, _, stderr = run("export", project, "-o", out, "--excel")
    assert (code, stderr) == (0, f"Wrote {beads} beads to {out}.\n")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert len(rows) == beads + 1 and rows[1][2] == "Offener Brief eines Verräters, 1937"


def test_new_add_and_pairs(tmp_path: Path, run: Runner) -> None:
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")
    code, _, _ = run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--add")
    assert code == 0
    code, stdout, _ = run("pairs", project)
    lines = stdout.splitlines()
    assert code == 0 and [line.split(":")[0] for line in lines] == ["pair 1", "pair 2"]
    in_order = max(sum(len(link[side]) for link in GOLD) for side in (0, 1))  # one bead a sentence of the longer side
    assert f": {in_order} beads, " in lines[0]
    store = ProjectStore.open(project, read_only=True)
    makers = [{bead.provenance for bead in store.ladder(pair.id)} for pair in store.pairs()]
    store.close()
    assert makers == [{SEQUENTIAL}, {aligner_provenance()}]


def test_segment_and_notes_print_code_point_offsets(tmp_path: Path, run: Runner) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("\ufeff𝔄 is here. (A note. - E. H.) Next one.".encode("utf-8"))
    code, stdout, _ = run("segment", path, "--json", "--lang", "en")
    assert code == 0
    assert [json.loads(line) for line in stdout.splitlines()] == [
        {"start": 0, "end": 10, "text": "𝔄 is here."},
        {"start": 11, "end": 28, "text": "(A note. - E. H.)"},
        {"start": 29, "end": 38, "text": "Next one."},
    ]
    code, stdout, _ = run("notes", path)
    assert [json.loads(line) for line in stdout.splitlines()] == [
        {"start": 11, "end": 28, "kind": "note", "editor": "E. H.", "text": "(A note. - E. H.)"}
    ]


def test_notes_takes_extra_signatures_and_patterns(tmp_path: Path, run: Runner) -> None:
    path = tmp_path / "t.txt"
    path.write_text("He left (for good — the editors) and {ed: twice}.\r\n(A note – K. M.) 😀 [sic]", "utf-8")
    code, stdout, _ = run("notes", path, "--editor", "K. M.", "--editor", "the editors", "--pattern", r"\{(?P<editor>ed): [^}]*\}")
    assert code == 0
    assert stdout == (
        '{"start": 8, "end": 32, "kind": "note", "editor": "the editors", "text": "(for good — the editors)"}\n'
        '{"start": 37, "end": 48, "kind": "note", "editor": "ed", "text": "{ed: twice}"}\n'
        '{"start": 51, "end": 67, "kind": "note", "editor": "K. M.", "text": "(A note – K. M.)"}\n'
        '{"start": 70, "end": 75, "kind": "supplied", "editor": null, "text": "[sic]"}\n'
    )
    code, stdout, _ = run("notes", path)
    assert [json.loads(line)["text"] for line in stdout.splitlines()] == ["(A note – K. M.)", "[sic]"]


def test_align_writes_a_ladder_of_every_sentence_and_score_compares_it_with_the_gold(tmp_path: Path, run: Runner) -> None:
    """What the aligner makes of the letter is test_aligner's business; here, that `align` writes a
    ladder of every sentence in order and `score` reports what the scoring function says of it."""
    out = tmp_path / "t.ladder"
    assert run("align", GERMAN_LETTER, ENGLISH_SEED, "--format", "ladder", "-o", out).code == 0
    links = parse_ladder(out.read_text("utf-8"))
    for side in (0, 1):
        assert [k for link in links for k in link[side]] == [k for link in GOLD for k in link[side]]
    scores = score([GOLD], [links])
    code, stdout, _ = run("score", LETTER_GOLD, out)
    assert code == 0 and stdout.splitlines()[0] == (
        f"strict  precision {scores.precision_strict:.3f}  recall {scores.recall_strict:.3f}  F1 {scores.f1_strict:.3f}"
    )


@pytest.mark.parametrize(
    ("arrange", "args", "message"),
    [
        (lambda d: None, ["new", "{d}/p.wbproj", "--source", "{d}/missing.txt", "--target", str(ENGLISH_SEED)], "{d}/missing.txt: no such file."),
        (lambda d: None, ["new", "{d}/p.wbproj", "--source", "{d}", "--target", str(ENGLISH_SEED)], "{d} is a folder, not a text file."),
        (lambda d: (d / "bin.txt").write_bytes(bytes(range(256)) * 8), ["new", "{d}/p.wbproj", "--source", "{d}/bin.txt", "--target", str(ENGLISH_SEED)], "{d}/bin.txt is not a text file (binary data or an unknown encoding)."),
        (lambda d: (d / "empty.txt").write_bytes(b""), ["new", "{d}/p.wbproj", "--source", "{d}/empty.txt", "--target", str(ENGLISH_SEED)], "{d}/empty.txt is empty."),
        (lambda d: None, ["new", "{d}/p.wbproj", "--source", str(ENGLISH_SEED), "--target", str(ENGLISH_SEED)], f"{ENGLISH_SEED} is given as both the source and the translation."),
        (lambda d: (d / "p.wbproj").write_text("mine"), ["new", "{d}/p.wbproj", "--source", str(GERMAN_LETTER), "--target", str(ENGLISH_SEED)], "{d}/p.wbproj already exists; choose another name or remove it first."),
        (lambda d: (d / "p.wbproj").write_text("mine"), ["export", "{d}/p.wbproj"], "{d}/p.wbproj is not a Translation Workbench project."),
        (lambda d: None, ["pairs", "{d}/p.wbproj"], "{d}/p.wbproj: no such project file."),
        (lambda d: None, ["notes", str(ENGLISH_SEED), "--pattern", "(unclosed"], None),
        (lambda d: (d / "bin.ladder").write_bytes(bytes(range(256)) * 8), ["score", "{d}/bin.ladder", str(ENGLISH_SEED.parent / "letter-1937.gold.ladder")], "{d}/bin.ladder is not a text file (binary data or an unknown encoding)."),
    ],
    ids=["missing", "folder", "binary", "empty", "same file", "existing project", "not ours", "no project", "bad regex", "binary ladder"],
)
def test_user_mistakes_give_one_line_and_write_nothing(tmp_path: Path, arrange: object, args: list[str], message: str | None, run: Runner) -> None:
    arrange(tmp_path)  # type: ignore[operator]
    before = sorted((p.name, p.stat().st_size) for p in tmp_path.iterdir())
    code, stdout, stderr = run(*(a.format(d=tmp_path) for a in args))
    assert code != 0 and stdout == ""
    if message is not None:
        assert stderr == f"Error: {message.format(d=tmp_path)}\n"
    else:
        assert "is not a valid regular expression" in stderr and "Traceback" not in stderr
    assert sorted((p.name, p.stat().st_size) for p in tmp_path.iterdir()) == before


def test_failed_new_leaves_no_project_behind(tmp_path: Path, run: Runner) -> None:
    (tmp_path / "empty.txt").write_text("")
    run("new", tmp_path / "p.wbproj", "--source", GERMAN_LETTER, "--target", tmp_path / "empty.txt")
    assert not (tmp_path / "p.wbproj").exists()


def test_the_project_is_usable_from_sqlite_after_new(tmp_path: Path, run: Runner) -> None:
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    store = ProjectStore.open(project)
    assert [p.source.lang for p in store.pairs()] == ["de"]
    store.close()


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("Usage: workbench [OPTIONS] COMMAND [ARGS]...")
    assert "segment" in result.stdout


def test_adding_a_pair_uses_the_projects_own_signatures(tmp_path: Path, run: Runner) -> None:
    project = tmp_path / "p.wbproj"
    (tmp_path / "de.txt").write_text("Er kam spät (so die Quelle - die Herausgeber) an. Dann ging er.", "utf-8")
    (tmp_path / "en.txt").write_text("He came late. Then he left.", "utf-8")
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    assert run("rules", project, "--add-editor", "die Herausgeber")[0] == 0
    code, _, _ = run("new", project, "--source", tmp_path / "de.txt", "--target", tmp_path / "en.txt", "--add")
    assert code == 0
    store = ProjectStore.open(project)
    added = store.pairs()[1]
    assert [n.editor for n in store.interpolations(added.source.id)] == ["die Herausgeber"]
    store.close()


def test_rules_change_what_counts_as_a_note_in_every_text(tmp_path: Path, run: Runner) -> None:
    """An authorial parenthesis made a note by a project pattern, then not; a bad pattern changes nothing."""
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    izvestia = r"\(Izvestia[^)]*\)"

    def english_notes() -> list[str]:
        store = ProjectStore.open(project, read_only=True)
        target = store.pairs()[0].target
        text = store.text(target.id)
        notes = [text[n.start : n.end] for n in store.interpolations(target.id)]
        store.close()
        return notes

    before = english_notes()
    assert not any(note.startswith("(Izvestia") for note in before)
    assert run("rules", project, "--add-pattern", izvestia) == (
        0, f"Interpolations found again in 2 texts: 1 new, 0 gone.\neditor signatures: none of its own\nnote patterns: {izvestia}\n", "",
    )
    assert [note for note in english_notes() if note not in before][0].startswith("(Izvestia published")
    code, _, stderr = run("rules", project, "--add-pattern", "(bad", "--add-editor", "X. Y.")
    assert code == 1 and stderr.startswith("Error: Note pattern '(bad' is not a valid regular expression")
    assert run("rules", project)[1] == f"editor signatures: none of its own\nnote patterns: {izvestia}\n"
    assert run("rules", project, "--remove-pattern", izvestia)[0] == 0
    assert english_notes() == before


def test_realign_keeps_confirmed_beads(tmp_path: Path, run: Runner) -> None:
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")
    store = ProjectStore.open(project)
    pair = store.pairs()[0]
    first = store.ladder(pair.id)[0]
    from alignments.ladder.beads import BeadStatus
    from alignments.planning.bead_planner import Planner

    store.apply(Planner(store, pair.id).set_status([first.id], BeadStatus.CONFIRMED))
    store.close()
    code, stdout, _ = run("realign", project)
    store = ProjectStore.open(project)
    ladder = store.ladder(pair.id)
    store.close()
    assert code == 0 and stdout.startswith(f"pair 1: Offener Brief eines Verräters, 1937 (de) → Traitor's Open Letter, 1937 (en): {len(ladder)} beads, ")
    assert ladder[0] == first.with_status(BeadStatus.CONFIRMED)
    code, _, stderr = run("realign", project, "--pair", "7")
    assert (code, stderr) == (1, f"Error: {project} has no pair 7 (it has 1).\n")


def test_realign_checks_every_pair_number_before_it_changes_anything(tmp_path: Path, run: Runner) -> None:
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")
    before = project.read_bytes()
    code, stdout, stderr = run("realign", project, "--pair", "1", "--pair", "7")
    assert (code, stdout, stderr) == (1, "", f"Error: {project} has no pair 7 (it has 1).\n")
    assert project.read_bytes() == before


def test_ctrl_c_during_realign_says_how_many_pairs_it_re_aligned(tmp_path: Path, run: Runner) -> None:
    """Each pair is saved whole: an interrupt between two leaves the ones before re-aligned, the
    others as they were, and says so in one line."""
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")
    for _ in range(29):
        run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align", "--add")
    command = [sys.executable, "-m", "workbench", "realign", str(project)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stdout is not None
    first = process.stdout.readline()  # the first pair is saved
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl+C does: the whole process group
    rest, stderr = process.communicate(timeout=60)
    lines = [first, *rest.splitlines()]
    match = re.search(r"Error: Interrupted after re-aligning (\d+) of 30 pairs; the others are as they were\.", stderr)
    assert process.returncode == 1 and match is not None and "Traceback" not in stderr
    assert len(lines) <= int(match[1]) <= len(lines) + 1 < 30  # the last one saved may not have printed yet


def test_new_warns_when_the_texts_are_not_a_translation_pair(tmp_path: Path, run: Runner) -> None:
    """The 1937 letter "aligned" with the 1917 appeal: most sentences find no counterpart."""
    code, stdout, stderr = run("new", tmp_path / "wrong.wbproj", "--source", GERMAN_SEED, "--target", ENGLISH_SEED)
    store = ProjectStore.open(tmp_path / "wrong.wbproj", read_only=True)
    unaligned = store.stats(1).unaligned
    sentences = len(store.sentence_ids(1)) + len(store.sentence_ids(2))
    store.close()
    assert code == 0 and stdout.endswith(f" {unaligned} unaligned; documents 1 → 2\n")
    assert unaligned * 3 > sentences  # over a third: the warning's own rule
    assert stderr == f"Warning: {unaligned} of {sentences} sentences found no counterpart; are these a text and its translation?\n"
    code, stdout, stderr = run("new", tmp_path / "right.wbproj", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED)
    assert (code, stderr) == (0, "")  # a text and its translation: no warning


def test_new_says_which_part_of_the_source_an_excerpt_covers(tmp_path: Path, run: Runner) -> None:
    """The first two fifths of the English letter against the whole German one."""
    lines = ENGLISH_SEED.read_text("utf-8").splitlines()
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text("\n".join(lines[: len(lines) * 2 // 5]), "utf-8")
    code, _, stderr = run("new", tmp_path / "p.wbproj", "--source", GERMAN_LETTER, "--target", excerpt)
    assert code == 0
    assert stderr.startswith("Warning: the translation appears to cover sentences 1–")
    assert stderr.endswith(" of 55 of the source.\n")


def test_new_segmented_takes_one_sentence_a_line(tmp_path: Path, run: Runner) -> None:
    (tmp_path / "de").write_text("Erster Satz ohne Punkt\nZweiter. Immer noch der zweite\n", "utf-8")
    (tmp_path / "en").write_text("First sentence\nSecond. Still the second\n", "utf-8")
    project = tmp_path / "lines.wbproj"
    ran = run("new", project, "--source", tmp_path / "de", "--target", tmp_path / "en", "--segmented", "--no-align")
    assert ran.code == 0, ran.stderr
    connection = sqlite3.connect(project)
    sentences = connection.execute(
        'SELECT substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s JOIN documents d ON d.id = s.document_id'
        " ORDER BY s.document_id, s.start"
    ).fetchall()
    connection.close()
    # without --segmented: "Erster Satz ohne Punkt Zweiter." and "Immer noch der zweite", two sentences too
    assert sentences == [("Erster Satz ohne Punkt",), ("Zweiter. Immer noch der zweite",), ("First sentence",), ("Second. Still the second",)]


def test_a_dash_as_output_writes_standard_output(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DESIGN §8: `-o -` is standard output, never a file named "-"."""
    monkeypatch.chdir(tmp_path)
    to_file = tmp_path / "letter.ladder"
    assert run("align", GERMAN_LETTER, ENGLISH_SEED, "--format", "ladder", "-o", to_file)[0] == 0
    code, stdout, _ = run("align", GERMAN_LETTER, ENGLISH_SEED, "--format", "ladder", "-o", "-")
    assert (code, stdout) == (0, to_file.read_text("utf-8"))
    assert not (tmp_path / "-").exists()
