"""What a project's other pairs teach the default aligner about one more pair in the same two
languages: the anchors (aligner/anchors.py) of the sentence runs their beads pair, where the
user confirmed the bead or the aligner was sure of it. The aligner learns word translations
from them (aligner/lexicon.py) from its first pass on, which a short document cannot teach it
alone (ParIce's documents: bench/README.md, "A project's lexicon")."""

from __future__ import annotations

import functools
import itertools

from alignments.aligner.anchor_similarity import KnownRuns
from alignments.aligner.anchors import anchor_tokens
from alignments.ladder.beads import LOW_CONFIDENCE, Bead
from alignments.store.project_store import ProjectStore
from corpus.languages import UNDETERMINED

# Runs read at most (the pairs in the order they were added): IBM Model 1 over them runs in
# every lexical pass, and a few thousand sentence pairs teach the frequent words
KNOWN_RUNS_LIMIT = 2_000
Run = tuple[tuple[str, ...], tuple[str, ...]]  # a known run's source and target anchors


def project_known_runs(store: ProjectStore, languages: tuple[str, str], leaving_out: int | None = None) -> KnownRuns:
    """The runs of *store*'s pairs written in *languages* (source, target), but pair
    *leaving_out*, that are known to translate each other."""
    return known_runs_by_languages(store, leaving_out, {languages}).get(languages, [])


def known_runs_by_languages(
    store: ProjectStore, leaving_out: int | None = None, only: set[tuple[str, str]] | None = None
) -> dict[tuple[str, str], list[Run]]:
    """`project_known_runs` for every pair of languages of *store*'s pairs (or those in *only*);
    none for a text whose language could not be told ("und": two such pairs may be in different
    languages)."""
    runs: dict[tuple[str, str], list[Run]] = {}
    for pair in store.pairs():
        languages = pair.source.lang, pair.target.lang
        if pair.id == leaving_out or (only is not None and languages not in only) or UNDETERMINED in languages:
            continue
        known = runs.setdefault(languages, [])
        if len(known) < KNOWN_RUNS_LIMIT:
            known += _pair_runs(store, pair.id, KNOWN_RUNS_LIMIT - len(known))
    return runs


# A run's anchors by its text: re-aligning a project's pairs one after the other reads mostly the
# same known runs for each (two thirds of the reading was finding their anchors again)
_run_anchors = functools.lru_cache(maxsize=4 * KNOWN_RUNS_LIMIT)(anchor_tokens)


def _pair_runs(store: ProjectStore, pair_id: int, limit: int) -> list[Run]:
    """The runs of the first *limit* known beads of a pair, read sentence by sentence (without
    their interpolations), not the whole documents."""
    beads = list(itertools.islice(filter(_known, store.ladder(pair_id)), limit))
    views = store.sentence_views([sid for bead in beads for sid in (*bead.source_ids, *bead.target_ids)])
    return [
        (
            _run_anchors(" ".join(views[sid].without_notes() for sid in bead.source_ids)),
            _run_anchors(" ".join(views[sid].without_notes() for sid in bead.target_ids)),
        )
        for bead in beads
    ]


def _known(bead: Bead) -> bool:
    """A bead with both sides that the user confirmed or the aligner was sure of."""
    sure = bead.score is not None and bead.score >= LOW_CONFIDENCE
    return bool(bead.source_ids and bead.target_ids) and (bead.is_confirmed or sure)
