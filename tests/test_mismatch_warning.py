"""The warning `workbench new` prints for a stored pair (workbench/reports.py): a translation
that leaves out sentences here and there is told apart from one whose extra sentences are
editors' notes and junk lines, which need no counterpart; `workbench pairs` gives it for every
pair of a project (one made by `batch --project`, say). Pairs are stored with hand-made ladders,
never the aligner's."""

from __future__ import annotations

from pathlib import Path

from alignments.ladder.drafts import LadderRows, PairDraft
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
