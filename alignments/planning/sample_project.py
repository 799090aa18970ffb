"""The bundled sample project: every pair in corpus/samples, aligned, in one project file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from alignments.ladder.drafts import LadderRows, PairDraft
from alignments.ladder.notation import parse_ladder
from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.new_file import new_project_file
from alignments.store.project_file import (
    ProjectError,
    ProjectLockedError,
    remove_project_files,
)
from alignments.store.project_store import ProjectStore
from corpus.documents import AnalysedDocument
from corpus.samples import SAMPLE_PAIRS, SAMPLES_VERSION, SamplePair

IMPORTED = "imported"


def sample_project_path(directory: Path) -> Path:
    return directory / f"sample-v{SAMPLES_VERSION}.wbproj"


def ensure_sample_project(directory: Path) -> Path:
    """The sample project in *directory*, built there first if missing or unreadable."""
    path = sample_project_path(directory)
    if path.exists():
        try:
            ProjectStore.open(path).close()
            return path
        except ProjectLockedError:
            return path  # open in another window: opening it here says so
        except ProjectError:
            remove_project_files(path)
    directory.mkdir(parents=True, exist_ok=True)
    build_sample_project(path)
    return path


def _titled(analysed: AnalysedDocument, title: str) -> AnalysedDocument:
    return replace(analysed, document=replace(analysed.document, title=title))


def build_sample_project(path: Path) -> None:
    """Write the sample project to *path* (under a temporary name until complete). Samples with
    one source file share its document (several translations of one source)."""
    with new_project_file(path, replacing=True) as store:
        for sample in SAMPLE_PAIRS:
            source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
            source, target = _titled(source, sample.source_title), _titled(target, sample.target_title)
            draft = draft_pair(source, target) if sample.aligned else PairDraft(source, target, gold_ladder(sample), IMPORTED)
            store.add_drafted_pair(draft)


def gold_ladder(sample: SamplePair) -> LadderRows:
    """A sample's hand-made gold ladder as index ranges, every bead with full confidence."""
    assert sample.gold_path is not None
    return [
        (range(src[0], src[-1] + 1) if src else range(0), range(tgt[0], tgt[-1] + 1) if tgt else range(0), 1.0)
        for src, tgt in parse_ladder(sample.gold_path.read_text("utf-8"))
    ]
