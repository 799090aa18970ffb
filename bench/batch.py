"""`workbench batch` throughput: 1,000 pairs of about 100 sentences (cut from the gold sets at
gold bead boundaries, so every piece is a true pair), exported to CSV with 1 and 2 pool workers
and on a 2-worker Dask LocalCluster; pairs/s, the speed-up, and what Dask costs per pair over
the pool (its cluster's start-up measured apart)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from alignments.planning.batch import BatchSettings, read_manifest
from bench.data import GOLD, repeated_pair
from workbench.batch import BatchRequest, run_batch
from workbench.batch_runners import dask_results, pool_results

PAIRS, SENTENCES = 1000, 100


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
    n = len(pairs)
    print(
        f"batch {n} pairs of {sentences:.0f} source sentences (CSV): 1 worker {n / one:.1f} pairs/s,"
        f" 2 workers {n / two:.1f} pairs/s (speed-up {one / two:.2f}); Dask LocalCluster, 2 workers"
        f" {n / dask:.1f} pairs/s, {dask:.1f} s of which {start:.1f} s cluster start-up:"
        f" {(dask - start - two) * 1000 / n:+.1f} ms per pair against the pool"
    )


if __name__ == "__main__":
    main()
