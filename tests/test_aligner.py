"""The automatic aligner: gold sample quality, null beads, notes, and long inputs."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.align import SideFeatures, align
from alignments.ladder.notation import Link, parse_ladder, score
from alignments.planning.new_pair import draft_pair, features, load_pair
from corpus.samples import SAMPLE_PAIRS


def links(source: SideFeatures, target: SideFeatures) -> list[Link]:
    return [(tuple(b.source), tuple(b.target)) for b in align(source, target)]


def plain(lengths: list[int]) -> SideFeatures:
    return SideFeatures.of(lengths, [False] * len(lengths), [False] * len(lengths))


@pytest.mark.parametrize("sample", [s for s in SAMPLE_PAIRS if s.gold and s.aligned], ids=lambda s: s.name)
def test_sample_pairs_reach_the_gold(sample: object) -> None:
    source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
    draft = draft_pair(source, target)
    test = [(tuple(src), tuple(tgt)) for src, tgt, _ in draft.ladder]
    gold = parse_ladder(sample.gold_path.read_text("utf-8"))
    assert score([gold], [test]).f1_strict >= 0.95


def test_a_note_only_sentence_stands_alone() -> None:
    source = plain([60, 80, 40])
    target = SideFeatures.of([66, 88, 30, 44], [False] * 4, [False, False, True, False])
    assert links(source, target) == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]


def test_the_english_footnote_is_a_null_bead() -> None:
    sample = SAMPLE_PAIRS[0]
    source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
    assert features(target).notes_only.tolist().count(True) == 2  # N. Kh.'s note and the footnote
    ladder = draft_pair(source, target).ladder
    assert (tuple(ladder[-1][0]), tuple(ladder[-1][1])) == ((), (len(target.sentences) - 1,))


def test_one_empty_side_gives_null_beads() -> None:
    assert links(plain([10, 20]), plain([])) == [((0,), ()), ((1,), ())]
    assert links(plain([]), plain([5])) == [((), (0,))]


def test_a_long_synthetic_pair_is_recovered() -> None:
    """6,000 sentences with known merges: the ladder is complete and nearly all links right."""
    rng = np.random.default_rng(7)
    source = rng.integers(20, 200, size=6000).tolist()
    target: list[int] = []
    gold: list[Link] = []
    i = 0
    while i < len(source):
        if rng.random() < 0.1 and i + 1 < len(source):
            target.append(int((source[i] + source[i + 1]) * 1.1 + rng.normal(0, 4)))
            gold.append(((i, i + 1), (len(target) - 1,)))
            i += 2
        else:
            target.append(max(1, int(source[i] * 1.1 + rng.normal(0, 4))))
            gold.append(((i,), (len(target) - 1,)))
            i += 1
    test = links(plain(source), plain(target))
    assert [s for link in test for s in link[0]] == list(range(len(source)))
    assert [t for link in test for t in link[1]] == list(range(len(target)))
    assert score([gold], [test]).f1_strict > 0.9


def test_ocr_junk_and_one_sided_headings_get_null_beads() -> None:
    from alignments.planning.new_pair import features
    from corpus.documents import Document, analyse_lines

    source = [
        "Der Lhotse misst amtlich noch immer 8501 m.",
        "Denn auch beim Makalu wird die alte Höhenzahl 8470 m jetzt aufgegeben.",
        "Der neue amtliche Wert ist 8481 m.",
    ]
    target = [
        "Officiellement, le Lhotsé mesure toujours 8501 m.",
        ".....",
        "A",
        "- _-",
        "Car la cote de 8470 m, admise pendant un siècle pour le Makalu, est abandonnée.",
        "Le nouveau chiffre officiel est 8481 m.",
    ]
    src = features(analyse_lines(Document("\n".join(source), "de", "s")))
    tgt = features(analyse_lines(Document("\n".join(target), "fr", "t")))
    assert links(src, tgt) == [((0,), (0,)), ((), (1,)), ((), (2,)), ((), (3,)), ((1,), (4,)), ((2,), (5,))]


@pytest.mark.parametrize("size", [2000, 1000])  # 1,000: aligned three times (second opinions), one progress
def test_progress_is_reported_and_cancel_stops_the_aligner(size: int) -> None:
    from alignments.ladder.work import AlignmentCancelled

    lengths = list(np.random.default_rng(3).integers(20, 200, size=size))
    reports: list[tuple[int, int]] = []
    align(plain(lengths), plain(lengths), progress=lambda done, total: reports.append((done, total)))
    assert reports and reports[-1] == (size, size) and reports == sorted(reports)
    with pytest.raises(AlignmentCancelled):
        align(plain(lengths), plain(lengths), should_cancel=lambda: True)


def test_confidence_is_lower_where_the_alignment_is_ambiguous() -> None:
    """Identical lengths everywhere leave the boundaries free; distinct lengths pin them."""
    rng = np.random.default_rng(5)
    distinct = rng.integers(20, 300, size=60).tolist()
    sure = align(plain(distinct), plain([round(x * 1.1) for x in distinct]))
    unsure = align(plain([100] * 60), plain([100] * 59))
    assert np.mean([b.score for b in sure]) > 0.8
    assert np.mean([b.score for b in unsure]) < np.mean([b.score for b in sure]) - 0.3
    assert all(0.0 <= b.score <= 1.0 for b in sure + unsure)
