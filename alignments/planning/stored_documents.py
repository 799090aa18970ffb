"""A stored document read back as corpus/ describes one: its text, sentences and
interpolations, with the sentence rows (id, span) they came from; and what a stored pair's
coverage warning needs of its two documents."""

from __future__ import annotations

from alignments.store.project_store import ProjectStore
from alignments.store.records import DocumentInfo, PairInfo
from corpus.bare_text import needing_no_counterpart
from corpus.documents import AnalysedDocument, Document
from corpus.spans import Span


def stored_document(store: ProjectStore, info: DocumentInfo) -> tuple[AnalysedDocument, list[tuple[int, Span]]]:
    """The document *info* names, analysed as stored, and its sentence rows."""
    rows = store.sentence_spans(info.id)
    document = Document(store.text(info.id), info.lang, info.title, info.origin_path)
    return AnalysedDocument(document, tuple(span for _, span in rows), tuple(store.interpolations(info.id))), rows


def pair_documents(store: ProjectStore, pair: PairInfo) -> tuple[AnalysedDocument, AnalysedDocument]:
    """The source and target document of *pair*, analysed as stored."""
    return stored_document(store, pair.source)[0], stored_document(store, pair.target)[0]


def sentences_needing_no_counterpart(store: ProjectStore, pair: PairInfo) -> tuple[frozenset[int], frozenset[int]]:
    """Per side of *pair*, the positions of the sentences a translation need not carry (wholly
    notes, junk lines: corpus/bare_text.py), which coverage does not count as left out."""
    source, target = pair_documents(store, pair)
    return needing_no_counterpart(source), needing_no_counterpart(target)
