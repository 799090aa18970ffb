"""TEI P5 export and import of aligned pairs (lxml). Each pair is a <group> of two <text>s (type
"source" and "translation") whose sentences are `<s xml:id="s17">` (the project's own sentence
ids) in `<p>`; interpolations inside them are `<note type="editorial" resp>`, `<supplied resp>`,
footnote marks `<ref type="footnote-mark">` and footnotes `<note type="footnote" place="foot" n>`
pointing at their mark (`corresp`); a note that runs over several sentences continues with `prev`.
The alignment is a `<linkGrp type="alignment">` of `<link n="2:1" type="confirmed" cert="0.930"
target="#s1 #s2 #s7">` (source ids first). Editors are `<respStmt xml:id>` in the header.

Import reads the same back into a new pair: the same sentences, notes and beads (statuses and
scores). Files are checked by formats.safe_xml first and parsed without DTDs or entities. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lxml import etree

from alignments.formats.bead_import import IMPORTED
from alignments.formats.export import ExportOptions, exported_pairs
from alignments.formats.safe_xml import XMLFileError, check_xml
from alignments.formats.tmx_xliff import CREATION_TOOL, tool_version, xml_bytes
from alignments.ladder.beads import BeadStatus
from alignments.ladder.drafts import LadderRows, PairDraft
from alignments.ladder.edits import set_status
from alignments.store.pivot_reading import PivotTable
from alignments.store.project_store import ProjectStore
from corpus.documents import AnalysedDocument, Document
from corpus.files import NotRegularFileError, read_regular
from corpus.languages import language_tag
from corpus.segmentation import paragraph_starts
from corpus.spans import Interpolation, InterpolationKind, Span

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SIDES = ("source", "translation")
_ELEMENTS = {
    InterpolationKind.NOTE: ("note", {"type": "editorial"}),
    InterpolationKind.SUPPLIED: ("supplied", {}),
    InterpolationKind.FOOTNOTE_MARK: ("ref", {"type": "footnote-mark"}),
    InterpolationKind.FOOTNOTE: ("note", {"type": "footnote", "place": "foot"}),
}


class TEIImportError(XMLFileError):
    """A TEI file that cannot be read as an alignment; the message is meant for the user."""


def _t(name: str) -> str:
    return f"{{{TEI}}}{name}"


# --- export -------------------------------------------------------------------------------------


def write_tei(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    """Every pair (both texts and the alignment) as one TEI document; return the beads written."""
    editors = _Editors()
    root = etree.Element(_t("TEI"), nsmap={None: TEI})
    titles = " / ".join(f"{pair.source.title} — {pair.target.title}" for pair in exported_pairs(store, options))
    header = _header(root, titles)
    outer = etree.SubElement(etree.SubElement(root, _t("text")), _t("group"))
    count = 0
    for pair in exported_pairs(store, options):
        group = etree.SubElement(outer, _t("group"), n=str(pair.id))
        for side, document in zip(_SIDES, (pair.source, pair.target)):
            group.append(_text(store, document.id, side, language_tag(document.lang), document.title, editors))
        links = etree.SubElement(group, _t("linkGrp"), type="alignment")
        for bead in store.ladder(pair.id):
            if not options.confirmed_only or bead.status == BeadStatus.CONFIRMED:
                links.append(_link(bead.source_ids, bead.target_ids, bead.status, bead.score))
                count += 1
    editors.declare(header)
    handle.write(xml_bytes(root).decode("utf-8"))
    return count


def write_pivot_tei(store: ProjectStore, table: PivotTable, handle: TextIO) -> int:
    """One source and its translations (a pivot table) as one TEI document: the source's <text>
    once, each translation's <text>, and one <linkGrp type="alignment" n="PAIR"> per pair (its
    links' targets: source ids first, then that translation's); return the links written. For
    reading, not for `workbench import` (which takes one translation per group)."""
    editors = _Editors()
    root = etree.Element(_t("TEI"), nsmap={None: TEI})
    header = _header(root, " / ".join([table.source.title, *(pair.target.title for pair in table.pairs)]))
    group = etree.SubElement(etree.SubElement(etree.SubElement(root, _t("text")), _t("group")), _t("group"))
    documents = [(table.source, "source"), *((pair.target, "translation") for pair in table.pairs)]
    for document, side in documents:
        group.append(_text(store, document.id, side, language_tag(document.lang), document.title, editors))
    count = 0
    for pair in table.pairs:
        links = etree.SubElement(group, _t("linkGrp"), type="alignment", n=str(pair.id))
        for bead in store.ladder(pair.id):
            links.append(_link(bead.source_ids, bead.target_ids, bead.status, bead.score))
            count += 1
    editors.declare(header)
    handle.write(xml_bytes(root).decode("utf-8"))
    return count


def _header(root: Any, titles: str) -> Any:
    file_desc = etree.SubElement(etree.SubElement(root, _t("teiHeader")), _t("fileDesc"))
    title_stmt = etree.SubElement(file_desc, _t("titleStmt"))
    etree.SubElement(title_stmt, _t("title")).text = titles or "Aligned texts"
    publication = etree.SubElement(file_desc, _t("publicationStmt"))
    etree.SubElement(publication, _t("p")).text = f"Exported by {CREATION_TOOL} {tool_version()}."
    etree.SubElement(etree.SubElement(file_desc, _t("sourceDesc")), _t("p")).text = "Aligned sentence by sentence."
    return title_stmt


@dataclass
class _Editors:
    """Editor signatures as `<respStmt xml:id="ed1">` entries, numbered as they are met."""

    ids: dict[str, str] = field(default_factory=dict)

    def ref(self, editor: str) -> str:
        return "#" + self.ids.setdefault(editor, f"ed{len(self.ids) + 1}")

    def declare(self, title_stmt: Any) -> None:
        for editor, ident in self.ids.items():
            resp_stmt = etree.SubElement(title_stmt, _t("respStmt"))
            resp_stmt.set(XML_ID, ident)
            etree.SubElement(resp_stmt, _t("resp")).text = "editorial interpolations"
            etree.SubElement(resp_stmt, _t("name")).text = editor


def _text(store: ProjectStore, document_id: int, side: str, lang: str, title: str, editors: _Editors) -> Any:
    text = store.text(document_id)
    spans = store.sentence_spans(document_id)
    notes = store.interpolations(document_id)
    element = etree.Element(_t("text"), type=side, n=title)
    element.set(XML_LANG, lang)
    body = etree.SubElement(element, _t("body"))
    paragraph = None
    written: dict[int, str] = {}  # an interpolation's start -> the xml:id of its first part
    for (sentence_id, span), starts in zip(spans, paragraph_starts(text, [s for _, s in spans])):
        if starts or paragraph is None:
            paragraph = etree.SubElement(body, _t("p"))
        sentence = etree.SubElement(paragraph, _t("s"))
        sentence.set(XML_ID, f"s{sentence_id}")
        _fill(sentence, text, span, [n for n in notes if n.span.overlaps(span)], written, document_id, editors)
    return element


def _fill(sentence: Any, text: str, span: Span, notes: Sequence[Interpolation], written: dict[int, str],
          document_id: int, editors: _Editors) -> None:
    """The sentence's text with its interpolations (clipped to it) as elements."""
    cursor, last = span.start, None
    for note in notes:
        start, end = max(note.start, span.start), min(note.end, span.end)
        _append_text(sentence, last, text[cursor:start])
        last = _note_element(sentence, note, text[start:end], written, document_id, editors)
        cursor = end
    _append_text(sentence, last, text[cursor : span.end])


