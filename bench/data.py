"""Gold data for benchmarks: the shared sets (../shared/data/gold) and long pairs made by
repeating them, with their gold ladders repeated alongside."""

from __future__ import annotations

from pathlib import Path

from alignments.ladder.notation import Link, parse_ladder

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold"
SETS = {"textberg_dev": ("de", "fr"), "parice": ("en", "is")}
# Written for the project (bench/data/README.md) and measured beside the shared sets' rows: a
# literary Chinese story and its English translation, which splits its long sentences.
OWN = Path(__file__).resolve().parent / "data"
OWN_SETS = {"zh_en_story": ("zh", "en")}
Document = tuple[list[str], list[str], list[Link]]


def languages(name: str) -> tuple[str, str]:
    """The source and target language of a gold set, shared or our own."""
    return {**SETS, **OWN_SETS}[name]


def gold_documents(name: str) -> list[Document]:
    """(source lines, target lines, gold links) per document of a gold set."""
    source_lang, target_lang = languages(name)
    folder = (OWN if name in OWN_SETS else GOLD) / name
    return [
        (
            (folder / source_lang / doc.name).read_text("utf-8").splitlines(),
            (folder / target_lang / doc.name).read_text("utf-8").splitlines(),
            parse_ladder(doc.read_text("utf-8")),
        )
        for doc in sorted((folder / "gold").iterdir())
    ]


def repeated_pair(sentences: int, name: str = "parice") -> Document:
    """A long pair: a gold set's documents repeated until the source has about *sentences*
    lines (whole documents only, so that the gold ladder stays exact)."""
    source: list[str] = []
    target: list[str] = []
    gold: list[Link] = []
    documents = gold_documents(name)
    while len(source) < sentences:
        for src, tgt, links in documents:
            offset_s, offset_t = len(source), len(target)
            gold += [(tuple(i + offset_s for i in s), tuple(j + offset_t for j in t)) for s, t in links]
            source += src
            target += tgt
            if len(source) >= sentences:
                break
    return source, target, gold


def distinct_repeated_pair(sentences: int, name: str = "parice") -> Document:
    """`repeated_pair`, with each copy's lines (on both sides) opened by a short word of its
    own ("Bab", "Bac", …: too short to be an anchor), so no sentence repeats and a vector
    cache finds nothing to reuse: the cost of a book of distinct sentences."""
    source, target, gold = repeated_pair(sentences, name)
    per_copy = sum(len(src) for src, _, _ in gold_documents(name))
    per_copy_target = sum(len(tgt) for _, tgt, _ in gold_documents(name))
    return (
        [f"{_copy_word(k // per_copy)} {line}" for k, line in enumerate(source)],
        [f"{_copy_word(k // per_copy_target)} {line}" for k, line in enumerate(target)],
        gold,
    )


def _copy_word(copy: int) -> str:
    letters = "bcdfghjklmnprstvz"
    return f"{letters[copy // len(letters)].upper()}a{letters[copy % len(letters)]}"
