"""Reading text files: encodings detected, bad files refused with one clear message."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from corpus.reading import TextFileError, read_text_file

RUSSIAN = "Товарищи! Мы заявляем, что дезертирство нескольких человек из верхушки нашей партии не поколеблет её."
GERMAN = "Genossen, denkt daran, daß zwei der Deserteure schon vor dem Aufstand in Petrograd aufgetreten sind."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (GERMAN.encode("utf-8"), GERMAN, "utf-8"),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), GERMAN, "utf-8"),
        (GERMAN.encode("utf-16"), GERMAN, "utf-16"),
        (codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), GERMAN, "utf-16"),
        ("a 𝔄 b 😀\r\nc".encode(), "a 𝔄 b 😀\r\nc", "utf-8"),
    ],
)
def test_unicode_files_are_decoded_exactly(tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(data)
    decoded = read_text_file(path)
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(("text", "encoding"), [(RUSSIAN * 3, "cp1251"), (GERMAN * 3, "latin-1")])
def test_legacy_encodings_are_detected(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text_file(path).text == text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "{path} is empty."),
        (b"  \n\t \r\n", "{path} holds no text, only white space."),
        (bytes(range(256)) * 20, "{path} is not a text file (binary data or an unknown encoding)."),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00\x01\x02" * 300, "{path} is not a text file (binary data or an unknown encoding)."),
    ],
)
def test_bad_files_are_refused_with_one_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(TextFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == message.format(path=path)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TextFileError, match="no such file"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(TextFileError, match="is a folder, not a text file"):
        read_text_file(tmp_path)
