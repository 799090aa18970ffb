"""Finding sentences: full-text search over every live sentence (the FTS5 index on
`sentence_texts`, through sqlite-utils), each hit with the beads that hold it, and the GUI's find
within one pair (text or regular expression, either side or both), answering bead and sentence
ids in ladder order. sqlite-utils only, no Qt.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from alignments.ladder.beads import Side
from alignments.store.sentence_index import TABLE
from alignments.store.sql import batches, placeholders
from corpus.errors import UserError


class SearchError(UserError, ValueError):
    """A query that cannot be run; the message is meant for the user."""


@dataclass(frozen=True)
class HitPlace:
    """Where a sentence is shown: a pair, the bead holding it there, and its side."""

    pair_id: int
    bead_id: int
    side: Side


@dataclass(frozen=True)
class SearchHit:
    sentence_id: int
    document_id: int
    text: str
    places: tuple[HitPlace, ...] = ()  # one per pair showing the sentence's document


@dataclass(frozen=True)
class FindHit:
    """A sentence that matches, with the bead holding it and its side."""

    bead_id: int
    side: Side
    sentence_id: int


def search_sentences(
    db: Database, query: str, document_ids: tuple[int, ...] = (), limit: int = 100, syntax: bool = False
) -> list[SearchHit]:
    """Sentences matching *query* (words; with *syntax*, FTS5 query syntax such as `Yago*` or
    `"red plebiscite"`), best first, optionally only within some documents."""
    if not query.strip():
        return []
    # sqlite-utils binds the query by name, so the document ids are named too
    names = {f"document{k}": document_id for k, document_id in enumerate(document_ids)}
    where = f"id IN (SELECT id FROM sentences WHERE document_id IN ({', '.join(':' + name for name in names)}))" if names else None
    try:
        rows = list(db.table(TABLE).search(query, where=where, where_args=names or None, limit=limit, quote=not syntax))
    except sqlite3.OperationalError as error:
        raise SearchError(f"{query!r} is not a valid search ({error}).") from None
    ids = [row["id"] for row in rows]
    places, documents = _places(db, ids), _documents(db, ids)
    return [SearchHit(row["id"], documents[row["id"]], row["text"], places.get(row["id"], ())) for row in rows]


def _documents(db: Database, sentence_ids: list[int]) -> dict[int, int]:
    """The document (live revision) each sentence belongs to."""
    found: dict[int, int] = {}
    for chunk in batches(sentence_ids):
        found.update(db.execute(f"SELECT id, document_id FROM sentences WHERE id IN ({placeholders(chunk)})", chunk).fetchall())
    return found


def _places(db: Database, sentence_ids: list[int]) -> dict[int, tuple[HitPlace, ...]]:
    """The beads holding each sentence, by pair."""
    found: dict[int, list[HitPlace]] = {}
    for chunk in batches(sentence_ids):
        rows = db.execute(
            "SELECT bs.sentence_id, b.pair_id, b.id, bs.side FROM bead_sentences bs JOIN beads b ON b.id = bs.bead_id"
            f" WHERE bs.sentence_id IN ({placeholders(chunk)}) ORDER BY b.pair_id",
            chunk,
        )
        for sentence_id, pair_id, bead_id, side in rows:
            found.setdefault(sentence_id, []).append(HitPlace(pair_id, bead_id, Side(side)))
    return {sentence_id: tuple(places) for sentence_id, places in found.items()}


def find_in_pair(
    db: Database, pair_id: int, needle: str, regex: bool = False, side: Side | None = None, case_sensitive: bool = False
) -> list[FindHit]:
    """Every sentence of a pair whose text holds *needle*, in ladder order (source before
    translation within a bead)."""
    if not needle:
        return []
    matches = _matcher(needle, regex, case_sensitive)
    side_filter = "" if side is None else "AND bs.side = ?"
    rows = db.execute(
        "SELECT b.id, bs.side, bs.sentence_id, st.text FROM beads b JOIN bead_sentences bs ON bs.bead_id = b.id"
        f" JOIN sentences s ON s.id = bs.sentence_id JOIN {TABLE} st ON st.id = bs.sentence_id"
        f" WHERE b.pair_id = ? {side_filter} ORDER BY b.source_pos, b.target_pos, bs.side, s.start",
        [pair_id] if side is None else [pair_id, str(side)],
    )
    return [FindHit(bead_id, Side(where), sid) for bead_id, where, sid, text in rows if matches(text)]


def _matcher(needle: str, regex: bool, case_sensitive: bool) -> Callable[[str], bool]:
    if regex:
        try:
            pattern = re.compile(needle, 0 if case_sensitive else re.IGNORECASE)
        except re.error as error:
            raise SearchError(f"{needle!r} is not a valid regular expression ({error}).") from None
        return lambda text: pattern.search(text) is not None
    if case_sensitive:
        return lambda text: needle in text
    folded = needle.casefold()
    return lambda text: folded in text.casefold()
