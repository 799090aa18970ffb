"""Diffs between text revisions and carrying sentences and notes across them (corpus/)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.decisions import Decision
from corpus.reanchor import (
    CarriedSentence,
    carry_decisions,
    carry_interpolations,
    carry_sentences,
    stretch_segmenter,
)
from corpus.revisions import Bias, Cleanup, EditKind, TextEdit, diff_texts
from corpus.segmentation import segment
from corpus.spans import Interpolation, InterpolationKind, Span


def test_edits_are_typed_spans_in_both_texts() -> None:
    diff = diff_texts("He liked the bloody executioner.", "He liked the bloodthirsty executioner.")
    assert diff.edits == (TextEdit(EditKind.INSERT, Span(18, 18), Span(18, 24), "thirst"),)
    assert diff.insertions == diff.edits and diff.deletions == ()
    diff = diff_texts("He liked the bloody executioner.", "He admired the bloody executioner.")
    assert diff.edits == (
        TextEdit(EditKind.DELETE, Span(3, 6), Span(3, 3), "lik"),
        TextEdit(EditKind.INSERT, Span(6, 6), Span(3, 8), "admir"),
    )
    assert diff.map_span(Span(9, 12)) == Span(11, 14)  # "the"


def test_offsets_are_code_points_even_for_astral_characters() -> None:
    diff = diff_texts("𝔄 one. Two.", "𝔄 one. 😀 Two.")
    assert diff.edits == (TextEdit(EditKind.INSERT, Span(6, 6), Span(6, 8), " 😀"),)
    assert diff.map_offset(6, Bias.AFTER) == 8 and diff.map_offset(6, Bias.BEFORE) == 6
    assert diff.map_span(Span(7, 11)) == Span(9, 13)


def test_no_change_is_an_empty_diff() -> None:
    diff = diff_texts("Same text.", "Same text.")
    assert diff.is_empty and diff.map_span(Span(0, 10)) == Span(0, 10) and diff.untouched(Span(0, 10))


def test_untouched_counts_edits_inside_not_at_the_edges() -> None:
    diff = diff_texts("Aa. Bb. Cc.", "Aa. New. Bb. Cc!", Cleanup.LOSSLESS)
    assert [diff.untouched(span) for span in (Span(0, 3), Span(4, 7), Span(8, 11))] == [True, True, False]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n𝔄", max_size=30), st.text(alphabet="ab .\n𝔄", max_size=30))
def test_untouched_spans_map_to_the_same_text(old: str, new: str) -> None:
    diff = diff_texts(old, new, Cleanup.LOSSLESS)
    for start in range(len(old)):
        for end in range(start + 1, len(old) + 1):
            if diff.untouched(Span(start, end)):
                assert diff.map_span(Span(start, end)).text_of(new) == old[start:end]
    rebuilt = "".join(e.text for e in diff.edits if e.kind == EditKind.INSERT)
    assert len(rebuilt) == len(new) - len(old) + sum(len(e.text) for e in diff.deletions)


def carried(old: str, new: str, lang: str = "en") -> list[tuple[int | None, tuple[int, ...], str]]:
    sentences = list(enumerate(segment(old, lang), start=1))
    diff = diff_texts(old, new, Cleanup.LOSSLESS)
    result = carry_sentences(diff, sentences, stretch_segmenter(new, lang, []))
    return [(c.kept, c.sources, c.span.text_of(new)) for c in result]


def test_a_typo_fix_changes_one_sentence() -> None:
    assert carried("Teh cat sat. A dog ran. The end.", "The cat sat. A dog ran. The end.") == [
        (None, (1,), "The cat sat."),
        (2, (), "A dog ran."),
        (3, (), "The end."),
    ]


def test_an_inserted_paragraph_is_new_sentences_between_kept_ones() -> None:
    old = "He came. Then.\n\nOther paragraph."
    new = "He came. And went. Then.\n\nA new paragraph. With two sentences.\n\nOther paragraph."
    assert carried(old, new) == [
        (1, (), "He came."),
        (None, (), "And went."),
        (2, (), "Then."),
        (None, (), "A new paragraph."),
        (None, (), "With two sentences."),
        (3, (), "Other paragraph."),
    ]


def test_text_added_to_a_sentence_without_a_full_stop_joins_it() -> None:
    assert carried("He came\n\nNext.", "He came back.\n\nNext.") == [(None, (1,), "He came back."), (2, (), "Next.")]


def test_a_moved_sentence_is_new_where_it_lands() -> None:
    old = "First sentence here. Second sentence there. Third one."
    new = "First sentence here. Third one. Second sentence there."
    assert carried(old, new) == [(1, (), "First sentence here."), (None, (), "Third one."), (2, (), "Second sentence there.")]


def test_joining_two_sentences_names_both() -> None:
    assert carried("A one. B two. C three.", "A one, B two. C three.") == [(None, (1, 2), "A one, B two."), (3, (), "C three.")]


def test_a_deleted_sentence_leaves_no_successor() -> None:
    old = "He came back. (A note. - E. H.) Then he left."
    new = "He came back. Then he left."
    notes = [Interpolation(14, 31, InterpolationKind.NOTE, "E. H.")]
    sentences = list(enumerate(segment(old, "en", notes), start=1))
    diff = diff_texts(old, new, Cleanup.LOSSLESS)
    assert carry_sentences(diff, sentences, stretch_segmenter(new, "en", [])) == [
        CarriedSentence(Span(0, 13), 1),
        CarriedSentence(Span(14, 27), 3),
    ]


def test_interpolations_no_edit_touched_move_with_the_text_and_new_ones_are_found() -> None:
    old = "A* B (x - E. H.) C.\n\n* Body."
    new = "New. A* B (x - E. H.) C [sic].\n\n* Body."
    mark = Interpolation(1, 2, InterpolationKind.FOOTNOTE_MARK)
    note = Interpolation(5, 16, InterpolationKind.NOTE, "E. H.")
    body = Interpolation(21, 28, InterpolationKind.FOOTNOTE, mark_start=1)
    sic = Interpolation(24, 29, InterpolationKind.SUPPLIED)
    detected = [Interpolation(6, 7, InterpolationKind.FOOTNOTE_MARK), Interpolation(10, 21, InterpolationKind.NOTE, "E. H."), sic]
    diff = diff_texts(old, new, Cleanup.LOSSLESS)
    assert carry_interpolations(diff, [mark, note, body], detected) == [
        Interpolation(6, 7, InterpolationKind.FOOTNOTE_MARK),
        Interpolation(10, 21, InterpolationKind.NOTE, "E. H."),
        sic,
        Interpolation(32, 39, InterpolationKind.FOOTNOTE, mark_start=6),
    ]


def test_decisions_follow_their_text_and_vanish_with_it() -> None:
    diff = diff_texts("Keep this sentence. Drop that one.", "A new start here. Keep this sentence.", Cleanup.LOSSLESS)
    decisions = [Decision.mark(Span(0, 19)), Decision.unmark(Span(20, 34))]
    assert carry_decisions(diff, decisions) == [Decision.mark(Span(18, 37))]


def test_a_hand_split_survives_an_edit_of_the_next_sentence() -> None:
    old = "Er traf den Prof. Müller kam dann. Das Ende."
    by_hand = [(1, Span(0, 17)), (2, Span(18, 34)), (3, Span(35, 44))]  # split after "Prof." by hand
    new = old.replace("kam", "ging")
    diff = diff_texts(old, new, Cleanup.LOSSLESS)
    result = carry_sentences(diff, by_hand, stretch_segmenter(new, "de", []))
    assert [(c.kept, c.sources, c.span.text_of(new)) for c in result] == [
        (1, (), "Er traf den Prof."),
        (None, (2,), "Müller ging dann."),
        (3, (), "Das Ende."),
    ]


def test_an_edit_in_a_text_of_one_sentence_a_line_keeps_its_lines_as_sentences() -> None:
    lines = ["„An das Zentralkomitee der Partei.", "Diesen Brief hätte ich früher schreiben sollen.", "Damals schwieg ich.",
             "Unsere Wege trennen sich!", "Wer heute schweigt, wird zum Komplizen."]
    old = "\n".join(lines)
    new = old.replace("Damals schwieg ich.", "Damals habe ich geschwiegen.")
    result = carried(old, new, "de")
    assert [text for _, _, text in result] == [line.replace("Damals schwieg ich.", "Damals habe ich geschwiegen.") for line in lines]
    assert [kept for kept, _, _ in result] == [1, 2, None, 4, 5]
