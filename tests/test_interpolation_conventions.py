"""Every convention of DESIGN §4 in English, German, Russian and French editions, and what must
not be taken for an interpolation (authorial parentheses, emphasis, initials, lists, citations)."""

from __future__ import annotations

import pytest

from corpus.interpolations import find_interpolations

Found = list[tuple[str, str | None, str]]


def found(text: str) -> Found:
    return [(str(i.kind), i.editor, text[i.start : i.end]) for i in find_interpolations(text)]


def links(text: str) -> list[tuple[str, str]]:
    """(mark, body) texts of every footnote."""
    spans = find_interpolations(text)
    marks = {i.start: text[i.start : i.end] for i in spans if i.kind == "footnote-mark"}
    return [(marks[i.mark_start], text[i.start : i.end]) for i in spans if i.mark_start is not None]


NOTE, SUPPLIED, MARK, BODY = "note", "supplied", "footnote-mark", "footnote"

ENGLISH: dict[str, tuple[str, Found]] = {
    "initials": ("He left (a late addition. - N. Kh.) early.", [(NOTE, "N. Kh.", "(a late addition. - N. Kh.)")]),
    "role, em dash": ("The plan (drafted in May — Ed.) failed.", [(NOTE, "Ed.", "(drafted in May — Ed.)")]),
    "role in brackets": (
        "He was [as the Russian has it – Trans.] tired.",
        [(NOTE, "Trans.", "[as the Russian has it – Trans.]")],
    ),
    "labelled": (
        "A pun [Translator's note: in Russian, a rhyme.] followed.",
        [(NOTE, "Translator's note", "[Translator's note: in Russian, a rhyme.]")],
    ),
    "labelled in parentheses": (
        "It was 1936 (Editor’s note: the date is wrong.) then.",
        [(NOTE, "Editor’s note", "(Editor’s note: the date is wrong.)")],
    ),
    "sic": ("He wrote Trotski [sic] and Sinoviev [sic: Zinoviev].", [(SUPPLIED, None, "[sic]"), (SUPPLIED, None, "[sic: Zinoviev]")]),
    "supplied words": (
        "He had [already] left […] and [...] gone.",
        [(SUPPLIED, None, "[already]"), (SUPPLIED, None, "[…]"), (SUPPLIED, None, "[...]")],
    ),
    "asterisks": (
        "First* and second**.\n\n* One. - E. H.\n** Two. - E. H.",
        [(MARK, "E. H.", "*"), (MARK, "E. H.", "**"), (BODY, "E. H.", "* One. - E. H."), (BODY, "E. H.", "** Two. - E. H.")],
    ),
    "dagger and superscript": (
        "The decree† and the law¹.\n\n† Of 1918.\n¹ Of 1919 — Ed.",
        [(MARK, None, "†"), (MARK, "Ed.", "¹"), (BODY, None, "† Of 1918."), (BODY, "Ed.", "¹ Of 1919 — Ed.")],
    ),
    "numbered marks": (
        "As Lenin wrote [1], the state [2] withers.\n\n[1] State and Revolution.\n[2] Chapter V.",
        [(MARK, None, "[1]"), (MARK, None, "[2]"), (BODY, None, "[1] State and Revolution."), (BODY, None, "[2] Chapter V.")],
    ),
    "body over two lines": (
        "The trial*.\n\n* This refers to the trial\nof the sixteen. - E. H.",
        [(MARK, "E. H.", "*"), (BODY, "E. H.", "* This refers to the trial\nof the sixteen. - E. H.")],
    ),
    "authorial parentheses": ("Izvestia (published in May) lied. (The lists were long.)", []),
    "initials in running text": ("The fall of E. Telman’s policies and of V. I. Lenin (born 1870) - N. Kh. said.", []),
    "emphasis": ("Emphasis *here* and *there*.\n\n* Not a footnote without a mark.", []),
    "numbered list": ("Tasks:\n1. Organise.\n2. Agitate.\n3) Strike.", []),
    "bulleted list": ("Our demands*:\n* bread\n* land\n* peace", []),
    "citations": ("As shown [12] and [3, 4], [5–7] and [Marx 1867, p. 3].", []),
    "section break": ("The end.\n\n* * *\n\nA new part.", []),
    "ranges": ("The years (1917 - 1924) and pages (pp. 12 - 14).", []),
}