def _note_element(parent: Any, note: Interpolation, content: str, written: dict[int, str], document_id: int,
                  editors: _Editors) -> Any:
    name, attributes = _ELEMENTS[note.kind]
    element = etree.SubElement(parent, _t(name), **attributes)
    element.text = content
    if note.editor:
        element.set("resp", editors.ref(note.editor))
    if note.start in written:
        element.set("prev", "#" + written[note.start])
        return element
    ident = f"i{document_id}-{note.start}"
    element.set(XML_ID, ident)
    written[note.start] = ident
    if note.kind == InterpolationKind.FOOTNOTE and note.mark_start is not None:
        element.set("corresp", f"#i{document_id}-{note.mark_start}")
    return element


def _append_text(parent: Any, last: Any, piece: str) -> None:
    if last is None:
        parent.text = (parent.text or "") + piece
    else:
        last.tail = (last.tail or "") + piece


def _link(source_ids: Sequence[int], target_ids: Sequence[int], status: BeadStatus, score: float | None) -> Any:
    link = etree.Element(_t("link"), n=f"{len(source_ids)}:{len(target_ids)}", type=str(status))
    link.set("target", " ".join(f"#s{sid}" for sid in (*source_ids, *target_ids)))
    if score is not None:
        link.set("cert", f"{score:.3f}")
    return link


# --- import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TEIPair:
    draft: PairDraft
    confirmed: tuple[int, ...]  # positions in the ladder of the beads to confirm


def read_tei_pairs(path: Path) -> list[TEIPair]:
    """Every pair of a TEI file this workbench exported (checked first: no entities, no DTD)."""
    try:
        data = read_regular(path)
    except NotRegularFileError as error:
        raise TEIImportError(f"{path} is {error.kind}, not a TEI file.") from None
    except OSError as error:
        raise TEIImportError(f"{path} cannot be read: {error.strerror or error}.") from None
    check_xml(data, str(path))
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
    editors = {stmt.get(XML_ID): stmt.findtext(_t("name")) for stmt in root.iter(_t("respStmt"))}
    pairs = [_pair(group, editors, str(path)) for group in root.iter(_t("group")) if group.find(_t("linkGrp")) is not None]
    if not pairs:
        raise TEIImportError(f"{path} holds no aligned texts (no <group> with a <linkGrp type=\"alignment\">).")
    return pairs


