"""Sentence segmentation: the seeds' conventions, exact offsets, paragraphs, long inputs."""

from __future__ import annotations

import itertools
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.data import GOLD
from corpus.documents import Document, analyse_lines
from corpus.interpolations import find_interpolations
from corpus.segmentation import MAX_SENTENCE_LENGTH, LineBreaks, line_breaks, paragraph_starts, segment


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


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("blank", ["", "  ", "\t", " \t ", "\u00a0"])
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


def test_chinese_and_japanese_sentences_end_at_their_own_stops_and_a_quoted_sentence_stays_in_its_frame() -> None:
    chinese = "他说：“走吧。”然后他就走了。她问：“你去哪儿？”没有人回答！"
    assert [span.text_of(chinese) for span in segment(chinese, "zh")] == [
        "他说：“走吧。”", "然后他就走了。", "她问：“你去哪儿？”", "没有人回答！"
    ]
    japanese = "彼は「行こう。」と言った。彼女は『本当？』って聞いた。そして出て行った。"
    assert [span.text_of(japanese) for span in segment(japanese, "ja")] == [
        "彼は「行こう。」と言った。", "彼女は『本当？』って聞いた。", "そして出て行った。"
    ]


def test_offsets_count_code_points_in_every_script() -> None:
    text = "👨\u200d👩\u200d👧 kam. 🇩🇪 Он пришёл поздне\u0301е. 𝔄𝔅 ging (a note. - E. H.) weg.\r\n\r\n  𝕏 end. "
    found = [(s.start, s.end, s.text_of(text)) for s in segment(text, "en", find_interpolations(text))]
    assert found == [
        (0, 10, "👨\u200d👩\u200d👧 kam."),
        (11, 33, "🇩🇪 Он пришёл поздне\u0301е."),
        (34, 64, "𝔄𝔅 ging (a note. - E. H.) weg."),
        (70, 76, "𝕏 end."),
    ]


_ALPHABET = "ab AB.!?\n\r\t \u00a0()[]-*»”😀𝔄e\u0301ж.ПSr"


