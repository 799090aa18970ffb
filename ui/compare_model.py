"""The Qt table model of the Compare view: a row per pivot row (alignments.ladder.pivot), the source in
the first column and one column per translation. Sentences are fetched from the store a window of
rows at a time; the word differences of translations in one language are computed per row when
first shown. The first translation of a language is the one the others are compared with.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from alignments.store.pivot_reading import PivotTable
from alignments.store.project_store import ProjectStore
from alignments.store.records import SentenceView
from corpus.languages import language_name
from corpus.word_diff import WordChange, diff_words

CELL_ROLE = Qt.ItemDataRole.UserRole + 1
_FETCH = 200
_Index = QModelIndex | QPersistentModelIndex
_INVALID = QModelIndex()


class CompareCell:
    """What a cell shows: its sentences, the word changes to mark, and whether the translation
    lacks sentences here that another has."""

    def __init__(self, sentences: tuple[SentenceView, ...], changes: tuple[WordChange, ...], lacking: bool) -> None:
        self.sentences = sentences
        self.changes = changes
        self.lacking = lacking

    @property
    def text(self) -> str:
        """The sentences as the cell shows them, one a line (change offsets count in this text)."""
        return "\n".join(sentence.text for sentence in self.sentences)


class CompareModel(QAbstractTableModel):
    """The pivot table of one source document."""

    def __init__(self, store: ProjectStore, table: PivotTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.table = table
        self._sentences: dict[int, SentenceView] = {}
        self._cells: dict[tuple[int, int], CompareCell] = {}
        self._compared_with = _reference_columns([pair.target.lang for pair in table.pairs])

    def rowCount(self, parent: _Index = _INVALID) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: _Index = _INVALID) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 1 + len(self.table.pairs)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            source = self.table.source
            return f"Source · {language_name(source.lang)} · {source.title}"
        pair = self.table.pairs[section - 1]
        return f"Pair {pair.id} · {language_name(pair.target.lang)} · {pair.target.title}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == CELL_ROLE:
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(index.row(), index.column()).text
        return None

    def compared_with(self, column: int) -> int | None:
        """The column whose text this translation column is diffed against, if any."""
        return self._compared_with.get(column)

    def cell(self, row: int, column: int) -> CompareCell:
        """A cell's sentences and word changes (cached)."""
        key = (row, column)
        if key not in self._cells:
            self._cells[key] = self._make_cell(row, column)
        return self._cells[key]

    def _make_cell(self, row: int, column: int) -> CompareCell:
        pivot = self.table.rows[row]
        sentences = self._row_sentences(row, column)
        other = self.compared_with(column)
        changes: tuple[WordChange, ...] = ()
        if other is not None and sentences:
            others = self._row_sentences(row, other)
            mine = "\n".join(s.text for s in sentences)
            theirs = "\n".join(s.text for s in others)
            if others:
                diff = diff_words(theirs, mine) if other < column else diff_words(mine, theirs)
                changes = diff.new if other < column else diff.old
        lacking = column > 0 and (column - 1) in pivot.lacking()
        return CompareCell(sentences, changes, lacking)

    def _row_sentences(self, row: int, column: int) -> tuple[SentenceView, ...]:
        pivot = self.table.rows[row]
        ids = pivot.source_ids if column == 0 else pivot.cells[column - 1]
        if any(i not in self._sentences for i in ids):
            self._fetch(row)
        return tuple(self._sentences[i] for i in ids)

    def _fetch(self, row: int) -> None:
        """The sentences of this row and the next ones, in one read per document."""
        rows = self.table.rows[row : row + _FETCH]
        wanted = [i for r in rows for i in (*r.source_ids, *(i for cell in r.cells for i in cell))]
        self._sentences.update(self.store.sentence_views(wanted))


def _reference_columns(languages: list[str]) -> dict[int, int]:
    """For each translation column sharing its language with another, the column it is compared
    with: the later ones with the first of their language, the first with the second."""
    first_of: dict[str, int] = {}
    compared: dict[int, int] = {}
    for column, lang in enumerate(languages, 1):
        base = lang.split("-")[0].lower()
        if base in first_of:
            compared[column] = first_of[base]
            compared.setdefault(first_of[base], column)
        else:
            first_of[base] = column
    return compared
