"""Languages: identifying a text's language when the user gives none (py3langid, whose model ships
inside the package: nothing is fetched), and checking and normalising the codes users give
(langcodes: "portuguese" is "pt", "pt_br" is "pt-BR"; "xx" is refused). Display names too.
"""

from __future__ import annotations

import re

import langcodes

from corpus.errors import UserError

UNDETERMINED = "und"

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
_SAMPLE_CHARACTERS = 20_000
_MIN_LETTERS = 12  # below this, any guess is noise
_LETTER = re.compile(r"[^\W\d_]")


class LanguageError(UserError, ValueError):
    """A language the user named that is no language; the message is meant for the user."""


def guess_language(text: str) -> str:
    """The language of *text* as a code ("pt", "uk"), or "und" when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARACTERS]
    if len(_LETTER.findall(sample, 0, 4 * _MIN_LETTERS * 10)) < _MIN_LETTERS:
        return UNDETERMINED
    import py3langid  # loads its model on first use only

    code, _score = py3langid.classify(sample)
    return str(code)


def normalise_language(given: str) -> str:
    """A language the user gave, as a BCP 47 tag: a valid tag standardised ("EN" is "en", "pt_br"
    is "pt-BR"), or a language name found ("portuguese", "Deutsch"); anything else is refused."""
    text = given.strip()
    candidate = text.replace("_", "-")
    if candidate and langcodes.tag_is_valid(candidate):
        return langcodes.standardize_tag(candidate)
    try:
        return langcodes.find(text).to_tag()
    except LookupError:
        raise LanguageError(
            f"{given!r} is not a language code or name; give a code such as 'en', 'de', 'pt-BR'."
        ) from None


def language_tag(code: str) -> str:
    """A language code as BCP 47 writes it: "pt_br" is "pt-BR", "zh-hant" is "zh-Hant"; "und"
    for an empty code. A code langcodes cannot parse keeps the casing rules of BCP 47."""
    parts = [part for part in code.replace("_", "-").split("-") if part]
    if not parts:
        return UNDETERMINED
    try:
        return langcodes.standardize_tag("-".join(parts))
    except ValueError:
        tag = [parts[0].lower()]
        for part in parts[1:]:
            tag.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower())
        return "-".join(tag)


def base_language(code: str) -> str:
    """The language of a code without region or script: "de-CH" and "DE_ch" are "de"."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    """A display name for a language code (the code itself when unknown)."""
    known = LANGUAGE_NAMES.get(base_language(code))
    if known is not None:
        return known
    try:
        return str(langcodes.Language.get(code).autonym()).capitalize() if langcodes.tag_is_valid(code) else code
    except (ValueError, LookupError):
        return code
