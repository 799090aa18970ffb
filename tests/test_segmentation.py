"""Sentence segmentation: the seeds' conventions, exact offsets, paragraphs, long inputs."""

from __future__ import annotations

import pytest

from corpus.interpolations import find_interpolations
from corpus.segmentation import MAX_SENTENCE_LENGTH, paragraph_starts, segment


def sentences(text: str, lang: str) -> list[str]:
    return [span.text_of(text) for span in segment(text, lang, find_interpolations(text))]


def test_english_seed_sentences(english_seed: str) -> None:
    found = sentences(english_seed, "en")
    assert len(found) == 53
    assert found[:4] == [
        "Traitor's Open Letter, 1937",
        "Traitor's open letter",
        "“The Central Committee of the All-Union Communist Party of Bolsheviks.",
        'This letter, which I am writing to you now, I should have written much earlier, on the day when "sixteen"'
        ' were shot in the basements of the Lubyanka by order of the "father of nations" *.',
    ]
    # the free-standing note is a sentence of its own, between its neighbours
    note = found.index("(He liked the bloody executioner like Yagoda. - N. Kh.)")
    assert found[note - 1].endswith("people like Yezhov.")
    assert found[note + 1] == "I have sixteen years of underground activity behind my back."
    # notes inside a sentence never split it
    assert any("red plebiscite (meaning plebiscite" in s and s.endswith("one is more ingenious than the other!") for s in found)
    assert found[-6:] == [
        "Ludwig, July 17, 1937.",
        "P. S. In 1928, I was awarded the Order of the Red Banner for services to the proletarian revolution.",
        "I return to you this order attached to the letter.",
        "It would be contrary to my dignity to wear it while the executioners of the best representatives of the"
        " Russian working class wear it.",
        "(Izvestia published in the last two weeks lists of the recipients, whose merits were bashfully silent"
        " about: these are the lists of perpetrators of executions.) ”",
        "* This refers to the trial against Zinoviev, Kamenev and other Bolshevik leaders who were sentenced to"
        " be shot. - E. H.",
    ]


def test_german_seed_sentences(german_seed: str) -> None:
    found = sentences(german_seed, "de")
    assert len(found) == 13
    assert "am 10. Oktober 1917 gegen den Aufstand gestimmt" in found[1]
    assert found[2].endswith("über das „Scheitern des Aufstands“ u. dgl. m.")
    assert found[3].startswith("Aber das Leben hat die Lügen")
    assert found[6].startswith("*In den Massen* der Petrograder")
    assert found[-1] == (
        "Wir haben die Verhandlungen aufgenommen und haben, nachdem der Zweite Sowjetkongreß auseinandergegangen war,"
    )


@pytest.mark.parametrize("lang", ["en", "de"])
def test_offsets_are_exact_and_trimmed(english_seed: str, german_seed: str, lang: str) -> None:
    text = english_seed if lang == "en" else german_seed
    spans = segment(text, lang, find_interpolations(text))
    assert all(span.text_of(text) == span.text_of(text).strip() != "" for span in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("blank", ["", "  ", "\t", " \t "])
def test_paragraph_breaks_always_split(newline: str, blank: str) -> None:
    text = f"A heading without a stop{newline}{blank}{newline}Then a sentence. And another one"
    assert sentences(text, "en") == ["A heading without a stop", "Then a sentence.", "And another one"]
    assert paragraph_starts(text, segment(text, "en")) == [True, True, False]


def test_astral_characters_and_combining_marks_keep_offsets() -> None:
    text = "Der 𝔄-Plan 😀 ist fertig. Zweite Zeile mit é und e\u0301 hier. 👍🏽 Ende."
    spans = segment(text, "de")
    assert [span.text_of(text) for span in spans] == [
        "Der 𝔄-Plan 😀 ist fertig.",
        "Zweite Zeile mit é und e\u0301 hier.",
        "👍🏽 Ende.",
    ]


def test_a_lone_closing_quote_joins_the_sentence_before() -> None:
    text = "He said so. (And more.) ”\n\nNext."
    assert sentences(text, "en") == ["He said so.", "(And more.) ”", "Next."]


@pytest.mark.parametrize(
    "text",
    ["word " * 200_000, "a. " * 100_000, "x" * 200_000, ("Ein Satz hier. " * 14_000)[:200_000]],
    ids=["1 MB without punctuation", "a. repeated", "one 200k token", "a 200k-character line"],
)
def test_run_on_text_is_cut_to_a_usable_length(text: str) -> None:
    spans = segment(text, "en")
    assert spans
    assert max(len(span) for span in spans) <= MAX_SENTENCE_LENGTH
    # nothing is lost: only white space lies between and around the sentences
    assert spans[0].start == len(text) - len(text.lstrip())
    assert spans[-1].end == len(text.rstrip())
    assert all(not text[a.end : b.start].strip() for a, b in zip(spans, spans[1:]))
