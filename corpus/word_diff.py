"""Word-by-word differences between two texts (two translations of one sentence), for people to
read: each text's changed words marked as inserted, deleted or replaced. Words, runs of spaces and
single punctuation marks are turned into one character each and diffed with corpus.revisions'
diff-match-patch wrapper (the library's line-mode trick, by words), then mapped back to code-point
offsets. No database, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from corpus.revisions import Cleanup, diff_texts
from corpus.spans import Span

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_FIRST_CODE = 0xF0000  # private-use planes: one character per distinct token


class ChangeKind(StrEnum):
    INSERT = "insert"  # only the new text has these words
    DELETE = "delete"  # only the old text has these words
    REPLACE = "replace"  # both have words here, different ones


@dataclass(frozen=True)
class WordChange:
    """A changed stretch of one text (code points), trimmed of the spaces at its edges."""

    span: Span
    kind: ChangeKind


@dataclass(frozen=True)
class WordDiff:
    """The changes as each text shows them: deletions and replacements in the old text,
    insertions and replacements in the new one."""

    old: tuple[WordChange, ...]
    new: tuple[WordChange, ...]

    @property
    def is_empty(self) -> bool:
        return not self.old and not self.new


def diff_words(old: str, new: str) -> WordDiff:
    """The word-level changes from *old* to *new*."""
    codes: dict[str, str] = {}
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    old_coded, new_coded = _encode(old_tokens, codes), _encode(new_tokens, codes)
    diff = diff_texts(old_coded, new_coded, Cleanup.SEMANTIC)
    old_starts, new_starts = _starts(old_tokens), _starts(new_tokens)
    old_changes: list[WordChange] = []
    new_changes: list[WordChange] = []
    for block in diff.blocks:
        old_span, new_span = _trimmed(old, old_starts, block.old), _trimmed(new, new_starts, block.new)
        kind = ChangeKind.REPLACE if old_span and new_span else ChangeKind.DELETE if old_span else ChangeKind.INSERT
        old_changes.extend([WordChange(old_span, kind)] if old_span else [])
        new_changes.extend([WordChange(new_span, kind)] if new_span else [])
    return WordDiff(tuple(old_changes), tuple(new_changes))


def _encode(tokens: list[str], codes: dict[str, str]) -> str:
    return "".join(codes.setdefault(token, chr(_FIRST_CODE + len(codes))) for token in tokens)


def _starts(tokens: list[str]) -> list[int]:
    """Code-point offset of each token, and the text's length after the last."""
    starts = [0]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts


def _trimmed(text: str, starts: list[int], tokens: Span) -> Span | None:
    """The code points of these tokens of *text* without white space at the edges (None if nothing is left)."""
    start, end = starts[tokens.start], starts[tokens.end]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None
