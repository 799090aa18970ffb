"""TMX 1.4b and XLIFF exports through translate-toolkit (DESIGN §9): one unit per bead that has
text on both sides, in document order, with language tags as BCP 47 writes them ("de",
"pt-BR"), and the interpolations stripped, kept in the text, or given as notes (`--notes column`).
Every unit records its bead id; TMX units carry the bead's status and score as properties.
No Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from lxml import etree
from translate.misc.xml_helpers import setXMLlang
from translate.storage.tmx import tmxfile, tmxunit
from translate.storage.xliff import xlifffile

from alignments.formats.export import (
    ExportOptions,
    NotesMode,
    bead_views,
    exported_pairs,
    side_text,
)
from alignments.ladder.beads import BeadStatus
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadView, SentenceView
from corpus.languages import UNDETERMINED

CREATION_TOOL = "Translation Workbench"
STATUS_PROPERTY = "x-status"
SCORE_PROPERTY = "x-score"


@dataclass(frozen=True)
class Unit:
    """What one bead becomes in a translation memory."""

    bead_id: int
    pair_id: int
    source: str
    target: str
    source_notes: tuple[str, ...]
    target_notes: tuple[str, ...]
    status: BeadStatus
    score: float | None


def language_tag(code: str) -> str:
    """A language code as BCP 47 writes it: "pt_br" is "pt-BR", "zh-hant" is "zh-Hant"."""
    parts = [part for part in code.replace("_", "-").split("-") if part]
    if not parts:
        return UNDETERMINED
    tag = [parts[0].lower()]
    for part in parts[1:]:
        tag.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower())
    return "-".join(tag)


def units(store: ProjectStore, options: ExportOptions) -> Iterator[Unit]:
    """The beads worth a translation-memory unit: text left on both sides after the notes option."""
    for view in bead_views(store, options):
        unit = _unit(view, options.notes)
        if unit.source and unit.target:
            yield unit


def _unit(view: BeadView, notes: NotesMode) -> Unit:
    bead = view.bead
    source, target = side_text(view.source, notes), side_text(view.target, notes)
    listed = notes == NotesMode.COLUMN
    return Unit(
        bead.id, bead.pair_id, source, target,
        _notes(view.source) if listed else (), _notes(view.target) if listed else (), bead.status, bead.score,
    )


def _notes(sentences: tuple[SentenceView, ...]) -> tuple[str, ...]:
    return tuple(f"{n.describe()}: {s.text[n.start : n.end]}" for s in sentences for n in s.notes)


def tmx_bytes(store: ProjectStore, options: ExportOptions) -> tuple[bytes, int]:
    """The TMX file and how many units it holds."""
    languages = {pair.id: (language_tag(pair.source.lang), language_tag(pair.target.lang)) for pair in exported_pairs(store, options)}
    sources = {source for source, _ in languages.values()}
    memory = tmxfile(sourcelanguage=sources.pop() if len(sources) == 1 else "*all*")
    memory.addheader()
    header = memory.document.getroot().find(memory.namespaced("header"))
    header.set("creationtool", CREATION_TOOL)
    header.set("creationtoolversion", _version())
    count = 0
    for unit in units(store, options):
        _add_tmx_unit(memory, unit, *languages[unit.pair_id])
        count += 1
    return bytes(memory), count


def _add_tmx_unit(memory: tmxfile, unit: Unit, source_lang: str, target_lang: str) -> None:
    tu: tmxunit = memory.addsourceunit(unit.source, source_lang)
    tu.settarget(unit.target, target_lang, append=True)
    tu.xmlelement.set("tuid", str(unit.bead_id))
    for lang, notes in ((source_lang, unit.source_notes), (target_lang, unit.target_notes)):
        for text in notes:
            tu.addnote(text)
            setXMLlang(tu.xmlelement.findall(tu.namespaced("note"))[-1], lang)
    first_tuv = tu.xmlelement.find(tu.namespaced("tuv"))
    for kind, value in ((STATUS_PROPERTY, str(unit.status)), (SCORE_PROPERTY, _score(unit.score))):
        if value:
            prop = etree.Element(tu.namespaced("prop"), type=kind)
            prop.text = value
            first_tuv.addprevious(prop)


def xliff_bytes(store: ProjectStore, options: ExportOptions) -> tuple[bytes, int]:
    """The XLIFF file (one <file> per pair) and how many units it holds."""
    document = xlifffile()
    pairs = {pair.id: pair for pair in store.pairs()}
    count = 0
    for unit in units(store, options):
        name = f"pair-{unit.pair_id}"
        if document.switchfile(name, createifmissing=True) and document.getfilenode(name).get("target-language") is None:
            _describe_file(document, name, language_tag(pairs[unit.pair_id].source.lang),
                           language_tag(pairs[unit.pair_id].target.lang))
        _add_xliff_unit(document, name, unit)
        count += 1
    document.removedefaultfile()
    return bytes(document), count


def _describe_file(document: xlifffile, name: str, source_lang: str, target_lang: str) -> None:
    node = document.getfilenode(name)
    node.set("source-language", source_lang)
    node.set("target-language", target_lang)
    node.set("tool-id", CREATION_TOOL)


def _add_xliff_unit(document: xlifffile, name: str, unit: Unit) -> None:
    trans_unit = document.addsourceunit(unit.source, filename=name)
    trans_unit.settarget(unit.target)
    trans_unit.setid(str(unit.bead_id))
    for side, notes in (("source", unit.source_notes), ("target", unit.target_notes)):
        for text in notes:
            trans_unit.addnote(f"{side}: {text}", origin="translator")
    trans_unit.markapproved(unit.status == BeadStatus.CONFIRMED)
    if unit.status != BeadStatus.CONFIRMED:
        trans_unit.xmlelement.find(trans_unit.namespaced("target")).set("state", "needs-review-translation")


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.3f}"


def _version() -> str:
    try:
        return version("translation-workbench")
    except PackageNotFoundError:
        return "0"
