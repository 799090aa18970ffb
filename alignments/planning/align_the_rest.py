"""Aligning the rest: re-align the stretches between confirmed beads only, so that nothing the
user confirmed ever changes. The whole pair is aligned once first, and each stretch takes that
ladder's beads between the first and last of its corners inside the stretch (a short stretch
of an excerpt aligned alone no longer sees where the translation stops; the whole pair does);
only the pieces before and after them, where confirmed beads cut the whole ladder's beads, are
aligned alone. Reading what is needed happens up front (`RealignInput.gather`, on the thread
that owns the store); planning works on plain values and can run anywhere; the result is one
`ReplaceBeads` edit (one undo step).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.align import AlignedBead, SideFeatures
from alignments.aligner.anchor_similarity import KnownRuns
from alignments.aligner.encoder_choice import embedder_in
from alignments.aligner.run_vectors import cached_run_vectors, choose_mode
from alignments.aligner.semantics import Semantics
from alignments.aligner.units import Units, align_units
from alignments.ladder.beads import Bead, BeadStatus, lay_out
from alignments.ladder.edits import ReplaceBeads
from alignments.ladder.work import CancelCheck, ProgressCallback, check_cancel, progress_part
from alignments.planning.known_runs import project_known_runs
from alignments.planning.new_pair import aligner_provenance, pair_features, pair_units
from alignments.planning.stored_documents import stored_document
from alignments.store.project_store import ProjectStore
from alignments.store.sql import utc_now
from alignments.store.text_blocks import END_KEY
from alignments.store.vector_cache import ProjectVectorCache
from corpus.bare_text import bare_sentences


@dataclass(frozen=True)
class RealignInput:
    """Everything planning needs, read from the store."""

    pair_id: int
    ladder: tuple[Bead, ...]
    source_starts: dict[int, int]
    target_starts: dict[int, int]
    source: SideFeatures  # per unit (aligner/units.py)
    target: SideFeatures
    ends: tuple[int, int]
    new_ids: tuple[int, ...]
    provenance: str  # of the beads it makes
    semantics: Semantics | None = None
    units: Units = Units()
    known: KnownRuns = ()  # what the project's other pairs teach (planning/known_runs.py)

    @classmethod
    def gather(cls, store: ProjectStore, pair_id: int) -> RealignInput:
        pair = store.pair(pair_id)
        (source, source_rows), (target, target_rows) = stored_document(store, pair.source), stored_document(store, pair.target)
        source_bare, target_bare = bare_sentences(source), bare_sentences(target)
        ladder = tuple(store.ladder(pair_id))
        units, texts, semantics, provenance = _units_and_vectors(store, ladder, source_bare, target_bare)
        return cls(
            pair_id,
            ladder,
            store.sentence_keys(pair.source.id),
            store.sentence_keys(pair.target.id),
            *pair_features((source, target), (source_bare, target_bare), units, texts),
            (END_KEY, END_KEY),
            tuple(itertools.islice(store.fresh_bead_ids(), len(source_rows) + len(target_rows))),
            provenance,
            semantics,
            units,
            project_known_runs(store, (pair.source.lang, pair.target.lang), pair_id) if semantics is None else (),
        )


def _units_and_vectors(
    store: ProjectStore, ladder: tuple[Bead, ...], source: list[tuple[str, bool]], target: list[tuple[str, bool]]
) -> tuple[Units, list[list[str]], Semantics | None, str]:
    """The units of a pair (aligner/units.py) and their texts, their vectors if the pair was
    aligned with embeddings and the project holds all of them, and the provenance of beads
    aligned with (or without) them."""
    embedder = next(filter(None, map(embedder_in, {bead.provenance for bead in ladder})), None)
    if embedder is not None:
        units, texts = pair_units(source, target, vectors=True)
        mode = choose_mode(len(source) + len(target))
        vectors = cached_run_vectors(texts, embedder.name, ProjectVectorCache(store), mode)
        if vectors is not None:
            semantics = Semantics.of(vectors[0], vectors[1], embedder.cosine_scale)
            return units, texts, semantics, aligner_provenance(embedder.name, mode)
    return *pair_units(source, target, vectors=False), None, aligner_provenance()


def plan_realignment(
    data: RealignInput, progress: ProgressCallback | None = None, should_cancel: CancelCheck | None = None
) -> ReplaceBeads:
    """Re-align every stretch of unconfirmed beads; confirmed beads are neither removed nor added.
    Progress: the whole pair's alignment first, then the stretches."""
    before = _positions_before(data.ladder)
    new_ids = iter(data.new_ids)
    now = utc_now()
    removed: list[Bead] = []
    added: list[Bead] = []
    gaps = list(_gaps(data.ladder))
    if not gaps:
        return ReplaceBeads(data.pair_id, (), (), "Align the rest")
    whole = _whole_ladder(data, progress_part(progress, 0, 2), should_cancel)
    for number, (first, last) in enumerate(gaps):
        old = data.ladder[first:last]
        following = data.ladder[last] if last < len(data.ladder) else None
        next_positions = (following.source_pos, following.target_pos) if following else data.ends
        source = [sid for bead in old for sid in bead.source_ids]
        target = [tid for bead in old for tid in bead.target_ids]
        beads = _realigned_stretch(data, whole, before[first], before[last], should_cancel)
        fresh = _as_beads(data, old, beads, source, target, next_positions, new_ids, now)
        kept = set(old) & set(fresh)
        removed.extend(bead for bead in old if bead not in kept)
        added.extend(bead for bead in fresh if bead not in kept)
        if progress is not None:
            progress(len(gaps) + number + 1, 2 * len(gaps))
        check_cancel(should_cancel)
    return ReplaceBeads(data.pair_id, tuple(removed), tuple(added), "Align the rest")