GERMAN: dict[str, tuple[str, Found]] = {
    "translator": ("Er kam (so die Quelle — Anm. d. Übers.) spät.", [(NOTE, "Anm. d. Übers.", "(so die Quelle — Anm. d. Übers.)")]),
    "editors": ("Er kam (am 7. November - Anm. d. Red.) spät.", [(NOTE, "Anm. d. Red.", "(am 7. November - Anm. d. Red.)")]),
    "after a comma": ("Er kam (so im Original, Anm. d. Hrsg.) spät.", [(NOTE, "Anm. d. Hrsg.", "(so im Original, Anm. d. Hrsg.)")]),
    "die Redaktion": ("Er kam (so im Original – Die Red.) spät.", [(NOTE, "Die Red.", "(so im Original – Die Red.)")]),
    "labelled in parentheses": (
        "Ein Wortspiel (Anm. d. Übers.: im Russischen ein Reim) folgt.",
        [(NOTE, "Anm. d. Übers.", "(Anm. d. Übers.: im Russischen ein Reim)")],
    ),
    "labelled in brackets": ("Er kam [Anm.: unklar] spät.", [(NOTE, "Anm.", "[Anm.: unklar]")]),
    "signed in brackets": ("Er kam [bei Nacht – Übers.] an.", [(NOTE, "Übers.", "[bei Nacht – Übers.]")]),
    "supplied": (
        "Er hatte [bereits] gestimmt [sic!] und […] geschwiegen.",
        [(SUPPLIED, None, "[bereits]"), (SUPPLIED, None, "[sic!]"), (SUPPLIED, None, "[…]")],
    ),
    "asterisk beside emphasis": (
        "Er agitierte *nach* dem Beschluss*.\n\n* Am 10. Oktober 1917. - Anm. d. Übers.",
        [(MARK, "Anm. d. Übers.", "*"), (BODY, "Anm. d. Übers.", "* Am 10. Oktober 1917. - Anm. d. Übers.")],
    ),
    "superscripts": (
        "Kamenew¹ und Sinowjew².\n\n¹ Deserteur.\n² Ebenfalls.",
        [(MARK, None, "¹"), (MARK, None, "²"), (BODY, None, "¹ Deserteur."), (BODY, None, "² Ebenfalls.")],
    ),
    "authorial parentheses": ("Die Zeitungen (zum Beispiel die „Nowaja Shisn“) schrien.", []),
    "emphasis": ("Es erwies sich als *Sturm im Wasserglas*. *In den Massen* gibt es *keine Spur* davon.", []),
    "initials and dates": ("W. I. Lenin schrieb am 10. Oktober 1917 (1870–1924).", []),
    "references": ("Siehe (vgl. S. 12) und [12, S. 5].", []),
    "numbered list": ("Forderungen:\n1. Brot\n2. Land\n3. Frieden", []),
}

RUSSIAN: dict[str, tuple[str, Found]] = {
    "editors": ("Он пришёл (в 1917 г. — Ред.) поздно.", [(NOTE, "Ред.", "(в 1917 г. — Ред.)")]),
    "translator": ("Он пришёл (игра слов — Прим. пер.) поздно.", [(NOTE, "Прим. пер.", "(игра слов — Прим. пер.)")]),
    "initials": ("Он пришёл (это было в Москве. — Н. Х.) поздно.", [(NOTE, "Н. Х.", "(это было в Москве. — Н. Х.)")]),
    "after a comma": ("Он пришёл (так в тексте, Прим. ред.) поздно.", [(NOTE, "Прим. ред.", "(так в тексте, Прим. ред.)")]),
    "labelled in parentheses": ("Он пришёл (Прим. ред.: дата неверна) поздно.", [(NOTE, "Прим. ред.", "(Прим. ред.: дата неверна)")]),
    "labelled in brackets": (
        "Он пришёл [Прим.: неясно] и [Примечание переводчика: игра слов] ушёл.",
        [(NOTE, "Прим.", "[Прим.: неясно]"), (NOTE, "Примечание переводчика", "[Примечание переводчика: игра слов]")],
    ),
    "supplied": (
        "Он [уже] ушёл [sic!] и […] молчал.",
        [(SUPPLIED, None, "[уже]"), (SUPPLIED, None, "[sic!]"), (SUPPLIED, None, "[…]")],
    ),
    "asterisk": (
        "Письмо «отца народов» *.\n\n* Речь о процессе шестнадцати. — Ред.",
        [(MARK, "Ред.", "*"), (BODY, "Ред.", "* Речь о процессе шестнадцати. — Ред.")],
    ),
    "numbered marks": ("Ленин писал [1].\n\n[1] Государство и революция.", [(MARK, None, "[1]"), (BODY, None, "[1] Государство и революция.")]),
    "superscript": ("Съезд¹ собрался.\n\n¹ Второй съезд Советов.", [(MARK, None, "¹"), (BODY, None, "¹ Второй съезд Советов.")]),
    "authorial parentheses": ("Он пришёл (см. выше) поздно.", []),
    "initials and dates": ("В. И. Ленин (1870—1924), т. е. он сам.", []),
    "author's own note": ("Он пришёл (так в тексте. — Прим. авт.) поздно.", []),
    "citation": ("Об этом [12, с. 5] и [3, 4].", []),
    "numbered list": ("Задачи:\n1) хлеб\n2) земля", []),
    "emphasis": ("Это *слово* важно.", []),
}

