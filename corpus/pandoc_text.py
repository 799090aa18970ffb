"""Documents read by pandoc (the binary that pypandoc-binary ships): .docx, .odt, .rtf, .html,
.epub and Markdown become pandoc's JSON AST, which this module walks into a StructuredText.
Pandoc runs with --sandbox (it reads the one file and fetches nothing), with a time limit.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from corpus.reading import TextFileError
from corpus.structured_text import SourceFormat, StructuredText, TextBuilder

_TIMEOUT_SECONDS = 600
_EMPHASIS = frozenset({"Emph", "Strong", "Underline"})
_PLAIN_INLINES = frozenset({"Strikeout", "SmallCaps", "Superscript", "Subscript"})
_QUOTES = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}
_SKIPPED_BLOCKS = frozenset({"RawBlock", "HorizontalRule", "Null"})
# raw HTML and TeX become RawInline/RawBlock nodes, which are skipped: scripts and styles never reach the text
_READERS = {"markdown": "markdown-smart"}

Node = dict[str, Any]


@cache
def pandoc_version() -> str:
    """The bundled pandoc's version, e.g. "3.6.1"."""
    import pypandoc

    return str(pypandoc.get_pandoc_version())


def pandoc_structured_text(path: Path, format_: str) -> StructuredText:
    """Convert *path* (in pandoc's reader *format_*) into our text and structure."""
    ast = _pandoc_json(path, format_)
    builder = TextBuilder()
    _Walker(builder).blocks(ast.get("blocks", []))
    return builder.result(SourceFormat(format_, f"pandoc {pandoc_version()}"))


def _pandoc_json(path: Path, format_: str) -> Node:
    import pypandoc

    command = [pypandoc.get_pandoc_path(), "--sandbox", "--from", _READERS.get(format_, format_), "--to", "json", "--", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise TextFileError(f"{path} took too long to convert (over {_TIMEOUT_SECONDS // 60} minutes).") from None
    except OSError as error:
        raise TextFileError(f"{path} cannot be converted: pandoc did not run ({error.strerror or error}).") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TextFileError(f"{path} cannot be read as {format_.upper()}: {reason[-1] if reason else 'pandoc failed'}.")
    result: Node = json.loads(done.stdout)
    return result


class _Walker:
    """Pandoc's blocks and inlines, in document order, into a TextBuilder."""

    def __init__(self, builder: TextBuilder) -> None:
        self.out = builder

    def blocks(self, blocks: Sequence[Node]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Node) -> None:
        kind, content = block["t"], _content(block)
        if kind in ("Para", "Plain"):
            self.inlines(content)
            self.out.end_block()
        elif kind == "Header":
            self.out.end_block()
            self.inlines(content[2])
            self.out.end_block()
        elif kind == "LineBlock":
            for line in content:
                self.inlines(line)
                self.out.line_break()
            self.out.end_block()
        elif kind == "CodeBlock":
            self.out.write(content[1])
            self.out.end_block()
        elif kind not in _SKIPPED_BLOCKS:
            self._nested_blocks(content)  # lists, quotes, divs, tables, figures: their blocks in order

    def _nested_blocks(self, content: Any) -> None:
        if isinstance(content, dict):
            if _is_block(content):
                self.block(content)
            else:
                for value in content.values():
                    self._nested_blocks(value)
        elif isinstance(content, list):
            for item in content:
                self._nested_blocks(item)

    def inlines(self, inlines: Sequence[Node]) -> None:
        for inline in inlines:
            self.inline(inline)

    def inline(self, inline: Node) -> None:
        kind, content = inline["t"], _content(inline)
        if kind == "Str":
            self.out.write(content)
        elif kind in ("Space", "SoftBreak"):
            self.out.write(" ")
        elif kind == "LineBreak":
            self.out.line_break()
        elif kind in _EMPHASIS:
            self.out.emphasised(lambda: self.inlines(content))
        elif kind in _PLAIN_INLINES:
            self.inlines(content)
        elif kind == "Quoted":
            opening, closing = _QUOTES.get(content[0]["t"], ("“", "”"))
            self.out.write(opening)
            self.inlines(content[1])
            self.out.write(closing)
        elif kind in ("Link", "Span", "Cite"):
            self.inlines(content[1])
        elif kind in ("Code", "Math"):
            self.out.write(content[1])
        elif kind == "Note":
            self.out.footnote(_body_writer(content))


def _body_writer(blocks: Sequence[Node]) -> Callable[[TextBuilder], None]:
    """A footnote body written flat: its paragraphs one after the other, separated by spaces."""

    def write(builder: TextBuilder) -> None:
        walker = _Walker(builder)
        for block in blocks:
            kind, content = block["t"], _content(block)
            if kind in ("Para", "Plain"):
                walker.inlines(content)
                builder.write(" ")

    return write


_BLOCK_TYPES = frozenset(
    {"Para", "Plain", "Header", "LineBlock", "CodeBlock", "BlockQuote", "BulletList", "OrderedList",
     "DefinitionList", "Div", "Table", "Figure", "RawBlock", "HorizontalRule", "Null"}
)


def _is_block(node: Node) -> bool:
    return node.get("t") in _BLOCK_TYPES


def _content(node: Node) -> Any:
    """A pandoc AST node's content ("c"), whatever its kind holds (nothing for some)."""
    return node.get("c")
