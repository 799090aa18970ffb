"""The project store: one SQLite file per project (DESIGN §3), read and written through
sqlite-utils. Every change is one transaction; edits arrive as `ReplaceBeads` values and come
back as a `BeadChange` describing what moved. Never emits signals and never imports Qt.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from sqlite_utils import Database

from alignments.ladder.beads import (
    LOW_CONFIDENCE,
    STATUS_NAMED,
    Bead,
    BeadStatus,
    Side,
    lay_out,
)
from alignments.ladder.changes import Change, Edit
from alignments.ladder.drafts import PairDraft
from alignments.ladder.edits import BeadChange, ReplaceBeads, StaleEditError
from alignments.ladder.sentence_edits import SentenceEdit
from alignments.store.interpolation_rows import (
    footnote_partner,
    insert_interpolations,
    interpolation_kinds_by_bead,
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
from alignments.store.sentence_index import index_document
from alignments.store.sentence_writes import apply_sentence_edit, count_sentences, recount
from alignments.store.sql import batches, fresh_ids, placeholders, utc_now
from alignments.store.text_blocks import END_KEY, Layout, fresh_layout, write_layout
from corpus.documents import AnalysedDocument
from corpus.segmentation import paragraph_starts
from corpus.spans import Interpolation, Span
from corpus.structured_text import SourceFormat
from corpus.text_views import TextLike

_LENGTH = "coalesce((SELECT b.start + b.length FROM document_blocks b WHERE b.document_id = {0}.id ORDER BY b.key DESC LIMIT 1), 0)"
_DOCUMENT_COLUMNS = "{0}.id, {0}.title, {0}.lang, " + _LENGTH + ", {0}.origin_path"
_PAIRS = (
    f"SELECT p.id, {_DOCUMENT_COLUMNS.format('s')}, {_DOCUMENT_COLUMNS.format('t')} FROM pairs p"
    " JOIN document_rows s ON s.id = p.source_document_id JOIN document_rows t ON t.id = p.target_document_id"
)


_ONE_READ = 1 << 16  # sentences within this many code points of each other are cut from one stretch


def _pair_info(row: Sequence[object]) -> PairInfo:
    return PairInfo(row[0], DocumentInfo(*row[1:6]), DocumentInfo(*row[6:11]))  # type: ignore[arg-type]


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
        document = analysed.document
        self._check_writable()
        with self.db.atomic():
            document_id = self.db.table("document_rows").insert(
                {
                    "title": document.title,
                    "lang": document.lang,
                    "sha256": document.sha256,
                    "origin_path": document.origin_path,
                    "source_format": document.source.format,
                    "converter": document.source.converter,
                    "created_at": utc_now(),
                }
            ).last_pk
            assert isinstance(document_id, int)
            layout, _ = write_layout(self.db, document_id, fresh_layout(document.text))
            starts = paragraph_starts(document.text, analysed.sentences)
            self.db.conn.executemany(
                'INSERT INTO sentence_spans (block_id, start, "end", paragraph_start) VALUES (?, ?, ?, ?)',
                [
                    (block_id, inside, inside + s.end - s.start, int(p))
                    for s, p in zip(analysed.sentences, starts)
                    for block_id, inside in (layout.place(s.start),)
                ],
            )
            insert_interpolations(self.db, document_id, analysed.interpolations)
            self.db.table("emphasis").insert_all(
                {"document_id": document_id, "start": s.start, "end": s.end} for s in document.structure.emphasis
            )
            index_document(self.db, document_id)
        return document_id

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
            self._insert_beads(beads)
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
        document = analysed.document
        rows = self.db.execute(
            "SELECT DISTINCT d.id FROM document_rows d JOIN pairs p ON p.source_document_id = d.id"
            " WHERE d.sha256 = ? AND d.lang = ? ORDER BY d.id",
            [document.sha256, document.lang],
        ).fetchall()
        sentences = list(analysed.sentences)
        return next((row[0] for row in rows if [span for _, span in self.sentence_spans(row[0])] == sentences), None)

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
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT id, pos FROM sentences WHERE document_id = ? ORDER BY start", [document_id]
            )
        ]

    def sentence_keys(self, document_id: int) -> dict[int, int]:
        """The ladder position a bead starting with each sentence of a document gets (its order
        key: see alignments.store.text_blocks); END_KEY is the position past the last one."""
        return dict(self._sentence_rows(document_id))

    def sentence_spans(self, document_id: int) -> list[tuple[int, Span]]:
        """(id, span) of every sentence of a document, in order."""
        rows = self.db.execute(
            'SELECT id, start, "end" FROM sentences WHERE document_id = ? ORDER BY start', [document_id]
        )
        return [(sid, Span(start, end)) for sid, start, end in rows]

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
            self.texts.forget([document.id for document in edit.documents_dropped])
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
                self._delete_beads([bead.id for bead in edit.removed])
            for edit in edits:
                self._insert_beads(edit.added)
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

    def _delete_beads(self, ids: Sequence[int]) -> None:
        for chunk in batches(ids):
            self.db.execute(f"DELETE FROM beads WHERE id IN ({placeholders(chunk)})", chunk)

    def _insert_beads(self, beads: Sequence[Bead]) -> None:
        """Plain executemany: sqlite-utils' insert_all costs ~0.3 ms a bead in its row checks,
        seconds when an edit confirms or re-positions tens of thousands of beads."""
        self.db.conn.executemany(
            "INSERT INTO beads (id, pair_id, source_pos, target_pos, status, score, provenance, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(b.id, b.pair_id, b.source_pos, b.target_pos, str(b.status), b.score, b.provenance, b.created_at) for b in beads],
        )
        self.db.conn.executemany(
            "INSERT INTO bead_sentences (bead_id, side, sentence_id) VALUES (?, ?, ?)",
            [
                (b.id, str(side), sid)
                for b in beads
                for side, ids in ((Side.SOURCE, b.source_ids), (Side.TARGET, b.target_ids))
                for sid in ids
            ],
        )

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
        if document_id not in self._counts:
            self._counts[document_id] = count_sentences(self.db, document_id)
        return self._counts[document_id]

    def document(self, document_id: int) -> DocumentInfo:
        row = self.db.execute(
            f"SELECT {_DOCUMENT_COLUMNS.format('d')} FROM document_rows d WHERE d.id = ?", [document_id]
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return DocumentInfo(*row)

    def revisions(self, document_id: int) -> list[int]:
        """The revisions of a document, oldest first, up to *document_id* itself."""
        chain = [document_id]
        while row := self.db.execute("SELECT previous_id FROM document_rows WHERE id = ?", [chain[-1]]).fetchone():
            if row[0] is None:
                break
            chain.append(row[0])
        return chain[::-1]

    def pairs(self) -> list[PairInfo]:
        """Every pair with its two documents, in one query."""
        return [_pair_info(row) for row in self.db.execute(f"{_PAIRS} ORDER BY p.id")]

    def pair(self, pair_id: int) -> PairInfo:
        """One pair with its two documents, in one query."""
        row = self.db.execute(f"{_PAIRS} WHERE p.id = ?", [pair_id]).fetchone()
        if row is None:
            raise KeyError(f"no pair {pair_id}")
        return _pair_info(row)

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
        return [
            tuple(row)
            for row in self.db.execute(
                "SELECT id, source_pos, target_pos FROM beads WHERE pair_id = ? ORDER BY source_pos, target_pos",
                [pair_id],
            )
        ]

    def bead_summaries(self, pair_id: int) -> list[BeadSummary]:
        """Every bead of a pair in ladder order, as the few facts a view of the whole pair needs."""
        rows = self.db.execute(
            "SELECT b.id, b.source_pos, b.target_pos, b.status, b.score,"
            " (SELECT count(*) FROM bead_sentences s WHERE s.bead_id = b.id AND s.side = 'source'),"
            " (SELECT count(*) FROM bead_sentences s WHERE s.bead_id = b.id AND s.side = 'target')"
            " FROM beads b WHERE b.pair_id = ? ORDER BY b.source_pos, b.target_pos",
            [pair_id],
        )
        return [
            BeadSummary(bead_id, (source_pos, target_pos), status == "confirmed", score, sources, targets)
            for bead_id, source_pos, target_pos, status, score, sources, targets in rows
        ]

    def beads(self, ids: Sequence[int]) -> list[Bead]:
        """The beads with these ids, in the order asked (missing ids are left out)."""
        found: dict[int, Bead] = {}
        for chunk in batches(ids):
            found.update((bead.id, bead) for bead in self._beads_where(f"b.id IN ({placeholders(chunk)})", chunk))
        return [found[i] for i in ids if i in found]

    def ladder(self, pair_id: int) -> list[Bead]:
        """Every bead of a pair, in order."""
        return self._beads_where("b.pair_id = ?", [pair_id])

    def beads_between(self, pair_id: int, first: tuple[int, int], last: tuple[int, int]) -> list[Bead]:
        """The beads of a pair from position *first* to *last* (source_pos, target_pos), in order."""
        return self._beads_where(
            "b.pair_id = ? AND (b.source_pos, b.target_pos) BETWEEN (?, ?) AND (?, ?)", [pair_id, *first, *last]
        )

    def _beads_where(self, condition: str, parameters: Sequence[object]) -> list[Bead]:
        members: dict[tuple[int, str], list[int]] = {}
        for bead_id, side, sentence_id in self.db.execute(
            f"SELECT bs.bead_id, bs.side, bs.sentence_id FROM bead_sentences bs JOIN beads b ON b.id = bs.bead_id"
            f" JOIN sentences s ON s.id = bs.sentence_id WHERE {condition} ORDER BY s.start",
            parameters,
        ):
            members.setdefault((bead_id, side), []).append(sentence_id)
        rows = self.db.execute(
            "SELECT b.id, b.pair_id, b.source_pos, b.target_pos, b.status, b.score, b.provenance, b.created_at"
            f" FROM beads b WHERE {condition} ORDER BY b.source_pos, b.target_pos",
            parameters,
        ).fetchall()
        return [
            Bead(
                bead_id, pair_id,
                tuple(members.get((bead_id, "source"), ())), tuple(members.get((bead_id, "target"), ())),
                source_pos, target_pos, STATUS_NAMED[status], score, provenance, created_at,
            )
            for bead_id, pair_id, source_pos, target_pos, status, score, provenance, created_at in rows
        ]

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
        rows = self.db.execute('SELECT start, "end" FROM emphasis WHERE document_id = ? ORDER BY start', [document_id])
        return [Span(start, end) for start, end in rows.fetchall()]

    def document_source(self, document_id: int) -> SourceFormat:
        """The format a document was read from and the converter that read it."""
        row = self.db.execute("SELECT source_format, converter FROM document_rows WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return SourceFormat(row[0] or "text", row[1])

    def interpolations(self, document_id: int, start: int = 0, end: int | None = None) -> list[Interpolation]:
        """Interpolations of a document overlapping [start, end), in order."""
        return select_interpolations(self.db, document_id, start, END_KEY if end is None else end)

    def note_mismatches(self, pair_id: int) -> set[int]:
        """The beads of a pair where one side has an interpolation the other lacks (counted by
        kind: a note against a note matches, a note against nothing or a footnote does not)."""
        kinds: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
        for bead_id, side, kind in interpolation_kinds_by_bead(self.db, pair_id):
            kinds[bead_id][(side, kind)] += 1
        return {
            bead_id
            for bead_id, counted in kinds.items()
            if any(counted[(str(Side.SOURCE), kind)] != counted[(str(Side.TARGET), kind)] for _side, kind in counted)
        }

    def footnote_partner(self, document_id: int, offset: int) -> int | None:
        """Where the footnote body of the mark at *offset* starts, or the mark of the body there."""
        return footnote_partner(self.db, document_id, offset)

    def bead_position_at(self, pair_id: int, document_id: int, offset: int) -> tuple[int, int] | None:
        """Ladder position of the bead holding the sentence at *offset* of a document, if any."""
        row = self.db.execute(
            "SELECT b.source_pos, b.target_pos FROM sentences s JOIN bead_sentences bs ON bs.sentence_id = s.id"
            ' JOIN beads b ON b.id = bs.bead_id WHERE s.document_id = ? AND s.start <= ? AND s."end" > ?'
            " AND b.pair_id = ?",
            [document_id, offset, offset, pair_id],
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def stats(self, pair_id: int) -> PairStats:
        """Counts of beads, confirmed and flagged beads, and sentences without counterpart."""
        row = self.db.execute(
            "SELECT count(*), coalesce(sum(status = 'confirmed'), 0),"
            " coalesce(sum(status = 'auto' AND (score IS NULL OR score < ?)), 0) FROM beads WHERE pair_id = ?",
            [LOW_CONFIDENCE, pair_id],
        ).fetchone()
        unaligned = self.db.execute(
            "SELECT count(*) FROM bead_sentences bs JOIN beads b ON b.id = bs.bead_id WHERE b.pair_id = ?"
            " AND NOT EXISTS (SELECT 1 FROM bead_sentences o WHERE o.bead_id = bs.bead_id AND o.side != bs.side)",
            [pair_id],
        ).fetchone()[0]
        beads, confirmed, flagged = row
        return PairStats(beads, confirmed, flagged, unaligned)



