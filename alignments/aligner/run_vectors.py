"""Sentence vectors for the embedding aligner (vecalign-style): a vector for every run of one to
MAX_RUN consecutive sentences, either embedded as the run's own text ("full") or pooled from the
sentence vectors ("pooled", the cheap mode chosen for long texts); a line that holds several
sentences is the pool of its sentences' vectors (`pieces`); in a pair written in long units
each line's first and last clause get vectors too (edge_clauses.py). Vectors are looked up in a
cache first (the project keeps one), so aligning again costs nothing. What the cost model makes
of the vectors is semantics.py's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.edge_clauses import EdgeVectors, edge_texts, in_long_units
from alignments.aligner.encoders import Embedder, embed_in_batches
from alignments.ladder.work import CancelCheck, ProgressCallback

MAX_RUN = 3  # longest run embedded as its own text ("full" mode)
LONGEST_RUN = 7  # longest run with a vector (pooled beyond MAX_RUN): the widest bead side
POOLED_ABOVE = 0  # sentences on both sides together: above this, pool sentence vectors instead of embedding runs
FloatArray = NDArray[np.float32]


class VectorMode(StrEnum):
    FULL = "full"
    POOLED = "pooled"


class VectorCache(Protocol):
    """Vectors by (model name, text key)."""

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, FloatArray]: ...

    def put_vectors(self, model: str, vectors: dict[str, FloatArray]) -> None: ...


class MemoryCache:
    """A cache that lives as long as the process (for one-shot command-line work)."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], FloatArray] = {}

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, FloatArray]:
        return {key: self._vectors[(model, key)] for key in keys if (model, key) in self._vectors}

    def put_vectors(self, model: str, vectors: dict[str, FloatArray]) -> None:
        self._vectors.update(((model, key), vector) for key, vector in vectors.items())

    def copy_to(self, other: VectorCache) -> None:
        """Hand every vector to *other* (e.g. the project's cache, once the project exists)."""
        by_model: dict[str, dict[str, FloatArray]] = {}
        for (model, key), vector in self._vectors.items():
            by_model.setdefault(model, {})[key] = vector
        for model, vectors in by_model.items():
            other.put_vectors(model, vectors)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class RunVectors:
    """`runs[d - 1][k]`: unit vector of the d sentences ending with sentence k (zero if k < d - 1).
    *pooled*: every run is the normalised sum of its sentences' vectors (`runs[0]`)."""

    runs: tuple[FloatArray, ...]
    pooled: bool = True
    edges: EdgeVectors | None = None  # a side written in long units: its lines' edge clauses

    def __len__(self) -> int:
        return len(self.runs[0])

    def slice(self, first: int, last: int) -> RunVectors:
        edges = self.edges.slice(first, last) if self.edges is not None else None
        return RunVectors(tuple(run[first:last] for run in self.runs), self.pooled, edges)

    def reversed(self) -> RunVectors:
        """The same runs for the sentences read last first."""
        runs = tuple(reversed_runs(run, length) for length, run in enumerate(self.runs, start=1))
        return RunVectors(runs, self.pooled, self.edges.reversed() if self.edges is not None else None)

    def with_edges(self, edges: EdgeVectors | None) -> RunVectors:
        return RunVectors(self.runs, self.pooled, edges)

    def grouped(self, starts: NDArray[np.int64]) -> RunVectors:
        """Blocks of sentences beginning at *starts* as units, each the pool of its sentences."""
        blocks = _normalised(np.add.reduceat(self.runs[0], starts, axis=0))
        return pooled_runs(blocks)


def reversed_runs(values: NDArray[Any], length: int) -> NDArray[Any]:
    """Per-run values (of runs of *length* sentences, by their last sentence) for the
    sentences read last first: the reversed run ending at k is the original run ending at
    n - 2 - k + length (zero where no run fits)."""
    k = np.arange(len(values))
    flipped = np.zeros_like(values)
    valid = k >= length - 1
    flipped[valid] = values[(len(values) - 2 - k + length)[valid]]
    return flipped


