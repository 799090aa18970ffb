"""A small guess at a text's language from its commonest function words, for when the user
does not say (`--source-lang`). Covers the languages the samples and gold data use; anything
else falls back to "und" (undetermined), which sentencex handles with its generic rules.
"""

from __future__ import annotations

import re
from collections import Counter

UNDETERMINED = "und"

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that was it for with as his he not by be this are".split()),
    "de": frozenset("der die und das nicht ist den von zu mit sich des auf für im dem ein eine auch".split()),
    "fr": frozenset("le la les et des de du un une est que qui dans pour pas sur au ce il".split()),
    "ru": frozenset("и в не на что он с как по это но к из у за то же от".split()),
    "es": frozenset("el la los las y de que en un una es por con para no se del".split()),
    "it": frozenset("il la le e di che in un una è per non con del della si".split()),
    "is": frozenset("og að í á er sem til um það við ekki var með fyrir af".split()),
}
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
    "it": "Italiano",
    "is": "Íslenska",
    UNDETERMINED: "?",
}
_WORD = re.compile(r"\w+")
_SAMPLE_CHARACTERS = 200_000


def guess_language(text: str) -> str:
    """The best-scoring language code for *text*, or "und" when no language stands out."""
    words = Counter(word.lower() for word in _WORD.findall(text[:_SAMPLE_CHARACTERS]))
    scores = {
        code: sum(words[word] for word in vocabulary) for code, vocabulary in _FUNCTION_WORDS.items()
    }
    best = max(scores, key=scores.__getitem__)
    total = sum(words.values())
    return best if total and scores[best] >= 0.05 * total else UNDETERMINED


def base_language(code: str) -> str:
    """The language of a code without region or script: "de-CH" and "DE_ch" are "de"."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    """A display name for a language code (the code itself when unknown)."""
    return LANGUAGE_NAMES.get(base_language(code), code)
