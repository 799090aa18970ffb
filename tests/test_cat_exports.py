"""Exports CAT tools accept (issue 14): XLIFF 1.2 against the strict schema, TMX against tmx14.dtd
(both with lxml, from ../shared/data/formats), segments on one line in NFC, stable tuids; TMX
imports of OmegaT's TMX 1.1, per-unit source languages and .tmx.gz; languages normalised."""

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from alignments.aligner.anchors import anchor_tokens
from alignments.formats.export import (
    ExportFormat,
    ExportOptions,
    NotesMode,
    export_project,
)
from alignments.formats.tmx_import import draft_from_memory, read_tmx, store_memory
from alignments.ladder.beads import BeadStatus
from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse
from corpus.languages import LanguageError, guess_language, normalise_language
from workbench.cli import cli

FORMATS = Path(__file__).resolve().parents[2] / "shared" / "data" / "formats"
if not FORMATS.is_dir():
    FORMATS = Path("/work/shared/data/formats")
XLIFF_SCHEMA = FORMATS / "xliff-core-1.2-strict.xsd"
TMX_DTD = FORMATS / "tmx14.dtd"
XML = "{http://www.w3.org/XML/1998/namespace}lang"
X = "{urn:oasis:names:tc:xliff:document:1.2}"

# hard-wrapped, with a vertical tab and a control character between words, decomposed "ä"
SOURCE = "Er kam\nnach Hause.\vDann\x01ging er\r\nfort.\n\nDie Stadt ging unter.\n\nSie sprach."
TARGET = "He came\nhome.\vThen\x01he\r\nleft.\n\nThe town went down.\n\nShe spoke."


def hard_wrapped_store(tmp_path: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "p.wbproj")
    source = analyse(Document(unicodedata.normalize("NFD", SOURCE.replace("Hause", "Häuse")), "de", "S", "/x/brief.docx"))
    target = analyse(Document(TARGET, "en", "T"))
    ladder = sequential_ladder(len(source.sentences), len(target.sentences))
    pair_id = store.add_drafted_pair(PairDraft(source, target, ladder, "x"))
    first = store.ladder(pair_id)[0]
    store.apply(Planner(store, pair_id).set_status([first.id], BeadStatus.CONFIRMED))
    return store


def exported(store: ProjectStore, tmp_path: Path, format_: ExportFormat, name: str) -> Path:
    path = tmp_path / name
    export_project(store, path, ExportOptions(format_, NotesMode.COLUMN), force=True)
    return path


def test_xliff_validates_against_the_strict_schema_with_final_states_and_clean_segments(tmp_path: Path) -> None:
    store = hard_wrapped_store(tmp_path)
    path = exported(store, tmp_path, ExportFormat.XLIFF, "out.xlf")
    schema = etree.XMLSchema(etree.parse(str(XLIFF_SCHEMA)))
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    root = document.getroot()
    file = root.find(f"{X}file")
    assert (root.get("version"), file.get("original"), file.get("source-language")) == ("1.2", "brief.docx", "de")
    assert file.find(f"{X}header/{X}tool").get("tool-id") == file.get("tool-id")
    units = root.iter(f"{X}trans-unit")
    states = [(u.get("approved"), u.find(f"{X}target").get("state")) for u in units]
    assert states[0] == ("yes", "final") and set(states[1:]) == {("no", "needs-review-translation")}
    texts = [node.text for node in root.iter(f"{X}source", f"{X}target")]
    assert texts[:2] == [unicodedata.normalize("NFC", "Er kam nach Häuse."), "He came home."]
    assert all(text == " ".join(text.split()) and unicodedata.is_normalized("NFC", text) for text in texts)
    store.close()