@given(st.text(alphabet=_ALPHABET, max_size=200), st.sampled_from(["en", "de", "ru", "fr"]))
@settings(max_examples=150, deadline=None)
def test_sentences_cover_the_text_in_order_without_white_space(text: str, lang: str) -> None:
    spans = segment(text, lang, find_interpolations(text))
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(s.text_of(text) == s.text_of(text).strip() for s in spans)
    bounds = [0, *(offset for s in spans for offset in (s.start, s.end)), len(text)]
    gaps = [text[start:end] for start, end in zip(bounds[::2], bounds[1::2])]
    assert all(start <= end for start, end in zip(bounds[::2], bounds[1::2]))
    assert not "".join(gaps).strip()  # in order, and nothing but white space left out


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Die Sitzung am 10. Oktober 1917 war kurz.", ["Die Sitzung am 10. Oktober 1917 war kurz."]),
        ("de", "Die 2. Internationale zerfiel.", ["Die 2. Internationale zerfiel."]),
        ("de", "Das war im 19. Jahrhundert anders.", ["Das war im 19. Jahrhundert anders."]),
        ("de", "Am 7. Nov. 1917 siegte sie.", ["Am 7. Nov. 1917 siegte sie."]),
        ("de", "Man denke z. B. an Kautsky.", ["Man denke z. B. an Kautsky."]),
        ("de", "Er zitiert Anm. d. Übers. als Quelle.", ["Er zitiert Anm. d. Übers. als Quelle."]),
        ("de", "Vgl. S. 12 und Nr. 5 im Bd. 3 der Werke.", ["Vgl. S. 12 und Nr. 5 im Bd. 3 der Werke."]),
        (
            "de",
            "Sie schrieben über das „Scheitern“ u. dgl. m. Aber das Leben hat sie widerlegt.",
            ["Sie schrieben über das „Scheitern“ u. dgl. m.", "Aber das Leben hat sie widerlegt."],
        ),
        ("de", "Sie riefen „Verrat“ usw. Dann kam der Sturm.", ["Sie riefen „Verrat“ usw.", "Dann kam der Sturm."]),
        (
            "de",
            "Alle sollen sich schämen. *In den Massen* gibt es keine Spur davon.",
            ["Alle sollen sich schämen.", "*In den Massen* gibt es keine Spur davon."],
        ),
        (
            "de",
            "Es gab Geschrei u. dgl. m. *Aber* das Leben ging weiter.",
            ["Es gab Geschrei u. dgl. m.", "*Aber* das Leben ging weiter."],
        ),
        ("de", "Er war 25. Danach ging er.", ["Er war 25.", "Danach ging er."]),
        (
            "de",
            "Er kam (so die Quelle. — Anm. d. Übers.) spät. Dann ging er.",
            ["Er kam (so die Quelle. — Anm. d. Übers.) spät.", "Dann ging er."],
        ),
        (
            "ru",
            "Он пришёл. (Это было в 1917 г. — Прим. ред.) Потом ушёл.",
            ["Он пришёл.", "(Это было в 1917 г. — Прим. ред.)", "Потом ушёл."],
        ),
        ("ru", "Это был Ленин, т. е. он сам пришёл.", ["Это был Ленин, т. е. он сам пришёл."]),
        ("ru", "Зиновьев, Каменев и др. подписали письмо.", ["Зиновьев, Каменев и др. подписали письмо."]),
        ("ru", "Это было 25 окт. 1917 г. в Петрограде.", ["Это было 25 окт. 1917 г. в Петрограде."]),
        ("ru", "Выступил В. И. Ленин. Все слушали.", ["Выступил В. И. Ленин.", "Все слушали."]),
        ("ru", "Он жил в г. Москве.", ["Он жил в г. Москве."]),
        ("ru", "Он родился в 1870 г. Потом он уехал.", ["Он родился в 1870 г.", "Потом он уехал."]),
        ("ru", "Пришли Зиновьев, Каменев и др. Потом все ушли.", ["Пришли Зиновьев, Каменев и др.", "Потом все ушли."]),
        ("ru", "Это сказано в т. 26 соч. Ленина.", ["Это сказано в т. 26 соч. Ленина."]),
        ("en", "Revelations with Mr. Howard followed.", ["Revelations with Mr. Howard followed."]),
        ("en", "It refers to the collapse of E. Telman’s policies.", ["It refers to the collapse of E. Telman’s policies."]),
        ("en", "See vol. 3 of the works. Then ch. 4.", ["See vol. 3 of the works.", "Then ch. 4."]),
        ("en", "Compare it, cf. the preface on p. 112 of it.", ["Compare it, cf. the preface on p. 112 of it."]),
        ("en", "It was shot. (A note. - N. Kh.) Next.", ["It was shot.", "(A note. - N. Kh.)", "Next."]),
        ("en", "He came (see Vol. I. - Ed.) late.", ["He came (see Vol. I. - Ed.) late."]),
        ("en", "* This refers to the trial. - E. H.", ["* This refers to the trial. - E. H."]),
        (
            "en",
            "The trial*.\n\n* This refers to the trial. It lasted (Aug. - Ed.) days.\nSee also vol. 2. - E. H.",
            ["The trial*.", "* This refers to the trial. It lasted (Aug. - Ed.) days.\nSee also vol. 2. - E. H."],
        ),
        ("en", "P. S. In 1928, I was awarded the Order.", ["P. S. In 1928, I was awarded the Order."]),
        ("en", "He said it was false. Then he left.", ["He said it was false.", "Then he left."]),
        ("fr", "M. Dupont est venu. Il est parti.", ["M. Dupont est venu.", "Il est parti."]),
        ("fr", "Voir aussi N. Boukharine et J.-P. Sartre.", ["Voir aussi N. Boukharine et J.-P. Sartre."]),
        ("fr", "Le 1er janv. 1918, voir p. 12 et cf. chap. 3.", ["Le 1er janv. 1918, voir p. 12 et cf. chap. 3."]),
    ],
)
def test_language_rules(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_a_regional_language_code_uses_the_language_rules() -> None:
    assert sentences("Die 2. Internationale zerfiel.", "de-AT") == ["Die 2. Internationale zerfiel."]


def test_a_lone_closing_quote_joins_the_sentence_before() -> None:
    text = "He said so. (And more.) ”\n\nNext."
    assert sentences(text, "en") == ["He said so.", "(And more.) ”", "Next."]


_PATHOLOGICAL = {
    "1 MB without punctuation": "word " * 200_000,
    "a. repeated": "a. " * 100_000,
    "one 200k token": "x" * 200_000,
    "a 200k-character line": ("Ein Satz hier. " * 14_000)[:200_000],
    "notes in one paragraph": "Text here (a note - E. H.) more. " * 10_000,
    "signature tails without brackets": "- E. H.)" * 50_000,
    "open brackets": "(" * 200_000,
    "abbreviations": "Mr. " * 100_000,
    "footnote marks on one line": "word* " * 50_000 + "\n\n* The body.",
    "blank lines": "\n \n" * 100_000 + "End.",
}


@pytest.mark.parametrize("text", _PATHOLOGICAL.values(), ids=_PATHOLOGICAL.keys())
def test_pathological_text_is_cut_to_a_usable_length(text: str) -> None:
    spans = segment(text, "en", find_interpolations(text))
    assert spans
    assert max(len(span) for span in spans) <= MAX_SENTENCE_LENGTH
    # nothing is lost: only white space lies between and around the sentences
    assert spans[0].start == len(text) - len(text.lstrip())
    assert spans[-1].end == len(text.rstrip())
    assert all(not text[a.end : b.start].strip() for a, b in zip(spans, spans[1:]))


def test_a_run_on_sentence_is_cut_at_clause_punctuation_first() -> None:
    text = "and then, " * 500 + "the end."
    pieces = sentences(text, "en")
    assert len(pieces) == 3
    assert all(piece.endswith(",") and len(piece) <= MAX_SENTENCE_LENGTH for piece in pieces[:-1])
    assert " ".join(pieces) == text.strip()


def test_a_run_on_sentence_without_clause_punctuation_is_cut_at_spaces() -> None:
    text = " ".join(f"w{k}" for k in range(1500)) + "."
    pieces = sentences(text, "en")
    assert len(pieces) == 4
    assert " ".join(pieces) == text  # every cut falls on a space, none inside a word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He came.* Then he left.\n\n* A note. - E. H.", ["He came.*", "Then he left.", "* A note. - E. H."]),
        ("He came. Then he left.*\n\n* A note. - E. H.", ["He came.", "Then he left.*", "* A note. - E. H."]),
        ("Er kam spät.¹ Dann ging er.\n\n¹ Eine Notiz.", ["Er kam spät.¹", "Dann ging er.", "¹ Eine Notiz."]),
        (
            "Er kam spät.¹ Dann ging er.² Ende.\n\n¹ Eine.\n\n² Zwei.",
            ["Er kam spät.¹", "Dann ging er.²", "Ende.", "¹ Eine.", "² Zwei."],
        ),
    ],
)
def test_a_footnote_mark_after_the_stop_ends_its_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


