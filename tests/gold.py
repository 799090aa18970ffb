"""Projects built from the bundled gold ladders (corpus/samples/*.gold.ladder), so that a test
depends on the sample texts and their hand-made alignment, never on what the aligner makes of
them. No Qt: headless tests use this module too.

The gold files carry no scores; the drafts here give each 1:1 bead SURE and every other bead
UNSURE (below the flagging threshold), so which beads are flagged follows from the gold ladder.
"""

from __future__ import annotations

from pathlib import Path

from alignments.ladder.drafts import LadderRows, PairDraft
from alignments.ladder.notation import Link, parse_ladder
from alignments.planning.new_pair import load_pair
from alignments.store.project_store import ProjectStore
from corpus.samples import SAMPLE_PAIRS, SamplePair

LETTER, APPEAL, SECOND_LETTER = SAMPLE_PAIRS  # SECOND_LETTER: another translation of LETTER's source
GOLD = "gold"  # provenance of the beads read from a gold ladder
SURE, UNSURE = 0.9, 0.3


def gold_links(sample: SamplePair) -> list[Link]:
    assert sample.gold_path is not None
    return parse_ladder(sample.gold_path.read_text("utf-8"))


def is_one_to_one(link: Link) -> bool:
    return len(link[0]) == len(link[1]) == 1


def flagged_rows(sample: SamplePair) -> list[int]:
    """The ladder rows a gold project flags: every bead that is not 1:1."""
    return [row for row, link in enumerate(gold_links(sample)) if not is_one_to_one(link)]


def unaligned_sentences(sample: SamplePair) -> int:
    """Sentences the gold ladder leaves without counterpart."""
    return sum(len(s) + len(t) for s, t in gold_links(sample) if not s or not t)


def gold_rows(sample: SamplePair) -> LadderRows:
    """The gold ladder as index ranges into each side, scored SURE (1:1) or UNSURE."""
    rows: LadderRows = []
    source = target = 0
    for link in gold_links(sample):
        src, tgt = range(source, source + len(link[0])), range(target, target + len(link[1]))
        assert (tuple(src), tuple(tgt)) == link, f"{sample.gold}: {link} does not follow on"
        rows.append((src, tgt, SURE if is_one_to_one(link) else UNSURE))
        source, target = src.stop, tgt.stop
    return rows


def gold_draft(sample: SamplePair) -> PairDraft:
    source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
    return PairDraft(source, target, gold_rows(sample), GOLD)


def add_gold_pair(store: ProjectStore, sample: SamplePair) -> int:
    return store.add_drafted_pair(gold_draft(sample))


def gold_project(path: Path, samples: tuple[SamplePair, ...] = SAMPLE_PAIRS) -> Path:
    """A closed project file at *path* holding *samples* (default: every sample pair, as the
    bundled sample project does), each aligned as its gold ladder says."""
    store = ProjectStore.create(path)
    for sample in samples:
        add_gold_pair(store, sample)
    store.close()
    return path
