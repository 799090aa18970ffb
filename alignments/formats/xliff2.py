"""XLIFF 2.0 export (lxml): one <file> per pair, one <unit> per bead with text on both sides, its
one <segment> `state="final"` when the bead is confirmed (else "translated"), notes that say which
side they belong to. Text in NFC on one line, as in the 1.2 export (formats.tmx_xliff). No Qt.
"""

from __future__ import annotations

from typing import TextIO

from lxml import etree

from alignments.formats.export import ExportOptions
from alignments.formats.tmx_xliff import pair_languages, units, xml_bytes
from alignments.ladder.beads import BeadStatus
from alignments.store.project_store import ProjectStore

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"


def _x(name: str) -> str:
    return f"{{{XLIFF2}}}{name}"


def write_xliff2(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    """The XLIFF 2.0 document; return the units written. One source and one target language per
    file: a project whose pairs differ in languages gets the first pair's in the root."""
    languages = pair_languages(store, options)
    first = next(iter(languages.values()), ("und", "und"))
    root = etree.Element(_x("xliff"), version="2.0", srcLang=first[0], trgLang=first[1], nsmap={None: XLIFF2})
    files = {}
    count = 0
    for unit in units(store, options):
        if unit.pair_id not in files:
            files[unit.pair_id] = etree.SubElement(root, _x("file"), id=f"pair-{unit.pair_id}")
        element = etree.SubElement(files[unit.pair_id], _x("unit"), id=f"b{unit.bead_id}")
        notes = [(side, text) for side, texts in (("source", unit.source_notes), ("target", unit.target_notes)) for text in texts]
        if notes:
            holder = etree.SubElement(element, _x("notes"))
            for side, text in notes:
                etree.SubElement(holder, _x("note"), appliesTo=side).text = text
        state = "final" if unit.status == BeadStatus.CONFIRMED else "translated"
        segment = etree.SubElement(element, _x("segment"), state=state)
        etree.SubElement(segment, _x("source")).text = unit.source
        etree.SubElement(segment, _x("target")).text = unit.target
        count += 1
    handle.write(xml_bytes(root).decode("utf-8"))
    return count
