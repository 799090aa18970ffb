"""The default aligner's seconds, peak memory and strict F1 on a long pair (textberg_dev repeated),
in this process: `python -m bench.scale SENTENCES` prints one JSON line. It reads only what the
aligner before issue 12 also had (`align`, `SideFeatures`, the anchors, the ladder notation), so
bench/aligner.py runs the same measurement on that aligner's tree, for the ratio of the two; the
features that aligner did not know are left out there."""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Sequence

from alignments.aligner.align import SideFeatures, align
from alignments.aligner.anchors import anchor_tokens, punctuation_flags
from alignments.ladder.notation import Link, score
from bench.data import repeated_pair
from corpus.bare_text import is_junk

try:  # since issue 12
    from alignments.aligner.align import LEXICON_LIMIT
    from alignments.aligner.lengths import sentence_lengths
    from alignments.aligner.surface import sentence_counts
    from alignments.aligner.units import Units, align_units
except ImportError:  # the aligner before issue 12 (bench/aligner.py BASELINE)
    LEXICON_LIMIT = -1
    Units = None  # type: ignore[assignment,misc]

    def sentence_lengths(texts: list[str]) -> list[float]:
        return [float(len(text)) for text in texts]


def features(lines: list[str]) -> SideFeatures:
    """What the aligner sees of lines given one sentence a line (no paragraphs, no notes)."""
    bare = [line.strip() for line in lines]
    known = (sentence_lengths(bare), None, None, [anchor_tokens(line) for line in lines])
    flags = ([punctuation_flags(line) for line in lines], [is_junk(line) for line in lines])
    if len(lines) > LEXICON_LIMIT:
        return SideFeatures.of(*known, *flags)
    return SideFeatures.of(*known, *flags, sentence_counts(lines))


def ours(source: list[str], target: list[str], known: Sequence[tuple[tuple[str, ...], tuple[str, ...]]] = ()) -> tuple[list[Link], list[float]]:
    """The default aligner as the product runs it (in finer units where a side writes in long
    ones, since issue 12); *known*: runs known elsewhere to translate each other (since the
    fourteenth round of issue 12; the tree before issue 12 never reaches that call)."""
    if Units is None:
        beads = align(features(source), features(target))
    else:
        units, texts = Units.split([source, target], at_clauses=False)
        beads = align_units(features(texts[0]), features(texts[1]), units, known=known)
    return [(tuple(b.source), tuple(b.target)) for b in beads], [b.score for b in beads]


def scale(sentences: int, aligner: Callable[[list[str], list[str]], tuple[list[Link], list[float]]] = ours) -> dict[str, float]:
    """Seconds, peak MB and strict F1 of *aligner* on textberg_dev repeated to *sentences* lines."""
    source, target, gold = repeated_pair(sentences, "textberg_dev")
    started = time.perf_counter()
    links, _ = aligner(source, target)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "source": len(source), "target": len(target), "seconds": seconds, "peak_mb": peak,
        "f1": score([gold], [links]).f1_strict,
    }


if __name__ == "__main__":
    print(json.dumps(scale(int(sys.argv[1]))))
