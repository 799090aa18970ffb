"""The project's own rules, kept in the project file: signatures, patterns, decisions that survive
re-detection, learnt abbreviations; and older project files gaining their tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from alignments.store.project_store import ProjectStore
from alignments.store.rules import InvalidPatternError
from corpus.abbreviations import learnt_abbreviation
from corpus.decisions import Decision
from corpus.documents import Document, analyse
from corpus.interpolations import DetectionConfig
from corpus.segmentation import segment
from corpus.spans import InterpolationKind, Span

LETTER = "He left (for good — the editors) and came back {editor: twice}. (A note. - E. H.) Then Comr. Jones spoke."


def stored(path: Path, text: str = LETTER, lang: str = "en") -> tuple[ProjectStore, int]:
    store = ProjectStore.create(path)
    return store, store.add_document(analyse(Document(text, lang, "Letter")))


def notes(store: ProjectStore, document_id: int) -> list[tuple[str, str | None, str, str]]:
    text = store.text(document_id)
    return [(str(i.kind), i.editor, str(i.origin), text[i.start : i.end]) for i in store.interpolations(document_id)]


def span_of(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def test_signatures_and_patterns_are_kept_in_the_file(tmp_path: Path) -> None:
    store, _ = stored(tmp_path / "p.wbproj")
    assert store.rules.add_editor(" the editors ") is True
    assert store.rules.add_editor("the editors") is False
    assert store.rules.add_pattern(r"\{editor: [^}]*\}") is True
    store.close()
    store = ProjectStore.open(tmp_path / "p.wbproj")
    assert store.rules.detection_config() == DetectionConfig(("the editors",), (r"\{editor: [^}]*\}",))
    assert store.rules.remove_editor("the editors") is True
    assert store.rules.detection_config() == DetectionConfig((), (r"\{editor: [^}]*\}",))
    store.close()


def test_an_invalid_pattern_is_refused_and_not_stored(tmp_path: Path) -> None:
    store, _ = stored(tmp_path / "p.wbproj")
    with pytest.raises(InvalidPatternError, match=r"'\(unclosed' is not a valid regular expression"):
        store.rules.add_pattern("(unclosed")
    assert store.rules.detection_config() == DetectionConfig()
    store.close()


def test_decisions_win_over_the_rules_and_survive_re_detection(tmp_path: Path) -> None:
    store, document_id = stored(tmp_path / "p.wbproj")
    assert notes(store, document_id) == [("note", "E. H.", "auto", "(A note. - E. H.)")]
    store.rules.decide(document_id, Decision.unmark(span_of(LETTER, "(A note. - E. H.)")))
    store.rules.decide(document_id, Decision.mark(span_of(LETTER, "came back"), InterpolationKind.SUPPLIED, "K. M."))
    store.rules.add_editor("the editors")
    store.rules.add_pattern(r"\{editor: [^}]*\}")
    store.close()

    store = ProjectStore.open(tmp_path / "p.wbproj")
    change = store.rules.redetect(document_id)
    assert notes(store, document_id) == [
        ("note", "the editors", "auto", "(for good — the editors)"),
        ("supplied", "K. M.", "manual", "came back"),
        ("note", None, "auto", "{editor: twice}"),
    ]
    assert [LETTER[i.start : i.end] for i in change.added] == ["(for good — the editors)", "{editor: twice}"]
    assert store.rules.redetect(document_id).added == ()  # nothing changes the second time
    store.close()


def test_a_decision_can_be_taken_back(tmp_path: Path) -> None:
    store, document_id = stored(tmp_path / "p.wbproj")
    first = Decision.mark(span_of(LETTER, "(A note."), InterpolationKind.NOTE, "K. M.")
    store.rules.decide(document_id, first)
    before = store.interpolations(document_id)
    second = Decision.mark(span_of(LETTER, "note. - E. H.)"), InterpolationKind.NOTE)
    change = store.rules.decide(document_id, second)
    assert change.replaced == (first,)
    assert store.rules.decisions(document_id) == [second]
    store.rules.withdraw(document_id, second, change.replaced)
    assert store.rules.decisions(document_id) == [first]
    assert store.interpolations(document_id) == before
    store.close()


def test_a_merge_teaches_the_project_and_re_segmenting_applies_it(tmp_path: Path) -> None:
    store, document_id = stored(tmp_path / "p.wbproj")
    text = store.text(document_id)
    notes_in_text = store.interpolations(document_id)
    sentences = segment(text, "en", notes_in_text)
    split = next(k for k, s in enumerate(sentences) if s.text_of(text).endswith("Comr."))
    assert learnt_abbreviation(text, sentences[split], sentences[split + 1]) == "Comr."
    store.rules.learn_abbreviation(store.document(document_id).lang, "Comr.")
    store.close()

    store = ProjectStore.open(tmp_path / "p.wbproj")
    assert store.rules.abbreviations("en-GB") == ("Comr.",)
    assert store.rules.abbreviations("de") == ()
    again = segment(text, "en", notes_in_text, store.rules.abbreviations("en"))
    assert again[-1].text_of(text) == "Then Comr. Jones spoke."
    assert len(again) == len(sentences) - 1
    assert store.rules.forget_abbreviation("en", "Comr.") is True
    assert store.rules.abbreviations("en") == ()
    store.close()


def test_an_older_project_gains_the_tables_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    store, document_id = stored(path)
    store.close()
    connection = sqlite3.connect(path)
    for table in ("editor_signatures", "note_patterns", "interpolation_decisions", "learnt_abbreviations"):
        connection.execute(f"DROP TABLE {table}")
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_corpus_settings'")
    connection.commit()
    connection.close()

    store = ProjectStore.open(path)
    assert store.text(document_id) == LETTER
    assert store.rules.detection_config() == DetectionConfig()
    assert store.rules.decisions(document_id) == []
    store.close()