def _gaps(ladder: tuple[Bead, ...]) -> Iterator[tuple[int, int]]:
    """[first, last) index ranges of the runs of unconfirmed beads."""
    first = None
    for index, bead in enumerate((*ladder, None)):
        if bead is None or bead.status == BeadStatus.CONFIRMED:
            if first is not None:
                yield first, index
            first = None
        elif first is None:
            first = index


Stretch = list[tuple[range, range, float]]  # beads as (source positions, target positions, score)


@dataclass(frozen=True)
class _WholeLadder:
    """The whole pair's ladder: its beads, and the corners between them (and at both ends) as
    source and target positions, both rising."""

    beads: Stretch
    source_corners: NDArray[np.int64]
    target_corners: NDArray[np.int64]
    ratio: float | None = None

    @classmethod
    def of(cls, beads: Stretch, sources: int, targets: int, ratio: float | None = None) -> _WholeLadder:
        source_corners = np.array([src.start for src, _, _ in beads] + [sources], dtype=np.int64)
        target_corners = np.array([tgt.start for _, tgt, _ in beads] + [targets], dtype=np.int64)
        return cls(beads, source_corners, target_corners, ratio)

    def inside(self, start: tuple[int, int], end: tuple[int, int]) -> tuple[int, int] | None:
        """The first and last corner (as bead indices) in the box from *start* to *end*, edges
        included; None if no corner lies in it. (Corners on an edge but the box's own left out
        lost rest F1 on more documents: bench/README.md, "Align the rest".)"""
        first = max(_from(self.source_corners, start[0]), _from(self.target_corners, start[1]))
        last = min(_up_to(self.source_corners, end[0]), _up_to(self.target_corners, end[1]))
        return (first, last) if first <= last else None

    def corner(self, index: int) -> tuple[int, int]:
        return int(self.source_corners[index]), int(self.target_corners[index])


def _from(corners: NDArray[np.int64], position: int) -> int:
    """The first of the rising *corners* at or past *position*."""
    return int(np.searchsorted(corners, position, "left"))


def _up_to(corners: NDArray[np.int64], position: int) -> int:
    """The last of the rising *corners* at or short of *position*."""
    return int(np.searchsorted(corners, position, "right")) - 1


def _whole_ladder(data: RealignInput, progress: ProgressCallback | None, should_cancel: CancelCheck | None) -> _WholeLadder:
    beads = align_units(data.source, data.target, data.units, progress, should_cancel, data.semantics, known=data.known)
    lines = data.units.line_count(0, len(data.source)), data.units.line_count(1, len(data.target))
    return _WholeLadder.of([(b.source, b.target, b.score) for b in beads], *lines, _paired_ratio(data, beads))


