"""CSV, TSV and ladder export, read back with the csv module and compared as whole rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from alignments.formats.export import (
    CSV_COLUMNS,
    ExportError,
    ExportFormat,
    ExportOptions,
    NotesMode,
    export_project,
)
from alignments.ladder.beads import BeadStatus
from alignments.ladder.notation import parse_ladder
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore


def read_rows(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def note_row(rows: list[dict[str, str]]) -> dict[str, str]:
    return next(row for row in rows if "N. Kh." in row["source_notes"])


def test_csv_has_every_sentence_once_in_order(tmp_path: Path, letter_project: ProjectStore) -> None:
    path = tmp_path / "out.csv"
    count = export_project(letter_project, path, ExportOptions())
    rows = read_rows(path)
    pair = letter_project.pairs()[0]
    assert count == len(rows) == len(letter_project.ladder(pair.id))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [int(i) for row in rows for i in row["source_ids"].split()] == letter_project.sentence_ids(pair.source.id)
    assert [int(i) for row in rows for i in row["translation_ids"].split()] == letter_project.sentence_ids(pair.target.id)


def test_notes_in_their_own_columns(tmp_path: Path, letter_project: ProjectStore) -> None:
    path = tmp_path / "out.csv"
    export_project(letter_project, path, ExportOptions(notes=NotesMode.COLUMN))
    rows = read_rows(path)
    row = note_row(rows)
    bead = letter_project.beads([int(row["bead"])])[0]
    assert row == {
        "pair": "1",
        "bead": str(bead.id),
        "source": "",
        "translation": "",
        "status": "auto",
        "score": f"{bead.score:.3f}",
        "source_ids": " ".join(map(str, bead.source_ids)),
        "translation_ids": " ".join(map(str, bead.target_ids)),
        "source_notes": json.dumps(
            [{"kind": "note", "editor": "N. Kh.", "text": "(Er glich dem blutigen Henker Jagoda. - N. Kh.)"}],
            ensure_ascii=False,
        ),
        "translation_notes": json.dumps(
            [{"kind": "note", "editor": "N. Kh.", "text": "(He liked the bloody executioner like Yagoda. - N. Kh.)"}]
        ),
    }
    plebiscite = next(row for row in rows if "red plebiscite" in row["translation"])
    assert "red plebiscite, defeat of the German proletariat, social fascism" in plebiscite["translation"]
    assert [n["editor"] for n in json.loads(plebiscite["translation_notes"])] == ["E. H.", "E. H.", "E. H."]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (NotesMode.KEEP, 'by order of the "father of nations" *.'),
        (NotesMode.STRIP, 'by order of the "father of nations".'),
    ],
)
def test_keep_and_strip(tmp_path: Path, letter_project: ProjectStore, mode: NotesMode, expected: str) -> None:
    path = tmp_path / "out.csv"
    export_project(letter_project, path, ExportOptions(notes=mode))
    rows = read_rows(path)
    row = next(row for row in rows if "father of nations" in row["translation"])
    assert row["translation"].endswith(expected)
    assert row["source_notes"] == row["translation_notes"] == ""
    assert any("N. Kh." in row["source"] + row["translation"] for row in rows) == (mode == NotesMode.KEEP)


def test_tsv_confirmed_only_and_excel(tmp_path: Path, letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    ladder = letter_project.ladder(pair.id)
    letter_project.apply(Planner(letter_project, pair.id).set_status([ladder[2].id], BeadStatus.CONFIRMED))
    path = tmp_path / "out.tsv"
    export_project(letter_project, path, ExportOptions(ExportFormat.TSV, NotesMode.KEEP, confirmed_only=True, excel=True))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_rows(path, "\t", "utf-8-sig")
    assert [row["bead"] for row in rows] == [str(ladder[2].id)]
    assert rows[0]["source"] == "„An das Zentralkomitee der Kommunistischen Allunions-Partei (Bolschewiki)."


def test_excel_neutralises_formulas(tmp_path: Path) -> None:
    from alignments.planning.new_pair import draft_pair, load_pair

    (tmp_path / "a.txt").write_text("=SUM(A1:A9) is a formula.\n\n-5 degrees today.", "utf-8")
    (tmp_path / "b.txt").write_text("@home we stay.\n\n+5 Grad heute.", "utf-8")
    store = ProjectStore.in_memory()
    store.add_drafted_pair(draft_pair(*load_pair(tmp_path / "a.txt", tmp_path / "b.txt", "en", "de")))
    export_project(store, tmp_path / "x.csv", ExportOptions(excel=True))
    rows = read_rows(tmp_path / "x.csv", encoding="utf-8-sig")
    assert [(r["source"], r["translation"]) for r in rows] == [
        ("'=SUM(A1:A9) is a formula.", "'@home we stay."),
        ("'-5 degrees today.", "'+5 Grad heute."),
    ]


def test_ladder_export_round_trips(tmp_path: Path, letter_project: ProjectStore) -> None:
    path = tmp_path / "out.ladder"
    export_project(letter_project, path, ExportOptions(ExportFormat.LADDER))
    pair = letter_project.pairs()[0]
    src = {sid: k for k, sid in enumerate(letter_project.sentence_ids(pair.source.id))}
    tgt = {tid: k for k, tid in enumerate(letter_project.sentence_ids(pair.target.id))}
    assert parse_ladder(path.read_text("utf-8")) == [
        (tuple(src[s] for s in b.source_ids), tuple(tgt[t] for t in b.target_ids)) for b in letter_project.ladder(pair.id)
    ]


def test_existing_output_is_not_overwritten_without_force(tmp_path: Path, letter_project: ProjectStore) -> None:
    path = tmp_path / "out.csv"
    path.write_text("precious")
    with pytest.raises(ExportError, match="already exists"):
        export_project(letter_project, path, ExportOptions())
    assert path.read_text() == "precious"
    export_project(letter_project, path, ExportOptions(), force=True)
    assert path.read_text("utf-8").startswith(",".join(CSV_COLUMNS))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "letter.wbproj", "letter.wbproj-lock", "letter.wbproj-shm", "letter.wbproj-wal", "out.csv"
    ]


def test_the_sample_project_exports_every_sentence_once(tmp_path: Path) -> None:
    from alignments.planning.sample_project import ensure_sample_project

    store = ProjectStore.open(ensure_sample_project(tmp_path))
    path = tmp_path / "samples.csv"
    export_project(store, path, ExportOptions())
    rows = read_rows(path)
    for pair in store.pairs():
        own = [row for row in rows if row["pair"] == str(pair.id)]
        assert [int(i) for row in own for i in row["source_ids"].split()] == store.sentence_ids(pair.source.id)
        assert [int(i) for row in own for i in row["translation_ids"].split()] == store.sentence_ids(pair.target.id)
    assert len(store.pairs()) == 3
    store.close()


def test_the_streaming_reader_gives_what_the_window_reads(tmp_path: Path) -> None:
    """Export reads a pair in one query; it must see exactly what the batched reads show."""
    from alignments.planning.sample_project import ensure_sample_project
    from alignments.store.pair_reading import pair_views

    store = ProjectStore.open(ensure_sample_project(tmp_path))
    for pair in store.pairs():
        ladder = store.ladder(pair.id)
        store.apply(Planner(store, pair.id).set_status([ladder[1].id, ladder[-1].id], BeadStatus.CONFIRMED))
        ladder = store.ladder(pair.id)
        assert list(pair_views(store, pair.id)) == store.bead_views(ladder)
        confirmed = [bead for bead in ladder if bead.is_confirmed]
        assert list(pair_views(store, pair.id, confirmed_only=True)) == store.bead_views(confirmed)
    store.close()