def test_progress_counts_up_to_the_whole_text(english_seed: str) -> None:
    from corpus.documents import Document, analyse

    text = (english_seed + "\n\n") * 20
    heard: list[tuple[int, int]] = []
    segment(text, "en", find_interpolations(text), progress=lambda done, total: heard.append((done, total)))
    assert heard[-1] == (len(text), len(text)) and len(heard) <= 102
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    heard.clear()
    analyse(Document(text, "en", "t"), progress=lambda done, total: heard.append((done, total)))
    assert heard[0] == (0, 2 * len(text)) and heard[-1] == (2 * len(text), 2 * len(text))
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)


def test_presegmented_lines_break_at_line_breaks_only() -> None:
    """`--segmented`: form feeds and Unicode separators inside a line do not start a sentence."""
    text = "First line\x0cwith a form feed.\r\nSecond\u2028line.\rThird\x85one.\n\n  Fourth.  "
    analysed = analyse_lines(Document(text, "en", "t"))
    assert [text[s.start : s.end] for s in analysed.sentences] == [
        "First line\x0cwith a form feed.", "Second\u2028line.", "Third\x85one.", "Fourth.",
    ]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u3000"])
def test_a_wide_space_before_a_full_stop_is_segmented(space: str) -> None:
    """French typography puts a no-break space before punctuation; sentencex alone panics on it."""
    text = f"Voici M{space}. Dupont{space}. Il arrive{space}! Bien."
    assert [text[s.start : s.end] for s in segment(text, "fr")] == [
        f"Voici M{space}. Dupont{space}.", f"Il arrive{space}!", "Bien.",
    ]


