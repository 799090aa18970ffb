"""Aligner quality on the shared gold sets, and speed and peak memory on long pairs."""

from __future__ import annotations

import subprocess
import sys

from alignments.aligner import SideFeatures, align
from alignments.ladder import parse_ladder, score
from bench.data import GOLD, SETS, gold_documents


def features(lines: list[str]) -> SideFeatures:
    return SideFeatures.of([len(line.strip()) for line in lines], [False] * len(lines), [False] * len(lines))


def quality() -> None:
    for name in SETS:
        gold, test = [], []
        for source, target, ladder in gold_documents(name):
            gold.append(parse_ladder(ladder))
            test.append([(tuple(b.source), tuple(b.target)) for b in align(features(source), features(target))])
        result = score(gold, test)
        print(f"quality {name}: strict F1 {result.f1_strict:.3f} (P {result.precision_strict:.3f},"
              f" R {result.recall_strict:.3f}), lax F1 {result.f1_lax:.3f}")


def speed(sentences: int) -> None:
    """Run in a child process so that peak memory is this alignment's own."""
    code = (
        "import resource, time\n"
        "from bench.aligner import features\nfrom bench.data import repeated_pair\n"
        "from alignments.aligner import align\n"
        f"s, t = repeated_pair({sentences})\n"
        "start = time.perf_counter(); beads = align(features(s), features(t)); took = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(f'speed {len(s)} x {len(t)} sentences: {took:.2f} s, {len(beads)} beads, peak {peak:.0f} MB')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped aligner benchmarks: no gold data at {GOLD}")
        return
    quality()
    for sentences in (10_000, 50_000):
        speed(sentences)


if __name__ == "__main__":
    main()
