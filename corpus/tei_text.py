"""A TEI P5 edition as a document: the text of its <body> (<front> and <back> too), <head> as a
heading, <p>, <ab>, <lg>/<l> as paragraphs and verse lines, <note> as a footnote (its `n` as the
mark, else a number), <hi>/<emph>/<foreign> as emphasis. lxml, parsed without loading any DTD or
external entity and refusing documents that declare entities (an expansion bomb).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from corpus.reading import TextFileError
from corpus.structured_text import SourceFormat, StructuredText, TextBuilder

TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
_BLOCKS = frozenset({"p", "ab", "head", "lg", "item", "quote", "sp", "speaker", "closer", "opener", "salute",
                     "signed", "dateline", "trailer", "byline", "docTitle", "titlePart", "label"})
_EMPHASIS = frozenset({"hi", "emph", "foreign", "term", "title", "mentioned", "soCalled"})
_SKIPPED = frozenset({"teiHeader", "fw", "pb", "lb", "cb", "milestone", "figDesc", "graphic", "facsimile"})
_TEXT_PARTS = ("front", "body", "back")


def safe_parser() -> etree.XMLParser:
    """A parser that loads no DTD, resolves no entity, reads nothing from the network."""
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def parse_xml(data: bytes, name: str) -> Any:
    """The root element of *data*, or one clear line: not well-formed, or declaring entities."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise TextFileError(f"{name} is not well-formed XML ({error.msg}).") from None
    internal = root.getroottree().docinfo.internalDTD
    if internal is not None and any(True for _ in internal.iterentities()):
        raise TextFileError(f"{name} is refused: it declares entities of its own, which are never expanded.")
    return root


def tei_structured_text(path: Path, data: bytes) -> StructuredText:
    root = parse_xml(data, str(path))
    if etree.QName(root).localname != "TEI":
        raise TextFileError(f"{path} is XML but not a TEI document (its root is <{etree.QName(root).localname}>).")
    builder = TextBuilder()
    walker = _Walker(builder)
    for part in root.iter(*(f"{{{TEI_NAMESPACE}}}{name}" for name in _TEXT_PARTS)):
        walker.element(part)
    return builder.result(SourceFormat("tei", f"lxml {etree.__version__}"))


def _local(element: Any) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


class _Walker:
    def __init__(self, builder: TextBuilder) -> None:
        self.out = builder

    def element(self, element: Any) -> None:
        name = _local(element)
        if name in _SKIPPED:
            self._tail(element, name)
            return
        if name in _BLOCKS:
            self.out.end_block()
        if name == "note":
            self.out.footnote(lambda builder: _Walker(builder).inside(element), element.get("n"))
        elif name in _EMPHASIS:
            self.out.emphasised(lambda: self.inside(element))
        elif name == "l":
            self.inside(element)
            self.out.line_break()
        else:
            self.inside(element)
        if name in _BLOCKS:
            self.out.end_block()
        self._tail(element, name)

    def inside(self, element: Any) -> None:
        self._write(element.text)
        for child in element:
            self.element(child)

    def _tail(self, element: Any, name: str) -> None:
        if name == "lb":
            self.out.line_break()
        self._write(element.tail)

    def _write(self, text: str | None) -> None:
        """Text between elements (white space runs become one space in the builder)."""
        if text:
            self.out.write(text)
