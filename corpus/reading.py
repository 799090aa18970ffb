"""Reading a user's text file into one Unicode string, or refusing it with one clear message.

Owns encoding detection (UTF-8 first, BOMs, then charset-normalizer) and the checks that keep
binary or empty files out. Standard library and charset-normalizer only.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01


class TextFileError(Exception):
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
    decoded = decode_bytes(data)
    if decoded is None or _looks_binary(decoded.text):
        raise TextFileError(f"{path} is not a text file (binary data or an unknown encoding).")
    if not decoded.text.strip():
        raise TextFileError(f"{path} holds no text, only white space.")
    return decoded


def decode_bytes(data: bytes) -> DecodedText | None:
    """Decode *data*: a BOM wins, then strict UTF-8, then charset-normalizer's best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding)
    as_utf8 = _decode_strict(data, "utf-8")
    if as_utf8 is not None:
        return as_utf8
    best = from_bytes(data).best()
    if best is None:
        return None
    return DecodedText(str(best), best.encoding)


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
    sample = text[:65536]
    controls = sum(
        1 for char in sample if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > _MAX_CONTROL_SHARE * len(sample)
