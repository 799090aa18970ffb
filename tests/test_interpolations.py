"""Interpolation detection: the seeds' conventions and the other built-in ones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.interpolations import DetectionConfig, find_interpolations
from corpus.spans import Interpolation, InterpolationKind


def found(text: str, config: DetectionConfig = DetectionConfig()) -> list[tuple[str, str | None, str]]:
    return [(str(i.kind), i.editor, text[i.start : i.end]) for i in find_interpolations(text, config)]


def test_english_seed_has_exactly_six_interpolations(english_seed: str) -> None:
    assert found(english_seed) == [
        ("footnote-mark", "E. H.", "*"),
        ("note", "N. Kh.", "(He liked the bloody executioner like Yagoda. - N. Kh.)"),
        ("note", "E. H.", "(meaning plebiscite in Saxony, demanded by the nazis and supported by German communists. - E. H.)"),
        ("note", "E. H.", "( refers to the collapse of E. Telman’s policies. - E. H.)"),
        ("note", "E. H.", "(Stalin talked in May 1935 with Roy Howard and denied the world revolution. - E. H.)"),
        (
            "footnote",
            "E. H.",
            "* This refers to the trial against Zinoviev, Kamenev and other Bolshevik leaders who were sentenced to"
            " be shot. - E. H.",
        ),
    ]


def test_footnote_body_is_linked_to_its_mark(english_seed: str) -> None:
    spans = find_interpolations(english_seed)
    mark = next(i for i in spans if i.kind == InterpolationKind.FOOTNOTE_MARK)
    body = next(i for i in spans if i.kind == InterpolationKind.FOOTNOTE)
    assert body.mark_start == mark.start
    assert english_seed[mark.start - 20 : mark.end + 1] == '"father of nations" *.'


def test_german_seed_has_none(german_seed: str) -> None:
    assert found(german_seed) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er kam (so die Quelle — Anm. d. Übers.) spät.", [("note", "Anm. d. Übers.", "(so die Quelle — Anm. d. Übers.)")]),
        ("Он пришёл (в 1917 г. - Прим. ред.) поздно.", [("note", "Прим. ред.", "(в 1917 г. - Прим. ред.)")]),
        ("Il vint [sic] tard.", [("supplied", None, "[sic]")]),
        ("He [already] knew […] it.", [("supplied", None, "[already]"), ("supplied", None, "[…]")]),
        ("Text [Translator's note: a pun in Russian.] more.", [("note", "Translator's note", "[Translator's note: a pun in Russian.]")]),
        ("Said (see above). Also (J. Smith wrote this).", []),
        ("A list [1] of things.\n\n[1] The footnote body.", [("footnote-mark", None, "[1]"), ("footnote", None, "[1] The footnote body.")]),
        ("Emphasis *here* and *there*.\n\n* Not a footnote without a mark.", []),
    ],
    ids=["german role", "russian role", "sic", "supplied", "labelled", "authorial", "numbered footnote", "emphasis"],
)
def test_conventions(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert found(text) == expected


def test_project_signatures_and_patterns_extend_the_rules() -> None:
    text = "He left (for good — the editors) and {editor: this too}."
    assert found(text) == []
    config = DetectionConfig(editors=("the editors",), patterns=(r"\{editor: [^}]*\}",))
    assert found(text, config) == [
        ("note", "the editors", "(for good — the editors)"),
        ("note", None, "{editor: this too}"),
    ]


def test_describe_names_the_editor() -> None:
    assert Interpolation(0, 5, InterpolationKind.NOTE, "E. H.").describe() == "Editorial note — E. H."
    assert Interpolation(0, 1, InterpolationKind.FOOTNOTE_MARK).describe() == "Footnote mark"


def _check_well_formed(text: str, spans: list[Interpolation]) -> None:
    assert all(0 <= a.start < a.end <= len(text) for a in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))  # sorted, never overlapping
    marks = {i.start for i in spans if i.kind == InterpolationKind.FOOTNOTE_MARK}
    bodies = [i for i in spans if i.kind == InterpolationKind.FOOTNOTE]
    assert sorted(b.mark_start for b in bodies) == sorted(marks)  # type: ignore[type-var]


_PATHOLOGICAL = {
    "signature tails without brackets": ("- E. H.)" * 100_000, 0),
    "open brackets": ("(" * 300_000, 0),
    "closed brackets far apart": ("[" * 200_000 + "]" * 200_000, 0),
    "supplied words on one line": ("[x] " * 25_000, 24_999),  # the first stands at a line start
    "notes in one paragraph": ("Text (a note - E. H.) more. " * 10_000, 10_000),
    "footnote marks on one line": ("word* " * 25_000 + "\n\n* The body.", 2),
    "bodies without marks": ("* a body\n\n" * 12_500, 0),
}


@pytest.mark.parametrize(("text", "count"), _PATHOLOGICAL.values(), ids=_PATHOLOGICAL.keys())
def test_pathological_text_is_handled(text: str, count: int) -> None:
    spans = find_interpolations(text)
    assert len(spans) == count
    _check_well_formed(text, spans)


@given(st.text(alphabet="ab AB.-–( )[ ]*¹†\n  N. Kh.E.H.sic…", max_size=300))
@settings(max_examples=200, deadline=None)
def test_interpolations_are_sorted_disjoint_and_linked(text: str) -> None:
    _check_well_formed(text, find_interpolations(text))
