"""How long a sentence is for the length model: its characters, where a character of a script
that writes a word in one or two characters (Han ideographs, Japanese kana, Hangul syllables)
counts as several Latin letters. The aligner learns each pair's length ratio, so the scale
matters only where it must guess that ratio without anchors (chain.length_ratio): in these
units two texts that correspond have a ratio near 1 whatever their scripts, and a Chinese text
whose translation splits its long sentences is not taken for a translation of part of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Latin letters (spaces included) of a translation per character of the script: about three to
# four English characters per Han character in Chinese→English text; kana and Hangul carry less.
HAN_WEIGHT, KANA_WEIGHT, HANGUL_WEIGHT = 3.5, 2.0, 2.5
HAN_LETTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # for a character class
KANA_LETTERS = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d"
_HAN = re.compile(f"[{HAN_LETTERS}]")
_KANA = re.compile(f"[{KANA_LETTERS}]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_DENSE = re.compile(f"[{HAN_LETTERS}{KANA_LETTERS}\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def sentence_length(text: str) -> float:
    """*text*'s length in Latin-letter units."""
    if text.isascii() or _DENSE.search(text) is None:
        return float(len(text))
    dense = (
        (HAN_WEIGHT - 1) * len(_HAN.findall(text))
        + (KANA_WEIGHT - 1) * len(_KANA.findall(text))
        + (HANGUL_WEIGHT - 1) * len(_HANGUL.findall(text))
    )
    return len(text) + dense


def sentence_lengths(texts: Sequence[str]) -> list[float]:
    """`sentence_length` of each text."""
    return [sentence_length(text) for text in texts]