def _gold_lines(language_folder: str) -> list[str]:
    lines = sorted((GOLD / language_folder).iterdir())[0].read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def _starts(text: str, lines: list[str], joiner: str) -> tuple[set[int], set[int]]:
    """Sentence starts found in *text* (lines joined by *joiner*), and the lines' own starts."""
    found = {span.start for span in segment(text, "de", find_interpolations(text))}
    return found, set(itertools.accumulate((len(line) + len(joiner) for line in lines[:-1]), initial=0))


@pytest.mark.skipif(not GOLD.is_dir(), reason="needs the shared gold data")
def test_a_text_of_one_sentence_a_line_breaks_at_its_lines() -> None:
    lines = _gold_lines("textberg_dev/de")[:200]
    text = "\n".join(lines)
    assert line_breaks(text) == LineBreaks.EVERY_LINE
    found, lines_start = _starts(text, lines, "\n")
    assert len(found & lines_start) >= 0.95 * len(lines_start) and len(found & lines_start) >= 0.95 * len(found)


@pytest.mark.skipif(not GOLD.is_dir(), reason="needs the shared gold data")
@pytest.mark.parametrize("width", [40, 72, 100])
def test_a_hard_wrapped_text_segments_as_its_paragraphs_do(width: int) -> None:
    lines = _gold_lines("textberg_dev/de")[:200]
    paragraphs = [" ".join(lines[k : k + 8]) for k in range(0, len(lines), 8)]
    wrapped = "\n\n".join(textwrap.fill(paragraph, width, break_on_hyphens=False) for paragraph in paragraphs)
    flowing = "\n\n".join(paragraphs)
    assert line_breaks(wrapped) == LineBreaks.SOFT

    def words(text: str) -> list[str]:
        return [" ".join(span.text_of(text).split()) for span in segment(text, "de", find_interpolations(text))]

    assert words(wrapped) == words(flowing)


def test_an_opening_quote_never_closed_does_not_swallow_the_lines_of_a_pasted_excerpt() -> None:
    lines = [
        "„An das Zentralkomitee der Partei.",
        "Diesen Brief hätte ich schon viel früher schreiben sollen.",
        "Damals habe ich nichts gesagt.",
        "Unsere Wege trennen sich!",
        "Es ist notwendig, „alles von vorne zu beginnen“ - um den Sozialismus zu retten.",
    ]
    text = "\n".join(lines)
    assert [span.text_of(text) for span in segment(text, "de")] == lines


def test_lines_of_their_own_end_a_sentence_only_after_its_end() -> None:
    text = "„Der Himmel war grau\nund die Straße\nleer.\nNiemand kam.\nDann\nging die Tür auf.“"
    assert line_breaks(text) == LineBreaks.AFTER_SENTENCES
    assert [" ".join(span.text_of(text).split()) for span in segment(text, "de")] == [
        "„Der Himmel war grau und die Straße leer.", "Niemand kam.", "Dann ging die Tür auf.“",
    ]
