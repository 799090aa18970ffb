"""Segmentation and interpolation detection speed: MB/s and sentences/s on a ~5 MB text per
language, made by repeating the sample texts and the shared gold data (its one-sentence lines
joined into paragraphs), with sentencex alone on the same text beside ours. "ours" is
`corpus.segmentation.segment` (sentencex inside) given the interpolations, which are timed
on their own."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import sentencex

from bench.data import GOLD
from corpus.interpolations import find_interpolations
from corpus.samples import SAMPLE_PAIRS
from corpus.segmentation import segment

TARGET_BYTES = 5_000_000
_SENTENCES_PER_PARAGRAPH = 8
# language: (sample texts, gold folders of one-sentence lines)
SOURCES: dict[str, tuple[tuple[Path, ...], tuple[Path, ...]]] = {
    "en": (tuple(p.target_path for p in SAMPLE_PAIRS), (GOLD / "parice" / "en",)),
    "de": (tuple(p.source_path for p in SAMPLE_PAIRS), (GOLD / "textberg_dev" / "de",)),
    "fr": ((), (GOLD / "textberg_dev" / "fr",)),
    "is": ((), (GOLD / "parice" / "is",)),
}
_T = TypeVar("_T")


def long_text(lang: str, target_bytes: int = TARGET_BYTES) -> str:
    """About *target_bytes* of UTF-8 in *lang*: its samples and gold paragraphs, repeated."""
    samples, folders = SOURCES[lang]
    pieces = [path.read_text("utf-8").strip() for path in samples]
    for folder in folders:
        for document in sorted(folder.iterdir()):
            lines = [line.strip() for line in document.read_text("utf-8").splitlines() if line.strip()]
            pieces += [" ".join(lines[k : k + _SENTENCES_PER_PARAGRAPH]) for k in range(0, len(lines), _SENTENCES_PER_PARAGRAPH)]
    unit = "\n\n".join(pieces) + "\n\n"
    repeats = -(-target_bytes // len(unit.encode("utf-8")))
    return unit * repeats


def _best_of(runs: int, work: Callable[[], _T]) -> tuple[float, _T]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def measure(lang: str, runs: int = 3) -> str:
    """One line of figures for *lang*."""
    text = long_text(lang)
    megabytes = len(text.encode("utf-8")) / 1e6
    raw_time, raw = _best_of(runs, lambda: sentencex.get_sentence_boundaries(lang, text))
    notes_time, notes = _best_of(runs, lambda: find_interpolations(text))
    ours_time, ours = _best_of(runs, lambda: segment(text, lang, notes))
    raw_sentences = sum(1 for b in raw if text[b["start_index"] : b["end_index"]].strip())  # not blank pieces
    return (
        f"segmentation {lang}: {megabytes:.1f} MB;"
        f" ours {megabytes / ours_time:.1f} MB/s, {len(ours) / ours_time:,.0f} sentences/s ({len(ours):,} sentences);"
        f" sentencex alone {megabytes / raw_time:.1f} MB/s, {raw_sentences / raw_time:,.0f} sentences/s ({raw_sentences:,});"
        f" interpolations {megabytes / notes_time:.1f} MB/s ({len(notes):,} found)"
    )


def agreement(lang: str, folder: Path, joiner: str = " ") -> str:
    """How well the sentence starts agree with the gold lines of *folder* (each document's lines
    joined by *joiner*: spaces, or line breaks as a text of one sentence a line): precision and
    recall, ours beside sentencex alone."""
    counts = {"ours": [0, 0, 0], "sentencex": [0, 0, 0]}  # hits, found, gold
    for document in sorted(folder.iterdir()):
        lines = [line.strip() for line in document.read_text("utf-8").splitlines() if line.strip()]
        text = joiner.join(lines)
        gold = set(itertools.accumulate(len(line) + 1 for line in lines[:-1]))
        ours = {s.start for s in segment(text, lang, find_interpolations(text))} - {0}
        raw = {_next_visible(text, b["end_index"]) for b in sentencex.get_sentence_boundaries(lang, text)}
        for name, found in (("ours", ours), ("sentencex", raw - {len(text)})):
            counts[name] = [a + b for a, b in zip(counts[name], (len(found & gold), len(found), len(gold)))]
    figures = [f"{name} P {hits / max(found, 1):.3f} R {hits / max(total, 1):.3f}" for name, (hits, found, total) in counts.items()]
    layout = "one a line" if joiner == "\n" else "joined"
    return f"sentence starts vs gold lines ({layout}), {folder.parent.name} {lang}: " + "; ".join(figures)


def _next_visible(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped segmentation benchmark: no gold data at {GOLD}")
        return
    for lang in SOURCES:
        print(measure(lang))
    for lang, folder in [("en", GOLD / "parice" / "en"), ("is", GOLD / "parice" / "is"),
                         ("de", GOLD / "textberg_dev" / "de"), ("fr", GOLD / "textberg_dev" / "fr")]:
        print(agreement(lang, folder))
        print(agreement(lang, folder, "\n"))


if __name__ == "__main__":
    main()