FRENCH: dict[str, tuple[str, Found]] = {
    "translator": ("Il vint (jeu de mots — N.d.T.) tard.", [(NOTE, "N.d.T.", "(jeu de mots — N.d.T.)")]),
    "editors": ("Il vint (voir plus bas — N. d. R.) tard.", [(NOTE, "N. d. R.", "(voir plus bas — N. d. R.)")]),
    "NdT": ("Il vint (ici — NdT) tard.", [(NOTE, "NdT", "(ici — NdT)")]),
    "NDLR": ("Il vint (en 1917 - NDLR) tard.", [(NOTE, "NDLR", "(en 1917 - NDLR)")]),
    "after a comma": ("Il vint (sic dans le texte, N. d. T.) tard.", [(NOTE, "N. d. T.", "(sic dans le texte, N. d. T.)")]),
    "labelled in parentheses": ("Il vint (N.d.T. : jeu de mots) tard.", [(NOTE, "N.d.T.", "(N.d.T. : jeu de mots)")]),
    "labelled in brackets": (
        "Il vint [Note du traducteur : idem] tard.",
        [(NOTE, "Note du traducteur", "[Note du traducteur : idem]")],
    ),
    "signed in brackets": ("Il vint [à Moscou – Éd.] tard.", [(NOTE, "Éd.", "[à Moscou – Éd.]")]),
    "supplied": ("Il était [déjà] parti [sic] et […] revenu.", [(SUPPLIED, None, "[déjà]"), (SUPPLIED, None, "[sic]"), (SUPPLIED, None, "[…]")]),
    "footnotes": (
        "Le congrès* et le décret¹.\n\n* À Moscou. — N.d.T.\n¹ Du 8 novembre.",
        [(MARK, "N.d.T.", "*"), (MARK, None, "¹"), (BODY, "N.d.T.", "* À Moscou. — N.d.T."), (BODY, None, "¹ Du 8 novembre.")],
    ),
    "authorial parentheses": ("M. Dupont vint (voir plus haut) tard.", []),
    "initials and dates": ("J.-P. Sartre (1905-1980) et N. Boukharine.", []),
    "emphasis": ("C'est *très* important.", []),
    "numbered list": ("Points :\n1. Le pain\n2. La paix", []),
    "citation": ("Comme dit [3, p. 12], « la terre ».", []),
}


@pytest.mark.parametrize(("text", "expected"), ENGLISH.values(), ids=ENGLISH.keys())
def test_english(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), GERMAN.values(), ids=GERMAN.keys())
def test_german(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), RUSSIAN.values(), ids=RUSSIAN.keys())
def test_russian(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), FRENCH.values(), ids=FRENCH.keys())
def test_french(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH["asterisks"][0], [("*", "* One. - E. H."), ("**", "** Two. - E. H.")]),
        (ENGLISH["numbered marks"][0], [("[1]", "[1] State and Revolution."), ("[2]", "[2] Chapter V.")]),
        (GERMAN["superscripts"][0], [("¹", "¹ Deserteur."), ("²", "² Ebenfalls.")]),
        ("Er* und sie*.\n\n* Erster.\n\n* Zweiter.", [("*", "* Erster."), ("*", "* Zweiter.")]),
    ],
    ids=["asterisks", "numbered", "superscripts", "the same mark twice"],
)
def test_every_body_is_linked_to_its_own_mark(text: str, expected: list[tuple[str, str]]) -> None:
    assert links(text) == expected
