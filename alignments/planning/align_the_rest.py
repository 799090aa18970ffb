"""Aligning the rest: re-run the aligner on the stretches between confirmed beads only, so
that nothing the user confirmed ever changes. Reading what is needed happens up front
(`RealignInput.gather`, on the thread that owns the store); planning works on plain values
and can run anywhere; the result is one `ReplaceBeads` edit (one undo step).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from alignments.aligner.align import SideFeatures, align
from alignments.aligner.encoder_choice import embedder_in
from alignments.aligner.run_vectors import cached_run_vectors, choose_mode
from alignments.aligner.semantics import Semantics
from alignments.ladder.beads import Bead, BeadStatus, lay_out
from alignments.ladder.edits import ReplaceBeads
from alignments.ladder.work import CancelCheck, ProgressCallback, check_cancel
from alignments.planning.new_pair import aligner_provenance, bare_sentences, features
from alignments.store.project_store import ProjectStore
from alignments.store.records import DocumentInfo
from alignments.store.sql import utc_now
from alignments.store.text_blocks import END_KEY
from alignments.store.vector_cache import ProjectVectorCache
from corpus.documents import AnalysedDocument, Document
from corpus.spans import Span


@dataclass(frozen=True)
class RealignInput:
    """Everything planning needs, read from the store."""

    pair_id: int
    ladder: tuple[Bead, ...]
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    source_starts: dict[int, int]
    target_starts: dict[int, int]
    source: SideFeatures
    target: SideFeatures
    ends: tuple[int, int]
    new_ids: tuple[int, ...]
    provenance: str  # of the beads it makes
    semantics: Semantics | None = None

    @classmethod
    def gather(cls, store: ProjectStore, pair_id: int) -> RealignInput:
        pair = store.pair(pair_id)
        (source, source_rows), (target, target_rows) = _stored(store, pair.source), _stored(store, pair.target)
        source_bare, target_bare = bare_sentences(source), bare_sentences(target)
        ladder = tuple(store.ladder(pair_id))
        semantics, provenance = _cached_semantics(store, ladder, source_bare, target_bare)
        return cls(
            pair_id,
            ladder,
            tuple(sid for sid, _ in source_rows),
            tuple(tid for tid, _ in target_rows),
            store.sentence_keys(pair.source.id),
            store.sentence_keys(pair.target.id),
            features(source, source_bare),
            features(target, target_bare),
            (END_KEY, END_KEY),
            tuple(itertools.islice(store.fresh_bead_ids(), len(source_rows) + len(target_rows))),
            provenance,
            semantics,
        )


def _cached_semantics(
    store: ProjectStore, ladder: tuple[Bead, ...], source: list[tuple[str, bool]], target: list[tuple[str, bool]]
) -> tuple[Semantics | None, str]:
    """Sentence vectors for a pair aligned with embeddings, if the project holds all of them,
    and the provenance of beads aligned with (or without) them."""
    embedder = next(filter(None, map(embedder_in, {bead.provenance for bead in ladder})), None)
    if embedder is None:
        return None, aligner_provenance()
    texts = [[text for text, _ in source], [text for text, _ in target]]
    mode = choose_mode(len(source) + len(target))
    vectors = cached_run_vectors(texts, embedder.name, ProjectVectorCache(store), mode)
    if vectors is None:
        return None, aligner_provenance()
    return Semantics.of(vectors[0], vectors[1], embedder.cosine_scale), aligner_provenance(embedder.name, mode)


def _stored(store: ProjectStore, info: DocumentInfo) -> tuple[AnalysedDocument, list[tuple[int, Span]]]:
    """A stored document as corpus/ describes one (sentences and interpolations), with its
    sentence rows (id, span)."""
    rows = store.sentence_spans(info.id)
    document = Document(store.text(info.id), info.lang, info.title, info.origin_path)
    return AnalysedDocument(document, tuple(span for _, span in rows), tuple(store.interpolations(info.id))), rows


def plan_realignment(
    data: RealignInput, progress: ProgressCallback | None = None, should_cancel: CancelCheck | None = None
) -> ReplaceBeads:
    """Re-align every stretch of unconfirmed beads; confirmed beads are neither removed nor added."""
    source_position = {sid: k for k, sid in enumerate(data.source_ids)}
    target_position = {tid: k for k, tid in enumerate(data.target_ids)}
    new_ids = iter(data.new_ids)
    now = utc_now()
    removed: list[Bead] = []
    added: list[Bead] = []
    gaps = list(_gaps(data.ladder))
    for number, (first, last) in enumerate(gaps):
        old = data.ladder[first:last]
        following = data.ladder[last] if last < len(data.ladder) else None
        next_positions = (following.source_pos, following.target_pos) if following else data.ends
        source = [sid for bead in old for sid in bead.source_ids]
        target = [tid for bead in old for tid in bead.target_ids]
        beads = _align_stretch(data, source, target, source_position, target_position)
        fresh = _as_beads(data, old, beads, source, target, next_positions, new_ids, now)
        kept = set(old) & set(fresh)
        removed.extend(bead for bead in old if bead not in kept)
        added.extend(bead for bead in fresh if bead not in kept)
        if progress is not None:
            progress(number + 1, len(gaps))
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


def _align_stretch(
    data: RealignInput, source: list[int], target: list[int], source_position: dict[int, int], target_position: dict[int, int]
) -> list[tuple[range, range, float]]:
    s0 = source_position[source[0]] if source else 0
    t0 = target_position[target[0]] if target else 0
    s1, t1 = s0 + len(source), t0 + len(target)
    both_sides = bool(source and target)  # else align() makes null beads and needs no vectors
    semantics = data.semantics.slice((s0, s1), (t0, t1)) if data.semantics is not None and both_sides else None
    result = align(data.source.slice(s0, s1), data.target.slice(t0, t1), semantics=semantics)
    return [(bead.source, bead.target, bead.score) for bead in result]


def _as_beads(
    data: RealignInput,
    gap: Sequence[Bead],
    beads: list[tuple[range, range, float]],
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
