"""Editor signatures: the initials and role words that sign an editorial note ("- N. Kh.").

Builds the regular expressions that interpolation detection and segmentation share, from the
built-in signatures plus a project's own. Standard library only.
"""

from __future__ import annotations

import re
from functools import lru_cache

UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐΑ-Ω"
LOWER = "a-zß-öø-ÿā-ſа-яёіїєґα-ω"

# "N. Kh.", "E. H.", "A. B.", "N.Kh.": one to three capitalised initials of up to three letters.
_INITIALS = rf"(?:[{UPPER}][{LOWER}]{{0,2}}\.[ \u00a0]?){{0,2}}[{UPPER}][{LOWER}]{{0,2}}\."

# Signatures that name the editor's or translator's role, not a person.
ROLE_SIGNATURES: tuple[str, ...] = (
    "Anm. d. Übers.",
    "Anm. d. Red.",
    "Anm. d. Hrsg.",
    "Anm. d. Hg.",
    "Anm. d. Verf.",
    "Anm. d. Ü.",
    "Die Red.",
    "D. Red.",
    "Прим. ред.",
    "Прим. пер.",
    "Прим. перев.",
    "Примеч. ред.",
    "Ред.",
    "Пер.",
    "N. d. T.",
    "N. d. R.",
    "N. d. É.",
    "N. d. E.",
    "N. D. L. R.",
    "NDLR",
    "NdlR",
    "NDT",
    "NdT",
    "NdR",
    "Eds.",
    "Ed.",
    "Éd.",
    "Transl.",
    "Trans.",
    "Tr.",
    "Red.",
    "Hrsg.",
    "Hg.",
    "Übers.",
)
# The compound ones may also follow a comma: "(so im Original, Anm. d. Übers.)".
COMMA_SIGNATURES: tuple[str, ...] = tuple(
    role for role in ROLE_SIGNATURES if " " in role or role.isupper() or role.startswith("Nd")
)

DASHES = "-–—"


@lru_cache(maxsize=32)
def _signature_pattern(extra: tuple[str, ...]) -> str:
    """A regex alternation matching any editor signature, the project's *extra* ones first."""
    words = sorted({*extra, *ROLE_SIGNATURES}, key=len, reverse=True)
    alternatives = [_flexible(word) for word in words if word.strip()]
    return "(?:" + "|".join([*alternatives, _INITIALS]) + ")"


@lru_cache(maxsize=32)
def signed_tail_regex(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Matches a dash followed by a signature, e.g. " - N. Kh." (group "editor" is the signature),
    or a comma followed by a compound role signature (", Anm. d. Übers.").

    The signature must be followed by a closing bracket, a line end or the end of the text,
    so that initials inside running text ("E. Telman’s") never count.
    """
    signature = _signature_pattern(extra)
    after_comma = "|".join(_flexible(word) for word in COMMA_SIGNATURES)
    return re.compile(
        rf"(?:[{DASHES}]|,(?=[ \t\u00a0]*(?:{after_comma})))[ \t\u00a0]*(?P<editor>{signature})"
        r"(?=[ \t\u00a0]*(?:[)\]]|\r?\n|\r|$))"
    )


def _flexible(signature: str) -> str:
    """A signature as a regex where "Anm. d. Übers." also matches "Anm.d.Übers."."""
    parts = re.split(r"\s+", signature.strip())
    return r"\.?[ \u00a0]?".join(re.escape(part.rstrip(".")) for part in parts) + (
        r"\." if signature.strip().endswith(".") else ""
    )
