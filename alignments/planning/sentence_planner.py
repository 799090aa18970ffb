"""Planning sentence-level corrections against the store (DESIGN §5, §7): split a sentence at an
offset, merge two neighbouring sentences, edit one sentence's text (a new revision, through
alignments.planning.revisions). Each comes back as a `SentenceEdit` for `ProjectStore.apply`,
so the GUI can keep it for undo. New sentences get new ids; the old ones are retired. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from alignments.ladder.beads import MANUAL, Side
from alignments.ladder.edits import EditError, ReplaceBeads
from alignments.ladder.repair import Placed, reladder
from alignments.ladder.sentence_edits import (
    LearntAbbreviation,
    SentenceEdit,
    SentenceRow,
)
from alignments.planning.revisions import RevisionPlan, plan_sentence_text
from alignments.store.project_store import ProjectStore
from alignments.store.regions import sentences_region
from alignments.store.revision_rows import (
    new_sentence_ids,
    pairs_showing,
    row_keys,
    sentence_after,
    sentence_rows,
)
from alignments.store.sql import utc_now
from corpus.abbreviations import learnt_abbreviation
from corpus.interpolations import find_interpolations
from corpus.languages import base_language
from corpus.segmentation import segment, trim_span


def prepare_edits(store: ProjectStore, document_ids: Sequence[int]) -> None:
    """Do ahead, when a pair is shown, what the first edit of these documents' sentences would pay
    otherwise: compile the project's note-detection rules and the sentence-boundary rules of their
    languages (about 10 ms), count their sentences (a few ms for a book)."""
    config = store.rules.detection_config()
    find_interpolations("A note (see above - Ed.).", config)
    for document_id in document_ids:
        lang = store.document(document_id).lang
        segment("A sentence. And another one.", lang, [], store.rules.abbreviations(lang))
        store.sentence_count(document_id)


class SentencePlanner:
    """Plans corrections of the sentences of any document of one project."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store

    def split(self, sentence_id: int, at: int) -> SentenceEdit:
        """Split a sentence *at* a code-point offset into its text; both parts get new ids."""
        row = self._row(sentence_id)
        text = self.store.document_text(row.document_id)[row.start : row.end]
        cut = row.start + at
        if not 0 < at < row.end - row.start:
            raise EditError("Split a sentence inside its text, not at its edge.")
        left, right = trim_span(text, 0, at), trim_span(text, at, len(text))
        if left is None or right is None:
            raise EditError("Split a sentence inside its text, not at its edge.")
        left, right = left.shifted(row.start), right.shifted(row.start)
        if any(n.start < cut < n.end for n in self.store.interpolations(row.document_id, cut, cut + 1)):
            raise EditError("A sentence cannot be split inside an editorial note.")
        ids = new_sentence_ids(self.store)
        parts = (
            SentenceRow(next(ids), row.document_id, left.start, left.end, row.paragraph_start),
            SentenceRow(next(ids), row.document_id, right.start, right.end, False),
        )
        edits = self._reladder(row.document_id, {sentence_id: parts}, [sentence_id], "Split sentence")
        return SentenceEdit((row,), parts, edits, label="Split sentence")

    def merge(self, first_id: int, second_id: int) -> SentenceEdit:
        """Merge a sentence with the one right after it into one new sentence; a merge across an
        abbreviation ("Gen.") teaches the project that abbreviation."""
        first, second = self._row(first_id), self._row(second_id)
        if self._following(first) != second_id:
            raise EditError("Only a sentence and the one right after it can be merged.")
        row = SentenceRow(next(new_sentence_ids(self.store)), first.document_id, first.start, second.end,
                          first.paragraph_start)
        edits = self._reladder(first.document_id, {first_id: (row,), second_id: ()}, [first_id, second_id],
                               "Merge sentences")
        learn = self._learnt(first, second)
        return SentenceEdit((first, second), (row,), edits, learn=learn, label="Merge sentences")

    def merge_with_next(self, sentence_id: int) -> SentenceEdit:
        """Merge a sentence with the one after it in its text."""
        following = self._following(self._row(sentence_id))
        if following is None:
            raise EditError("This is the last sentence of its text: there is none after it to merge with.")
        return self.merge(sentence_id, following)

    def _following(self, row: SentenceRow) -> int | None:
        """The id of the sentence after *row* in its document, if any."""
        return sentence_after(self.store, row)

    def edit_text(self, sentence_id: int, text: str) -> RevisionPlan:
        """Replace one sentence's text: a new revision of its document, planned locally."""
        row = self._row(sentence_id)
        if self.store.document_text(row.document_id)[row.start : row.end] == text:
            raise EditError("The sentence's text is unchanged.")
        return plan_sentence_text(self.store, row, text)

    def _row(self, sentence_id: int) -> SentenceRow:
        rows = sentence_rows(self.store, [sentence_id])
        if not rows:
            raise EditError(f"There is no sentence {sentence_id} (it may have been split, merged or revised).")
        return rows[0]

    def _learnt(self, first: SentenceRow, second: SentenceRow) -> tuple[LearntAbbreviation, ...]:
        lang = self.store.document(first.document_id).lang
        text = self.store.document_text(first.document_id)[first.start : second.end]
        abbreviation = learnt_abbreviation(text, first.span.shifted(-first.start), second.span.shifted(-first.start))
        if abbreviation is None or abbreviation in self.store.rules.abbreviations(lang):
            return ()
        return (LearntAbbreviation(base_language(lang), abbreviation),)

    def _reladder(
        self, document_id: int, replaced: dict[int, Sequence[SentenceRow]], touched: Sequence[int], label: str
    ) -> tuple[ReplaceBeads, ...]:
        """The ladder edits of every pair showing the document, with *replaced* sentences swapped
        for their successors (an empty successor list: the sentence joins the one before)."""
        pairs = pairs_showing(self.store, document_id)
        new_ids = self.store.fresh_bead_ids()
        return tuple(self._reladder_pair(pair_id, side, replaced, touched, new_ids, label) for pair_id, side in pairs)

    def _reladder_pair(
        self, pair_id: int, side: Side, replaced: dict[int, Sequence[SentenceRow]], touched: Sequence[int],
        new_ids: Iterator[int], label: str,
    ) -> ReplaceBeads:
        region = sentences_region(self.store, pair_id, touched, [])
        holder = {sid: bead.id for bead in region.beads for sid in (*bead.source_ids, *bead.target_ids)}
        merged = tuple(holder[sid] for sid in touched)
        placed: list[Placed] = []
        for sid in region.source_ids if side == Side.SOURCE else region.target_ids:
            if sid not in replaced:
                placed.append(Placed(sid, (holder[sid],)))
            else:
                placed.extend(Placed(row.id, merged if len(touched) > 1 else (holder[sid],)) for row in replaced[sid])
        new_rows = [row for rows in replaced.values() for row in rows]
        starts = dict(zip((row.id for row in new_rows), row_keys(self.store, new_rows)))
        source_starts = {**region.source_starts, **starts} if side == Side.SOURCE else region.source_starts
        target_starts = {**region.target_starts, **starts} if side == Side.TARGET else region.target_starts
        stretch = replace(region, source_starts=source_starts, target_starts=target_starts)
        return reladder(stretch, side, placed, (), new_ids, utc_now(), MANUAL, label)

