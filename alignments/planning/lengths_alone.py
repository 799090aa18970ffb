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
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.ladder.drafts import PairDraft
from alignments.planning.new_pair import features
from corpus.documents import AnalysedDocument

UNSURE_SHARE = 0.5  # at least this share of the beads that pair sentences flagged
LENGTHS_ALONE_WARNING = (
    "Warning: the two texts share hardly a name or a number, and most beads are unsure: the default method placed"
    " them by sentence lengths alone, which cannot tell an excerpt or a free translation from a close one;"
    " the embedding method reads what the sentences say."
)

Bead = tuple[bool, bool]  # whether a bead pairs sentences of both sides, whether it is flagged


def placed_by_lengths_alone(
    beads: Sequence[Bead], provenances: set[str], documents: Callable[[], tuple[AnalysedDocument, AnalysedDocument]]
) -> bool:
    """Whether the default method made these beads (*provenances*: their makers) and flagged
    most of those that pair sentences, with fewer anchor links in the two *documents* (read
    only then) than it needs to measure anything but lengths."""
    if not any(made.startswith(ALIGNER_NAME) for made in provenances) or any(map(embedder_in, provenances)):
        return False
    paired = [flagged for pairs, flagged in beads if pairs]
    if not paired or sum(paired) < UNSURE_SHARE * len(paired):
        return False
    source, target = documents()
    return shared_anchor_links(features(source), features(target)) < RATIO_LINKS


def draft_warning(draft: PairDraft) -> str | None:
    """What to tell of a pair just aligned: that lengths alone placed its beads, and what its
    ladder says of coverage (`PairDraft.coverage_warning`); None if neither."""
    beads = [(bool(len(source) and len(target)), score is None or score < LOW_CONFIDENCE) for source, target, score in draft.ladder]
    alone = placed_by_lengths_alone(beads, {draft.provenance}, lambda: (draft.source, draft.target))
    return joined_warnings(LENGTHS_ALONE_WARNING if alone else None, draft.coverage_warning())


def joined_warnings(*warnings: str | None) -> str | None:
    """The warnings given, one after the other; None if none is."""
    return " ".join(warning for warning in warnings if warning is not None) or None
