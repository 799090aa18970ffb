"""The project store: one SQLite file per project (DESIGN §3), the one door to it. It opens and
creates the file, applies every edit in one transaction (edits arrive as values, `ReplaceBeads`
or `SentenceEdit`, and come back as a `Change` describing what moved), and answers reads through
the modules that own the rows (`document_rows`, `bead_rows`, `revision_texts`, `sentence_writes`,
`rules`). Never emits signals and never imports Qt.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from sqlite_utils import Database

from alignments.ladder.beads import (
    Bead,
    BeadStatus,
    Side,
    lay_out,
)
from alignments.ladder.changes import Change, Edit
from alignments.ladder.drafts import PairDraft
from alignments.ladder.edits import BeadChange, ReplaceBeads, StaleEditError
from alignments.ladder.sentence_edits import SentenceEdit
from alignments.store.bead_rows import (
    bead_keys,
    bead_makers,
    bead_position_at,
    bead_summaries,
    beads_where,
    beads_with_ids,
    delete_beads,
    insert_beads,
    note_mismatches,
    pair_stats,
)
from alignments.store.document_rows import (
    document_source,
    emphasis,
    insert_document,
    read_document,
    read_pair,
    read_pairs,
    revision_chain,
    sentence_keys_in_order,
    sentence_spans,
    source_candidates,
)
from alignments.store.interpolation_rows import (
    footnote_partner,
    select_interpolations,
)
from alignments.store.lock import ProjectLock
from alignments.store.project_file import (
    ReadOnlyProjectError,
    create_database,
    memory_database,
    open_database,
)
from alignments.store.records import (
    BeadSummary,
    BeadView,
    DocumentInfo,
    PairInfo,
    PairStats,
    SentenceView,
)
from alignments.store.revision_texts import RevisionTexts
from alignments.store.rules import ProjectRules
from alignments.store.search import FindHit, SearchHit, find_in_pair, search_sentences
from alignments.store.sentence_writes import apply_sentence_edit, count_sentences, recount
from alignments.store.sql import batches, fresh_ids, placeholders, utc_now
from alignments.store.text_blocks import END_KEY, Layout
from corpus.documents import AnalysedDocument
from corpus.spans import Interpolation, Span
from corpus.structured_text import SourceFormat
from corpus.text_views import TextLike

_ONE_READ = 1 << 16  # sentences within this many code points of each other are cut from one stretch


class ProjectStore:
    """A project file, open. Use `ProjectStore.create` or `ProjectStore.open`."""

    def __init__(self, db: Database, path: Path, lock: ProjectLock | None = None, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.rules = ProjectRules(db)
        self._lock = lock
        self.texts = RevisionTexts(db)
        self._counts: dict[int, int] = {}  # live sentences by document, once counted

    @classmethod
    def create(cls, path: Path | str) -> ProjectStore:
        """A new project file, open for changes by this process only (ProjectError if it exists)."""
        db, lock = create_database(Path(path))
        return cls(db, Path(path), lock)

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False) -> ProjectStore:
        """An existing project: for changes (ProjectLockedError while another process has it so)
        or *read_only* (any number of readers; changes raise ReadOnlyProjectError)."""
        db, lock = open_database(Path(path), read_only)
        return cls(db, Path(path), lock, read_only)

    @classmethod
    def in_memory(cls) -> ProjectStore:
        """A throw-away project for headless one-shot work (`workbench align`)."""
        return cls(memory_database(), Path(":memory:"))

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file and give up its write lock (closing twice does nothing)."""
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyProjectError(self.path)

    def transaction(self) -> AbstractContextManager[Database]:
        """One transaction around several writes (nested writes become savepoints)."""
        return self.db.atomic()

    # --- writing -------------------------------------------------------------------------

    def set_language(self, document_id: int, lang: str) -> None:
        """Correct the language a document was given (or guessed to be) when it was read."""
        self._check_writable()
        with self.db.atomic():
            self.db.execute("UPDATE document_rows SET lang = ? WHERE id = ?", [lang, document_id])

    def add_document(self, analysed: AnalysedDocument) -> int:
        """Store a document with its sentences and interpolations; return its id."""
        self._check_writable()
        with self.db.atomic():
            return insert_document(self.db, analysed)

    def add_pair(
        self, source_id: int, target_id: int, ladder: Sequence[tuple[range, range, float | None]], provenance: str
    ) -> int:
        """Store a pair and its first ladder (index ranges into each side's sentences)."""
        self._check_writable()
        with self.db.atomic():
            pair_id = self.db.table("pairs").insert(
                {"source_document_id": source_id, "target_document_id": target_id, "created_at": utc_now()}
            ).last_pk
            assert isinstance(pair_id, int)
            beads = self._initial_beads(pair_id, source_id, target_id, ladder, provenance)
            insert_beads(self.db, beads)
        return pair_id

    def add_drafted_pair(self, draft: PairDraft) -> int:
        """Write both documents of a draft and the pair with its ladder in one transaction;
        return the pair id. A source the project already has as a pair's source (same text,
        language and sentences) is shared, not stored twice: the pairs are then translations of
        one source, compared side by side."""
        with self.transaction():
            source_id = self.shared_source(draft.source) or self.add_document(draft.source)
            target_id = self.add_document(draft.target)
            return self.add_pair(source_id, target_id, draft.ladder, draft.provenance)

    def shared_source(self, analysed: AnalysedDocument) -> int | None:
        """The id of a pair's source document with this text, language and sentences, if any."""
        sentences = list(analysed.sentences)
        candidates = source_candidates(self.db, analysed)
        return next((d for d in candidates if [span for _, span in self.sentence_spans(d)] == sentences), None)

    def _initial_beads(
        self, pair_id: int, source_id: int, target_id: int,
        ladder: Sequence[tuple[range, range, float | None]], provenance: str,
    ) -> list[Bead]:
        source_rows, target_rows = self._sentence_rows(source_id), self._sentence_rows(target_id)
        contents = [
            (tuple(source_rows[k][0] for k in src), tuple(target_rows[k][0] for k in tgt)) for src, tgt, _ in ladder
        ]
        positions = lay_out(
            contents,
            dict(source_rows),
            dict(target_rows),
            (END_KEY, END_KEY),
        )
        ids = self.fresh_bead_ids()
        now = utc_now()
        return [
            Bead(next(ids), pair_id, src, tgt, *position, BeadStatus.AUTO, score, provenance, now)
            for (src, tgt), position, (_, _, score) in zip(contents, positions, ladder)
        ]

    def _sentence_rows(self, document_id: int) -> list[tuple[int, int]]:
        return sentence_keys_in_order(self.db, document_id)

    def sentence_keys(self, document_id: int) -> dict[int, int]:
        """The ladder position a bead starting with each sentence of a document gets (its order
        key: see alignments.store.text_blocks); END_KEY is the position past the last one."""
        return dict(self._sentence_rows(document_id))

    def sentence_spans(self, document_id: int) -> list[tuple[int, Span]]:
        """(id, span) of every sentence of a document, in order."""
        return sentence_spans(self.db, document_id)

    def fresh_bead_ids(self) -> Iterator[int]:
        """Bead ids never used before in this project, as many as the caller takes (ids are
        never reused, even after undo). Nothing is reserved: an edit planned in the background
        takes its ids again when it is applied (ReplaceBeads.renumbered)."""
        return fresh_ids(self.db, "beads")

    def apply(self, edit: Edit) -> Change:
        """Apply any edit (or an edit's inverse) in one transaction and say what it moved; refuse
        it, changing nothing, when the project is no longer as the edit was planned against."""
        self._check_writable()
        if isinstance(edit, ReplaceBeads):
            return Change(beads=(self._replace_beads(edit),))
        if isinstance(edit, SentenceEdit):
            try:
                change = apply_sentence_edit(self, edit)
            except BaseException:
                self._counts.clear()
                raise
            self._counts = recount(self._counts, edit) if not self.db.conn.in_transaction else {}
            return change
        return Change(interpolations=(self.rules.apply_decision(edit),))

    def _replace_beads(self, edit: ReplaceBeads) -> BeadChange:
        return self.replace_all_beads((edit,))[0]

    def replace_all_beads(self, edits: Sequence[ReplaceBeads]) -> tuple[BeadChange, ...]:
        """Replace beads as *edits* say (each edit's removed beads all go before any edit's added
        ones come). Refused, changing nothing, when stale."""
        with self.db.atomic():
            for edit in edits:
                current = self.beads([bead.id for bead in edit.removed])
                if current != list(edit.removed) or self._taken(edit):
                    raise StaleEditError("The alignment has changed since this edit was planned.")
            for edit in edits:
                delete_beads(self.db, [bead.id for bead in edit.removed])
            for edit in edits:
                insert_beads(self.db, edit.added)
        return tuple(BeadChange(edit.pair_id, edit.removed, edit.added) for edit in edits)

    def _taken(self, edit: ReplaceBeads) -> bool:
        """Whether another edit has meanwhile used an id that *edit* adds."""
        removed = {bead.id for bead in edit.removed}
        return bool(self.beads([bead.id for bead in edit.added if bead.id not in removed]))

    def find(
        self, pair_id: int, needle: str, regex: bool = False, side: Side | None = None, case_sensitive: bool = False
    ) -> list[FindHit]:
        """The GUI's find: sentences of a pair holding *needle* (text or regex), in ladder order."""
        return find_in_pair(self.db, pair_id, needle, regex, side, case_sensitive)

    def search(self, query: str, pair_id: int | None = None, limit: int = 100) -> list[SearchHit]:
        """Full-text search over the live sentences (of one pair, if given), best first."""
        pair = None if pair_id is None else self.pair(pair_id)
        documents = () if pair is None else (pair.source.id, pair.target.id)
        return search_sentences(self.db, query, documents, limit)

    # --- reading -------------------------------------------------------------------------

    def text(self, document_id: int) -> str:
        """The whole text of a document (cached: revisions are immutable)."""
        return self.texts.whole(document_id)

    def document_text(self, document_id: int) -> TextLike:
        """The text of a document read by slices, a few blocks at a time (the whole text when it
        is known already): what an edit of one sentence of a book reads."""
        return self.texts.view(document_id)

    def layout(self, document_id: int) -> Layout:
        """The pieces of a document's text (cached)."""
        return self.texts.layout(document_id)

    def sentence_count(self, document_id: int) -> int:
        """How many live sentences a document has (counted once, then kept by the edits)."""
        if document_id in self._counts:
            return self._counts[document_id]
        count = count_sentences(self.db, document_id)
        if not self.db.conn.in_transaction:  # a caller's transaction may yet be rolled back
            self._counts[document_id] = count
        return count

    def document(self, document_id: int) -> DocumentInfo:
        return read_document(self.db, document_id)

    def revisions(self, document_id: int) -> list[int]:
        """The revisions of a document, oldest first, up to *document_id* itself."""
        return revision_chain(self.db, document_id)

    def pairs(self) -> list[PairInfo]:
        """Every pair with its two documents, in one query."""
        return read_pairs(self.db)

    def pair(self, pair_id: int) -> PairInfo:
        """One pair with its two documents, in one query."""
        return read_pair(self.db, pair_id)

    def sentence_ids(self, document_id: int) -> list[int]:
        return [sid for sid, _start in self._sentence_rows(document_id)]

    def ladder_positions(self, pair_id: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """A pair's ladder as 0-based sentence positions per side (the vecalign notation)."""
        pair = self.pair(pair_id)
        source_index = {sid: k for k, sid in enumerate(self.sentence_ids(pair.source.id))}
        target_index = {tid: k for k, tid in enumerate(self.sentence_ids(pair.target.id))}
        return [
            (tuple(source_index[s] for s in bead.source_ids), tuple(target_index[t] for t in bead.target_ids))
            for bead in self.ladder(pair_id)
        ]

    def bead_keys(self, pair_id: int) -> list[tuple[int, int, int]]:
        """(id, source_pos, target_pos) of every bead of a pair, in ladder order."""
        return bead_keys(self.db, pair_id)

    def bead_summaries(self, pair_id: int) -> list[BeadSummary]:
        """Every bead of a pair in ladder order, as the few facts a view of the whole pair needs."""
        return bead_summaries(self.db, pair_id)

    def bead_makers(self, pair_id: int) -> set[str]:
        """The provenances of a pair's beads."""
        return bead_makers(self.db, pair_id)

    def beads(self, ids: Sequence[int]) -> list[Bead]:
        """The beads with these ids, in the order asked (missing ids are left out)."""
        return beads_with_ids(self.db, ids)

    def ladder(self, pair_id: int) -> list[Bead]:
        """Every bead of a pair, in order."""
        return beads_where(self.db, "b.pair_id = ?", [pair_id])

    def beads_between(self, pair_id: int, first: tuple[int, int], last: tuple[int, int]) -> list[Bead]:
        """The beads of a pair from position *first* to *last* (source_pos, target_pos), in order."""
        return beads_where(self.db, "b.pair_id = ? AND (b.source_pos, b.target_pos) BETWEEN (?, ?) AND (?, ?)", [pair_id, *first, *last])

    def bead_views(self, beads: Sequence[Bead]) -> list[BeadView]:
        """The beads with their sentences' text and interpolations."""
        sentence_ids = [sid for bead in beads for sid in (*bead.source_ids, *bead.target_ids)]
        sentences = self.sentence_views(sentence_ids)
        return [
            BeadView(bead, tuple(sentences[s] for s in bead.source_ids), tuple(sentences[t] for t in bead.target_ids))
            for bead in beads
        ]

    def sentence_views(self, sentence_ids: Sequence[int]) -> dict[int, SentenceView]:
        rows: list[tuple[int, int, int, int]] = []
        for chunk in batches(sentence_ids):
            rows.extend(
                self.db.execute(
                    f'SELECT id, document_id, start, "end" FROM sentences WHERE id IN ({placeholders(chunk)})', chunk
                ).fetchall()
            )
        views: dict[int, SentenceView] = {}
        for document_id, group in itertools.groupby(sorted(rows, key=lambda r: (r[1], r[2])), key=lambda r: r[1]):
            spans = list(group)
            low, high = spans[0][2], max(span[3] for span in spans)
            notes = self.interpolations(document_id, low, high)
            near = high - low <= _ONE_READ  # neighbours (a page of beads): one stretch read, then cut
            text, origin = (self.texts.stretch(document_id, low, high), low) if near else (self.document_text(document_id), 0)
            for sid, _doc, start, end in spans:
                inside = tuple(n.relative_to(start, end) for n in notes if n.start < end and n.end > start)
                views[sid] = SentenceView(sid, text[start - origin : end - origin], inside, document_id, start)
        return views

    def emphasis(self, document_id: int) -> list[Span]:
        """The emphasised (italic, bold) stretches a converted document had, in order."""
        return emphasis(self.db, document_id)

    def document_source(self, document_id: int) -> SourceFormat:
        """The format a document was read from and the converter that read it."""
        return document_source(self.db, document_id)

    def interpolations(self, document_id: int, start: int = 0, end: int | None = None) -> list[Interpolation]:
        """Interpolations of a document overlapping [start, end), in order."""
        return select_interpolations(self.db, document_id, start, END_KEY if end is None else end)

    def note_mismatches(self, pair_id: int) -> set[int]:
        """The beads of a pair where one side has an interpolation the other lacks (counted by
        kind: a note against a note matches, a note against nothing or a footnote does not)."""
        return note_mismatches(self.db, pair_id)

    def footnote_partner(self, document_id: int, offset: int) -> int | None:
        """Where the footnote body of the mark at *offset* starts, or the mark of the body there."""
        return footnote_partner(self.db, document_id, offset)

    def bead_position_at(self, pair_id: int, document_id: int, offset: int) -> tuple[int, int] | None:
        """Ladder position of the bead holding the sentence at *offset* of a document, if any."""
        return bead_position_at(self.db, pair_id, document_id, offset)

    def stats(self, pair_id: int) -> PairStats:
        """Counts of beads, confirmed and flagged beads, and sentences without counterpart."""
        return pair_stats(self.db, pair_id)