def pooled_runs(sentences: FloatArray) -> RunVectors:
    """Runs as normalised sums of their sentence vectors."""
    runs = [sentences]
    for length in range(2, LONGEST_RUN + 1):
        total = np.zeros_like(sentences)
        for back in range(length if length <= len(sentences) else 0):  # no run that long: zeros
            total[length - 1 :] += sentences[length - 1 - back : len(sentences) - back]
        runs.append(_normalised(total))
    return RunVectors(tuple(runs))


def _normalised(vectors: FloatArray) -> FloatArray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0).astype(np.float32)


def choose_mode(sentences: int) -> VectorMode:
    return VectorMode.POOLED if sentences > POOLED_ABOVE else VectorMode.FULL


def run_vectors_for(
    sides: Sequence[Sequence[str]],
    embedder: Embedder,
    cache: VectorCache,
    mode: VectorMode,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    whole: bool = False,
) -> list[RunVectors]:
    """Run vectors for each side's sentence texts, embedding only what the cache lacks; in a
    pair written in long units (edge_clauses.py) each line's edge clauses too. *whole*: every
    line embedded as one text, not in `pieces` (the bench measures with it how a long line
    that holds no sentence end, as real literary text has, fares)."""
    wanted, keys, known = _looked_up(sides, embedder.name, cache, mode, whole)
    edges = _edge_texts(sides)
    keys.update((text_key(text), text) for side in edges for pair in side if pair is not None for text in pair)
    known.update(cache.get_vectors(embedder.name, [key for key in keys if key not in known]))
    missing = [key for key in keys if key not in known]
    if missing:
        fresh = embed_in_batches(embedder, [keys[key] for key in missing], progress, should_cancel)
        new = {key: vector for key, vector in zip(missing, fresh, strict=True)}
        cache.put_vectors(embedder.name, new)
        known.update(new)
    return _with_edges(_assembled(wanted, keys, known, mode, whole), edges, known)


def cached_run_vectors(
    sides: Sequence[Sequence[str]], embedder_name: str, cache: VectorCache, mode: VectorMode
) -> list[RunVectors] | None:
    """Run vectors from *cache* alone, or None if it lacks any (nothing is embedded). A cache
    filled before lines were embedded in pieces holds such a line's own vector: it serves."""
    for whole in (False, True):
        wanted, keys, known = _looked_up(sides, embedder_name, cache, mode, whole)
        if len(known) == len(keys):
            edges = _edge_texts(sides)
            edge_vectors = cache.get_vectors(embedder_name, [text_key(t) for e in edges for p in e if p is not None for t in p])
            return _with_edges(_assembled(wanted, keys, known, mode, whole), edges, {**known, **edge_vectors})
    return None


def _edge_texts(sides: Sequence[Sequence[str]]) -> list[list[tuple[str, str] | None]]:
    """Per side, per line: its edge clauses if the pair is written in long units and the line
    has them, else None."""
    long = in_long_units(sides)
    return [[edge_texts(text) if long else None for text in texts] for texts in sides]


def _with_edges(
    vectors: list[RunVectors], edges: list[list[tuple[str, str] | None]], known: dict[str, FloatArray]
) -> list[RunVectors]:
    """*vectors* with each side's edge clause vectors (`EdgeVectors.of`)."""
    by_text = {text: known[key] for side in edges for pair in side if pair for text in pair if (key := text_key(text)) in known}
    return [side.with_edges(EdgeVectors.of(texts, by_text, side.runs[0].shape[1])) for side, texts in zip(vectors, edges, strict=True)]


