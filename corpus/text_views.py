"""Texts read by stretches: the `TextLike` protocol (what a str gives by slicing, and its length)
that the revision code reads texts through, and `Spliced`, a text with one stretch replaced,
read from the text it was made from without building it whole. Standard library only.
"""

from __future__ import annotations

from typing import Protocol


class TextLike(Protocol):
    """A text read a stretch at a time: a str, or a long revision read block by block."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: slice, /) -> str: ...


def plain_bounds(index: slice, length: int) -> tuple[int, int]:
    """Where a slice of a text *length* code points long starts and ends (end >= start), as str
    slicing has it; a text read by stretches takes no step (ValueError)."""
    low, high, step = index.indices(length)
    if step != 1:
        raise ValueError("a text read by stretches is read by plain slices")
    return low, max(low, high)


class Spliced:
    """*base* with [start, end) replaced by *text*: slices read *base* around the new text, so an
    edit of one sentence of a book never copies the book."""

    def __init__(self, base: TextLike, start: int, end: int, text: str) -> None:
        self.base, self.start, self.end, self.text = base, start, end, text
        self._length = len(base) + len(text) - (end - start)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: slice, /) -> str:
        low, high = plain_bounds(index, self._length)
        if high == low:
            return ""
        inserted_end = self.start + len(self.text)
        parts = []
        if low < self.start:
            parts.append(self.base[low : min(high, self.start)])
        if high > self.start and low < inserted_end:
            parts.append(self.text[max(low, self.start) - self.start : min(high, inserted_end) - self.start])
        if high > inserted_end:
            shift = self.end - inserted_end
            parts.append(self.base[max(low, inserted_end) + shift : high + shift])
        return "".join(parts)

    def __str__(self) -> str:
        return self[0 : self._length]
