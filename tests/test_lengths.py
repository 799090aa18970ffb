"""Sentence lengths and anchors across scripts, and the length ratio guessed without anchors: a Chinese
passage whose English translation cuts its long sentences in two or three (tests/data/zh_en,
written for these tests: 12 Chinese sentences, 22 English ones), and a translation of part of
its source (Text+Berg, cut after 40 %)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from alignments.aligner.align import align
from alignments.aligner.anchors import anchor_tokens
from alignments.aligner.chain import length_ratio
from alignments.aligner.lengths import sentence_length, sentence_lengths
from alignments.ladder.notation import parse_ladder
from alignments.planning.new_pair import features, load_pair
from bench.data import GOLD, gold_documents
from bench.variants import stops_at_40
from corpus.segmentation import segment
from tests.conftest import Runner
from tests.gold import LETTER

PASSAGE = Path(__file__).parent / "data" / "zh_en"
NO_CHAIN = np.zeros((0, 2), dtype=np.int64)


def passage_lengths(name: str, lang: str) -> np.ndarray:
    text = (PASSAGE / name).read_text("utf-8")
    return np.asarray(sentence_lengths([span.text_of(text) for span in segment(text, lang)]))


def test_a_han_character_counts_as_several_letters_and_latin_text_as_its_characters() -> None:
    assert sentence_length("Mother listened, nodding now and then.") == len("Mother listened, nodding now and then.")
    assert sentence_length("Þórður fór út.") == len("Þórður fór út.")
    raw = len("".join((PASSAGE / "zh.txt").read_text("utf-8").split()))
    english = float(passage_lengths("en.txt", "en").sum())
    weighted = float(passage_lengths("zh.txt", "zh").sum())
    assert len(passage_lengths("zh.txt", "zh")) == 12 and len(passage_lengths("en.txt", "en")) == 22
    assert english / raw > 3  # in characters the translation is over three times as long
    assert 0.8 < english / weighted < 1.3  # in these units the two correspond


def test_without_anchors_a_translation_that_splits_sentences_keeps_the_whole_texts_ratio() -> None:
    chinese, english = passage_lengths("zh.txt", "zh"), passage_lengths("en.txt", "en")
    whole = float(english.sum() / chinese.sum())
    typical = float(np.median(english) / np.median(chinese))
    assert max(whole / typical, typical / whole) > 1.5  # the two guesses disagree
    assert length_ratio(chinese, english, NO_CHAIN) == pytest.approx(whole)


def test_a_stretch_whose_one_side_has_no_length_is_aligned_at_ratio_one() -> None:
    """A side of editorial notes or empty sentences only (a stretch of a pair, as Align the rest
    aligns one) has no length to measure a ratio by; a ratio of 0 made the teaching pass divide
    by zero."""
    letter = load_pair(LETTER.source_path, LETTER.target_path, "de", "en")
    source, target = features(letter[0]), features(letter[1])
    empty = next(j for j in range(len(target)) if target.lengths[j] == 0)  # a note-only sentence
    assert length_ratio(source.lengths[:2], target.lengths[empty : empty + 1], NO_CHAIN) == 1.0
    beads = align(source.slice(0, 2), target.slice(empty, empty + 1))
    assert sorted(i for bead in beads for i in bead.source) == [0, 1] and [j for bead in beads for j in bead.target] == [0]


@pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold data")
def test_without_anchors_a_translation_of_part_of_its_source_takes_the_typical_sentences_ratio() -> None:
    source, target, _ = gold_documents("textberg_dev")[0]
    cut_source, cut_target, _ = stops_at_40(gold_documents("textberg_dev")[0], 0)
    complete = length_ratio(np.asarray(sentence_lengths(source)), np.asarray(sentence_lengths(target)), NO_CHAIN)
    cut = length_ratio(np.asarray(sentence_lengths(cut_source)), np.asarray(sentence_lengths(cut_target)), NO_CHAIN)
    whole_of_cut = sum(sentence_lengths(cut_target)) / sum(sentence_lengths(cut_source))
    assert whole_of_cut < 0.6 * complete  # the cut translation's total says far less
    assert abs(np.log(cut / complete)) < 0.25


def test_the_default_method_pairs_every_sentence_of_a_chinese_passage(tmp_path: Path, run: Runner) -> None:
    """No shared anchors (no Latin names or numbers in the Chinese): the first pass runs at the
    guessed ratio. Guessed from the typical sentences, it made a run of seven English sentences
    without counterpart and paired the rest pages apart."""
    out = tmp_path / "zh.ladder"
    code, _, stderr = run("align", PASSAGE / "zh.txt", PASSAGE / "en.txt", "--format", "ladder", "-o", out)
    assert code == 0, stderr
    links = parse_ladder(out.read_text("utf-8"))
    assert [source for source, _ in links] == [(i,) for i in range(12)]
    assert all(target for _, target in links)


def test_numbers_meet_whatever_digits_write_them_and_a_chinese_clause_is_no_word() -> None:
    """A Chinese or Japanese run of letters is a whole clause: its transliteration's first
    letters ("sida" for 斯大林在莫斯科写了) are no anchor; full-width and Arabic-Indic digits
    are the numbers they write."""
    chinese = anchor_tokens("1937年10月，斯大林在莫斯科写了3封信。")
    english = anchor_tokens("In October 1937 Stalin wrote 3 letters in Moscow.")
    assert chinese == ("#10", "#1937", "#3") and set(chinese) - set(english) == {"#10"}
    assert anchor_tokens("１９３７年、モスクワで。") == ("#1937",)
    assert anchor_tokens("عام ٢٠٠٧ and 007") == ("#2007", "#7")
