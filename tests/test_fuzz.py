"""Hypothesis against what users can throw at the workbench. Texts built from the pieces that
make segmentation and note detection hard (signatures, brackets, footnotes, abbreviations, blank
lines, astral characters, combining marks), plus arbitrary Unicode, with the project's own
signatures and patterns; and hand-editing sessions with undo and redo on a real project file.
Complements the narrower properties in test_segmentation, test_interpolations and test_edits.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignments.ladder.beads import BeadStatus, check_ladder
from alignments.ladder.edits import EditError, ReplaceBeads
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse
from corpus.interpolations import DetectionConfig, find_interpolations
from corpus.segmentation import (
    MAX_SENTENCE_LENGTH,
    PARAGRAPH_BREAK,
    paragraph_starts,
    segment,
)
from corpus.spans import Interpolation, InterpolationKind
from tests.gold import LETTER, gold_project

PIECES = [
    "He came", "Er kam", "Он пришёл", " ", " ", "  ", ".", ". ", "! ", "? ", "…", ", ", "; ", " - ", " — ", " – ",
    "(", ")", "[", "]", "(so die Quelle - Anm. d. Übers.)", "(He liked him. - N. Kh.)", "(это было — Прим. ред.)",
    "[sic]", "[sic: 1917]", "[…]", "[bereits]", "[Translator's note: here]", "(see Vol. I. - Ed.)", "- E. H.)",
    "*", "**", "†", "¹", "²", "[1]", "\n* A footnote. - E. H.", "\n¹ Eine Fußnote.", "\n\n", "\r\n", "\r\n\r\n", "\n \n",
    "\n", "\t", "\u00a0", "Mr. ", "z. B. ", "т. е. ", "u. dgl. m. ", "am 10. Oktober", "1937", "P. S. ", "„", "“",
    "”", "«", "»", "'", "\"", "𝔄", "😀", "👨\u200d👩\u200d👧", "🇩🇪", "👍🏽", "e\u0301", "a\u0308", "\u200b", "\ufeff",
    "Ludwig", "Ежов", "Überall", "A.", "B. ",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=80).map("".join)
languages = st.sampled_from(["en", "de", "ru", "fr", "is", "und", "xx-YY"])
signatures = st.lists(st.text(alphabet="AEHKNabcd. -–[](*\\^$", min_size=1, max_size=8), max_size=3)
PATTERNS = [r"\{(?P<editor>ed): [^}]*\}", r"x*", r"\bKh\b", r"(?P<editor>E\. H\.)", r"[\[(]", r"$", r"(?m)^\*"]
patterns = st.lists(st.sampled_from(PATTERNS), max_size=3)


def check_interpolations(text: str, notes: list[Interpolation]) -> None:
    assert all(0 <= n.start < n.end <= len(text) for n in notes)
    assert all(a.end <= b.start for a, b in zip(notes, notes[1:]))  # sorted and never overlapping
    marks = {n.start for n in notes if n.kind == InterpolationKind.FOOTNOTE_MARK}
    bodies = [n for n in notes if n.kind == InterpolationKind.FOOTNOTE]
    assert sorted(b.mark_start for b in bodies) == sorted(marks)  # type: ignore[type-var]
    assert all(b.mark_start < b.start for b in bodies)  # type: ignore[operator]


def check_sentences(text: str, notes: list[Interpolation], lang: str) -> None:
    spans = segment(text, lang, notes)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.text_of(text) == s.text_of(text).strip() and len(s) <= MAX_SENTENCE_LENGTH for s in spans)
    bounds = [0, *(offset for s in spans for offset in (s.start, s.end)), len(text)]
    assert not "".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2])).strip()  # only white space left out
    assert len(paragraph_starts(text, spans)) == len(spans)
    for note in notes:  # a note within one paragraph is never cut (texts here are shorter than the length limit)
        if PARAGRAPH_BREAK.search(text, note.start, note.end) is None and text[note.start : note.end].strip():
            assert any(s.start <= note.start and note.end <= s.end for s in spans), note


def check_text(text: str, lang: str, editors: list[str], extra: list[str]) -> None:
    config = DetectionConfig(tuple(editors), tuple(extra))
    notes = find_interpolations(text, config)
    check_interpolations(text, notes)
    assert find_interpolations(text, config) == notes
    check_sentences(text, notes, lang)


@settings(max_examples=300, deadline=None)
@given(texts, languages, signatures, patterns)
def test_hard_texts_give_well_formed_notes_and_sentences(text: str, lang: str, editors: list[str], extra: list[str]) -> None:
    check_text(text, lang, editors, extra)


@settings(max_examples=200, deadline=None)
@given(st.text(), languages)
def test_any_unicode_is_analysed_without_error(text: str, lang: str) -> None:
    analysed = analyse(Document(text, lang, "t"))
    check_interpolations(text, list(analysed.interpolations))
    check_sentences(text, list(analysed.interpolations), lang)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(texts, languages, signatures, patterns)
def test_many_hard_texts_give_well_formed_notes_and_sentences(text: str, lang: str, editors: list[str], extra: list[str]) -> None:
    check_text(text, lang, editors, extra)


# --- editing sessions with undo and redo on a project file ------------------------------------

Action = tuple[str, int, int, int, int]
actions = st.lists(
    st.tuples(
        st.sampled_from(["link", "link", "unlink", "confirm", "unconfirm", "undo", "undo", "redo"]),
        st.integers(0, 10_000), st.integers(1, 3), st.integers(-2, 2), st.integers(1, 3),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """A closed project file with the letter pair, aligned as its gold ladder says."""
    with tempfile.TemporaryDirectory() as folder:
        yield gold_project(Path(folder) / "template.wbproj", (LETTER,))


def dump(store: ProjectStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every row the edits touch, whole."""
    beads = store.db.execute("SELECT * FROM beads ORDER BY id").fetchall()
    members = store.db.execute("SELECT * FROM bead_sentences ORDER BY bead_id, side, sentence_id").fetchall()
    return beads, members


