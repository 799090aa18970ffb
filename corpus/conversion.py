"""Any file a user gives as a text, read into a StructuredText: plain text in any encoding
(corpus.reading), or a document told by its content (and, for Markdown, its name): .docx, .odt,
.rtf, .html, .epub, .md through pandoc (corpus.pandoc_text), TEI P5 through lxml (corpus.tei_text).
Owns the detection, the size limits and the one-line refusals (damaged or encrypted files, PDFs,
archives of something else, zip bombs). Nothing is ever fetched.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from corpus.reading import BadBytes, TextFileError, read_text_file
from corpus.structured_text import SourceFormat, StructuredText

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # a 300-page book in .docx or .epub is a few MB
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # what the parts of a .docx/.odt/.epub may unpack to
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_SNIFF_BYTES = 4096
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_TEI_ROOT = re.compile(rb"<TEI[\s>]")
_XML_START = re.compile(rb"^\s*<\?xml")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/epub+zip": "epub",
}
DOCUMENT_SUFFIXES = ("docx", "odt", "rtf", "html", "htm", "xhtml", "epub", "md", "markdown", "xml", "tei")


def read_structured(path: Path | str, bad_bytes: BadBytes = BadBytes.REFUSE) -> StructuredText:
    """The text of *path* with whatever structure its format has; one clear line when it cannot be
    read (*bad_bytes*: what becomes of the broken bytes of a UTF-8 text, corpus.reading)."""
    path = Path(path)
    head = _head(path)
    kind = detect_format(path, head)
    if kind == "text":
        decoded = read_text_file(path, bad_bytes)
        return StructuredText(decoded.text, source=SourceFormat("text", decoded.encoding))
    data = _whole(path)
    if kind == "tei":
        from corpus.tei_text import tei_structured_text

        converted = tei_structured_text(path, data)
    else:
        if kind in ("docx", "odt", "epub"):
            _check_archive(path)
        from corpus.pandoc_text import pandoc_structured_text

        converted = pandoc_structured_text(path, kind)
    if not converted.text.strip():
        raise TextFileError(f"{path} holds no text (a {kind.upper()} document with nothing to read).")
    return converted


def detect_format(path: Path, head: bytes) -> str:
    """The format of a file from its first bytes: "docx", "odt", "epub", "rtf", "html", "tei",
    "markdown" or "text"; refuse what the workbench cannot read."""
    if head.startswith(b"PK\x03\x04"):
        check_size(path)
        return _zip_kind(path)
    if head.startswith(_OLE2):
        raise TextFileError(
            f"{path} is an encrypted Office document or an old Word 97–2003 file;"
            " save it as .docx (without a password) and try again."
        )
    if head.startswith(b"%PDF-"):
        raise TextFileError(f"{path} is a PDF, which the workbench does not read; save its text as .docx, .odt or plain text.")
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_START.match(head):
        return "html"
    if _XML_START.match(head) or head.lstrip().startswith(b"<"):
        if _TEI_ROOT.search(head):
            return "tei"
        if b"<html" in head.lower() or path.suffix.lower() in (".html", ".htm", ".xhtml"):
            return "html"
    if path.suffix.lower() in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        raise TextFileError(f"{path} is a damaged document (its zip archive cannot be read).") from None
    if mimetype in _ZIP_KINDS:
        return _ZIP_KINDS[mimetype]
    if "word/document.xml" in names:
        return "docx"
    raise TextFileError(
        f"{path} is a zip archive but not a Word (.docx), OpenDocument text (.odt) or EPUB document."
    )


def _check_archive(path: Path) -> None:
    """Refuse an archive whose parts would unpack to more than MAX_UNPACKED_BYTES (a zip bomb)."""
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if any(info.flag_bits & 0x1 for info in archive.infolist()):
            raise TextFileError(f"{path} is encrypted; save it without a password and try again.")
    if unpacked > MAX_UNPACKED_BYTES:
        raise TextFileError(f"{path} unpacks to {unpacked // 2**20} MB, over the {MAX_UNPACKED_BYTES // 2**20} MB limit.")


def _head(path: Path) -> bytes:
    """The first bytes of a regular file (of anything else: none; corpus.reading refuses it)."""
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as handle:
            return handle.read(_SNIFF_BYTES)
    except OSError:
        return b""  # read_text_file says what is wrong with it


def _whole(path: Path) -> bytes:
    check_size(path)
    return path.read_bytes()


def check_size(path: Path) -> None:
    """Refuse a document over MAX_DOCUMENT_BYTES before anything reads it."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise TextFileError(
            f"{path} is {size // 2**20} MB, over the {MAX_DOCUMENT_BYTES // 2**20} MB limit for documents;"
            " split it, or save its text as plain text."
        )
