"""Differences between two revisions of a text, through diff-match-patch (wrapped here once).

Owns the diff itself (timeout, semantic clean-up), the typed insertions and deletions it is
made of, and mapping code-point offsets of the old text into the new one. Callers never see
diff-match-patch's tuples. Pure Python plus diff-match-patch; no database, no Qt.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from diff_match_patch import diff_match_patch

from corpus.spans import Span
from corpus.text_views import TextLike

DIFF_TIMEOUT = 2.0  # seconds; past it diff-match-patch returns a valid but coarser diff
_EQUAL, _DELETE, _INSERT = 0, -1, 1


class EditKind(StrEnum):
    INSERT = "insert"
    DELETE = "delete"


class Cleanup(StrEnum):
    """How far the raw diff is tidied: SEMANTIC merges short equalities into the edits around
    them (for people to read); LOSSLESS only slides edits to word and sentence boundaries, so
    every unchanged stretch stays unchanged (for carrying spans over)."""

    SEMANTIC = "semantic"
    LOSSLESS = "lossless"


class Bias(StrEnum):
    """Where an offset lands when text was inserted (or replaced) right there."""

    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True)
class TextEdit:
    """One insertion or deletion: where it sits in each text (an empty span on the side that lacks
    it) and the text inserted or deleted."""

    kind: EditKind
    old: Span
    new: Span
    text: str


@dataclass(frozen=True)
class ChangeBlock:
    """A run of edits with no unchanged text inside: [old.start, old.end) of the old text became
    [new.start, new.end) of the new one."""

    old: Span
    new: Span


@dataclass(frozen=True)
class TextDiff:
    """How *old* became *new*: its edits in order, and its change blocks for mapping offsets."""

    old: TextLike  # read by slices (a str, or a long revision read block by block)
    new: TextLike
    edits: tuple[TextEdit, ...]
    blocks: tuple[ChangeBlock, ...]

    @property
    def is_empty(self) -> bool:
        return not self.edits

    @property
    def insertions(self) -> tuple[TextEdit, ...]:
        return tuple(edit for edit in self.edits if edit.kind == EditKind.INSERT)

    @property
    def deletions(self) -> tuple[TextEdit, ...]:
        return tuple(edit for edit in self.edits if edit.kind == EditKind.DELETE)

    def map_offset(self, offset: int, bias: Bias) -> int:
        """Where old *offset* lies in the new text. An offset at or inside a change block lands at
        the block's start (BEFORE) or end (AFTER) in the new text."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index < 0:
            return offset
        block = self.blocks[index]
        if offset <= block.old.end:
            return block.new.start if bias == Bias.BEFORE else block.new.end
        return block.new.end + offset - block.old.end

    def untouched(self, span: Span) -> bool:
        """Whether no edit falls inside *span* of the old text (edits at its edges do not count)."""
        index = bisect.bisect_right(self._block_ends, span.start)
        return index == len(self.blocks) or self.blocks[index].old.start >= span.end

    def map_span(self, span: Span) -> Span:
        """Where an untouched span lies in the new text (edits at its edges stay outside)."""
        return Span(self.map_offset(span.start, Bias.AFTER), self.map_offset(span.end, Bias.BEFORE))

    def reach(self, span: Span) -> Span:
        """Where a (possibly edited) span went: inside a change block its ends are placed in
        proportion (a rewritten stretch maps onto its replacement), and insertions at its edges
        count as its own."""
        start, end = self._projected(span.start, Bias.BEFORE), self._projected(span.end, Bias.AFTER)
        return Span(start, max(start, end))

    def _projected(self, offset: int, bias: Bias) -> int:
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index < 0:
            return offset
        block = self.blocks[index]
        if offset > block.old.end:
            return block.new.end + offset - block.old.end
        if not len(block.old):
            return block.new.start if bias == Bias.BEFORE else block.new.end
        return block.new.start + round((offset - block.old.start) * len(block.new) / len(block.old))

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.old.start for block in self.blocks]

    @cached_property
    def _block_ends(self) -> list[int]:
        return [block.old.end for block in self.blocks]


def diff_texts(old: str, new: str, cleanup: Cleanup = Cleanup.SEMANTIC, timeout: float = DIFF_TIMEOUT) -> TextDiff:
    """The diff of two revisions, cleaned up as asked."""
    engine = diff_match_patch()
    engine.Diff_Timeout = timeout
    operations = engine.diff_main(old, new)
    if cleanup == Cleanup.SEMANTIC:
        engine.diff_cleanupSemantic(operations)
    else:
        engine.diff_cleanupSemanticLossless(operations)
    return _typed(old, new, operations)


def diff_within(old: TextLike, new: TextLike, start: int, old_end: int, new_end: int, cleanup: Cleanup = Cleanup.SEMANTIC) -> TextDiff:
    """The diff of two texts that differ only inside [start, old_end) of *old*, which became
    [start, new_end) of *new*: diff-match-patch looks at those stretches alone (a sentence, not
    the book), and the edits are placed in the whole texts."""
    stretch = diff_texts(old[start:old_end], new[start:new_end], cleanup)
    edits = tuple(TextEdit(e.kind, e.old.shifted(start), e.new.shifted(start), e.text) for e in stretch.edits)
    blocks = tuple(ChangeBlock(b.old.shifted(start), b.new.shifted(start)) for b in stretch.blocks)
    return TextDiff(old, new, edits, blocks)


def _typed(old: str, new: str, operations: list[tuple[int, str]]) -> TextDiff:
    edits: list[TextEdit] = []
    blocks: list[ChangeBlock] = []
    old_at = new_at = 0
    block_start: tuple[int, int] | None = None
    for operation, text in operations:
        if operation == _EQUAL:
            if block_start is not None:
                blocks.append(ChangeBlock(Span(block_start[0], old_at), Span(block_start[1], new_at)))
                block_start = None
            old_at, new_at = old_at + len(text), new_at + len(text)
            continue
        if block_start is None:
            block_start = (old_at, new_at)
        if operation == _DELETE:
            edits.append(TextEdit(EditKind.DELETE, Span(old_at, old_at + len(text)), Span(new_at, new_at), text))
            old_at += len(text)
        else:
            edits.append(TextEdit(EditKind.INSERT, Span(old_at, old_at), Span(new_at, new_at + len(text)), text))
            new_at += len(text)
    if block_start is not None:
        blocks.append(ChangeBlock(Span(block_start[0], old_at), Span(block_start[1], new_at)))
    return TextDiff(old, new, tuple(edits), tuple(blocks))
