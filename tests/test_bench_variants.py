"""The literary variant of bench/variants.py on constructed gold ladders: it joins translation
lines, keeps the gold exact, and never merges gold beads into one of more than
LITERARY_LARGEST sentences (real literary gold holds none); its mirror joins source lines."""

from __future__ import annotations

import pytest

from alignments.ladder.notation import Link
from bench.variants import LITERARY_LARGEST, MEASURED_BESIDE, literary, literary_source_joined


def _document(gold: list[Link]) -> tuple[list[str], list[str], list[Link]]:
    sources = sorted(i for src, _ in gold for i in src)
    targets = sorted(j for _, tgt in gold for j in tgt)
    return [f"s{i}" for i in sources], [f"t{j}" for j in targets], gold


def _chained(beads: int) -> list[Link]:
    """2:1 and 1:2 beads in turn, now and then a sentence without counterpart on either side."""
    gold: list[Link] = []
    i = j = 0
    for k in range(beads):
        x, y = [(2, 1), (1, 2), (1, 0), (2, 1), (0, 1), (3, 1)][k % 6]
        gold.append((tuple(range(i, i + x)), tuple(range(j, j + y))))
        i, j = i + x, j + y
    return gold


@pytest.mark.parametrize("seed", range(20))
def test_joined_lines_make_an_exact_gold_of_bounded_beads(seed: int) -> None:
    source, target, gold = _document(_chained(60))
    new_source, joined, links = literary((source, target, gold), seed)
    assert new_source == source
    assert sorted(i for src, _ in links for i in src) == list(range(len(source)))
    assert sorted(j for _, tgt in links for j in tgt) == list(range(len(joined)))
    # joined lines are consecutive lines; every bead of both sides lies inside one joined bead
    assert " ".join(joined).split() == target
    assert all(len(src) + len(tgt) <= LITERARY_LARGEST for src, tgt in links)
    words = [(set(src), {word for j in tgt for word in joined[j].split()}) for src, tgt in links]
    for src, tgt in (link for link in gold if link[0] and link[1]):
        assert any(set(src) <= inside and {f"t{j}" for j in tgt} <= lines for inside, lines in words)
    assert len(joined) < len(target)


def test_without_chains_the_lines_join_as_drawn() -> None:
    """1:1 gold: no bead can grow past the limit, so groups of up to four lines are joined."""
    gold: list[Link] = [((k,), (k,)) for k in range(200)]
    _, joined, links = literary(_document(gold), 0)
    sizes = {len(line.split()) for line in joined}
    assert sizes == {1, 2, 3, 4}
    assert all(len(tgt) == 1 and len(src) == len(joined[tgt[0]].split()) for src, tgt in links)


@pytest.mark.parametrize("seed", range(5))
def test_the_mirrored_variant_joins_source_lines_as_the_literary_one_joins_target_lines(seed: int) -> None:
    source, target, gold = _document(_chained(60))
    joined, new_target, links = literary_source_joined((source, target, gold), seed)
    assert new_target == target
    assert " ".join(joined).split() == source and len(joined) < len(source)
    assert sorted(i for src, _ in links for i in src) == list(range(len(joined)))
    assert sorted(j for _, tgt in links for j in tgt) == list(range(len(target)))
    assert all(len(src) + len(tgt) <= LITERARY_LARGEST for src, tgt in links)


@pytest.mark.parametrize("seed", range(5))
def test_a_literary_excerpt_joins_source_lines_and_keeps_a_stretch_of_the_translation(seed: int) -> None:
    source, target, gold = _document(_chained(60))
    joined, excerpt, links = MEASURED_BESIDE["literary excerpt anywhere"]((source, target, gold), seed)
    assert " ".join(joined).split() == source and len(joined) < len(source)
    assert 0.2 <= len(excerpt) / len(target) < 0.6 and " ".join(excerpt) in " ".join(target)
    assert sorted(i for src, _ in links for i in src) == list(range(len(joined)))
    assert sorted(j for _, tgt in links for j in tgt) == list(range(len(excerpt)))


def _one_to_one(beads: int) -> tuple[list[str], list[str], list[Link]]:
    return _document([((k,), (k,)) for k in range(beads)])


@pytest.mark.parametrize("name", ["stops anywhere", "covers anywhere", "passages out anywhere", "cut both sides anywhere"])
def test_cuts_anywhere_keep_the_gold_exact_and_move_from_draw_to_draw(name: str) -> None:
    source, target, _ = _one_to_one(400)
    layouts = set()
    for seed in range(12):
        new_source, new_target, links = MEASURED_BESIDE[name](_one_to_one(400), seed)
        assert sorted(i for src, _ in links for i in src) == list(range(len(new_source)))
        assert sorted(j for _, tgt in links for j in tgt) == list(range(len(new_target)))
        # a 1:1 gold bead keeps its two sentences together or leaves the survivor alone
        assert all(new_source[src[0]][1:] == new_target[tgt[0]][1:] for src, tgt in links if src and tgt)
        assert set(new_source) <= set(source) and set(new_target) <= set(target)
        layouts.add((tuple(new_source), tuple(new_target)))
        cut_from_source = name == "cut both sides anywhere"
        assert (len(new_source) < len(source)) == cut_from_source
        assert 0.2 <= len(new_target) / len(target) < 1.0
    assert len(layouts) == 12  # every draw cuts elsewhere


@pytest.mark.parametrize("name", ["abridged", "additions"])
def test_short_runs_left_out_all_through_keep_the_gold_exact(name: str) -> None:
    """An abridged translation (or one with additions: the source side cut) loses runs of one
    to three beads at many places, about a sixth of the side, from its first tenth to its last."""
    source, target, _ = _one_to_one(600)
    for seed in range(8):
        new_source, new_target, links = MEASURED_BESIDE[name](_one_to_one(600), seed)
        assert sorted(i for src, _ in links for i in src) == list(range(len(new_source)))
        assert sorted(j for _, tgt in links for j in tgt) == list(range(len(new_target)))
        assert all(new_source[src[0]][1:] == new_target[tgt[0]][1:] for src, tgt in links if src and tgt)
        (whole, new_whole), (cut, kept) = ((source, new_source), (target, new_target))[:: 1 if name == "abridged" else -1]
        assert new_whole == whole
        assert 0.75 < len(kept) / len(cut) < 0.92
        kept_lines = set(kept)  # lines are distinct
        lost = [k for k, line in enumerate(cut) if line not in kept_lines]
        runs = [k for k in lost if k - 1 not in lost]
        assert len(runs) >= 25 and lost[0] < 60 and lost[-1] >= 540
