"""Align the rest on a variant, as the issue's new user does it: each document of a gold set made
into the variant, drafted with METHOD into a project, its first CONFIRMED gold beads (with
sentences on both sides) linked and confirmed by hand, then Align the rest. Reports F1 on the
rest (the gold beads not confirmed against the ladder's beads outside the confirmed ones) before
and after, how many documents lost any, and whether every confirmed bead stayed bit for bit.
With `review` the user instead fixes the first REVIEWED flagged beads that are wrong, wherever
they are, as a reviewer going through the flags does. `python -m bench.realign METHOD SET
VARIANT [DRAWS] [review]` prints one JSON line; `… speed SENTENCES` its seconds on a long pair;
without arguments, `make bench`'s lines (each method, each set, the four cut rows and the
abridged translation, draw 0; reviewed: complete, cut both sides, abridged)."""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.run_vectors import MemoryCache, VectorCache
from alignments.ladder.beads import BeadStatus
from alignments.ladder.notation import Link, score
from alignments.planning.align_the_rest import RealignInput, plan_realignment
from alignments.planning.bead_planner import Planner
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadSummary
from alignments.store.vector_cache import ProjectVectorCache
from bench.data import GOLD, SETS, gold_documents, repeated_pair
from bench.methods import available, bench_cache, keep_cache
from bench.variants import variant_documents

CONFIRMED = 7
REVIEWED = 5  # the review: the first flagged beads that are wrong, fixed
RESTS_MEASURED = ("stops at 40%", "covers 30-70%", "3 passages out", "cut both sides", "abridged")
RESTS_REVIEWED = ("complete", "cut both sides", "abridged")


class _Recording:
    """The bench's vector cache, remembering what a draft read or wrote, so that exactly those
    vectors go into the project (Align the rest reads them from there)."""

    def __init__(self, bench: VectorCache) -> None:
        self.bench = bench
        self.used: dict[str, dict[str, NDArray[np.float32]]] = {}

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        found = self.bench.get_vectors(model, keys)
        self.used.setdefault(model, {}).update(found)
        return found

    def put_vectors(self, model: str, vectors: dict[str, NDArray[np.float32]]) -> None:
        self.bench.put_vectors(model, vectors)
        self.used.setdefault(model, {}).update(vectors)


def realigned(
    method: str,
    lines: tuple[list[str], list[str]],
    gold: list[Link],
    langs: tuple[str, str],
    cache: VectorCache | None = None,
    review: bool = False,
) -> dict[str, float]:
    """One document: rest F1 before and after Align the rest, and whether the confirmed beads stayed
    bit for bit ("kept": 1.0). The user confirms the first gold beads, or with *review* fixes
    the first flagged wrong beads (`_fix_flagged`)."""
    with tempfile.TemporaryDirectory() as folder:
        store, pair_id = _drafted(Path(folder), lines, langs, Method(method), cache)
        confirmed = (_fix_flagged if review else _confirm_first)(store, pair_id, gold)
        rest = [link for link in gold if link not in confirmed]

        def rest_f1() -> float:
            return score([rest], [[link for link in store.ladder_positions(pair_id) if link not in confirmed]]).f1_strict

        before, kept = rest_f1(), [b for b in store.ladder(pair_id) if b.is_confirmed]
        store.apply(plan_realignment(RealignInput.gather(store, pair_id)))
        result = {"before": before, "after": rest_f1(), "kept": float([b for b in store.ladder(pair_id) if b.is_confirmed] == kept)}
        store.close()
    return result


def _drafted(
    folder: Path, lines: tuple[list[str], list[str]], langs: tuple[str, str], method: Method, cache: VectorCache | None = None
) -> tuple[ProjectStore, int]:
    """A project in *folder* holding the two sides (one sentence a line) drafted with *method*,
    with the sentence vectors the draft used (Align the rest reads them from the project)."""
    paths = [folder / "source.txt", folder / "target.txt"]
    for path, side in zip(paths, lines, strict=True):
        path.write_text("\n".join(side) + "\n", "utf-8")
    store = ProjectStore.create(folder / "p.wbproj")
    recording = _Recording(cache or MemoryCache())
    draft = draft_pair(*load_pair(*paths, *langs, segmented=True), method=method, cache=recording)
    for model, vectors in recording.used.items():
        ProjectVectorCache(store).put_vectors(model, vectors)
    return store, store.add_drafted_pair(draft)


def _confirm_first(store: ProjectStore, pair_id: int, gold: list[Link]) -> list[Link]:
    """Link the first CONFIRMED gold beads with sentences on both sides and confirm them."""
    return _link_and_confirm(store, pair_id, [link for link in gold if link[0] and link[1]][:CONFIRMED])


