"""Manual decisions over detected interpolations: marks and unmarks win over the rules."""

from __future__ import annotations

import pytest

from corpus.decisions import Decision, Verdict, apply_decisions, supersedes
from corpus.interpolations import find_interpolations
from corpus.spans import Interpolation, InterpolationKind, Origin, Span

TEXT = "He came (a note. - E. H.) and [sic] left*.\n\n* The body. - E. H."


def described(text: str, spans: list[Interpolation]) -> list[tuple[str, str | None, str, str]]:
    return [(str(i.kind), i.editor, str(i.origin), text[i.start : i.end]) for i in spans]


def span_of(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def test_detected_spans_stand_when_nothing_was_decided() -> None:
    detected = find_interpolations(TEXT)
    assert apply_decisions(detected, []) == detected


def test_a_mark_replaces_the_detected_spans_it_overlaps() -> None:
    mark = Decision.mark(span_of(TEXT, "came (a note"), InterpolationKind.NOTE, "K. M.")
    assert described(TEXT, apply_decisions(find_interpolations(TEXT), [mark])) == [
        ("note", "K. M.", "manual", "came (a note"),
        ("supplied", None, "auto", "[sic]"),
        ("footnote-mark", "E. H.", "auto", "*"),
        ("footnote", "E. H.", "auto", "* The body. - E. H."),
    ]


def test_an_unmark_removes_only_the_detected_spans_inside_it() -> None:
    decisions = [Decision.unmark(span_of(TEXT, "[sic] left")), Decision.unmark(span_of(TEXT, "(a note"))]
    assert described(TEXT, apply_decisions(find_interpolations(TEXT), decisions)) == [
        ("note", "E. H.", "auto", "(a note. - E. H.)"),
        ("footnote-mark", "E. H.", "auto", "*"),
        ("footnote", "E. H.", "auto", "* The body. - E. H."),
    ]


def test_a_footnote_whose_mark_is_unmarked_loses_the_link() -> None:
    result = apply_decisions(find_interpolations(TEXT), [Decision.unmark(span_of(TEXT, "*"))])
    body = result[-1]
    assert (body.kind, body.mark_start) == (InterpolationKind.FOOTNOTE, None)
    assert InterpolationKind.FOOTNOTE_MARK not in {i.kind for i in result}


def test_marks_never_overlap_in_the_result() -> None:
    decisions = [Decision.mark(Span(0, 10)), Decision.mark(Span(5, 20), InterpolationKind.SUPPLIED)]
    assert apply_decisions([], decisions) == [Interpolation(0, 10, InterpolationKind.NOTE, None, Origin.MANUAL)]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (Decision.mark(Span(0, 10)), Decision.mark(Span(5, 20)), True),
        (Decision.mark(Span(0, 10)), Decision.mark(Span(10, 20)), False),
        (Decision.mark(Span(0, 10)), Decision.unmark(Span(2, 8)), True),
        (Decision.mark(Span(0, 10)), Decision.unmark(Span(5, 20)), False),
        (Decision.unmark(Span(0, 10)), Decision.mark(Span(2, 8)), True),
        (Decision.unmark(Span(0, 10)), Decision.mark(Span(5, 20)), False),
        (Decision.unmark(Span(0, 10)), Decision.unmark(Span(0, 10)), True),
    ],
    ids=["mark over mark", "marks side by side", "mark over unmark", "mark across unmark",
         "unmark over mark", "unmark across mark", "same unmark again"],
)
def test_which_decisions_a_new_one_replaces(new: Decision, old: Decision, expected: bool) -> None:
    assert supersedes(new, old) is expected


@pytest.mark.parametrize(
    ("start", "end", "verdict", "kind"),
    [(5, 5, Verdict.UNMARK, None), (0, 3, Verdict.MARK, None), (0, 3, Verdict.UNMARK, InterpolationKind.NOTE)],
    ids=["empty", "mark without kind", "unmark with kind"],
)
def test_malformed_decisions_are_refused(start: int, end: int, verdict: Verdict, kind: InterpolationKind | None) -> None:
    with pytest.raises(ValueError):
        Decision(start, end, verdict, kind)
