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
from alignments.planning.known_runs import Run, project_known_runs
from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from bench.data import SETS, Document, gold_documents
from bench.methods import flagging
from bench.scale import ours
from bench.variants import variant_documents

Runs = list[Run]


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


def _documents(set_name: str) -> list[Document]:
    """The set's documents; a set of one, its two halves."""
    documents = gold_documents(set_name)
    return halves(documents[0]) if len(documents) == 1 else documents


def measure(set_name: str, variant: str) -> dict[str, float]:
    """Strict F1 alone, with the drafted and with the confirmed other documents; and the flags
    (bench/methods.py) alone and with the drafted ones."""
    documents = _documents(set_name)
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
    """The product's paths for a corpus in one project: every document of the set (as *variant*
    cuts it) added one after the other (`workbench new --add`: each learns from the pairs before
    it), or each aligned alone (`workbench batch --project`); then every pair re-aligned
    (`workbench realign`: each learns from all the others). Strict F1 of the pairs alone, after
    adding, and of either project after re-aligning."""
    cut = variant_documents(_documents(set_name), variant)
    languages = SETS[set_name]
    with tempfile.TemporaryDirectory() as folder:
        added, batch = ProjectStore.create(Path(folder) / "added.wbproj"), ProjectStore.create(Path(folder) / "batch.wbproj")
        pair_ids = []
        for k, (source, target, _) in enumerate(cut):
            paths = [Path(folder) / f"{k}.source.txt", Path(folder) / f"{k}.target.txt"]
            for path, lines in zip(paths, (source, target), strict=True):
                path.write_text("\n".join(lines) + "\n", "utf-8")
            read = load_pair(paths[0], paths[1], *languages, segmented=True)
            pair_ids.append(batch.add_drafted_pair(draft_pair(*read)))
            added.add_drafted_pair(draft_pair(*read, known=project_known_runs(added, languages)))
        ladders = {"alone": _ladders(batch, pair_ids), "added": _ladders(added, pair_ids)}
        for name, store in (("realigned", added), ("batch_realigned", batch)):
            for pair_id in pair_ids:
                store.apply(plan_realignment(RealignInput.gather(store, pair_id)))
            ladders[name] = _ladders(store, pair_ids)
            store.close()
    gold = [links for _, _, links in cut]
    return {name: score(gold, found).f1_strict for name, found in ladders.items()}


def _ladders(store: ProjectStore, pair_ids: list[int]) -> list[list[Link]]:
    return [store.ladder_positions(pair_id) for pair_id in pair_ids]


if __name__ == "__main__":
    print(json.dumps(corpus(*sys.argv[2:4]) if sys.argv[1] == "corpus" else measure(*sys.argv[1:3])))
