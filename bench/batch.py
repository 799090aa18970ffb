"""`workbench batch` throughput: 1,000 pairs of about 100 sentences (cut from the gold sets at
gold bead boundaries, so every piece is a true pair), exported to CSV with 1 and 2 pool workers
and on a 2-worker Dask LocalCluster; pairs/s, the speed-up, and what Dask costs per pair over
the pool (its cluster's start-up measured apart). And a corpus that learns: REALIGNED of those
pairs put into one project (`batch --project`), then every pair re-aligned with what the
project's other pairs teach (`workbench realign`), in pairs/s."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from alignments.planning.align_the_rest import RealignInput, plan_realignment
from alignments.planning.batch import BatchSettings, read_manifest
from alignments.store.project_store import ProjectStore
from bench.data import GOLD, repeated_pair
from workbench.batch import BatchRequest, run_batch
from workbench.batch_runners import dask_results, pool_results

PAIRS, SENTENCES = 1000, 100
REALIGNED = 60  # pairs of the corpus re-aligned: enough that each learns from 2,000 known runs


def pieces(count: int = PAIRS, size: int = SENTENCES) -> list[tuple[list[str], list[str]]]:
    """*count* pairs of about *size* source sentences, half from each gold set."""
    half = count // 2
    return _cut("textberg_dev", half, size) + _cut("parice", count - half, size)


def _cut(name: str, count: int, size: int) -> list[tuple[list[str], list[str]]]:
    """A gold set repeated, cut after the first gold bead that reaches *size* source sentences."""
    source, target, gold = repeated_pair((count + 1) * size, name)
    result: list[tuple[list[str], list[str]]] = []
    start_s = start_t = end_s = end_t = 0
    for source_ids, target_ids in gold:
        end_s = max([end_s, *(i + 1 for i in source_ids)])
        end_t = max([end_t, *(j + 1 for j in target_ids)])
        if end_s - start_s >= size:
            result.append((source[start_s:end_s], target[start_t:end_t]))
            start_s, start_t = end_s, end_t
            if len(result) == count:
                break
    return result


def write_manifest(folder: Path, pairs: list[tuple[list[str], list[str]]]) -> Path:
    lines = []
    for k, (source, target) in enumerate(pairs):
        (folder / f"{k}.src").write_text("\n".join(source) + "\n", "utf-8")
        (folder / f"{k}.tgt").write_text("\n".join(target) + "\n", "utf-8")
        lines.append(f"{k}.src\t{k}.tgt\tpair-{k}\n")
    manifest = folder / "manifest.tsv"
    manifest.write_text("".join(lines), "utf-8")
    return manifest


def timed_batch(manifest: Path, out: Path, runner_name: str, workers: int) -> float:
    request = BatchRequest(read_manifest(manifest.read_text("utf-8"), manifest.parent), out, BatchSettings(segmented=True))
    if runner_name == "pool":
        runner = lambda jobs: pool_results(jobs, workers)  # noqa: E731
    else:
        runner = lambda jobs: dask_results(jobs, "local", workers)  # noqa: E731
    start = time.perf_counter()
    result = run_batch(request, runner)
    seconds = time.perf_counter() - start
    assert result.failed == 0 and result.aligned == len(request.entries), result.summary(out)
    return seconds


def timed_realign(manifest: Path, project: Path) -> tuple[int, float, int]:
    """Every pair of *manifest* put into *project* by the batch, then re-aligned as `workbench
    realign` does: how many pairs, the seconds re-aligning took, and the known runs the last
    pair learnt from."""
    entries = read_manifest(manifest.read_text("utf-8"), manifest.parent)
    request = BatchRequest(entries, project.parent / "out", BatchSettings(segmented=True), None, project)
    result = run_batch(request, lambda jobs: pool_results(jobs, 2))
    assert result.failed == 0 and result.aligned == len(entries), result.summary(project)
    with ProjectStore.open(project) as store:
        start = time.perf_counter()
        known = 0
        for pair in store.pairs():
            data = RealignInput.gather(store, pair.id)
            store.apply(plan_realignment(data))
            known = len(data.known)
        return len(store.pairs()), time.perf_counter() - start, known


def cluster_start_seconds(workers: int) -> float:
    """How long starting (and stopping) a LocalCluster of *workers* takes, with nothing to run."""
    import logging

    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster):
        pass
    return time.perf_counter() - start


def main() -> None:
    if not GOLD.is_dir():
        print(f"skipped batch benchmark: no gold data at {GOLD}")
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pairs = pieces()
        manifest = write_manifest(folder, pairs)
        sentences = sum(len(source) for source, _ in pairs) / len(pairs)
        one = timed_batch(manifest, folder / "one", "pool", 1)
        two = timed_batch(manifest, folder / "two", "pool", 2)
        dask = timed_batch(manifest, folder / "dask", "dask", 2)
        start = cluster_start_seconds(2)
        corpus = folder / "corpus"
        corpus.mkdir()
        realigned, seconds, known = timed_realign(write_manifest(corpus, pairs[:REALIGNED // 2] + pairs[-REALIGNED // 2 :]), corpus / "c.wbproj")
    n = len(pairs)
    print(
        f"batch {n} pairs of {sentences:.0f} source sentences (CSV): 1 worker {n / one:.1f} pairs/s,"
        f" 2 workers {n / two:.1f} pairs/s (speed-up {one / two:.2f}); Dask LocalCluster, 2 workers"
        f" {n / dask:.1f} pairs/s, {dask:.1f} s of which {start:.1f} s cluster start-up:"
        f" {(dask - start - two) * 1000 / n:+.1f} ms per pair against the pool"
    )
    print(
        f"a corpus that learns: {realigned} of those pairs in one project (batch --project), then realign:"
        f" {realigned / seconds:.2f} pairs/s ({seconds:.1f} s; the last pair learnt from {known:,} known runs)"
    )


if __name__ == "__main__":
    main()
