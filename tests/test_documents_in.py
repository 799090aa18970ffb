"""Documents in (issue 14): Word, OpenDocument, HTML, EPUB, Markdown and TEI read by content,
footnotes linked to their marks, headings as sentences, emphasis kept apart, the origin stored,
and one clear line for what cannot be read. The documents are made here with the bundled pandoc."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypandoc
import pytest
from click.testing import CliRunner

from alignments.store.project_store import ProjectStore
from corpus.conversion import read_structured
from corpus.documents import analyse, load_document
from corpus.spans import InterpolationKind
from tests.conftest import ENGLISH_SEED, GERMAN_SEED
from workbench.cli import cli

FOOTNOTE = "This refers to the trial against Zinoviev, Kamenev and other Bolshevik leaders who were sentenced to be shot. - E. H."


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def make(markdown: str, path: Path) -> Path:
    """A real document in the format *path*'s extension names, written by pandoc from Markdown."""
    pypandoc.convert_text(markdown, path.suffix.lstrip("."), format="markdown-smart", outputfile=str(path),
                          extra_args=["--sandbox", "--standalone"])
    if path.suffix == ".rtf":  # Word writes a footnote as {\footnote …}; pandoc's {\*\footnote …} is skipped on reading
        path.write_text(path.read_text("ascii").replace("{\\*\\footnote", "{\\footnote"), "ascii")
    return path


def letter_markdown() -> str:
    """The English seed letter with its "*" footnote as a real (Markdown) footnote."""
    body, note = ENGLISH_SEED.read_text("utf-8").split("\n\n\n* ")
    assert note.strip() == FOOTNOTE
    return body.replace('"father of nations" *.', '"father of nations"[^1].') + f"\n\n[^1]: {note}\n"


def test_the_letter_as_docx_and_its_counterpart_as_odt_align_with_the_footnote_linked(tmp_path: Path) -> None:
    docx = make(letter_markdown(), tmp_path / "letter.docx")
    odt = make(GERMAN_SEED.read_text("utf-8"), tmp_path / "appeal.odt")
    project = tmp_path / "p.wbproj"
    code, stdout, _ = run("new", project, "--source", docx, "--target", odt)
    assert code == 0 and stdout.startswith("pair 1: Traitor's Open Letter, 1937 (en) → appeal (de)")
    store = ProjectStore.open(project, read_only=True)
    pair = store.pairs()[0]
    text = store.text(pair.source.id)
    notes = [n for n in store.interpolations(pair.source.id) if n.kind.startswith("footnote")]
    mark, body = notes
    assert (mark.kind, text[mark.start : mark.end], mark.editor) == (InterpolationKind.FOOTNOTE_MARK, "¹", "E. H.")
    assert (body.kind, text[body.start : body.end], body.editor) == (InterpolationKind.FOOTNOTE, f"¹ {FOOTNOTE}", "E. H.")
    assert body.mark_start == mark.start
    assert text[mark.start - 19 : mark.end + 1] == '"father of nations"¹.'
    paragraph_end = text.index("\n\n", mark.start)
    assert body.start == paragraph_end + 2  # the body follows the paragraph of its mark
    assert store.document_source(pair.source.id).format == "docx"
    assert store.document_source(pair.target.id).format == "odt"
    assert store.document_source(pair.target.id).converter.startswith("pandoc ")
    target_text = store.text(pair.target.id)
    emphasised = [target_text[s.start : s.end] for s in store.emphasis(pair.target.id)]
    assert emphasised[:3] == ["nach", "Sturm im Wasserglas", "In den Massen"]
    assert "*" not in target_text
    store.close()


