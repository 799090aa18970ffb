"""TMX 1.4b and XLIFF 1.2 exports (DESIGN §9), written with lxml: one unit per bead that has text
on both sides, in document order, text in NFC on one line (formats.segment_text), language tags
as BCP 47 writes them, interpolations stripped, kept, or given as notes (`--notes column`).

TMX units carry a `tuid` made from their texts (the same bead gets the same tuid after an import
and a new export), the bead's date as creationdate/changedate, and its status and score as
properties. XLIFF validates against the 1.2 strict schema: a <tool> in each file's header,
confirmed beads `approved="yes"` with `state="final"`, notes that say which side they annotate.
No Qt.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath

from lxml import etree

from alignments.formats.export import (
    ExportOptions,
    NotesMode,
    bead_views,
    exported_pairs,
    side_text,
)
from alignments.formats.segment_text import segment_text
from alignments.ladder.beads import BeadStatus
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadView, PairInfo, SentenceView
from corpus.languages import language_tag

CREATION_TOOL = "Translation Workbench"
TOOL_ID = "translation-workbench"
TMF_NAME = "TranslationWorkbench"  # o-tmf: the format the units came from (our project file)
STATUS_PROPERTY = "x-status"
SCORE_PROPERTY = "x-score"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


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
    created_at: str = ""


def units(store: ProjectStore, options: ExportOptions) -> Iterator[Unit]:
    """The beads worth a translation-memory unit: text left on both sides after the notes option."""
    for view in bead_views(store, options):
        unit = _unit(view, options.notes)
        if unit.source and unit.target:
            yield unit


def _unit(view: BeadView, notes: NotesMode) -> Unit:
    bead = view.bead
    source, target = segment_text(side_text(view.source, notes)), segment_text(side_text(view.target, notes))
    listed = notes == NotesMode.COLUMN
    return Unit(
        bead.id, bead.pair_id, source, target,
        _notes(view.source) if listed else (), _notes(view.target) if listed else (), bead.status, bead.score,
        bead.created_at,
    )


def _notes(sentences: tuple[SentenceView, ...]) -> tuple[str, ...]:
    return tuple(segment_text(f"{n.describe()}: {s.text[n.start : n.end]}") for s in sentences for n in s.notes)


def pair_languages(store: ProjectStore, options: ExportOptions) -> dict[int, tuple[str, str]]:
    """The language tags of each pair exported."""
    return {pair.id: (language_tag(pair.source.lang), language_tag(pair.target.lang)) for pair in exported_pairs(store, options)}


# --- TMX ----------------------------------------------------------------------------------------


def tmx_bytes(store: ProjectStore, options: ExportOptions) -> tuple[bytes, int]:
    """The TMX file and how many units it holds."""
    languages = pair_languages(store, options)
    sources = {source for source, _ in languages.values()}
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root, "header", creationtool=CREATION_TOOL, creationtoolversion=tool_version(), segtype="sentence",
        datatype="plaintext", adminlang="en", srclang=sources.pop() if len(sources) == 1 else "*all*",
        **{"o-tmf": TMF_NAME, "creationdate": tmx_date(datetime.now(UTC).isoformat())},
    )
    body = etree.SubElement(root, "body")
    seen: Counter[tuple[str, str]] = Counter()
    for unit in units(store, options):
        seen[(unit.source, unit.target)] += 1
        body.append(_tmx_unit(unit, *languages[unit.pair_id], seen[(unit.source, unit.target)]))
    return xml_bytes(root, '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'), len(body)


def stable_tuid(source: str, target: str, occurrence: int = 1) -> str:
    """A unit id made from its texts (and which repeat of them it is): the same after a round trip."""
    digest = hashlib.sha256(f"{source}\x00{target}\x00{occurrence}".encode()).hexdigest()
    return digest[:16]


def _tmx_unit(unit: Unit, source_lang: str, target_lang: str, occurrence: int) -> etree._Element:
    date = tmx_date(unit.created_at)
    tu = etree.Element("tu", tuid=stable_tuid(unit.source, unit.target, occurrence), srclang=source_lang,
                       **({"creationdate": date, "changedate": date} if date else {}))
    for lang, notes in ((source_lang, unit.source_notes), (target_lang, unit.target_notes)):
        for text in notes:
            note = etree.SubElement(tu, "note")
            note.set(XML_LANG, lang)
            note.text = text
    for kind, value in ((STATUS_PROPERTY, str(unit.status)), (SCORE_PROPERTY, _score(unit.score))):
        if value:
            etree.SubElement(tu, "prop", type=kind).text = value
    for lang, text in ((source_lang, unit.source), (target_lang, unit.target)):
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, lang)
        etree.SubElement(tuv, "seg").text = text
    return tu


def tmx_date(iso: str) -> str:
    """An ISO timestamp as TMX writes dates ("20261203T081500Z"); empty when there is none."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# --- XLIFF 1.2 ----------------------------------------------------------------------------------


def xliff_bytes(store: ProjectStore, options: ExportOptions) -> tuple[bytes, int]:
    """The XLIFF 1.2 file (one <file> per pair) and how many units it holds."""
    root = etree.Element(f"{{{XLIFF_NAMESPACE}}}xliff", version="1.2", nsmap={None: XLIFF_NAMESPACE})
    bodies = {pair.id: _xliff_file(root, pair) for pair in exported_pairs(store, options)}
    count = 0
    for unit in units(store, options):
        bodies[unit.pair_id].append(_trans_unit(unit))
        count += 1
    for body in bodies.values():
        if not len(body):
            root.remove(body.getparent())
    return xml_bytes(root), count


def _x(name: str) -> str:
    return f"{{{XLIFF_NAMESPACE}}}{name}"


def _xliff_file(root: etree._Element, pair: PairInfo) -> etree._Element:
    original = PurePath(pair.source.origin_path).name if pair.source.origin_path else f"pair-{pair.id}"
    file = etree.SubElement(
        root, _x("file"), original=original, datatype="plaintext", **{
            "source-language": language_tag(pair.source.lang), "target-language": language_tag(pair.target.lang),
            "tool-id": TOOL_ID,
        },
    )
    header = etree.SubElement(file, _x("header"))
    etree.SubElement(header, _x("tool"), **{"tool-id": TOOL_ID, "tool-name": CREATION_TOOL, "tool-version": tool_version()})
    return etree.SubElement(file, _x("body"))


def _trans_unit(unit: Unit) -> etree._Element:
    confirmed = unit.status == BeadStatus.CONFIRMED
    trans_unit = etree.Element(_x("trans-unit"), id=str(unit.bead_id), approved="yes" if confirmed else "no")
    etree.SubElement(trans_unit, _x("source")).text = unit.source
    target = etree.SubElement(trans_unit, _x("target"), state="final" if confirmed else "needs-review-translation")
    target.text = unit.target
    for side, notes in (("source", unit.source_notes), ("target", unit.target_notes)):
        for text in notes:
            etree.SubElement(trans_unit, _x("note"), annotates=side, **{"from": TOOL_ID}).text = text
    return trans_unit


def xml_bytes(root: etree._Element, doctype: str | None = None) -> bytes:
    """A whole XML document in UTF-8, its declaration written as most tools write it."""
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + bytes(etree.tostring(root, encoding="UTF-8", pretty_print=True, doctype=doctype))


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.3f}"


def tool_version() -> str:
    try:
        return version("translation-workbench")
    except PackageNotFoundError:
        return "0"
