"""The default method with a project's lexicon: each document of a gold set aligned (as each
variant cuts it) with the runs the set's other documents teach (planning/known_runs.py: the
beads a user confirmed or the aligner was sure of), as a project holding those documents as its
other pairs gives them. Two projects: the other documents drafted by the aligner (their sure
beads; no user work), and confirmed by a user (their gold beads). A set of one document
(Text+Berg's) counts as its two halves. And the product's own path, a corpus in one project
(`corpus`). `python -m bench.project_lexicon SET VARIANT` prints one JSON line (strict F1
without, with the drafts', with the confirmed runs; the flags without and with the drafts');
`… corpus SET VARIANT` the corpus's.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from alignments.aligner.anchors import anchor_tokens
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.ladder.notation import Link, score
from alignments.planning.align_the_rest import RealignInput, plan_realignment
from alignments.planning.known_runs import project_known_runs
from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from bench.data import SETS, Document, gold_documents
from bench.methods import flagging
from bench.scale import ours
from bench.variants import variant_documents

Runs = list[tuple[tuple[str, ...], tuple[str, ...]]]


def runs_of(document: Document, links: list[Link]) -> Runs:
    """The anchors of the runs *links* pair in *document* (beads with both sides)."""
    source, target, _ = document
    return [
        (anchor_tokens(" ".join(source[i] for i in s)), anchor_tokens(" ".join(target[j] for j in t)))
        for s, t in links
        if s and t
    ]


def drafted_runs(document: Document) -> Runs:
    """What a drafted pair of *document* teaches: its sure beads."""
    links, confidences = ours(document[0], document[1])
    return runs_of(document, [link for link, confidence in zip(links, confidences, strict=True) if confidence >= LOW_CONFIDENCE])


def halves(document: Document) -> list[Document]:
    """A one-document set as two documents, cut at its middle gold bead (each half then has the
    other as its project's other pair)."""
    source, target, links = document
    middle = len(links) // 2
    first_source = next((s[0] for s, _ in links[middle:] if s), len(source))
    first_target = next((t[0] for _, t in links[middle:] if t), len(target))

    def shifted(part: list[Link], by_source: int, by_target: int) -> list[Link]:
        return [(tuple(i - by_source for i in s), tuple(j - by_target for j in t)) for s, t in part]

    return [
        (source[:first_source], target[:first_target], links[:middle]),
        (source[first_source:], target[first_target:], shifted(links[middle:], first_source, first_target)),
    ]


def measure(set_name: str, variant: str) -> dict[str, float]:
    """Strict F1 alone, with the drafted and with the confirmed other documents; and the flags
    (bench/methods.py) alone and with the drafted ones."""
    documents = gold_documents(set_name)
    documents = halves(documents[0]) if len(documents) == 1 else documents
    cut = variant_documents(documents, variant)
    drafted = [drafted_runs(document) for document in documents]
    confirmed = [runs_of(document, document[2]) for document in documents]
    results: dict[str, list[tuple[list[Link], list[float]]]] = {"alone": [], "drafted": [], "confirmed": []}
    for k, (source, target, _) in enumerate(cut):
        results["alone"].append(ours(source, target))
        for name, taught in (("drafted", drafted), ("confirmed", confirmed)):
            known = [run for other, runs in enumerate(taught) if other != k for run in runs]
            results[name].append(ours(source, target, known))
    gold = [links for _, _, links in cut]
    measured: dict[str, float] = {name: score(gold, [links for links, _ in ladders]).f1_strict for name, ladders in results.items()}
    for name in ("alone", "drafted"):
        flags = flagging(gold, results[name])
        measured |= {f"{name}_flagged": flags["flagged"], f"{name}_precision": flags["flagged_wrong"], f"{name}_recall": flags["wrong_caught"]}
    return measured | {"documents": len(cut)}




def corpus(set_name: str, variant: str) -> dict[str, float]:
    """The product's path: every document of the set (as *variant* cuts it) added one after the
    other to one project (`workbench new --add`: each learns from the pairs before it), then
    every pair re-aligned (`workbench realign`: each learns from all the others). Strict F1 of
    the pairs aligned alone, after adding, after re-aligning."""
    documents = gold_documents(set_name)
    documents = halves(documents[0]) if len(documents) == 1 else documents
    cut = variant_documents(documents, variant)
    languages = SETS[set_name]
    with tempfile.TemporaryDirectory() as folder:
        store = ProjectStore.create(Path(folder) / "corpus.wbproj")
        alone, pair_ids = [], []
        for k, (source, target, _) in enumerate(cut):
            paths = [Path(folder) / f"{k}.source.txt", Path(folder) / f"{k}.target.txt"]
            for path, lines in zip(paths, (source, target), strict=True):
                path.write_text("\n".join(lines) + "\n", "utf-8")
            documents_read = load_pair(paths[0], paths[1], *languages, segmented=True)
            alone.append([(tuple(s), tuple(t)) for s, t, _ in draft_pair(*documents_read).ladder])
            known = project_known_runs(store, languages)
            pair_ids.append(store.add_drafted_pair(draft_pair(*documents_read, known=known)))
        added = [store.ladder_positions(pair_id) for pair_id in pair_ids]
        for pair_id in pair_ids:
            store.apply(plan_realignment(RealignInput.gather(store, pair_id)))
        realigned = [store.ladder_positions(pair_id) for pair_id in pair_ids]
        store.close()
    gold = [links for _, _, links in cut]
    return {name: score(gold, ladders).f1_strict for name, ladders in (("alone", alone), ("added", added), ("realigned", realigned))}


if __name__ == "__main__":
    print(json.dumps(corpus(*sys.argv[2:4]) if sys.argv[1] == "corpus" else measure(*sys.argv[1:3])))