def plan(store: ProjectStore, planner: Planner, action: Action) -> ReplaceBeads:
    kind, where, length, shift, other_length = action
    ladder = store.ladder(planner.pair_id)
    if kind == "link":
        pair = store.pair(planner.pair_id)
        source, target = store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id)
        first = where % len(source)
        across = min(len(target) - 1, max(0, first * len(target) // len(source) + shift))
        return planner.link(source[first : first + length], target[across : across + other_length])
    chosen = [bead.id for bead in ladder[where % len(ladder) :][:length]]
    if kind == "unlink":
        return planner.unlink(chosen)
    return planner.set_status(chosen, BeadStatus.CONFIRMED if kind == "confirm" else BeadStatus.AUTO)


def run_session(path: Path, session: list[Action]) -> None:
    store = ProjectStore.open(path)
    pair = store.pairs()[0]
    planner = Planner(store, pair.id)
    sentence_ids = store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id)
    states = [dump(store)]  # the state after each edit on the undo stack; [top] is the current one
    done: list[ReplaceBeads] = []
    undone: list[ReplaceBeads] = []
    highest_id = max(row[0] for row in states[0][0])
    for action in session:
        if action[0] == "undo" and done:
            store.apply(done[-1].inverse())
            undone.append(done.pop())
            states.pop()
        elif action[0] == "redo" and undone:
            store.apply(undone[-1])
            done.append(undone.pop())
            states.append(dump(store))
        elif action[0] not in ("undo", "redo"):
            try:
                edit = plan(store, planner, action)
            except EditError:
                continue
            if edit.is_empty:
                continue
            store.apply(edit)
            fresh = [b.id for b in edit.added if b.id not in {r.id for r in edit.removed}]
            assert all(bead_id > highest_id for bead_id in fresh)  # ids are never reused, even after undo
            highest_id = max([highest_id, *fresh])
            done.append(edit)
            undone.clear()
            states.append(dump(store))
        check_ladder(store.ladder(pair.id), *sentence_ids)
        assert dump(store) == states[-1]
    while done:
        store.apply(done.pop().inverse())
        states.pop()
        assert dump(store) == states[-1]
    store.close()
    reopened = ProjectStore.open(path)
    assert dump(reopened) == states[0]
    assert reopened.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    reopened.close()


def session_test(template: Path, session: list[Action]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "session.wbproj"
        shutil.copy(template, path)
        run_session(path, session)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions)
def test_editing_sessions_with_undo_and_redo_restore_the_file_exactly(template: Path, session: list[Action]) -> None:
    session_test(template, session)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions)
def test_many_editing_sessions_restore_the_file_exactly(template: Path, session: list[Action]) -> None:
    session_test(template, session)

