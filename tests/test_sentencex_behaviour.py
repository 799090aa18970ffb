"""What corpus.segmentation relies on in sentencex, pinned by behaviour rather than by an exact
version (pyproject allows a compatible range): the boundary records it returns (code-point
offsets, the paragraph-break flag), where it cuts in English, German and Russian, and the cut
before an editor signature that our layer must veto."""

from __future__ import annotations

import pytest
import sentencex


def cuts(lang: str, text: str) -> list[tuple[int, int, bool]]:
    return [(b["start_index"], b["end_index"], b["is_paragraph_break"]) for b in sentencex.get_sentence_boundaries(lang, text)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "He came home. She was not there.", [(0, 14, False), (14, 32, False)]),
        ("de", "Sie stimmten am 10. Oktober 1917 dagegen. Das ist u. a. wahr. Dann gingen sie.",
         [(0, 42, False), (42, 62, False), (62, 78, False)]),
        ("ru", "Он пришёл. Она ушла? Да!", [(0, 11, False), (11, 21, False), (21, 24, False)]),
        ("en", "A line\n\nB line.", [(0, 6, False), (6, 8, True), (8, 15, False)]),
        # sentencex splits an editor's signature off: corpus.segmentation vetoes this cut
        ("en", "Traitor. - E. H.", [(0, 9, False), (9, 16, False)]),
    ],
)
def test_sentencex_cuts_where_our_layer_expects(lang: str, text: str, expected: list[tuple[int, int, bool]]) -> None:
    assert cuts(lang, text) == expected


def test_offsets_are_code_points() -> None:
    text = "𝔄 kam. Dann ging er."
    assert [text[start:end] for start, end, _ in cuts("de", text)] == ["𝔄 kam. ", "Dann ging er."]
