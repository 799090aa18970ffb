"""Abbreviations a project learns: a hand merge across "Comr." teaches it, re-segmenting applies it."""

from __future__ import annotations

import pytest

from corpus.abbreviations import learnt_abbreviation
from corpus.segmentation import segment
from corpus.spans import Span


def texts(text: str, spans: list[Span]) -> list[str]:
    return [span.text_of(text) for span in spans]


def test_a_merge_teaches_the_abbreviation_and_re_segmenting_applies_it() -> None:
    text = "Then the Comr. Jones came. He met Comr. Smith later."
    first = segment(text, "en")
    assert texts(text, first) == ["Then the Comr.", "Jones came.", "He met Comr.", "Smith later."]
    learnt = learnt_abbreviation(text, first[0], first[1])
    assert learnt == "Comr."
    assert texts(text, segment(text, "en", abbreviations=[learnt])) == [
        "Then the Comr. Jones came.",
        "He met Comr. Smith later.",
    ]


def test_a_learnt_abbreviation_overrides_the_built_in_sentence_ends() -> None:
    text = "Er nannte Bücher, Hefte usw. Schriften aller Art."
    assert texts(text, segment(text, "de")) == ["Er nannte Bücher, Hefte usw.", "Schriften aller Art."]
    assert texts(text, segment(text, "de", abbreviations=["usw."])) == [text]


def test_a_learnt_abbreviation_is_a_whole_token() -> None:
    text = "He met Komp. Jones. Then the Kompomp. Smith came."
    assert texts(text, segment(text, "en", abbreviations=["Komp."])) == [
        "He met Komp. Jones.",
        "Then the Kompomp.",
        "Smith came.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er kam mit Komp.", "Komp."),
        ("Sie sah (Gen.", "Gen."),
        ("Er sah „z.B.", "z.B."),
        ("Es war im Jahrh.", "Jahrh."),
        ("He came in 1917.", None),
        ("He sold greenhouses.", None),
        ("Did he come?", None),
        ("He said so...", None),
    ],
    ids=["abbreviation", "after a bracket", "inner stops", "five letters", "number", "long word", "question", "ellipsis"],
)
def test_what_a_merge_teaches(text: str, expected: str | None) -> None:
    left = Span(0, len(text))
    right = Span(len(text) + 1, len(text) + 6)
    assert learnt_abbreviation(text + " Next.", left, right) == expected


def test_only_neighbours_teach() -> None:
    text = "He met Comr. Jones. Then Comr. Smith."
    assert learnt_abbreviation(text, Span(0, 12), Span(20, 30)) is None
    assert learnt_abbreviation(text, Span(0, 12), Span(13, 19)) == "Comr."
