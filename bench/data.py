"""Gold data for benchmarks: the shared sets (../shared/data/gold) and long pairs made by
repeating them."""

from __future__ import annotations

from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold"
SETS = {"textberg_dev": ("de", "fr"), "parice": ("en", "is")}


def gold_documents(name: str) -> list[tuple[list[str], list[str], str]]:
    """(source lines, target lines, gold ladder text) per document of a gold set."""
    source_lang, target_lang = SETS[name]
    folder = GOLD / name
    return [
        (
            (folder / source_lang / doc.name).read_text("utf-8").splitlines(),
            (folder / target_lang / doc.name).read_text("utf-8").splitlines(),
            doc.read_text("utf-8"),
        )
        for doc in sorted((folder / "gold").iterdir())
    ]


def repeated_pair(sentences: int) -> tuple[list[str], list[str]]:
    """A long pair: the parice documents repeated until the source has *sentences* lines."""
    source: list[str] = []
    target: list[str] = []
    while len(source) < sentences:
        for src, tgt, _ in gold_documents("parice"):
            source += src
            target += tgt
    ratio = len(target) / len(source)
    return source[:sentences], target[: int(sentences * ratio)]
