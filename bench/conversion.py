"""Converting a long Word document: a ~300-page .docx (made here with the bundled pandoc from the
English sample letter repeated, each repeat with a heading and a real footnote) read into a
document and analysed (sentences, interpolations). Prints pages, seconds and pages a second."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pypandoc

from corpus.documents import analyse, load_document
from corpus.samples import SAMPLE_PAIRS

WORDS_A_PAGE = 300


def long_markdown(pages: int) -> str:
    """The English letter (its "*" footnote made a real one) repeated until it fills *pages*."""
    letter = SAMPLE_PAIRS[0].target_path.read_text("utf-8")
    body, note = letter.split("\n\n\n* ")
    body = body.replace('"father of nations" *.', '"father of nations"[^{n}].')
    chapters: list[str] = []
    words = 0
    while words < pages * WORDS_A_PAGE:
        n = len(chapters) + 1
        chapters.append(f"# Chapter {n}\n\n{body.format(n=n)}\n\n[^{n}]: {note}\n")
        words += len(body.split())
    return "\n\n".join(chapters)


def main(pages: int = 300) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.docx"
        pypandoc.convert_text(long_markdown(pages), "docx", format="markdown-smart", outputfile=str(path),
                              extra_args=["--sandbox"])
        size = path.stat().st_size
        start = time.perf_counter()
        document = load_document(path, "en")
        converted = time.perf_counter() - start
        analysed = analyse(document)
        total = time.perf_counter() - start
    footnotes = sum(1 for note in analysed.interpolations if note.kind == "footnote")
    print(
        f"convert a {pages}-page .docx ({size // 1024} KB, {len(document.text)} characters,"
        f" {footnotes} footnotes): {converted:.2f} s ({pages / converted:.0f} pages/s);"
        f" with segmentation and interpolations: {total:.2f} s ({len(analysed.sentences)} sentences)"
    )


if __name__ == "__main__":
    main()