def test_tmx_validates_against_the_dtd_with_dates_and_stable_tuids(tmp_path: Path) -> None:
    store = hard_wrapped_store(tmp_path)
    path = exported(store, tmp_path, ExportFormat.TMX, "out.tmx")
    dtd = etree.DTD(str(TMX_DTD))
    document = etree.parse(str(path), etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    assert dtd.validate(document), dtd.error_log
    header = document.getroot().find("header")
    assert (header.get("o-tmf"), header.get("segtype")) == ("TranslationWorkbench", "sentence")
    units = document.getroot().iter("tu")
    first = next(units)
    assert first.get("creationdate") and first.get("creationdate") == first.get("changedate")
    assert first.get("creationdate").endswith("Z") and len(first.get("creationdate")) == 16
    segments = [seg.text for seg in document.getroot().iter("seg")]
    assert "Dann ging er fort." in segments and all("\n" not in s and "\x01" not in s and "\v" not in s for s in segments)
    # the same beads, imported and exported again, keep their tuids
    memory = read_tmx(path)
    copy = ProjectStore.create(tmp_path / "copy.wbproj")
    store_memory(copy, memory, draft_from_memory(memory, "out", str(path)))
    again = exported(copy, tmp_path, ExportFormat.TMX, "again.tmx")
    tuids = lambda p: [tu.get("tuid") for tu in etree.parse(str(p)).getroot().iter("tu")]  # noqa: E731
    assert tuids(again) == tuids(path) and len(set(tuids(path))) == len(tuids(path))
    store.close()
    copy.close()


OMEGAT_TMX_11 = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
 creationtoolversion="1" segtype="sentence" srclang="*all*"/>
<body>
<tu srclang="EN-GB"><tuv lang="EN-GB"><seg>The town went down.</seg></tuv><tuv lang="DE-DE"><seg>Die Stadt ging unter.</seg></tuv></tu>
<tu srclang="EN-GB"><tuv lang="EN-GB"><seg>She spoke.</seg></tuv><tuv lang="DE-DE"><seg>Sie sprach.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize("gzipped", [False, True])
def test_omegat_tmx_1_1_and_gzipped_tmx_import_unflagged(tmp_path: Path, gzipped: bool) -> None:
    data = OMEGAT_TMX_11.encode()
    path = tmp_path / ("project_save.tmx.gz" if gzipped else "project_save.tmx")
    path.write_bytes(gzip.compress(data) if gzipped else data)
    memory = read_tmx(path)
    assert (memory.source_lang, memory.target_lang) == ("en-GB", "de-DE")
    assert [(u.source, u.target) for u in memory.units] == [
        ("The town went down.", "Die Stadt ging unter."), ("She spoke.", "Sie sprach."),
    ]
    store = ProjectStore.create(tmp_path / "p.wbproj")
    pair_id = store_memory(store, memory, draft_from_memory(memory, "om", str(path)))
    assert store.stats(pair_id).flagged == 0
    store.close()


@pytest.mark.parametrize(
    ("given", "tag"), [("portuguese", "pt"), ("Deutsch", "de"), ("EN", "en"), ("pt_br", "pt-BR"), ("ukrainian", "uk")]
)
def test_languages_the_user_names_are_normalised(given: str, tag: str) -> None:
    assert normalise_language(given) == tag


def test_a_language_that_is_none_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(LanguageError):
        normalise_language("xyzzy")
    text = tmp_path / "t.txt"
    text.write_text("Er kam nach Hause.", "utf-8")
    result = CliRunner().invoke(cli, ["segment", str(text), "--lang", "xyzzy"])
    assert (result.exit_code, result.stderr.count("\n")) == (1, 1) and "is not a language code or name" in result.stderr


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("O presidente anunciou ontem que o governo vai aumentar os impostos sobre os combustíveis.", "pt"),
        ("El govern de la Generalitat ha anunciat avui que les escoles tornaran a obrir dilluns.", "ca"),
        ("Уряд оголосив, що школи знову відкриються в понеділок після довгої перерви.", "uk"),
        ("De regering heeft vandaag aangekondigd dat de scholen maandag weer opengaan.", "nl"),
        ("Regeringen meddelade i dag att skolorna öppnar igen på måndag efter uppehållet.", "sv"),
        ("Rząd ogłosił dzisiaj, że szkoły zostaną ponownie otwarte w poniedziałek.", "pl"),
    ],
)
def test_languages_are_identified_not_guessed_from_function_words(text: str, code: str) -> None:
    assert guess_language(text) == code


def test_names_meet_across_scripts_for_the_anchors() -> None:
    """Transliteration through anyascii: every script, not only Cyrillic and Greek."""
    assert anchor_tokens("Σωκράτης in თბილისი.") == anchor_tokens("Sokratis in Tbilisi.") == ("sokr", "tbil")
    assert anchor_tokens("Ленин, Straße") == anchor_tokens("Lenin, Strasse") == ("leni", "stra")
