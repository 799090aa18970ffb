"""Reading a user's text file into one Unicode string, or refusing it with one clear message.

Owns encoding detection (BOMs, UTF-8, UTF-16 without a BOM, then charset-normalizer) and the
checks that keep binary, empty, invisible or damaged UTF-8 files out. A UTF-8 text with a few
broken bytes stays UTF-8: refused, naming where they are, or read with each broken byte shown
as U+FFFD, as the caller chooses (never re-read in a legacy code page). Only regular files are
read (corpus.files). Standard library and charset-normalizer only.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from charset_normalizer import from_bytes

from corpus.errors import UserError
from corpus.files import NotRegularFileError, read_regular

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
_BROKEN_RUN = re.compile("[\udc80-\udcff]+")  # bytes "surrogateescape" could not decode
_UTF8_SHAPED = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_SHOWN_PLACES = 3
_INVISIBLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"))


class BadBytes(StrEnum):
    """What becomes of the broken bytes of a UTF-8 text: the file is refused, or each is read as
    U+FFFD (the replacement character, shown as a question mark in a diamond)."""

    REFUSE = "refuse"
    REPLACE = "replace"


class TextFileError(UserError):
    """A file the workbench cannot read as text; the message is meant for the user as it is."""


@dataclass(frozen=True)
class DecodedText:
    """A file's text with the encoding it was read in."""

    text: str
    encoding: str


def read_text_file(path: Path | str, bad_bytes: BadBytes = BadBytes.REFUSE) -> DecodedText:
    """Read *path* as text, detecting its encoding; raise TextFileError with a clear message."""
    path = Path(path)
    data = _read_bytes(path)
    if not data:
        raise TextFileError(f"{path} is empty.")
    decoded = _decode_unicode(data)
    if decoded is None and _is_broken_utf8(data):
        decoded = _decode_broken_utf8(path, data, bad_bytes)
    if decoded is None:
        decoded = _decode_legacy(data, path)
    if decoded is None or _looks_binary(decoded.text):
        raise TextFileError(f"{path} is not a text file (binary data or an unknown encoding).")
    if not decoded.text.strip():
        raise TextFileError(f"{path} holds no text, only white space.")
    if all(unicodedata.category(char) in _INVISIBLE for char in decoded.text):
        raise TextFileError(f"{path} holds no visible text, only invisible characters (such as zero-width spaces).")
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


def _is_broken_utf8(data: bytes) -> bool:
    """Whether *data*, not valid UTF-8, is UTF-8 with a few broken bytes rather than a legacy
    encoding: it starts with UTF-8's BOM, or its bytes above ASCII form UTF-8-shaped sequences
    (an encoded surrogate included) at least as often as they stand alone. Legacy texts hardly
    ever form such a sequence; one stray latin-1 byte in a UTF-8 text is one alone."""
    if data.startswith(codecs.BOM_UTF8):
        return True
    shaped = _UTF8_SHAPED.findall(data)
    alone = len(_HIGH_BYTE.findall(data)) - sum(len(sequence) for sequence in shaped)
    return bool(shaped) and len(shaped) >= alone


def _decode_broken_utf8(path: Path, data: bytes, bad_bytes: BadBytes) -> DecodedText:
    """The text with each broken byte as U+FFFD, or TextFileError naming where they are (line
    and column, counted in characters from 1)."""
    text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
    runs = list(_BROKEN_RUN.finditer(text))
    if bad_bytes == BadBytes.REPLACE:
        return DecodedText(_BROKEN_RUN.sub(lambda run: "\ufffd" * len(run.group()), text), "utf-8")
    places = [_place(text, run.start()) for run in runs[:_SHOWN_PLACES]]
    more = f" and {len(runs) - _SHOWN_PLACES} more places" if len(runs) > _SHOWN_PLACES else ""
    count = sum(len(run.group()) for run in runs)
    raise TextFileError(
        f"{path} is UTF-8 with {count} broken byte{'s' if count > 1 else ''} at {'; '.join(places)}{more};"
        " repair them or save the file as UTF-8 again, or read them as U+FFFD with --bad-bytes replace."
    )


def _place(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    return f"line {text.count(chr(10), 0, offset) + 1}, column {offset - line_start + 1}"


def _decode_legacy(data: bytes, path: Path) -> DecodedText | None:
    """charset-normalizer's guess. A text guess in which it recognises no language is refused:
    short legacy texts come out as plausible nonsense ("Er kam spät."
    in latin-1 reads as Big5), and nonsense must not pass for the user's text."""
    best = from_bytes(data).best()
    if best is None:
        return None
    decoded = DecodedText(str(best), best.encoding)
    if not best.coherence and not _looks_binary(decoded.text):
        raise TextFileError(f"{path} is not UTF-8, and its encoding cannot be told for sure; save it as UTF-8 and try again.")
    return decoded


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path)
    except NotRegularFileError as error:
        raise TextFileError(f"{path} is {error.kind}, not a text file.") from None
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
    return DecodedText(text, encoding.removesuffix("-sig"))


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:_SAMPLE_BYTES]
    controls = sum(
        1 for char in sample if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > _MAX_CONTROL_SHARE * len(sample)
