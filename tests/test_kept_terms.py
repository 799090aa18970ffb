"""The cost terms the passes of one alignment share (alignments/aligner/kept_terms.py): the
default method aligns a short pair three times (at its length ratio and two moved ones), in
several passes each, and reads what they have in common instead of working it out again. On the
sample pairs and a gold document, the ladders, confidences and margins are those made with
every term worked out afresh, bit for bit, and the passes did read kept terms."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

import pytest

import alignments.aligner.align as aligner
from alignments.aligner.align import SideFeatures, align
from alignments.aligner.kept_terms import BandTerms
from alignments.planning.new_pair import features, load_pair
from corpus.samples import SAMPLE_PAIRS

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold"


def sample_sides() -> list[tuple[str, tuple[SideFeatures, SideFeatures]]]:
    pairs = []
    for sample in SAMPLE_PAIRS:
        source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
        pairs.append((sample.name, (features(source), features(target))))
    return pairs


def gold_sides(tmp_path: Path) -> tuple[SideFeatures, SideFeatures]:
    folder = GOLD / "textberg_dev"
    if not folder.is_dir():
        pytest.skip(f"no gold data at {GOLD}")
    source, target = load_pair(folder / "de" / "001", folder / "fr" / "001", "de", "fr", segmented=True)
    return features(source), features(target)


def outputs(source: SideFeatures, target: SideFeatures) -> list[tuple[range, range, float, float]]:
    return [(bead.source, bead.target, bead.score, bead.margin) for bead in align(source, target)]


def test_kept_terms_give_the_ladders_and_confidences_worked_out_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [*sample_sides(), ("textberg_dev 001", gold_sides(tmp_path))]
    reads: list[bool] = []
    original = BandTerms.kept

    def counted(self: BandTerms, key: Hashable, make: Callable[[], object]) -> object:
        made: list[object] = []

        def making() -> object:
            made.append(make())
            return made[-1]

        value = original(self, key, making)
        reads.append(not made)
        return value

    with monkeypatch.context() as patch:
        patch.setattr(BandTerms, "kept", counted)
        kept = [outputs(*sides) for _, sides in pairs]
    assert sum(reads) > len(reads) / 2  # most terms were read, not made
    monkeypatch.setattr(aligner, "KEPT_TERMS_LIMIT", 0)
    afresh = [outputs(*sides) for _, sides in pairs]
    assert sum(len(beads) for beads in afresh) > 300
    for (name, _), with_kept, without in zip(pairs, kept, afresh, strict=True):
        assert with_kept == without, name