def _paired_ratio(data: RealignInput, beads: list[AlignedBead]) -> float | None:
    """The length ratio (target over source) of the whole ladder's beads with both sides: the
    pair's, which a stretch aligned alone starts from (its own few sentences would fit any
    pairing of theirs)."""
    sums = [np.concatenate(([0.0], np.cumsum(side.lengths))) for side in (data.source, data.target)]
    totals = [0.0, 0.0]
    for bead in beads:
        if len(bead.source) and len(bead.target):
            for side, lines in enumerate((bead.source, bead.target)):
                first, stop = data.units.unit_range(side, (lines.start, lines.stop))
                totals[side] += float(sums[side][stop] - sums[side][first])
    return totals[1] / totals[0] if totals[0] > 0 and totals[1] > 0 else None


def _realigned_stretch(
    data: RealignInput, whole: _WholeLadder, start: tuple[int, int], end: tuple[int, int], should_cancel: CancelCheck | None
) -> Stretch:
    """The beads for the sentences from *start* to *end* (positions counted from *start*): the
    whole ladder's beads between its first and last corner inside the stretch, the pieces of the
    stretch before and after them aligned alone (all of it if no corner lies inside)."""
    inside = whole.inside(start, end)
    if inside is None:
        return _align_stretch(data, start, end, should_cancel, whole.ratio)
    first, last = inside
    (s0, t0), (s1, t1) = whole.corner(first), whole.corner(last)
    head = _align_stretch(data, start, (s0, t0), should_cancel, whole.ratio)
    middle = _shifted(whole.beads[first:last], (-start[0], -start[1]))
    tail = _shifted(_align_stretch(data, (s1, t1), end, should_cancel, whole.ratio), (s1 - start[0], t1 - start[1]))
    return head + middle + tail


def _shifted(beads: Stretch, by: tuple[int, int]) -> Stretch:
    return [(range(src.start + by[0], src.stop + by[0]), range(tgt.start + by[1], tgt.stop + by[1]), score) for src, tgt, score in beads]


def _positions_before(ladder: tuple[Bead, ...]) -> list[tuple[int, int]]:
    """For every bead of the ladder (and its end), how many source and target sentences come
    before it: where a stretch starting there sits in the documents."""
    counts = [(len(bead.source_ids), len(bead.target_ids)) for bead in ladder]
    sources = itertools.accumulate((c[0] for c in counts), initial=0)
    targets = itertools.accumulate((c[1] for c in counts), initial=0)
    return list(zip(sources, targets, strict=True))


def _align_stretch(
    data: RealignInput, start: tuple[int, int], end: tuple[int, int], should_cancel: CancelCheck | None, ratio: float | None = None
) -> Stretch:
    """The sentences from *start* to *end* (source and target positions) aligned on their own,
    starting from the length ratio *ratio*."""
    lines = (start[0], end[0]), (start[1], end[1])
    (s0, s1), (t0, t1) = data.units.unit_range(0, lines[0]), data.units.unit_range(1, lines[1])
    both_sides = s1 > s0 and t1 > t0  # else align() makes null beads and needs no vectors
    semantics = data.semantics.slice((s0, s1), (t0, t1)) if data.semantics is not None and both_sides else None
    units = data.units.slice(*lines)
    result = align_units(
        data.source.slice(s0, s1), data.target.slice(t0, t1), units, should_cancel=should_cancel, semantics=semantics, ratio=ratio,
        known=data.known,
    )
    return [(bead.source, bead.target, bead.score) for bead in result]


def _as_beads(
    data: RealignInput,
    gap: Sequence[Bead],
    beads: Stretch,
    source: list[int],
    target: list[int],
    next_positions: tuple[int, int],
    new_ids: Iterator[int],
    now: str,
) -> list[Bead]:
    """The aligned stretch as beads; a bead of the gap that comes out the same is kept."""
    contents = [(tuple(source[k] for k in src), tuple(target[k] for k in tgt)) for src, tgt, _ in beads]
    positions = lay_out(contents, data.source_starts, data.target_starts, next_positions)
    old = {(b.source_ids, b.target_ids): b for b in gap}
    result: list[Bead] = []
    for (src, tgt), position, (_, _, score) in zip(contents, positions, beads, strict=True):
        same = old.get((src, tgt))
        if same is not None and (same.source_pos, same.target_pos) == position:
            result.append(same)
        else:
            result.append(
                Bead(next(new_ids), data.pair_id, src, tgt, *position, BeadStatus.AUTO, score, data.provenance, now)
            )
    return result
