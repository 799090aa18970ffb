"""TMX and XLIFF exports, parsed back with translate-toolkit; TMX imports, round trips, and hostile
XML refused with one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage.tmx import tmxfile
from translate.storage.xliff import xlifffile

from alignments.formats.bead_import import IMPORTED
from alignments.formats.export import (
    ExportFormat,
    ExportOptions,
    NotesMode,
    bead_views,
    export_project,
    side_text,
)
from alignments.formats.safe_xml import XMLFileError
from alignments.formats.segment_text import segment_text
from alignments.formats.tmx_import import draft_from_memory, read_tmx, store_memory
from alignments.formats.tmx_xliff import stable_tuid
from alignments.ladder.beads import BeadStatus
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from corpus.languages import language_tag
from tests.conftest import add_in_order
from workbench.cli import cli


def export(store: ProjectStore, path: Path, format_: ExportFormat, notes: NotesMode = NotesMode.COLUMN) -> int:
    return export_project(store, path, ExportOptions(format_, notes), force=True)


def expected_units(store: ProjectStore, notes: NotesMode) -> list[tuple[str, str, str]]:
    """(bead id, source, target) of every bead with text on both sides."""
    rows = [(str(v.bead.id), segment_text(side_text(v.source, notes)), segment_text(side_text(v.target, notes)))
            for v in bead_views(store)]
    return [row for row in rows if row[1] and row[2]]


@pytest.mark.parametrize("notes", list(NotesMode))
def test_tmx_has_one_unit_per_bead_with_text_on_both_sides(tmp_path: Path, letter_project: ProjectStore, notes: NotesMode) -> None:
    path = tmp_path / "out.tmx"
    count = export(letter_project, path, ExportFormat.TMX, notes)
    memory = tmxfile.parsestring(path.read_bytes())
    units = [(u.getid(), u.source, u.target) for u in memory.units]
    expected = [(stable_tuid(source, target), source, target) for _, source, target in expected_units(letter_project, notes)]
    assert units == expected and count == len(units)
    header = memory.document.getroot().find("header")
    assert (header.get("srclang"), header.get("creationtool")) == ("de", "Translation Workbench")
    languages = {tuple(node.get("{http://www.w3.org/XML/1998/namespace}lang") for node in u.getlanguageNodes()) for u in memory.units}
    assert languages == {("de", "en")}
    noted = [u for u in memory.units if u.getnotes()]
    if notes == NotesMode.COLUMN:
        assert [u.getnotes() for u in noted][0] == "Footnote mark — E. H.: *"
        assert any("(Er glich dem blutigen Henker Jagoda. - N. Kh.)" in u.source for u in memory.units) is False
    else:
        assert noted == []
    assert any("N. Kh." in u.source for u in memory.units) == (notes == NotesMode.KEEP)


def test_xliff_has_one_unit_per_bead_and_marks_confirmed_ones_approved(tmp_path: Path, letter_project: ProjectStore) -> None:
    ladder = letter_project.ladder(1)
    letter_project.apply(Planner(letter_project, 1).set_status([ladder[0].id], BeadStatus.CONFIRMED))
    path = tmp_path / "out.xlf"
    export(letter_project, path, ExportFormat.XLIFF)
    document = xlifffile.parsestring(path.read_bytes())
    units = [(u.getid().split("\x04")[-1], u.source, u.target) for u in document.units]
    assert units == expected_units(letter_project, NotesMode.COLUMN)
    assert [u.isapproved() for u in document.units[:2]] == [True, False]
    assert document.getfilenames() == ["letter-1937.de.txt"]
    node = document.getfilenode("letter-1937.de.txt")
    assert (node.get("source-language"), node.get("target-language")) == ("de", "en")


@pytest.mark.parametrize(
    ("code", "tag"),
    [("de", "de"), ("EN", "en"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("sr-latn", "sr-Latn"), ("", "und")],
)
def test_language_tags_are_written_as_bcp47_writes_them(code: str, tag: str) -> None:
    assert language_tag(code) == tag


def test_a_tmx_export_imports_as_the_same_beads(tmp_path: Path, letter_project: ProjectStore) -> None:
    ladder = letter_project.ladder(1)
    letter_project.apply(Planner(letter_project, 1).set_status([b.id for b in ladder[:3]], BeadStatus.CONFIRMED))
    path = tmp_path / "out.tmx"
    export(letter_project, path, ExportFormat.TMX, NotesMode.KEEP)
    memory = read_tmx(path)
    copy = ProjectStore.create(tmp_path / "copy.wbproj")
    pair_id = store_memory(copy, memory, draft_from_memory(memory, "out", str(path)))
    exported = [(v.bead.status, v.bead.score and round(v.bead.score, 3), side_text(v.source, NotesMode.KEEP),
                 side_text(v.target, NotesMode.KEEP)) for v in bead_views(letter_project)]
    imported = [(v.bead.status, v.bead.score, side_text(v.source, NotesMode.KEEP), side_text(v.target, NotesMode.KEEP))
                for v in copy.bead_views(copy.ladder(pair_id))]
    assert imported == [row for row in exported if row[2] and row[3]]
    assert {b.provenance for b in copy.ladder(pair_id)} == {IMPORTED}
    notes = [(str(n.kind), n.editor) for n in copy.interpolations(copy.pair(pair_id).target.id)]
    assert notes == [("note", "N. Kh."), ("note", "E. H."), ("note", "E. H."), ("note", "E. H.")]  # the footnote stood alone
    copy.close()


WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\u0085"),
    min_size=1, max_size=8,
)
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LINES, LINES)
def test_any_text_survives_a_tmx_round_trip(tmp_path: Path, source_lines: list[str], target_lines: list[str]) -> None:
    store = ProjectStore.in_memory()
    add_in_order(store, "\n".join(source_lines), "\n".join(target_lines))
    path = tmp_path / "round.tmx"
    export(store, path, ExportFormat.TMX, NotesMode.KEEP)
    memory = read_tmx(path)
    pairs = [(u.source, u.target) for u in memory.units]
    assert pairs == [(segment_text(s), segment_text(t)) for s, t in zip(source_lines, target_lines)]  # in NFC
    store.close()


HOSTILE = {
    "external entity": (
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>'
        '<tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>',
        "is refused: its DOCTYPE declares entities or other DTD content of its own, which is never read.",
    ),
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&h;</seg></tuv></tu></body></tmx>',
        "is refused: its DOCTYPE declares entities or other DTD content of its own, which is never read.",
    ),
    "malformed": (
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>x</tuv></tu></body></tmx>',
        "is not well-formed XML (line 1, column 78: mismatched tag).",
    ),
    "undeclared entity": (
        '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&nbsp;</seg></tuv></tu></body></tmx>',
        "is not well-formed XML (line 1, column 53: undefined entity).",
    ),
    "not tmx": ("<html><body>hello</body></html>", "is not a TMX file (its root element is <html>)."),
    "one language": (
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
        "has no translation language to offer (languages: en).",
    ),
    "empty": ("", "is not well-formed XML (line 1, column 0: no element found)."),
    "nested 300 deep": (
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>' + "<hi>" * 300 + "x"
        + "</hi>" * 300 + '</seg></tuv><tuv xml:lang="de"><seg>y</seg></tuv></tu></body></tmx>',
        "is refused: its elements are nested more than 256 deep.",
    ),
    "an entity of an external DTD": (
        '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="en"><seg>a&nbsp;b</seg></tuv><tuv xml:lang="de"><seg>y</seg></tuv></tu></body></tmx>',
        "is refused: it uses the entity 'nbsp', which it does not declare (an external DTD is never read).",
    ),
    "a score above 1": (
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv>'
        '<tuv xml:lang="de"><seg>y</seg></tuv></tu><tu><prop type="x-score">7.5</prop><tuv xml:lang="en"><seg>x</seg></tuv>'
        '<tuv xml:lang="de"><seg>y</seg></tuv></tu></body></tmx>',
        "{path}, translation unit 2: '7.5' is not a score from 0 to 1.",
    ),
    "a score that is not a number": (
        '<tmx version="1.4"><header srclang="en"/><body><tu><prop type="x-score">nan</prop><tuv xml:lang="en">'
        '<seg>x</seg></tuv><tuv xml:lang="de"><seg>y</seg></tuv></tu></body></tmx>',
        "{path}, translation unit 1: 'nan' is not a score from 0 to 1.",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_or_broken_xml_is_refused_with_one_message(tmp_path: Path, name: str) -> None:
    text, message = HOSTILE[name]
    path = tmp_path / "in.tmx"
    path.write_text(text, "utf-8")
    with pytest.raises(XMLFileError) as refused:
        read_tmx(path)
    assert str(refused.value) == (message.format(path=path) if message.startswith("{path}") else f"{path} {message}")
    project = tmp_path / "p.wbproj"
    result = CliRunner().invoke(cli, ["import", str(project), str(path)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {refused.value}\n")
    assert not project.exists()


def test_an_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "in.tmx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd"><tmx version="1.4">'
        '<header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>One.</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Un.</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    memory = read_tmx(path)
    assert (memory.source_lang, memory.target_lang, [(u.source, u.target) for u in memory.units]) == (
        "en-GB", "fr", [("One.", "Un.")]
    )
    assert read_tmx(path, "fr", "en").units[0].source == "Un."
    with pytest.raises(XMLFileError, match=r"has no segments in ru \(it has en-GB, fr\)"):
        read_tmx(path, "ru")
