"""Texts from anywhere, through the command line as the user runs it (DESIGN §8, §11): every
encoding we read gives the exact sentences, everything we refuse gives one exact line, offsets
count code points, run-on and huge texts come through whole, spreadsheets get no formulas."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import pty
import random
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.interpolations import find_interpolations
from corpus.segmentation import MAX_SENTENCE_LENGTH, segment
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER, Runner

GERMAN = (
    "Genossen, denkt daran, daß zwei der Deserteure schon vor dem Aufstand aufgetreten sind. "
    "Überall hörte man Äußerungen (so die Quelle - Anm. d. Übers.) über das Scheitern."
)
GERMAN_SENTENCES = [
    "Genossen, denkt daran, daß zwei der Deserteure schon vor dem Aufstand aufgetreten sind.",
    "Überall hörte man Äußerungen (so die Quelle - Anm. d. Übers.) über das Scheitern.",
]
RUSSIAN = (
    "Товарищи! Мы заявляем, что дезертирство нескольких человек из верхушки нашей партии не поколеблет её. "
    "Он пришёл (это было в 1917 г. — Прим. ред.) поздно."
)
RUSSIAN_SENTENCES = [
    "Товарищи!",
    "Мы заявляем, что дезертирство нескольких человек из верхушки нашей партии не поколеблет её.",
    "Он пришёл (это было в 1917 г. — Прим. ред.) поздно.",
]
ENGLISH = "He came late.\r\n\r\nThen he left (for good - E. H.) at once."
ENGLISH_SENTENCES = ["He came late.", "Then he left (for good - E. H.) at once."]


def noise(size: int) -> bytes:
    return random.Random(size).randbytes(size)


READ: dict[str, tuple[bytes, list[str]]] = {
    "UTF-8 with a BOM and CRLF": (codecs.BOM_UTF8 + ENGLISH.encode(), ENGLISH_SENTENCES),
    "UTF-16 LE with a BOM": (codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), GERMAN_SENTENCES),
    "UTF-16 BE with a BOM": (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN_SENTENCES),
    "UTF-16 LE without a BOM": (GERMAN.encode("utf-16-le"), GERMAN_SENTENCES),
    "UTF-16 BE without a BOM, ASCII only": (ENGLISH.encode("utf-16-be"), ENGLISH_SENTENCES),
    "UTF-16 LE without a BOM, Cyrillic": (RUSSIAN.encode("utf-16-le"), RUSSIAN_SENTENCES),
    "cp1251": (RUSSIAN.encode("cp1251"), RUSSIAN_SENTENCES),
    "latin-1": (GERMAN.encode("latin-1"), GERMAN_SENTENCES),
}


@pytest.mark.parametrize(("data", "sentences"), READ.values(), ids=READ.keys())
def test_texts_in_every_encoding_give_the_same_sentences(tmp_path: Path, data: bytes, sentences: list[str], run: Runner) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(data)
    assert run("segment", path) == (0, "".join(f"{s}\n" for s in sentences), "")


NOT_TEXT = "{p} is not a text file (binary data or an unknown encoding)."
BROKEN_UTF8 = (
    "{p} is UTF-8 with {bytes} at {places}; repair them or save the file as UTF-8 again,"
    " or read them as U+FFFD with --bad-bytes replace."
)


def broken(count: str, places: str) -> str:
    return BROKEN_UTF8.replace("{bytes}", count).replace("{places}", places)



UNTELLABLE = "{p} is not UTF-8, and its encoding cannot be told for sure; save it as UTF-8 and try again."
german_bytes, russian_bytes = f"Titel\n{GERMAN}".encode(), f"Заглавие\n\n{RUSSIAN}".encode()
REFUSED: dict[str, tuple[bytes, str]] = {
    "a PNG image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise(4096), NOT_TEXT),
    "a PDF": (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + noise(4096),
        "{p} is a PDF, which the workbench does not read; save its text as .docx, .odt or plain text.",
    ),
    "an ELF program": (b"\x7fELF\x02\x01\x01" + bytes(9) + noise(4096), NOT_TEXT),
    "random bytes": (noise(4096), NOT_TEXT),
    "NUL bytes in UTF-8 text": ("Er kam spät.\x00 Dann ging er.".encode(), NOT_TEXT),
    "NUL bytes in ASCII text": (b"He came.\x00\x00\x00\x00 Then he left.", NOT_TEXT),
    "UTF-8 with a stray byte": (
        german_bytes[:40] + b"\xff" + german_bytes[40:], broken("1 broken byte", "line 2, column 34"),
    ),
    "UTF-8 with a cut sequence": (
        russian_bytes[:31] + russian_bytes[32:], broken("1 broken byte", "line 3, column 7"),
    ),
    "UTF-8 with one stray latin-1 byte": (
        "Er kam spät.\nDann ging er.".encode().replace(b"ging", b"g\xe4ng"), broken("1 broken byte", "line 2, column 7"),
    ),
    "UTF-8 with one encoded surrogate": (
        b"He came late.\nThen \xed\xa0\x80 he left.", broken("3 broken bytes", "line 2, column 6"),
    ),
    "UTF-8 with a BOM and broken bytes in four places": (
        codecs.BOM_UTF8 + b"\xe9a\nb\xe9\n\xe9\xe9\nok \xe9\n",
        broken("5 broken bytes", "line 1, column 1; line 2, column 2; line 3, column 1 and 1 more places"),
    ),
    "invisible characters only": ("\u200b\u2060\ufeff\u200d\n\u00ad".encode(),
                                  "{p} holds no visible text, only invisible characters (such as zero-width spaces)."),
    "a short latin-1 line": ("Er kam spät.".encode("latin-1"), UNTELLABLE),
    "a short cp1251 line": ("Он пришёл поздно.".encode("cp1251"), UNTELLABLE),
    "an empty file": (b"", "{p} is empty."),
    "white space only": (b" \t\r\n\n  \r\n", "{p} holds no text, only white space."),
    "Unicode white space only": ("\u00a0\u3000\u2009\n\u2028".encode(), "{p} holds no text, only white space."),
    "UTF-16 white space only": (codecs.BOM_UTF16_LE + "  \n\t ".encode("utf-16-le"), "{p} holds no text, only white space."),
}


@pytest.mark.parametrize(("data", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_what_is_not_readable_text_is_refused_in_one_line(tmp_path: Path, data: bytes, message: str, run: Runner) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    expected = (1, "", f"Error: {message.format(p=path)}\n")
    assert run("segment", path) == expected
    assert run("notes", path) == expected
    assert run("new", tmp_path / "p.wbproj", "--source", path, "--target", ENGLISH_SEED) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.txt"]


def test_broken_bytes_can_be_read_as_replacement_characters_instead(tmp_path: Path, run: Runner) -> None:
    """Never re-read in a legacy code page: "spät" stays "spät", each broken byte one U+FFFD."""
    path = tmp_path / "input.txt"
    path.write_bytes("Er kam spät.\nDann g\xe4ng er \xed\xa0\x80 weg.".encode("latin-1").replace(b"sp\xe4t", "spät".encode()))
    code, stdout, _ = run("segment", path, "--json", "--lang", "de", "--bad-bytes", "replace")
    assert code == 0
    assert [json.loads(line)["text"] for line in stdout.splitlines()] == [
        "Er kam spät.", "Dann g\ufffdng er \ufffd\ufffd\ufffd weg."
    ]
    project = tmp_path / "p.wbproj"
    assert run("new", project, "--source", path, "--target", ENGLISH_SEED, "--no-align", "--bad-bytes", "replace")[0] == 0
    code, stdout, _ = run("export", project)
    assert "Dann g\ufffdng er" in stdout and "sp\u00e4t" in stdout


def test_a_second_bom_is_text_and_offsets_stay_as_decoded(tmp_path: Path, run: Runner) -> None:
    """The first BOM names the encoding; a second one is a character of the text (U+FEFF)."""
    data = codecs.BOM_UTF8 * 2 + b"Er kam. Er ging."
    path = tmp_path / "two-boms.txt"
    path.write_bytes(data)
    assert run("segment", path, "--json", "--lang", "de") == (0, "".join(
        json.dumps(record, ensure_ascii=False) + "\n"
        for record in ({"start": 0, "end": 8, "text": "\ufeffEr kam."}, {"start": 9, "end": 17, "text": "Er ging."})
    ), "")


@pytest.mark.parametrize("kind", ["a named pipe (FIFO)", "a device"])
def test_pipes_and_devices_are_refused_at_once_not_read_for_ever(tmp_path: Path, kind: str, run: Runner) -> None:
    if kind == "a device":
        path = Path("/dev/zero")
    else:
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    expected = (1, "", f"Error: {path} is {kind}, not a text file.\n")
    assert run("segment", path) == expected
    assert run("new", tmp_path / "p.wbproj", "--source", path, "--target", ENGLISH_SEED) == expected
    assert run("revise", tmp_path / "p.wbproj", "--document", "1", path)[0] == 1
    assert not (tmp_path / "p.wbproj").exists()


@pytest.mark.parametrize(
    ("name", "what", "add"),
    [("pipe.tmx", "a TMX file", ["--add"]), ("pipe.xml", "a TEI file", ["--add"]), ("pipe.xlsx", "an .xlsx workbook", []),
     ("pipe.csv", "a text file", []), ("pipe.ladder", "a text file", [])],
)
def test_an_import_from_a_named_pipe_is_refused_at_once(
    tmp_path: Path, name: str, what: str, add: list[str], run: Runner
) -> None:
    path = tmp_path / name
    os.mkfifo(path)
    project = tmp_path / "p.wbproj"
    assert run("new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")[0] == 0
    assert run("import", project, path, *add) == (1, "", f"Error: {path} is a named pipe (FIFO), not {what}.\n")


def test_astral_characters_and_combining_marks_keep_code_point_offsets(tmp_path: Path, run: Runner) -> None:
    text = (
        "👨\u200d👩\u200d👧 kam 🇩🇪 an. 𝔄𝔅 sagte (so 𝕏 - E. H.) e\u0301twas. "
        "Zweiter 👍🏽 Satz [sic] mit a\u0308 und \U0001f600.*\n\n* Fußnote 𝔄. - N. Kh."
    )
    path = tmp_path / "astral.txt"
    path.write_text(text, "utf-8")
    pieces = ["👨\u200d👩\u200d👧 kam 🇩🇪 an.", "𝔄𝔅 sagte (so 𝕏 - E. H.) e\u0301twas.",
              "Zweiter 👍🏽 Satz [sic] mit a\u0308 und \U0001f600.*", "* Fußnote 𝔄. - N. Kh."]
    code, stdout, _ = run("segment", path, "--json", "--lang", "de")
    assert code == 0
    assert [json.loads(line) for line in stdout.splitlines()] == [
        {"start": text.index(p), "end": text.index(p) + len(p), "text": p} for p in pieces
    ]
    notes = [("(so 𝕏 - E. H.)", "note", "E. H."), ("[sic]", "supplied", None),
             ("*", "footnote-mark", "N. Kh."), ("* Fußnote 𝔄. - N. Kh.", "footnote", "N. Kh.")]
    code, stdout, _ = run("notes", path)
    assert [json.loads(line) for line in stdout.splitlines()] == [
        {"start": text.index(t, text.index(pieces[2]) if k == "footnote-mark" else 0),
         "end": text.index(t, text.index(pieces[2]) if k == "footnote-mark" else 0) + len(t),
         "kind": k, "editor": e, "text": t}
        for t, k, e in notes
    ]


def test_a_megabyte_line_without_punctuation_comes_through_whole(tmp_path: Path, run: Runner) -> None:
    text = " ".join(f"wort{k % 997}" for k in range(140_000))
    path = tmp_path / "run-on.txt"
    path.write_text(text, "utf-8")
    code, stdout, _ = run("segment", path, "--lang", "de")
    lines = stdout.splitlines()
    assert code == 0 and len(path.read_bytes()) > 1_000_000
    assert max(len(line) for line in lines) <= MAX_SENTENCE_LENGTH
    assert " ".join(lines) == text


def read_terminal(command: list[str], stdout: Path) -> tuple[int, str]:
    """Run *command* with its standard error on a terminal; its exit status and what it showed there."""
    controller, terminal = pty.openpty()
    with stdout.open("wb") as output:
        child = subprocess.Popen(command, stdout=output, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 1.0)
        try:
            chunk = os.read(controller, 65536) if ready else b""
        except OSError:  # the terminal is gone with the child
            chunk = b""
        shown += chunk
        if not chunk and child.poll() is not None:
            break
    os.close(controller)
    return child.wait(), shown.decode()


def check_progress(shown: str) -> None:
    """The progress line counts up from 0 % to 100 %, then is wiped."""
    assert shown.startswith("\rSegmenting… 0%") and shown.endswith("\rSegmenting… 100%\r\x1b[K")
    percents = [int(p) for p in re.findall(r"\rSegmenting… (\d+)%", shown)]
    assert percents == sorted(percents) and len(percents) > 10


def test_segmenting_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "letters.txt"
    path.write_text((ENGLISH_SEED.read_text("utf-8") + "\n\n") * 40, "utf-8")
    code, shown = read_terminal([sys.executable, "-m", "workbench", "segment", str(path)], tmp_path / "out.txt")
    assert code == 0
    check_progress(shown)
    assert len((tmp_path / "out.txt").read_text("utf-8").splitlines()) == 40 * 53


@pytest.mark.slow
def test_a_fifty_megabyte_text_is_segmented_whole_with_progress(tmp_path: Path) -> None:
    unit = ENGLISH_SEED.read_text("utf-8") + "\n\n" + GERMAN_LETTER.read_text("utf-8") + "\n\n"
    repeats = -(-50_000_000 // len(unit.encode()))
    path = tmp_path / "huge.txt"
    path.write_text(unit * repeats, "utf-8")
    code, shown = read_terminal([sys.executable, "-m", "workbench", "segment", str(path), "--lang", "en"], tmp_path / "out.txt")
    assert code == 0
    check_progress(shown)
    expected = [" ".join(s.text_of(unit).split()) for s in segment(unit, "en", find_interpolations(unit))]
    assert (tmp_path / "out.txt").read_text("utf-8").splitlines() == expected * repeats


def test_excel_exports_carry_no_formulas(tmp_path: Path, run: Runner) -> None:
    cells = ["=SUM(A1:A9) is a formula.", "+49 30 1234 is a phone number.", "-5 degrees today.",
             "@home we stay.", "=cmd|' /C calc'!A0", "An ordinary sentence."]
    (tmp_path / "a.txt").write_text("\n\n".join(cells), "utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(reversed(cells)), "utf-8")
    project = tmp_path / "p.wbproj"
    assert run("new", project, "--source", tmp_path / "a.txt", "--target", tmp_path / "b.txt", "--no-align")[0] == 0
    exports = {}
    for flags in ([], ["--excel"], ["--format", "tsv"], ["--format", "tsv", "--excel"]):
        out = tmp_path / f"export{len(exports)}.txt"
        assert run("export", project, "-o", out, *flags)[0] == 0
        delimiter = "\t" if "tsv" in flags else ","
        exports[" ".join(flags)] = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=delimiter))
    plain = exports[""]
    assert [row[2] for row in plain[1:]] == ["=SUM(A1:A9) is a formula.", "+49 30 1234 is a phone number.",
                                              "-5 degrees today.", "@home we stay.", "=cmd|' /C calc'!", "A0",
                                              "An ordinary sentence."]
    neutralised = [[f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in row] for row in plain]
    assert exports["--excel"] == neutralised
    assert exports["--format tsv"] == plain
    assert exports["--format tsv --excel"] == neutralised


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(", "Note pattern '(' is not a valid regular expression (missing ) at position 1)."),
        ("(a|aa)+$", "Note pattern '(a|aa)+$' takes longer than 1 s over a text of 72 characters (it may never finish);"
                     " simplify it or remove it from the project's rules."),
    ],
)
def test_a_note_pattern_that_cannot_run_is_refused_in_one_line(tmp_path: Path, pattern: str, message: str, run: Runner) -> None:
    path = tmp_path / "input.txt"
    path.write_text("Ein Satz. " + "a" * 60 + "b.", "utf-8")
    assert run("notes", path, "--pattern", pattern) == (1, "", f"Error: {message}\n")


def long_name_commands(tmp_path: Path) -> dict[str, list[object]]:
    """Every command, each given one name longer than the system allows (255 bytes)."""
    text, project, tmx = tmp_path / ("x" * 300 + ".txt"), tmp_path / ("x" * 300 + ".wbproj"), tmp_path / ("x" * 300 + ".tmx")
    existing = tmp_path / "p.wbproj"
    return {
        "segment": ["segment", text],
        "notes": ["notes", text],
        "new, a source": ["new", tmp_path / "q.wbproj", "--source", text, "--target", ENGLISH_SEED],
        "new, the project": ["new", project, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED],
        "new --add": ["new", project, "--add", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED],
        "align": ["align", text, ENGLISH_SEED],
        "align -o": ["align", GERMAN_LETTER, ENGLISH_SEED, "-o", text],
        "revise": ["revise", existing, "--document", "1", text],
        "pairs": ["pairs", project],
        "export": ["export", project],
        "export -o": ["export", existing, "-o", text],
        "import": ["import", existing, tmx],
        "import into": ["import", project, tmx],
        "rules": ["rules", project],
        "realign": ["realign", project],
        "score": ["score", text, text],
        "open": [project],
    }


@pytest.mark.parametrize("command", list(long_name_commands(Path())))
def test_a_name_longer_than_the_system_allows_is_one_line_for_every_command(tmp_path: Path, command: str, run: Runner) -> None:
    assert run("new", tmp_path / "p.wbproj", "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align")[0] == 0
    run("pairs", tmp_path / "p.wbproj")  # the read-only side files exist before
    before = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))
    code, stdout, stderr = run(*long_name_commands(tmp_path)[command])
    assert (code, stdout) == (1, "")
    assert stderr.startswith("Error: ") and "File name too long" in stderr and stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == before
