"""Ladder files and our own CSV/TSV exports read back onto a project's sentences."""

from __future__ import annotations

import csv
from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from alignments.formats.bead_import import (
    IMPORTED,
    BeadImportError,
    csv_beads,
    ladder_beads,
    plan_import,
)
from alignments.formats.export import (
    ExportFormat,
    ExportOptions,
    NotesMode,
    export_project,
)
from alignments.ladder.beads import Bead, BeadStatus
from alignments.ladder.notation import parse_ladder, score
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from tests.conftest import SAMPLES, Runner
from tests.gold import gold_project
from tests.test_edits import edit_plans, plan, small_project

GOLD = SAMPLES / "letter-1937.gold.ladder"


def content(ladder: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...], str, float | None]]:
    return [(b.source_ids, b.target_ids, str(b.status), None if b.score is None else round(b.score, 3)) for b in ladder]


def import_csv(store: ProjectStore, path: Path, delimiter: str = ",", encoding: str = "utf-8") -> None:
    for pair_id, beads in csv_beads(path.read_text(encoding), str(path), delimiter).items():
        store.apply(plan_import(store, pair_id, beads, str(path)))


def test_importing_an_unchanged_csv_changes_nothing(tmp_path: Path, letter_project: ProjectStore) -> None:
    path = tmp_path / "out.csv"
    export_project(letter_project, path, ExportOptions())
    beads = csv_beads(path.read_text("utf-8"), str(path))
    assert plan_import(letter_project, 1, beads[1], str(path)).is_empty


def test_a_csv_round_trip_gives_the_same_beads_after_hand_edits(tmp_path: Path, letter_project: ProjectStore) -> None:
    ladder = letter_project.ladder(1)
    letter_project.apply(Planner(letter_project, 1).set_status([ladder[1].id, ladder[5].id], BeadStatus.CONFIRMED))
    exported = letter_project.ladder(1)
    path = tmp_path / "out.tsv"
    export_project(letter_project, path, ExportOptions(ExportFormat.TSV, NotesMode.KEEP, excel=True))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [int(row["bead"]) for row in rows] == [b.id for b in exported]
    planner = Planner(letter_project, 1)
    letter_project.apply(planner.unlink([b.id for b in exported[3:9]]))
    letter_project.apply(planner.link([exported[1].source_ids[0]], [exported[2].target_ids[0]]))
    import_csv(letter_project, path, "\t", "utf-8-sig")
    after = letter_project.ladder(1)
    assert content(after) == content(exported)
    untouched = {b.id for b in exported} & {b.id for b in after}
    assert [b for b in after if b.id in untouched] == [b for b in exported if b.id in untouched]
    assert {b.provenance for b in after if b.id not in untouched} == {IMPORTED}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit_plans())
def test_any_edits_are_undone_by_importing_the_csv_exported_before(tmp_path: Path, plans: list[tuple[str, tuple[int, ...]]]) -> None:
    store, planner = small_project()
    path = tmp_path / "before.csv"
    export_project(store, path, ExportOptions(), force=True)
    before = store.ladder(planner.pair_id)
    for kind, args in plans:
        store.apply(plan(store, planner, kind, args))
    import_csv(store, path)
    assert content(store.ladder(planner.pair_id)) == content(before)
    store.close()


def test_a_gold_ladder_imported_scores_perfectly(letter_project: ProjectStore) -> None:
    text = GOLD.read_text("utf-8")
    letter_project.apply(plan_import(letter_project, 1, ladder_beads(letter_project, 1, text, "gold"), "gold"))
    assert letter_project.ladder_positions(1) == parse_ladder(text)
    assert astuple(score([parse_ladder(text)], [letter_project.ladder_positions(1)]))[:3] == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("ladder", "message"),
    [
        ("[0]:[0]\n[1]:[99]\n", "gold names translation sentence 99, but the translation has 53 sentences (0 to 52)."),
        ("[0]:[0]\n[2]:[1]\n", "gold does not fit pair 1: the beads do not cover the source sentences exactly once, in order."),
        ("[0]:[0]\nhello\n", "gold: line 2 is not a ladder link: 'hello'."),
        ("[0]:[0]:high\n", "gold: line 1: 'high' is not a score from 0 to 1."),
        ("[0]:[0]:1.5\n", "gold: line 1: '1.5' is not a score from 0 to 1."),
        ("[0]:[0]:-0.25\n", "gold: line 1: '-0.25' is not a score from 0 to 1."),
    ],
    ids=["past the end", "gap", "not a link", "bad score", "score above 1", "score below 0"],
)
def test_bad_ladders_are_refused(letter_project: ProjectStore, ladder: str, message: str) -> None:
    with pytest.raises(BeadImportError) as refused:
        plan_import(letter_project, 1, ladder_beads(letter_project, 1, ladder, "gold"), "gold")
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "x.csv is not a table exported by the workbench (it has no 'pair' column)."),
        ("pair,source_ids,translation_ids,status,score\n1,1,1,maybe,\n", "x.csv, line 2: 'maybe' is not a status (auto or confirmed)."),
        ("pair,source_ids,translation_ids,status,score\n1,1 x,1,auto,\n", "x.csv, line 2: invalid literal for int() with base 10: 'x'."),
        ("pair,source_ids,translation_ids,status,score\n1,1,1,auto,0.5\n1,2,2,auto,2\n", "x.csv, line 3: '2' is not a score from 0 to 1."),
        ("pair,source_ids,translation_ids,status,score\n1,1,1,auto,inf\n", "x.csv, line 2: 'inf' is not a score from 0 to 1."),
        ("pair,source_ids,translation_ids,status,score,source\n1,1,1,auto,," + "x" * 140_000 + "\n",
         "x.csv, line 2: field larger than field limit (131072)."),
    ],
    ids=["not ours", "bad status", "bad id", "score above 1", "infinite score", "a cell over 128 KiB"],
)
def test_bad_csv_is_refused(text: str, message: str) -> None:
    with pytest.raises(BeadImportError) as refused:
        csv_beads(text, "x.csv")
    assert str(refused.value) == message


def test_a_confirmed_only_csv_does_not_fit(tmp_path: Path, letter_project: ProjectStore) -> None:
    letter_project.apply(Planner(letter_project, 1).set_status([letter_project.ladder(1)[0].id], BeadStatus.CONFIRMED))
    path = tmp_path / "some.csv"
    export_project(letter_project, path, ExportOptions(confirmed_only=True))
    with pytest.raises(BeadImportError, match="does not fit pair 1: the beads do not cover the source sentences"):
        import_csv(letter_project, path)


def test_one_csv_re_aligns_every_pair_it_holds(tmp_path: Path, run: Runner) -> None:
    """Both pairs of the sample project broken up by hand, then read back from one export
    (the pairs' new beads once got the same ids, and the second pair was refused)."""
    project, out = tmp_path / "sample.wbproj", tmp_path / "all.csv"
    gold_project(project)
    store = ProjectStore.open(project)
    before = {pair.id: content(store.ladder(pair.id)) for pair in store.pairs()}
    export_project(store, out, ExportOptions())
    for pair_id in before:
        store.apply(Planner(store, pair_id).unlink([bead.id for bead in store.ladder(pair_id)[:4]]))
    assert all(content(store.ladder(pair_id)) != ladder for pair_id, ladder in before.items())
    store.close()
    result = run("import", project, out)
    assert result.code == 0, result.stderr
    store = ProjectStore.open(project)
    assert {pair_id: content(store.ladder(pair_id)) for pair_id in before} == before
    store.close()