def _looked_up(
    sides: Sequence[Sequence[str]], embedder_name: str, cache: VectorCache, mode: VectorMode, whole: bool = False
) -> tuple[list[list[list[str]]], dict[str, str], dict[str, FloatArray]]:
    """The run texts of each side, the keys of what they embed (key -> text; *whole*: every
    line as one text) and the vectors *cache* has for them."""
    wanted = [_run_texts(texts, mode) for texts in sides]
    keys = {
        text_key(unit): unit for runs in wanted for d, run in enumerate(runs, 1) for text in run for unit in _units(text, d, whole)
    }
    return wanted, keys, cache.get_vectors(embedder_name, list(keys))


def _assembled(
    wanted: list[list[list[str]]], keys: dict[str, str], known: dict[str, FloatArray], mode: VectorMode, whole: bool = False
) -> list[RunVectors]:
    by_text = {keys[key]: vector for key, vector in known.items()}
    return [_assemble(runs, by_text, mode, whole) for runs in wanted]


def pieces(text: str) -> list[str]:
    """The sentences of a line that holds several (a translation that joins them, or input given
    one line a unit), each embedded on its own: the line's vector is their pool, as a run's is
    (a long text's own vector matches a sentence of the other side worse than the pool of its
    sentences does). A line of one sentence is its own only piece; an empty line has none."""
    found, start = [], 0
    for end in _SENTENCE_ENDS.finditer(text):
        if not text[end.end()].islower() and not _abbreviation_before(text[start : end.start()]):
            found.append(text[start : end.start()])
            start = end.end()
    found.append(text[start:])
    return [piece for piece in found if piece.strip()]


def _abbreviation_before(text: str) -> bool:
    """Whether *text* ends in a mark that is no sentence end: a full stop right after a number
    ("12.") or after one or two letters starting in capitals ("Dr.", "E.")."""
    words = text.split()
    word = words[-1][:-1] if words and words[-1].endswith(".") else ""
    return word.isdigit() or (0 < len(word) <= 2 and word[0].isupper())


def _units(text: str, length: int, whole: bool = False) -> list[str]:
    """What is embedded for the text of a run of *length* lines: a line's pieces (*whole*: the
    line); a longer run ("full" mode) as one text."""
    return pieces(text) if length == 1 and not whole else [text] if text else []


# Where a line may hold another sentence: after a full stop, question or exclamation mark and
# white space, or after a CJK one (`pieces` keeps those before a lower-case word or after an
# abbreviation).
# after a CJK stop, a closing quote stays with its sentence, and a Japanese quotative particle
# after it continues the sentence that quotes (「行こう。」と言った)
_SENTENCE_ENDS = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？])(?=[^\s”」』’）])|(?<=[。！？][”」』’）])(?=[^\sとっ”」』’）])")


def _run_texts(texts: Sequence[str], mode: VectorMode) -> list[list[str]]:
    """Per run length, the text of the run ending at each sentence ("" where there is none)."""
    lengths = range(1, (MAX_RUN if mode == VectorMode.FULL else 1) + 1)
    return [[" ".join(texts[k - d + 1 : k + 1]) if k >= d - 1 else "" for k in range(len(texts))] for d in lengths]


def _assemble(runs: list[list[str]], by_text: dict[str, FloatArray], mode: VectorMode, whole: bool = False) -> RunVectors:
    dimension = len(next(iter(by_text.values()))) if by_text else 1
    arrays = []
    for d, texts in enumerate(runs, 1):
        array = np.zeros((len(texts), dimension), dtype=np.float32)
        for k, text in enumerate(texts):
            for unit in _units(text, d, whole):
                array[k] += by_text[unit]
        arrays.append(_normalised(array))
    pooled = pooled_runs(arrays[0])
    if mode == VectorMode.POOLED:
        return pooled
    # a run's own embedding and the pool of its sentences, blended: the first knows the run as
    # a whole, the second keeps each sentence's weight
    blended = tuple(_normalised(own + pool) for own, pool in zip(arrays, pooled.runs[:MAX_RUN], strict=True))
    return RunVectors(blended + pooled.runs[MAX_RUN:], pooled=False)