def _pair(group: Any, editors: dict[str, str | None], origin: str) -> TEIPair:
    texts = {text.get("type"): text for text in group.findall(_t("text"))}
    if set(_SIDES) - set(texts):
        raise TEIImportError(f"{origin}: a pair needs a <text type=\"source\"> and a <text type=\"translation\">.")
    (source, source_index), (target, target_index) = (_document(texts[side], editors, origin) for side in _SIDES)
    ladder: LadderRows = []
    confirmed: list[int] = []
    for link in group.find(_t("linkGrp")).iter(_t("link")):
        ids = [ref.lstrip("#") for ref in (link.get("target") or "").split()]
        shape = (link.get("n") or f"{len(ids)}:0").split(":")
        cut = int(shape[0])
        ladder.append((_positions(ids[:cut], source_index, origin), _positions(ids[cut:], target_index, origin),
                       float(link.get("cert")) if link.get("cert") else None))
        if link.get("type") == str(BeadStatus.CONFIRMED):
            confirmed.append(len(ladder) - 1)
    return TEIPair(PairDraft(source, target, ladder, IMPORTED), tuple(confirmed))


def _positions(ids: Sequence[str], index: dict[str, int], origin: str) -> range:
    try:
        positions = [index[ident] for ident in ids]
    except KeyError as missing:
        raise TEIImportError(f"{origin}: a link points at {missing.args[0]!r}, which is no sentence of its text.") from None
    if not positions:
        return range(0)
    return range(positions[0], positions[-1] + 1)


def _document(element: Any, editors: dict[str, str | None], origin: str) -> tuple[AnalysedDocument, dict[str, int]]:
    """One <text> back as a document: sentences joined by a space, paragraphs by a blank line."""
    reader = _TextReader(editors)
    for number, paragraph in enumerate(element.iter(_t("p"))):
        if number:
            reader.pieces.append("\n\n")
            reader.length += 2
        for index, sentence in enumerate(paragraph.iter(_t("s"))):
            if index:
                reader.pieces.append(" ")
                reader.length += 1
            reader.sentence(sentence)
    text = "".join(reader.pieces)
    lang = element.get(XML_LANG) or "und"
    document = Document(text, lang, element.get("n") or Path(origin).stem, origin)
    return AnalysedDocument(document, tuple(reader.sentences), tuple(reader.notes())), reader.index


class _TextReader:
    def __init__(self, editors: dict[str, str | None]) -> None:
        self.editors = editors
        self.pieces: list[str] = []
        self.length = 0
        self.sentences: list[Span] = []
        self.index: dict[str, int] = {}
        self.found: dict[str, Interpolation] = {}
        self.marks: dict[str, str] = {}  # footnote id -> its mark's id

    def sentence(self, element: Any) -> None:
        start = self.length
        self._write(element.text)
        for child in element:
            self._interpolation(child)
            self._write(child.tail)
        self.index[element.get(XML_ID)] = len(self.sentences)
        self.sentences.append(Span(start, self.length))

    def _interpolation(self, element: Any) -> None:
        start = self.length
        self._write("".join(element.itertext()))
        previous = (element.get("prev") or "").lstrip("#")
        if previous in self.found:
            earlier = self.found[previous]
            self.found[previous] = Interpolation(earlier.start, self.length, earlier.kind, earlier.editor)
            return
        editor = self.editors.get((element.get("resp") or "").lstrip("#"))
        ident = element.get(XML_ID) or f"anonymous-{start}"
        self.found[ident] = Interpolation(start, self.length, _kind(element), editor)
        if element.get("corresp"):
            self.marks[ident] = element.get("corresp").lstrip("#")

    def notes(self) -> Iterator[Interpolation]:
        for ident, note in sorted(self.found.items(), key=lambda item: item[1].start):
            mark = self.found.get(self.marks.get(ident, ""))
            yield note if mark is None else Interpolation(note.start, note.end, note.kind, note.editor, mark_start=mark.start)

    def _write(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)
            self.length += len(text)


def _kind(element: Any) -> InterpolationKind:
    name, kind = etree.QName(element).localname, element.get("type")
    if name == "supplied":
        return InterpolationKind.SUPPLIED
    if name == "ref":
        return InterpolationKind.FOOTNOTE_MARK
    return InterpolationKind.FOOTNOTE if kind == "footnote" or element.get("place") == "foot" else InterpolationKind.NOTE


def store_tei_pair(store: ProjectStore, pair: TEIPair) -> int:
    """Store an imported pair with its confirmed beads confirmed; return the pair id."""
    with store.transaction():
        pair_id = store.add_drafted_pair(pair.draft)
        ladder = store.ladder(pair_id)
        store.apply(set_status(pair_id, [ladder[k] for k in pair.confirmed], BeadStatus.CONFIRMED))
    return pair_id
