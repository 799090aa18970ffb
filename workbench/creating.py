"""`workbench new`: a project (or one more pair of an existing one) from a source text and its
translation. A new project is built under a temporary name and put in place once complete."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from alignments.aligner.encoder_choice import Encoder
from alignments.planning.known_runs import project_known_runs
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.store.new_file import new_project_file
from alignments.store.project_file import check_new_project
from alignments.store.project_store import ProjectStore
from alignments.store.vector_cache import ProjectVectorCache
from corpus.documents import AnalysedDocument
from corpus.reading import BadBytes
from workbench.reports import mismatch_warning, pair_summary

Progress = Callable[[str], AbstractContextManager[Callable[[int, int], None] | None]]


@dataclass(frozen=True)
class Created:
    """What `workbench new` (also `pairs`, `realign`) reports of a pair: its summary line, and a
    warning if its texts hardly match, one covers only part of the other, or sentence lengths
    alone placed its beads."""

    summary: str
    warning: str | None

    @classmethod
    def of(cls, store: ProjectStore, pair_id: int) -> Created:
        return cls(pair_summary(store, pair_id), mismatch_warning(store, pair_id))


@dataclass(frozen=True)
class NewPair:
    source: Path
    target: Path
    source_lang: str | None
    target_lang: str | None
    aligned: bool
    method: Method
    bad_bytes: BadBytes = BadBytes.REFUSE
    segmented: bool = False  # the files hold one sentence a line
    encoder: Encoder = Encoder.AUTO  # of the embedding method

    def load(self, store: ProjectStore | None) -> tuple[AnalysedDocument, AnalysedDocument]:
        rules = store.rules if store is not None else None
        return load_pair(
            self.source, self.target, self.source_lang, self.target_lang, self.segmented, rules=rules,
            bad_bytes=self.bad_bytes,
        )

    def align_and_store(
        self, store: ProjectStore, documents: tuple[AnalysedDocument, AnalysedDocument], progress: Progress
    ) -> int:
        """Align the texts into a new pair of *store*; return its id."""
        languages = documents[0].document.lang, documents[1].document.lang
        learns = self.aligned and self.method == Method.DEFAULT  # what the project's other pairs teach
        known = project_known_runs(store, languages) if learns else ()
        with progress(aligning_label(len(known))) as report:
            draft = draft_pair(
                *documents, self.aligned, report, None, self.method, cache=ProjectVectorCache(store), encoder=self.encoder,
                known=known,
            )
        return store.add_drafted_pair(draft)


def aligning_label(known: int) -> str:
    """The progress line's label while a pair aligns, saying how many beads of the project's
    other pairs teach the aligner (alignments/planning/known_runs.py), if any."""
    return f"Aligning with {known:,} beads the project's other pairs teach" if known else "Aligning"


def new_project(project: Path, texts: NewPair, progress: Progress) -> Created:
    """Build the project under a temporary name and put it in place once complete, so that an
    interrupted run leaves nothing half made behind."""
    check_new_project(project)
    documents = texts.load(None)
    with new_project_file(project) as store:
        return Created.of(store, texts.align_and_store(store, documents, progress))


def add_pair(project: Path, texts: NewPair, progress: Progress) -> Created:
    """Add the texts as a pair to an existing project, read with the project's own rules."""
    with ProjectStore.open(project) as store:
        return Created.of(store, texts.align_and_store(store, texts.load(store), progress))


