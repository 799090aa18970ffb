"""Reading a user's text file into one Unicode string, or refusing it with one clear message.

Owns encoding detection (BOMs, UTF-8, UTF-16 without a BOM, then charset-normalizer) and the
checks that keep binary, empty or damaged UTF-8 files out. Standard library and
charset-normalizer only.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from corpus.errors import UserError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01
_SAMPLE_BYTES = 65536
_MIN_UTF16_NUL_SHARE = 0.05  # UTF-16 text: the high byte of every ASCII character is NUL
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte "surrogateescape" could not decode
_MULTIBYTE_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")


class TextFileError(UserError):
    """A file the workbench cannot read as text; the message is meant for the user as it is."""


@dataclass(frozen=True)
class DecodedText:
    """A file's text with the encoding it was read in."""

    text: str
    encoding: str


def read_text_file(path: Path | str) -> DecodedText:
    """Read *path* as text, detecting its encoding; raise TextFileError with a clear message."""
    path = Path(path)
    data = _read_bytes(path)
    if not data:
        raise TextFileError(f"{path} is empty.")
    decoded = _decode_unicode(data)
    if decoded is None:
        _refuse_broken_utf8(path, data)
        decoded = _decode_legacy(data, path)
    if decoded is None or _looks_binary(decoded.text):
        raise TextFileError(f"{path} is not a text file (binary data or an unknown encoding).")
    if not decoded.text.strip():
        raise TextFileError(f"{path} holds no text, only white space.")
    return decoded


def _decode_unicode(data: bytes) -> DecodedText | None:
    """*data* in the Unicode encoding its BOM names, or in UTF-8, or in UTF-16 without a BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding)
    as_utf8 = _decode_strict(data, "utf-8")
    if as_utf8 is not None and "\x00" not in as_utf8.text:
        return as_utf8
    return _decode_bomless_utf16(data) or as_utf8  # UTF-8 with NULs in it: refused as binary later


def _decode_bomless_utf16(data: bytes) -> DecodedText | None:
    """UTF-16 without a BOM shows itself by its NUL bytes (the high halves of ASCII characters),
    many of them and all on one side: odd offsets for little-endian, even for big-endian."""
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE_BYTES]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    major, minor = max(even, odd), min(even, odd)
    if major < max(2, _MIN_UTF16_NUL_SHARE * len(sample) / 2) or minor * 100 > major:
        return None
    return _decode_strict(data, "utf-16-le" if odd > even else "utf-16-be")


def _refuse_broken_utf8(path: Path, data: bytes) -> None:
    """A UTF-8 file with a few broken bytes would otherwise be read, wrongly, in some legacy
    encoding: refuse it, naming the first broken line. It is UTF-8 when its valid multi-byte
    characters outnumber its undecodable bytes two to one (legacy texts: next to none valid)."""
    text = data.decode("utf-8", "surrogateescape")
    broken = len(_ESCAPED_BYTE.findall(text))
    if not broken or len(_MULTIBYTE_CHARACTER.findall(text)) < 2 * broken:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise TextFileError(
            f"{path} is UTF-8 with broken bytes on line {line} (byte {error.start});"
            " repair that line or save the file as UTF-8 again."
        ) from None


def _decode_legacy(data: bytes, path: Path) -> DecodedText | None:
    """charset-normalizer's guess. A text guess in which it recognises no language is refused: short legacy texts come out as plausible nonsense ("Er kam spät."
    in latin-1 reads as Big5), and nonsense must not pass for the user's text."""
    best = from_bytes(data).best()
    if best is None:
        return None
    decoded = DecodedText(str(best), best.encoding)
    if not best.coherence and not _looks_binary(decoded.text):
        raise TextFileError(f"{path} is not UTF-8, and its encoding cannot be told for sure; save it as UTF-8 and try again.")
    return decoded


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise TextFileError(f"{path} is a folder, not a text file.")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TextFileError(f"{path}: no such file.") from None
    except PermissionError:
        raise TextFileError(f"{path}: permission denied.") from None
    except OSError as error:
        raise TextFileError(f"{path}: cannot be read ({error.strerror or error}).") from None


def _decode_strict(data: bytes, encoding: str) -> DecodedText | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return DecodedText(text.removeprefix("\ufeff"), encoding.removesuffix("-sig"))


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:_SAMPLE_BYTES]
    controls = sum(
        1 for char in sample if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > _MAX_CONTROL_SHARE * len(sample)
