"""Text as CAT tools and spreadsheets want it in a segment or a cell: Unicode NFC, and every run of
white space or control characters (line breaks, tabs, "\\v", "\\x01") one space, so that words
are never glued together and no raw line break reaches a <seg>. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

_BREAKS_AND_CONTROLS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]+")


def segment_text(text: str) -> str:
    """*text* in NFC on one line, runs of white space and control characters as one space."""
    return _BREAKS_AND_CONTROLS.sub(" ", unicodedata.normalize("NFC", text)).strip()
