"""Language-independent lexical anchors of a sentence: numbers, and word prefixes after
lower-casing, accent stripping and transliteration (so "Lhotsé" meets "Lhotse", "Ленин" meets
"Lenin"), plus a few punctuation marks whose presence tends to survive translation.

Standard library and anyascii; the aligner weighs the anchors per window and compares them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from alignments.aligner.lengths import HAN_LETTERS, KANA_LETTERS

PREFIX_LENGTH = 4
MIN_WORD_LENGTH = 4
QUESTION, EXCLAMATION = 1, 2
ENDS_WITH_COLON, ENDS_WITH_COMMA, ENDS_WITHOUT_STOP, STARTS_LOWER = 8, 16, 32, 64
ENDINGS = ENDS_WITH_COLON | ENDS_WITH_COMMA | ENDS_WITHOUT_STOP
_CLOSING = "\"'”’»)]*"

_NUMBER = re.compile(r"\d+")  # any script's digits: "１９３７" is "#1937"
_LONGEST_NUMBER = 30
_WORD = re.compile(r"[^\W\d_]+")
# Chinese and Japanese write without spaces: a run of their letters is a clause, not a word
_CLAUSE_SCRIPT = re.compile(f"[{HAN_LETTERS}{KANA_LETTERS}]")


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """Lower case, no accents, Latin letters (anyascii: every script, "Ленин" and "Σωκράτης" as
    "lenin" and "sokratis"): the form in which cognates and names are compared."""
    return anyascii(word).lower()


def anchor_tokens(text: str) -> tuple[str, ...]:
    """The distinct anchors of *text*: "#1917" for numbers, "lubj" for a word prefix (none for
    a run of Chinese or Japanese letters)."""
    tokens = {"#" + _number(digits) for digits in _NUMBER.findall(text)}
    for word in _WORD.findall(text):
        if len(word) >= MIN_WORD_LENGTH and not _CLAUSE_SCRIPT.match(word):
            tokens.add(_prefix(word))
    return tuple(sorted(tokens))


def _number(digits: str) -> str:
    """A number in ASCII digits without leading zeros, whatever digits it was written in."""
    return str(int(digits)) if len(digits) <= _LONGEST_NUMBER else digits.lstrip("0") or "0"


@lru_cache(maxsize=200_000)
def _prefix(word: str) -> str:
    return normalise(word)[:PREFIX_LENGTH]


def punctuation_flags(text: str) -> int:
    """Bit flags for what tends to survive translation: ? and ! anywhere; how the
    sentence ends (colon, comma or semicolon, no stop at all: a fragment) and whether it starts
    in lower case (a continuation)."""
    flags = (
        (QUESTION if "?" in text or "¿" in text else 0)
        | (EXCLAMATION if "!" in text or "¡" in text else 0)
    )
    stripped = text.strip().rstrip(_CLOSING + " ")
    if stripped:
        last = stripped[-1]
        flags |= ENDS_WITH_COLON if last == ":" else ENDS_WITH_COMMA if last in ",;" else 0
        flags |= ENDS_WITHOUT_STOP if last.isalnum() else 0
        first = next((char for char in stripped if char.isalnum()), "")
        flags |= STARTS_LOWER if first.islower() else 0
    return flags

