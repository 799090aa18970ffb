"""Aligner benchmarks: strict F1 on the shared gold sets for each method (ours without and with
embeddings, and nltk's Gale–Church as the peer a Python user would pick), then seconds and peak
memory at 1k, 10k and 50k sentences, each run in a fresh process so its peak is its own."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.data import GOLD, SETS
from bench.methods import METHODS, available

SIZES = (1_000, 10_000, 50_000)


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped aligner benchmarks: no gold data at {GOLD}")
        return
    methods = [name for name in METHODS if available(name)]
    print("aligner quality (strict F1; precision, recall; lax F1):")
    for name in methods:
        for set_name in SETS:
            result = _child("quality", name, set_name)
            print(
                f"  {name:11} {set_name:13} F1 {result['f1']:.3f} (P {result['precision']:.3f}, R {result['recall']:.3f})"
                f", lax F1 {result['lax']:.3f}, {result['seconds']:.1f} s" + _extra(result)
            )
    if "embeddings" in methods:
        result = _child("throughput", "embeddings", "300")
        print(f"embedding throughput: {result['per_second']:.0f} sentences/s ({result['sentences']:.0f} sentences, no cache)")
    print("aligner scale (textberg_dev repeated; seconds, peak MB, strict F1):")
    for name in ("default", "nltk"):
        for size in SIZES:
            result = _child("scale", name, str(size))
            if "error" in result:
                print(f"  {name:11} {size:>6} sentences: {result['error']}")
            else:
                print(
                    f"  {name:11} {result['source']:>6} x {result['target']:>6} sentences: {result['seconds']:.2f} s,"
                    f" peak {result['peak_mb']:.0f} MB, F1 {result['f1']:.3f}"
                )


def _extra(result: dict[str, float]) -> str:
    if "flagged" not in result:
        return ""
    return (
        f"; flagged below {result['threshold']}: {result['flagged']} of {result['beads']} beads,"
        f" {result['flagged_wrong']:.0%} of them wrong (of all beads {result['base_wrong']:.0%}),"
        f" catching {result['wrong_caught']:.0%} of the wrong beads"
    )


def _child(*arguments: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.methods", *arguments], capture_output=True, text=True, check=False
    )
    if output.returncode != 0:
        return {"error": (output.stderr.strip().splitlines() or ["failed"])[-1]}  # type: ignore[dict-item]
    return json.loads(output.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