def test_headings_are_sentences_of_their_own_and_paragraphs_are_kept(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_text(
        "<!DOCTYPE html><html><head><title>T</title><script>alert('run me')</script></head><body>"
        "<h1>Chapter One</h1><p>He came home. She was <em>not</em> there.</p>"
        "<script>document.write('injected')</script><p>Next <b>day</b><style>p {}</style> he left.</p></body></html>",
        "utf-8",
    )
    document = load_document(html, "en")
    analysed = analyse(document)
    assert [s.text_of(document.text) for s in analysed.sentences] == [
        "Chapter One", "He came home.", "She was not there.", "Next day he left.",
    ]
    assert document.source.format == "html" and "alert" not in document.text and "injected" not in document.text
    assert [s.text_of(document.text) for s in document.structure.emphasis] == ["not", "day"]


@pytest.mark.parametrize("suffix", ["docx", "odt", "epub", "rtf", "html", "md"])
def test_every_format_gives_the_same_text_and_a_linked_footnote(tmp_path: Path, suffix: str) -> None:
    markdown = "# Letter\n\nHe came[^1] home. She was *not* there.\n\n[^1]: On 3 May. - Trans.\n"
    path = make(markdown, tmp_path / f"letter.{suffix}") if suffix != "md" else tmp_path / "letter.md"
    if suffix == "md":
        path.write_text(markdown, "utf-8")
    analysed = analyse(load_document(path, "en"))
    text = analysed.document.text
    assert text == "Letter\n\nHe came¹ home. She was not there.\n\n¹ On 3 May. - Trans."
    kinds = [(str(n.kind), text[n.start : n.end], n.editor) for n in analysed.interpolations]
    assert kinds == [("footnote-mark", "¹", "Trans."), ("footnote", "¹ On 3 May. - Trans.", "Trans.")]


def test_a_file_is_told_by_its_content_not_its_name(tmp_path: Path) -> None:
    renamed = make("Er kam *spät*.\n", tmp_path / "a.odt").rename(tmp_path / "letter.txt")
    read = read_structured(renamed)
    assert (read.text, read.source.format) == ("Er kam spät.", "odt")


def test_tei_in_with_notes_and_emphasis(tmp_path: Path) -> None:
    tei = tmp_path / "edition.xml"
    tei.write_text(
        '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>Ignored</title></titleStmt></fileDesc></teiHeader><text><body><head>Brief</head>"
        '<p>Er kam <hi rend="italic">spät</hi>.<note place="foot" n="*">Am 3. Mai. – Anm. d. Übers.</note> Dann ging er.</p>'
        "</body></text></TEI>",
        "utf-8",
    )
    analysed = analyse(load_document(tei, "de"))
    text = analysed.document.text
    assert text == "Brief\n\nEr kam spät.* Dann ging er.\n\n* Am 3. Mai. – Anm. d. Übers."
    assert [(str(n.kind), n.editor) for n in analysed.interpolations] == [
        ("footnote-mark", "Anm. d. Übers."), ("footnote", "Anm. d. Übers."),
    ]
    assert analysed.document.source.format == "tei"


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&c;</p>'
    "</body></text></TEI>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&secret;</p></body></text></TEI>'
)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _refusals(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    huge_epub = tmp_path / "huge.epub"
    with huge_epub.open("wb") as handle:  # a 200 MB EPUB (sparse: no disk needed)
        handle.write(b"PK\x03\x04")
        handle.truncate(200 * 2**20)
    bomb = _zip(tmp_path / "bomb.docx", {"word/document.xml": b"<w/>" + b" " * (300 * 2**20)})
    return {
        "bomb": (tmp_path / "bomb.xml", "{p} is refused: it declares entities of its own, which are never expanded."),
        "external": (tmp_path / "external.xml", "{p} is refused: it declares entities of its own, which are never expanded."),
        "renamed zip": (
            _zip(tmp_path / "photos.docx", {"a.jpg": b"\xff\xd8"}),
            "{p} is a zip archive but not a Word (.docx), OpenDocument text (.odt) or EPUB document.",
        ),
        "200 MB EPUB": (huge_epub, "{p} is 200 MB, over the 64 MB limit for documents; split it, or save its text as plain text."),
        "zip bomb": (bomb, "{p} unpacks to 300 MB, over the 256 MB limit."),
        "damaged docx": (
            _zip(tmp_path / "damaged.docx", {"word/document.xml": b"<not closed"}),
            "{p} cannot be read as DOCX: ",
        ),
        "encrypted": (tmp_path / "locked.docx", "{p} is an encrypted Office document or an old Word 97–2003 file;"),
    }


def test_documents_that_cannot_be_read_get_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "bomb.xml").write_text(BOMB)
    (tmp_path / "external.xml").write_text(EXTERNAL)
    (tmp_path / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    for name, (path, message) in _refusals(tmp_path).items():
        code, stdout, stderr = run("new", tmp_path / "p.wbproj", "--source", path, "--target", ENGLISH_SEED)
        assert (code, stdout) == (1, ""), name
        assert stderr.startswith(f"Error: {message.format(p=path)}") and stderr.count("\n") == 1, (name, stderr)
        assert not (tmp_path / "p.wbproj").exists()
