"""Where a full stop ends a sentence, per language (DESIGN §5): the built-in abbreviations that
never end one, those that do not before a number, those that may end one, and the abbreviations
a project learns from its user's hand merges. Owns the lists and their compiled regexes;
standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus.languages import base_language
from corpus.signatures import UPPER
from corpus.spans import Span


@dataclass(frozen=True)
class AbbreviationTable:
    """One language's lists; *patterns* are regexes for the text just before a full stop's cut."""

    non_final: tuple[str, ...] = ()
    before_number: tuple[str, ...] = ()
    final: tuple[str, ...] = ()
    non_final_patterns: tuple[str, ...] = ()
    final_patterns: tuple[str, ...] = ()


_MONTHS_EN = ("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.")
_MONTHS_DE = ("Jan.", "Febr.", "Feb.", "Apr.", "Aug.", "Sept.", "Sep.", "Okt.", "Nov.", "Dez.")
_MONTHS_RU = ("янв.", "февр.", "фев.", "мар.", "апр.", "авг.", "сент.", "окт.", "нояб.", "дек.")
_MONTHS_FR = ("janv.", "févr.", "avr.", "juil.", "sept.", "oct.", "nov.", "déc.")
# "die 2. Internationale", "im 19. Jahrhundert", "am 10. Oktober": an ordinal after an article or preposition.
_GERMAN_ORDINAL = (
    r"(?i:(?<!\w)(?:die|der|das|dem|den|des|am|im|vom|zum|zur|beim|ins|ans|seit|bis|ab|ein|eine|einer|einem|"
    r"einen|ihr|ihre|ihrem|ihren|sein|seine|seinem|seinen|unser|unsere|unserem|unseren|jede|jeder|jedes|"
    r"diese|dieser|dieses|diesem|diesen)\s+(?:\d{1,3}|[IVXLC]{1,6})\.)"
)
_RUSSIAN_YEAR = r"\d[\s\u00a0]*гг?\."  # "1917 г.": a year may end a sentence
_RUSSIAN_CITY = r"(?<!\d)(?<!\d[\s\u00a0])(?<![\w.])гг?\."  # "в г. Москве": "город" never does
_INITIAL = rf"(?<![\w.\-])[{UPPER}]\.(?:-[{UPPER}]\.)?"  # "N. Boukharine", "J.-P. Sartre"

BUILT_IN: dict[str, AbbreviationTable] = {
    "*": AbbreviationTable(non_final=("P. S.", "P.S.", "P. P. S.", "N. B.", "N.B."), final=("etc.",)),
    "en": AbbreviationTable(
        non_final=("Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "St.", "cf.", "Cf.", "vol.", "p.", "pp.", "No."),
        before_number=("vol.", "vols.", "p.", "pp.", "ch.", "chap.", "no.", "nos.", "art.", "fig.", "sec.", "para.",
                       "n.", "nn.", "l.", "ll.", "c.", "ca.", "ed.", *_MONTHS_EN),
    ),
    "de": AbbreviationTable(
        non_final=("z. B.", "d. h.", "u. a.", "v. a.", "Anm.", "Anm. d.", "Nr.", "vgl.", "Vgl.", "bzw.", "ca.", "S.",
                   "Prof.", "Dr."),
        before_number=("S.", "Nr.", "Bd.", "Bde.", "Abs.", "Art.", "Kap.", "Anm.", "H.", "Jg.", "Tab.", "Abb.",
                       "Ziff.", "ca.", "vgl.", *_MONTHS_DE),
        final=("u. dgl. m.", "u. dgl.", "u. a. m.", "u. ä.", "usw.", "u. s. w.", "usf."),
        non_final_patterns=(_GERMAN_ORDINAL,),
    ),
    "ru": AbbreviationTable(
        non_final=("т. е.", "т. к.", "т. н.", "т. о.", "др.", "им.", "ул.", "стр.", "см.", "напр.", "проф.", "акад.",
                   "тов.", "соч.", "собр.", "полн."),
        before_number=("т.", "тт.", "с.", "стр.", "гл.", "ч.", "ст.", "вып.", "изд.", "№.", *_MONTHS_RU),
        final=("и т. д.", "и т. п.", "и пр.", "и др."),
        non_final_patterns=(_RUSSIAN_CITY,),
        final_patterns=(_RUSSIAN_YEAR,),
    ),
    "fr": AbbreviationTable(
        non_final=("M.", "MM.", "Mme.", "Mlle.", "Mgr.", "cf.", "p.", "t."),
        before_number=("p.", "pp.", "t.", "vol.", "chap.", "art.", "n.", "no.", "fig.", "env.", *_MONTHS_FR),
        non_final_patterns=(_INITIAL,),
    ),
}


@dataclass(frozen=True)
class BoundaryRules:
    """Compiled, for one language and one project: each regex matches at the end of the text before a cut."""

    lang: str
    non_final: re.Pattern[str]
    before_number: re.Pattern[str]
    final: re.Pattern[str]
    learnt: re.Pattern[str] | None


def boundary_rules(lang: str, learnt: Collection[str] = ()) -> BoundaryRules:
    """The rules for *lang* (its base code: "de-CH" is "de") plus a project's *learnt* abbreviations."""
    return _boundary_rules(base_language(lang), tuple(sorted({a.strip() for a in learnt if a.strip()})))


@lru_cache(maxsize=64)
def _boundary_rules(lang: str, learnt: tuple[str, ...]) -> BoundaryRules:
    common, own = BUILT_IN["*"], BUILT_IN.get(lang, AbbreviationTable())
    return BoundaryRules(
        lang=lang,
        non_final=_ending_regex([*common.non_final, *own.non_final], own.non_final_patterns),
        before_number=_ending_regex([*common.before_number, *own.before_number], (), re.IGNORECASE),
        final=_ending_regex([*common.final, *own.final], own.final_patterns),
        learnt=_ending_regex(learnt, ()) if learnt else None,
    )


def _ending_regex(words: Sequence[str], patterns: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    """Matches when the text ends with one of *words* (spaces inside them optional) or *patterns*."""
    alternatives = sorted(set(words), key=len, reverse=True)
    escaped = [r"\s*".join(re.escape(part) for part in word.split()) for word in alternatives]
    literal = r"(?<![\w.\-])(?:" + "|".join(escaped) + ")" if escaped else r"(?!)"
    return re.compile("(?:" + "|".join([literal, *patterns]) + r")\s*$", flags)


_LEARNABLE = re.compile(r"[^\W\d_](?:[^\W\d_]|[.\-’'])*\.")
MAX_LEARNT_LENGTH = 10


def learnt_abbreviation(text: str, left: Span, right: Span) -> str | None:
    """The abbreviation a hand merge of sentence *left* with the next sentence *right* teaches.

    That is the last token of *left* when it ends in a full stop and looks like an abbreviation:
    letters (with inner full stops or hyphens, as in "z.B." or "Gen."), at most MAX_LEARNT_LENGTH
    code points. A longer word or a number before the stop (a true sentence end the user chose to
    join) teaches nothing, and neither does a merge of sentences that are not neighbours.
    """
    if not left.end <= right.start or text[left.end : right.start].strip():
        return None
    before = text[left.start : left.end]
    token = before.split()[-1].lstrip("(\"'„“‘«[*") if before.split() else ""
    if len(token) <= MAX_LEARNT_LENGTH and _LEARNABLE.fullmatch(token) and not token.endswith(".."):
        return token
    return None
