"""Where the pairs of `workbench batch` run: a process pool on this machine (the default), or
Dask distributed, on a cluster whose scheduler address is given or on a `LocalCluster` started
for the run. Either way each job reads its own inputs and its outcome comes back to the parent
as soon as it is done, tagged with the job's position. A worker that dies fails its pairs (the
pool cannot go on without it; Dask retries the pair on another worker first).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from corpus.errors import UserError
from workbench.batch_job import PairJob, PairOutcome, failed, run_job

LOCAL = "local"
WORKER_DIED = "the worker process died (killed, or out of memory); run the batch again to resume"
Finished = tuple[int, PairOutcome]


class RunnerError(UserError):
    """The jobs cannot be run at all (no Dask, no scheduler there); the message says why."""


def pool_results(jobs: Sequence[PairJob], workers: int) -> Iterator[Finished]:
    """Run *jobs* on a pool of *workers* processes; (position, outcome) as each finishes."""
    pool = ProcessPoolExecutor(workers, _pool_context(), initializer=_quit_on_interrupt)
    futures = {pool.submit(run_job, job): index for index, job in enumerate(jobs)}
    try:
        for future in as_completed(futures):
            index = futures[future]
            yield index, _pool_outcome(future, jobs[index])
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _pool_context() -> multiprocessing.context.BaseContext:
    """Forkserver where there is one: its server imports the aligner once, so each worker forks
    ready to run (about a second less per worker, and per pool after the first); spawn elsewhere."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([run_job.__module__])
    return context


def _pool_outcome(future: Future[PairOutcome], job: PairJob) -> PairOutcome:
    try:
        return future.result()
    except BrokenProcessPool:
        return failed(job, WORKER_DIED)
    except Exception as error:  # what run_job cannot catch: its result could not travel back
        return failed(job, f"internal error ({type(error).__name__}: {error})")


def _quit_on_interrupt() -> None:
    """Ctrl+C reaches the workers too: they end at once and quietly; the parent reports."""
    signal.signal(signal.SIGINT, lambda _signal, _frame: os._exit(1))


def dask_results(jobs: Sequence[PairJob], scheduler: str, workers: int) -> Iterator[Finished]:
    """Run *jobs* as Dask tasks on the cluster at *scheduler* (or, for `local`, on a
    LocalCluster of *workers* single-threaded processes on loopback)."""
    distributed = _distributed()
    if not jobs:
        return
    with _client(distributed, scheduler, workers) as client:
        futures = client.map(run_job, jobs, pure=False)
        positions = {future.key: index for index, future in enumerate(futures)}
        # results are fetched as they finish, not one round trip per pair
        for future, result in distributed.as_completed(futures, with_results=True, raise_errors=False):
            index = positions[future.key]
            yield index, _dask_outcome(future.status, result, jobs[index])
            future.release()


def _dask_outcome(status: str, result: Any, job: PairJob) -> PairOutcome:
    """The task's outcome; for a task that raised, *result* is (type, error, traceback)."""
    if status != "error":
        outcome: PairOutcome = result
        return outcome
    error = result[1]
    if type(error).__name__ == "KilledWorker":
        return failed(job, WORKER_DIED)
    return failed(job, f"internal error ({type(error).__name__}: {error})")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise RunnerError(
            "--scheduler needs Dask distributed: pip install 'translation-workbench[cluster]'."
        ) from None
    return distributed


@contextmanager
def _client(distributed: Any, scheduler: str, workers: int) -> Iterator[Any]:
    if scheduler == LOCAL:
        import dask

        # Dask's workers hand freed memory back to the system at once (MALLOC_TRIM_THRESHOLD_),
        # which slowed the aligner's many short-lived arrays by a quarter to a third: not ours
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,  # loopback, any free port
            )
        with cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise RunnerError(f"No Dask scheduler answers at {scheduler} ({error}).") from None
    with client:
        yield client
