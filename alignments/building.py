"""From two texts to a stored, aligned pair: read and analyse both sides, align them, write
everything in one transaction. The long part (`draft_pair`) works on plain values, reports
progress and can be cancelled, so a GUI can run it off the main thread and store the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from alignments.anchors import anchor_tokens, is_junk, punctuation_flags
from alignments.aligner import ALIGNER_NAME, ALIGNER_VERSION, CancelCheck, ProgressCallback, SideFeatures, align
from alignments.store import ProjectStore
from corpus.documents import AnalysedDocument, analyse, analyse_lines, load_document
from corpus.reading import TextFileError
from corpus.segmentation import paragraph_starts
from corpus.spans import NOTE_PUNCTUATION, Interpolation, Span, strip_spans

SEQUENTIAL = "sequential"
LadderRows = list[tuple[range, range, float | None]]


@dataclass(frozen=True)
class PairDraft:
    """Two analysed documents and the ladder proposed for them, not yet stored."""

    source: AnalysedDocument
    target: AnalysedDocument
    ladder: LadderRows
    provenance: str


def load_pair(
    source_path: Path | str,
    target_path: Path | str,
    source_lang: str | None = None,
    target_lang: str | None = None,
    segmented: bool = False,
) -> tuple[AnalysedDocument, AnalysedDocument]:
    """Read and analyse both files; refuse the same file twice."""
    source_path, target_path = Path(source_path), Path(target_path)
    if source_path.exists() and target_path.exists() and source_path.samefile(target_path):
        raise TextFileError(f"{source_path} is given as both the source and the translation.")
    prepare = analyse_lines if segmented else analyse
    source = prepare(load_document(source_path, source_lang))
    target = prepare(load_document(target_path, target_lang))
    return source, target


def draft_pair(
    source: AnalysedDocument,
    target: AnalysedDocument,
    aligned: bool = True,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> PairDraft:
    """Align the two documents (or pair their sentences in order when *aligned* is False)."""
    if not aligned:
        return PairDraft(source, target, sequential_ladder(len(source.sentences), len(target.sentences)), SEQUENTIAL)
    beads = align(features(source), features(target), progress, should_cancel)
    ladder: LadderRows = [(bead.source, bead.target, bead.score) for bead in beads]
    return PairDraft(source, target, ladder, f"{ALIGNER_NAME} {ALIGNER_VERSION}")


def sequential_ladder(source_count: int, target_count: int) -> LadderRows:
    """Sentence k with sentence k; what one side has more stands alone."""
    common = min(source_count, target_count)
    ladder: LadderRows = [(range(k, k + 1), range(k, k + 1), None) for k in range(common)]
    ladder += [(range(k, k + 1), range(target_count, target_count), None) for k in range(common, source_count)]
    ladder += [(range(source_count, source_count), range(k, k + 1), None) for k in range(common, target_count)]
    return ladder


def features(analysed: AnalysedDocument) -> SideFeatures:
    """What the aligner sees of a document: lengths without interpolations, paragraphs, notes."""
    text = analysed.document.text
    notes = analysed.interpolations
    lengths: list[int] = []
    notes_only: list[bool] = []
    anchors: list[tuple[str, ...]] = []
    punctuation: list[int] = []
    junk: list[bool] = []
    first_note = 0
    for sentence in analysed.sentences:
        while first_note < len(notes) and notes[first_note].end <= sentence.start:
            first_note += 1
        inside = _notes_within(sentence, notes, first_note)
        remaining = strip_spans(sentence.text_of(text), inside) if inside else sentence.text_of(text)
        lengths.append(len(remaining))
        notes_only.append(bool(inside) and not remaining.strip(NOTE_PUNCTUATION))
        anchors.append(anchor_tokens(remaining))
        punctuation.append(punctuation_flags(remaining))
        junk.append(is_junk(remaining))
    starts = paragraph_starts(text, analysed.sentences)
    return SideFeatures.of(lengths, starts, notes_only, anchors, punctuation, junk)


def _notes_within(sentence: Span, notes: Sequence[Interpolation], first: int) -> list[Span]:
    """The notes wholly inside *sentence* (from sorted *notes*, starting at index *first*),
    as spans relative to the sentence."""
    inside: list[Span] = []
    for index in range(first, len(notes)):
        note = notes[index]
        if note.start >= sentence.end:
            break
        if sentence.contains(note.span):
            inside.append(Span(note.start - sentence.start, note.end - sentence.start))
    return inside


def store_pair(store: ProjectStore, draft: PairDraft) -> int:
    """Write both documents and the pair with its ladder in one transaction; return the pair id."""
    with store.transaction():
        source_id = store.add_document(draft.source)
        target_id = store.add_document(draft.target)
        return store.add_pair(source_id, target_id, draft.ladder, draft.provenance)


def ladder_indices(store: ProjectStore, pair_id: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """A pair's ladder as 0-based sentence positions per side (the vecalign notation)."""
    pair = store.pair(pair_id)
    source_index = {sid: k for k, sid in enumerate(store.sentence_ids(pair.source.id))}
    target_index = {tid: k for k, tid in enumerate(store.sentence_ids(pair.target.id))}
    return [
        (tuple(source_index[s] for s in bead.source_ids), tuple(target_index[t] for t in bead.target_ids))
        for bead in store.ladder(pair_id)
    ]