def _fix_flagged(store: ProjectStore, pair_id: int, gold: list[Link]) -> list[Link]:
    """What a reviewer does: at each of the first REVIEWED flagged beads that are wrong, link the
    first gold bead (with sentences on both sides) that shares a sentence with it, and confirm it."""
    right = set(gold)
    fixes: list[Link] = []
    for bead, link in zip(store.ladder(pair_id), store.ladder_positions(pair_id), strict=True):
        if len(fixes) == REVIEWED:
            break
        if not BeadSummary.of(bead).flagged or link in right:
            continue
        meeting = (g for g in gold if g[0] and g[1] and g not in fixes and (set(g[0]) & set(link[0]) or set(g[1]) & set(link[1])))
        fixes.extend(itertools.islice(meeting, 1))
    return _link_and_confirm(store, pair_id, fixes)


def _link_and_confirm(store: ProjectStore, pair_id: int, confirmed: list[Link]) -> list[Link]:
    """Link each of the gold beads *confirmed* and confirm them; return them."""
    if not confirmed:
        return confirmed
    pair = store.pair(pair_id)
    source_ids, target_ids = store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id)
    planner = Planner(store, pair_id)
    for src, tgt in confirmed:
        store.apply(planner.link([source_ids[i] for i in src], [target_ids[j] for j in tgt]))
    wanted = {(tuple(source_ids[i] for i in src), tuple(target_ids[j] for j in tgt)) for src, tgt in confirmed}
    store.apply(planner.set_status([b.id for b in store.ladder(pair_id) if (b.source_ids, b.target_ids) in wanted], BeadStatus.CONFIRMED))
    return confirmed


def measure(method: str, name: str, variant: str, draws: int = 1, review: bool = False) -> dict[str, object]:
    cache = bench_cache()
    results = [
        realigned(method, (source, target), gold, SETS[name], cache, review)
        for draw in range(draws)
        for source, target, gold in variant_documents(gold_documents(name), variant, draw)
    ]
    keep_cache(cache)
    return {
        "documents": len(results),
        "before": float(np.mean([r["before"] for r in results])),
        "after": float(np.mean([r["after"] for r in results])),
        "lost": sum(r["after"] < r["before"] - 1e-9 for r in results),
        "worst_loss": max(r["before"] - r["after"] for r in results),
        "confirmed_kept": all(r["kept"] for r in results),
    }


def speed(sentences: int, every: int = 50) -> dict[str, float]:
    """Seconds of Align the rest on textberg_dev repeated to *sentences* lines, drafted by the
    default method, every *every*-th bead confirmed: reading the store, then planning."""
    source, target, _ = repeated_pair(sentences, "textberg_dev")
    with tempfile.TemporaryDirectory() as folder:
        store, pair_id = _drafted(Path(folder), (source, target), SETS["textberg_dev"], Method.DEFAULT)
        ladder = store.ladder(pair_id)
        store.apply(Planner(store, pair_id).set_status([b.id for b in ladder[::every]], BeadStatus.CONFIRMED))
        started = time.perf_counter()
        data = RealignInput.gather(store, pair_id)
        gathered = time.perf_counter()
        edit = plan_realignment(data)
        planned = time.perf_counter()
        store.close()
    return {
        "source": len(source), "target": len(target), "gather_seconds": gathered - started,
        "plan_seconds": planned - gathered, "replaced": len(edit.removed), "by": len(edit.added),
    }


def main() -> None:
    """`make bench`'s lines, draw 0: each method on each set's cut rows and abridged translation
    after confirming the first beads, then on three variants after a review of the flags."""
    if not GOLD.is_dir():
        print(f"skipped Align the rest: no gold data at {GOLD}")
        return
    for review, variants, what in (
        (False, RESTS_MEASURED, f"confirming the first {CONFIRMED} gold beads"),
        (True, RESTS_REVIEWED, f"fixing the first {REVIEWED} flagged wrong beads"),
    ):
        print(f"Align the rest after {what} (strict F1 on the rest, before -> after):")
        for method in (m for m in ("default", "embeddings") if available(m)):
            for name in SETS:
                for variant in variants:
                    _print_line(method, name, variant, measure(method, name, variant, review=review))


def _print_line(method: str, name: str, variant: str, result: dict[str, object]) -> None:
    print(
        f"  {method:10} {name:13} {variant:15} {result['before']:.3f} -> {result['after']:.3f};"
        f" {result['lost']} of {result['documents']} documents lost any;"
        f" confirmed beads {'all kept' if result['confirmed_kept'] else 'CHANGED'}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "speed":
        print(json.dumps(speed(int(sys.argv[2]))))
    elif len(sys.argv) < 4:
        main()
    else:
        method, name, variant = sys.argv[1:4]
        print(json.dumps(measure(method, name, variant, int((sys.argv[4:5] or ["1"])[0]), sys.argv[5:6] == ["review"])))
