"""Whether the default method placed a pair's beads by sentence lengths alone, and the warning
that says so. Two texts that share hardly a name or a number (Chinese and English literary
prose, say) give the default method nothing but lengths, and lengths cannot tell an excerpt or a
free translation from a close one: a Chinese story's translation that stops at 40 % came out
with every bead wrong and most of them flagged (bench/README.md, "A literary Chinese story").
The embedding method reads what the sentences say. The check reads the documents again only for
a ladder most of whose beads are flagged, which is rare.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from alignments.aligner.align import ALIGNER_NAME, shared_anchor_links
from alignments.aligner.chain import RATIO_LINKS
from alignments.aligner.encoder_choice import embedder_in
from alignments.planning.new_pair import features
from corpus.documents import AnalysedDocument

UNSURE_SHARE = 0.5  # at least this share of the beads that pair sentences flagged
LENGTHS_ALONE = (
    "the two texts share hardly a name or a number, and most beads are unsure: the default method placed them by"
    " sentence lengths alone, which cannot tell an excerpt or a free translation from a close one; the embedding"
    " method reads what the sentences say"
)
LENGTHS_ALONE_WARNING = f"Warning: {LENGTHS_ALONE}."

Bead = tuple[bool, bool]  # whether a bead pairs sentences of both sides, whether it is flagged


class LengthsAlone:
    """Whether lengths alone placed the beads of one pair: made by the default method (*makers*:
    the beads' provenances), most of those that pair sentences flagged (asked again as the beads
    change), and fewer anchor links in the two *documents* than the aligner needs to measure
    anything but lengths (read once, only when the rest holds)."""

    def __init__(self, makers: set[str], documents: Callable[[], tuple[AnalysedDocument, AnalysedDocument]]) -> None:
        self.by_default_method = any(made.startswith(ALIGNER_NAME) for made in makers) and not any(map(embedder_in, makers))
        self._documents = documents
        self._anchorless: bool | None = None

    def holds(self, beads: Sequence[Bead]) -> bool:
        if not self.by_default_method:
            return False
        paired = [flagged for pairs, flagged in beads if pairs]
        if not paired or sum(paired) < UNSURE_SHARE * len(paired):
            return False
        if self._anchorless is None:
            source, target = self._documents()
            self._anchorless = shared_anchor_links(features(source), features(target)) < RATIO_LINKS
        return self._anchorless


def joined_warnings(*warnings: str | None) -> str | None:
    """The warnings given, one after the other; None if none is."""
    return " ".join(warning for warning in warnings if warning is not None) or None
