"""The store's memory of revision texts: each revision's pieces (a `Layout`) and the text blocks
they list, both immutable once committed. A stretch of any revision is cut from a few cached
blocks (`stretch`), a revision is handed out as a text read block by block (`view`), and its
whole text is joined only for callers who want it whole (`whole`). Forgotten when undo drops a
revision (its id may be taken again). sqlite-utils only, no Qt.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence

from sqlite_utils import Database

from alignments.store.sql import batches, placeholders
from alignments.store.text_blocks import Layout, read_layout, read_text
from corpus.text_views import TextLike, plain_bounds


class BlockText:
    """A revision's text read a stretch at a time through the store's cached blocks (`TextLike`)."""

    def __init__(self, texts: RevisionTexts, document_id: int, length: int) -> None:
        self._texts, self._document_id, self._length = texts, document_id, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: slice, /) -> str:
        low, high = plain_bounds(index, self._length)
        return self._texts.stretch(self._document_id, low, high)

    def __str__(self) -> str:
        return self._texts.whole(self._document_id)


class RevisionTexts:
    """Layouts and block texts of the revisions of one project file, read once."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._layouts: dict[int, Layout] = {}
        self._blocks: dict[int, str] = {}
        self._whole: dict[int, str] = {}

    def layout(self, document_id: int) -> Layout:
        """A revision's pieces, in order (empty for a revision that is not there)."""
        layout = self._layouts.get(document_id)
        if layout is None:
            layout = read_layout(self._db, document_id)
            if layout.blocks and self._committed:
                self._layouts[document_id] = layout
        return layout

    def whole(self, document_id: int) -> str:
        """A revision's whole text (KeyError when there is no such revision)."""
        text = self._whole.get(document_id)
        if text is None:
            if document_id in self._layouts:
                text = self.stretch(document_id, 0, self._layouts[document_id].length)
            else:
                found = read_text(self._db, document_id)
                if found is None:
                    raise KeyError(f"no document {document_id}")
                text = found
            if self._committed:
                self._whole[document_id] = text
        return text

    def view(self, document_id: int) -> TextLike:
        """A revision's text, read by slices without joining it whole (its whole text if known)."""
        if document_id in self._whole:
            return self._whole[document_id]
        if not self.layout(document_id).blocks:
            raise KeyError(f"no document {document_id}")
        return BlockText(self, document_id, self.layout(document_id).length)

    def stretch(self, document_id: int, start: int, end: int) -> str:
        """The text of [start, end) of a revision."""
        whole = self._whole.get(document_id)
        if whole is not None:
            return whole[start:end]
        layout = self.layout(document_id)
        if end <= start or not layout.blocks:
            return ""
        pieces = layout.blocks[layout.index_of(start) : layout.index_of(max(start, end - 1)) + 1]
        missing = [p.block_id for p in pieces if p.block_id not in self._blocks]
        blocks: Mapping[int, str] = ChainMap(self._fetch(missing), self._blocks) if missing else self._blocks
        return "".join(  # only the part of each piece inside [start, end): a sentence, not its block
            blocks[p.block_id][p.skip + max(start, p.start) - p.start : p.skip + min(end, p.start + p.length) - p.start]
            for p in pieces
        )

    def remember(self, document_id: int, layout: Layout, blocks: Mapping[int, str], whole: str | None = None) -> None:
        """What a committed change wrote: a revision's pieces, new blocks' texts, its whole text."""
        self._layouts[document_id] = layout
        self._blocks.update(blocks)
        if whole is not None:
            self._whole[document_id] = whole

    def forget(self, document_ids: Sequence[int]) -> None:
        """Revisions dropped (or written by a change that may yet be rolled back), with the texts
        of their blocks (a dropped block's id may be taken again)."""
        for document_id in document_ids:
            layout = self._layouts.pop(document_id, None)
            self._whole.pop(document_id, None)
            for piece in layout.blocks if layout is not None else ():
                self._blocks.pop(piece.block_id, None)

    @property
    def _committed(self) -> bool:
        """Whether what is read now is committed (a caller's transaction may yet be rolled back,
        and the ids of what it wrote taken again): only that is remembered."""
        return not self._db.conn.in_transaction

    def _fetch(self, block_ids: Sequence[int]) -> dict[int, str]:
        """The texts of these blocks, read (and remembered when committed)."""
        found: dict[int, str] = {}
        for chunk in batches(block_ids):
            rows = self._db.execute(f"SELECT id, text FROM text_blocks WHERE id IN ({placeholders(chunk)})", chunk)
            found.update(rows.fetchall())
        if self._committed:
            self._blocks.update(found)
        return found
