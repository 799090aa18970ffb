"""What the passes of one alignment share: the cost terms that depend neither on the length ratio
nor on what a pass learnt from the pass before. The default method aligns a short pair once
per second opinion (at moved length ratios, or with cheaper sentences without counterpart) and
once more, each time in several passes through the same band; where each bead shape starts in
the band, the cost of the anchors a bead's sides share, of its structure and of the breaks
inside it, and which differences of surface counts it holds are the same in all of them. The first pass that needs
such a term for a block of rows and a shape works it out; the others read it (the arrays and
the sums over them are those a pass would make itself, so costs and ladders are bit for bit
the same). Also the anchor similarities of the bands the passes search, made once per band.
Kept as long as one alignment: memory grows with the pair (a peak of 224 MB instead of 123 MB
at 1,000 sentences a side), which is why only short pairs keep terms. numpy only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import BandSimilarity, Tokens, band_similarity
from alignments.aligner.band import Band

Kept = TypeVar("Kept")


class BandTerms:
    """The terms kept for one band (read forwards or, for a backward pass, reversed): arrays by
    key, and the anchor similarities laid out in it."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, object] = {}
        self._similarities: list[BandSimilarity] = []

    def kept(self, key: Hashable, make: Callable[[], Kept]) -> Kept:
        """What *make* gives, made the first time *key* is asked for."""
        if key not in self._kept:
            self._kept[key] = make()
        return self._kept[key]  # type: ignore[return-value]

    def similarity_number(self, similarity: BandSimilarity) -> int | None:
        """Which of this band's similarities *similarity* is (None: one it did not make, whose
        anchor costs are not kept)."""
        return next((k for k, known in enumerate(self._similarities) if known is similarity), None)

    def similarity(self, key: Hashable, make: Callable[[], BandSimilarity]) -> BandSimilarity:
        """The similarity *key* names in this band, made once."""
        return self.kept(("similarity", key), lambda: self._registered(make()))

    def _registered(self, similarity: BandSimilarity) -> BandSimilarity:
        self._similarities.append(similarity)
        return similarity


class KeptTerms:
    """The terms of one pair's alignment, band by band (bands are told apart by their columns,
    so a run at another ratio that searches the same band finds its terms)."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self._bands: dict[tuple[bool, bytes, bytes], BandTerms] = {}

    def band(self, band: Band, reverse: bool = False) -> BandTerms:
        key = (reverse, band.lo.tobytes(), band.hi.tobytes())
        if key not in self._bands:
            self._bands[key] = BandTerms()
        return self._bands[key]

    def similarity(self, band: Band, links: NDArray[np.int64] | None, link_weight: float) -> BandSimilarity:
        """The pair's anchor similarity laid out in *band*, with *links* weighing *link_weight*
        more (`BandSimilarity.with_links`)."""

        def make() -> BandSimilarity:
            similarity = band_similarity(self.tokens.source, self.tokens.target, band)
            return similarity if links is None else similarity.with_links(links, band, link_weight)

        key = None if links is None else (links.tobytes(), link_weight)
        return self.band(band).similarity(key, make)

    def reversed_similarity(self, similarity: BandSimilarity, band: Band, reverse_band: Band) -> BandSimilarity:
        """`similarity.reversed(band, reverse_band)`, made once for a similarity of *band*'s
        (any other is reversed afresh)."""
        number = self.band(band).similarity_number(similarity)
        if number is None:
            return similarity.reversed(band, reverse_band)
        forward = (band.lo.tobytes(), band.hi.tobytes(), number)
        return self.band(reverse_band, reverse=True).similarity(forward, lambda: similarity.reversed(band, reverse_band))
