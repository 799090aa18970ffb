"""A stored document read back as corpus/ describes one: its text, sentences and
interpolations, with the sentence rows (id, span) they came from."""

from __future__ import annotations

from alignments.store.project_store import ProjectStore
from alignments.store.records import DocumentInfo
from corpus.documents import AnalysedDocument, Document
from corpus.spans import Span


def stored_document(store: ProjectStore, info: DocumentInfo) -> tuple[AnalysedDocument, list[tuple[int, Span]]]:
    """The document *info* names, analysed as stored, and its sentence rows."""
    rows = store.sentence_spans(info.id)
    document = Document(store.text(info.id), info.lang, info.title, info.origin_path)
    return AnalysedDocument(document, tuple(span for _, span in rows), tuple(store.interpolations(info.id))), rows
