"""What any aligner limited to our bead shapes can reach on the gold sets and their variants:
the share of gold beads it can form at all (recall) and the strict F1 of the best ladder it
could make, in which each gold bead of a shape it lacks is cut into as few beads of its shapes
as possible (each of them wrong). `python -m bench.ceiling`; plain data otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from alignments.aligner.shapes import BEAD_SHAPES, ShapeSet
from alignments.ladder.notation import Link
from bench.data import GOLD, SETS, gold_documents
from bench.variants import VARIANTS, variant_documents

Shape = tuple[int, int]
DEFAULT_SHAPES = frozenset(BEAD_SHAPES[code] for code in ShapeSet.PLAIN.codes)
EMBEDDING_SHAPES = frozenset(BEAD_SHAPES[code] for code in ShapeSet.WIDE.codes)  # the later pass's, near the path


def shape_ceiling(links: Iterable[Link], shapes: frozenset[Shape]) -> tuple[float, float]:
    """(recall, strict F1) of the best ladder made of *shapes* (plus 1:0 and 0:1) for gold *links*."""
    allowed = shapes | {(1, 0), (0, 1)}

    @cache
    def pieces(x: int, y: int) -> int:
        if x == y == 0:
            return 0
        return min(1 + pieces(x - a, y - b) for a, b in allowed if a <= x and b <= y)

    gold = [(len(source), len(target)) for source, target in links]
    formed = sum(shape in allowed for shape in gold)
    made = formed + sum(pieces(*shape) for shape in gold if shape not in allowed)
    if not gold or not formed:
        return 0.0, 0.0
    recall, precision = formed / len(gold), formed / made
    return recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped bead-shape ceilings: no gold data at {GOLD}")
        return
    print("bead-shape ceiling (gold beads formable; best strict F1 with the default / embedding method's shapes):")
    for set_name in SETS:
        for variant in ("complete", *VARIANTS):
            links = [link for _, _, gold in variant_documents(gold_documents(set_name), variant) for link in gold]
            default, embedding = shape_ceiling(links, DEFAULT_SHAPES), shape_ceiling(links, EMBEDDING_SHAPES)
            print(
                f"  {set_name:13} {variant:15} {len(links):4} beads: default {default[0]:.3f} / F1 {default[1]:.3f},"
                f" embeddings {embedding[0]:.3f} / F1 {embedding[1]:.3f}"
            )


if __name__ == "__main__":
    main()
