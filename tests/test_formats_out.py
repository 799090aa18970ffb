"""The formats added by issue 14: TEI P5 (export and import round trip), .xlsx (typed cells, text
never a formula, edits in the spreadsheet refused with their cells), a German-locale CSV, the
line-oriented TSV, Moses, JSON Lines and XLIFF 2.0; one registry behind the CLI's --format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from lxml import etree
from openpyxl import load_workbook

from alignments.formats.bead_import import csv_beads, plan_import
from alignments.formats.export import (
    FORMATS,
    ExportFormat,
    ExportOptions,
    NotesMode,
    export_project,
)
from alignments.formats.tei import read_tei_pairs, store_tei_pair
from alignments.ladder.beads import BeadStatus
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from tests.conftest import add_in_order
from tests.test_translation_memory import (
    LINES,  # lines of words, as its TMX round trip draws them
)
from workbench.cli import cli


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def confirm_some(store: ProjectStore) -> None:
    ladder = store.ladder(1)
    store.apply(Planner(store, 1).set_status([ladder[1].id, ladder[4].id], BeadStatus.CONFIRMED))


def beads_of(store: ProjectStore, pair_id: int) -> list[tuple[list[str], list[str], str, float | None]]:
    """Every bead as (source sentence texts, target sentence texts, status, score)."""
    pair = store.pair(pair_id)
    texts = {side: (store.text(doc.id), dict(store.sentence_spans(doc.id))) for side, doc in (("s", pair.source), ("t", pair.target))}

    def side(ids: tuple[int, ...], key: str) -> list[str]:
        text, spans = texts[key]
        return [spans[i].text_of(text) for i in ids]

    return [
        (side(b.source_ids, "s"), side(b.target_ids, "t"), str(b.status), None if b.score is None else round(b.score, 3))
        for b in store.ladder(pair_id)
    ]


def notes_of(store: ProjectStore, document_id: int) -> list[tuple[str, str | None, str, bool]]:
    text = store.text(document_id)
    return [(str(n.kind), n.editor, text[n.start : n.end], n.mark_start is not None) for n in store.interpolations(document_id)]


def test_tei_export_then_import_gives_the_same_sentences_notes_and_beads(tmp_path: Path, letter_project: ProjectStore) -> None:
    confirm_some(letter_project)
    path = tmp_path / "out.xml"
    count = export_project(letter_project, path, ExportOptions(ExportFormat.TEI))
    assert count == len(letter_project.ladder(1))
    root = etree.parse(str(path)).getroot()
    tei = "{http://www.tei-c.org/ns/1.0}"
    assert root.find(f"{tei}text/{tei}group/{tei}group/{tei}linkGrp").get("type") == "alignment"
    first_sentence = root.find(f".//{tei}s")
    assert first_sentence.get("{http://www.w3.org/XML/1998/namespace}id") == f"s{letter_project.sentence_ids(letter_project.pair(1).source.id)[0]}"
    footnote = root.find(f".//{tei}note[@place='foot']")
    assert footnote is not None and footnote.get("corresp", "").startswith("#i")
    (pair,) = read_tei_pairs(path)
    copy = ProjectStore.create(tmp_path / "copy.wbproj")
    pair_id = store_tei_pair(copy, pair)
    assert beads_of(copy, pair_id) == beads_of(letter_project, 1)
    for original, imported in zip((letter_project.pair(1).source, letter_project.pair(1).target),
                                  (copy.pair(pair_id).source, copy.pair(pair_id).target)):
        assert notes_of(copy, imported.id) == notes_of(letter_project, original.id)
        assert imported.lang == original.lang
    copy.close()


def equals_project(tmp_path: Path) -> ProjectStore:
    """A pair whose sentences start with "=", "+" and "@": spreadsheet formulas if written carelessly."""
    store = ProjectStore.create(tmp_path / "eq.wbproj")
    add_in_order(store, "=SUM(A1:A3) is a formula.\n+49 30 1234\n@home", "=SUMME(A1:A3) ist eine Formel.\n+49 30 1234\n@daheim", ("en", "de"))
    return store


def test_xlsx_cells_are_typed_and_text_is_never_a_formula(tmp_path: Path) -> None:
    store = equals_project(tmp_path)
    path = tmp_path / "out.xlsx"
    assert export_project(store, path, ExportOptions(ExportFormat.XLSX)) == 3
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert [cell.value for cell in sheet[1]][:6] == ["pair", "bead", "source", "translation", "status", "score"]
    assert (sheet["C2"].value, sheet["C2"].data_type, sheet["C2"].quotePrefix) == ("=SUM(A1:A3) is a formula.", "s", False)
    assert sheet["A2"].value == 1 and sheet["F2"].value is None  # no score: an empty cell, not ""
    assert sheet.column_dimensions["C"].width == 60 and sheet["C2"].alignment.wrap_text
    store.close()


def test_an_unchanged_xlsx_imports_and_an_edited_one_is_refused_with_its_cells(tmp_path: Path) -> None:
    store = equals_project(tmp_path)
    project = store.path
    store.close()
    path = tmp_path / "out.xlsx"
    assert run("export", project, "--format", "xlsx", "-o", path)[0] == 0
    assert run("import", project, path) == (0, "pair 1: 3 beads read, 0 new or changed, 0 replaced.\n", "")
    book = load_workbook(path)
    book.active["D3"] = "+49 30 9999"
    book.active["C4"] = "@work"
    book.save(tmp_path / "edited.xlsx")
    code, stdout, stderr = run("import", project, tmp_path / "edited.xlsx")
    assert (code, stdout) == (1, "")
    assert stderr == (
        f"Error: {tmp_path / 'edited.xlsx'} has text edited in the spreadsheet (line 3, translation; line 4, source);"
        " nothing was imported. Edit sentences in the workbench (or import the edited text with `workbench revise`).\n"
    )


def test_a_german_locale_csv_is_read(tmp_path: Path, letter_project: ProjectStore) -> None:
    """As a spreadsheet in a German locale saves it: ";" between cells, decimal commas."""
    path = tmp_path / "out.csv"
    export_project(letter_project, path, ExportOptions())
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([*row[:5], row[5].replace(".", ","), *row[6:]])
    german = out.getvalue()
    assert ";0," in german
    assert plan_import(letter_project, 1, csv_beads(german, "de.csv")[1], "de.csv").is_empty


def test_tsv_is_line_oriented(tmp_path: Path) -> None:
    store = ProjectStore.create(tmp_path / "t.wbproj")
    add_in_order(store, '"Quoted" start\tand a tab\nsecond', "erste\nzweite", ("en", "de"))
    path = tmp_path / "out.tsv"
    export_project(store, path, ExportOptions(ExportFormat.TSV))
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 9 for line in lines)
    assert lines[1].split("\t")[2:4] == ['"Quoted" start and a tab', "erste"]
    assert plan_import(store, 1, csv_beads(path.read_text("utf-8"), "out.tsv", "\t")[1], "out.tsv").is_empty
    store.close()


def test_moses_jsonl_and_xliff2(tmp_path: Path, letter_project: ProjectStore) -> None:
    confirm_some(letter_project)
    base = tmp_path / "corpus"
    count = export_project(letter_project, base, ExportOptions(ExportFormat.MOSES, NotesMode.STRIP))
    german, english = (tmp_path / "corpus.de").read_text("utf-8"), (tmp_path / "corpus.en").read_text("utf-8")
    assert len(german.splitlines()) == len(english.splitlines()) == count > 0
    assert "N. Kh." not in english
    export_project(letter_project, tmp_path / "out.jsonl", ExportOptions(ExportFormat.JSONL))
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [r["bead"] for r in records] == [b.id for b in letter_project.ladder(1)]
    assert {r["status"] for r in records} == {"auto", "confirmed"} and isinstance(records[0]["source_ids"], list)
    export_project(letter_project, tmp_path / "out.xlsx", ExportOptions(ExportFormat.XLSX))
    assert isinstance(load_workbook(tmp_path / "out.xlsx").active["F2"].value, float)  # scores are numbers
    export_project(letter_project, tmp_path / "out.xlf", ExportOptions(ExportFormat.XLIFF2))
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    x2 = "{urn:oasis:names:tc:xliff:document:2.0}"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "de", "en")
    states = [segment.get("state") for segment in root.iter(f"{x2}segment")]
    assert "final" in states and "translated" in states


def test_the_cli_offers_every_registered_format(tmp_path: Path) -> None:
    assert set(FORMATS) == set(ExportFormat)
    code, stdout, _ = run("export", "--help")
    assert code == 0 and all(format_.value in stdout for format_ in ExportFormat)
    code, _, stderr = run("align", tmp_path / "none.txt", tmp_path / "none2.txt", "--format", "moses")
    assert code == 1 and stderr.count("\n") == 1


@pytest.mark.parametrize("format_", ["moses"])
def test_a_two_file_format_needs_an_output_name(project: Path, format_: str) -> None:
    code, stdout, stderr = run("export", project, "--format", format_)
    assert (code, stdout, stderr) == (1, "", "Error: A moses export is written to files; give one with -o.\n")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LINES, LINES)
def test_any_sentences_survive_a_tei_round_trip(tmp_path: Path, source_lines: list[str], target_lines: list[str]) -> None:
    store = ProjectStore.in_memory()
    add_in_order(store, "\n\n".join(source_lines), "\n\n".join(target_lines))
    path = tmp_path / "round.xml"
    export_project(store, path, ExportOptions(ExportFormat.TEI), force=True)
    (pair,) = read_tei_pairs(path)
    copy = ProjectStore.in_memory()
    assert beads_of(copy, store_tei_pair(copy, pair)) == beads_of(store, 1)
    store.close()
    copy.close()
