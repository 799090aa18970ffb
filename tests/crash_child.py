"""A workbench that gets killed, for the crash-safety tests: `python crash_child.py PROJECT SEED`.

Opens PROJECT for changes and applies random hand edits to its pairs (link, unlink, merge,
split, move a sentence, empty side, confirm, unconfirm, and undo and redo as the GUI's undo
stack does them) through the API the GUI uses:
`Planner` plans, `ProjectStore.apply` commits. It writes one JSON line per step to standard
output, each in one write(2): {"ready": PID} once open, {"plan": N, "edit": …} before applying
edit N and {"done": N} once its commit has returned. It never stops by itself: the test kills it.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import asdict

from alignments.ladder.beads import Bead, BeadStatus, Side
from alignments.ladder.edits import EditError, ReplaceBeads
from alignments.ladder.reshape import Direction
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore

UNDO, REDO, DO = "undo", "redo", "do"


def say(record: dict[str, object]) -> None:
    os.write(1, (json.dumps(record) + "\n").encode())


def encode(edit: ReplaceBeads) -> dict[str, object]:
    return {"pair": edit.pair_id, "removed": [asdict(b) for b in edit.removed], "added": [asdict(b) for b in edit.added]}


def plan_link(rng: random.Random, store: ProjectStore, planner: Planner) -> ReplaceBeads:
    """Link 1–3 source sentences with 1–3 target sentences from about the same place."""
    pair = store.pair(planner.pair_id)
    source, target = store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id)
    first = rng.randrange(len(source))
    across = min(len(target) - 1, max(0, first * len(target) // len(source) + rng.randint(-2, 2)))
    return planner.link(source[first : first + rng.randint(1, 3)], target[across : across + rng.randint(1, 3)])


def plan_edit(rng: random.Random, store: ProjectStore, planner: Planner) -> ReplaceBeads:
    ladder = store.ladder(planner.pair_id)
    roll = rng.random()
    if roll < 0.35:
        return plan_link(rng, store, planner)
    start = rng.randrange(len(ladder))
    chosen = [bead.id for bead in ladder[start : start + rng.randint(1, 3)]]
    if roll < 0.5:
        return planner.unlink(chosen)
    if roll < 0.75:
        return plan_reshape(rng, planner, chosen[0])
    status = BeadStatus.CONFIRMED if roll < 0.9 else BeadStatus.AUTO
    return planner.set_status(chosen, status)


def plan_reshape(rng: random.Random, planner: Planner, bead_id: int) -> ReplaceBeads:
    """Merge, split, move a sentence up or down, or give a bead an empty side."""
    side = rng.choice([Side.SOURCE, Side.TARGET])
    reshapes = [
        lambda: planner.merge_with_next(bead_id),
        lambda: planner.split(bead_id),
        lambda: planner.move_sentence(bead_id, side, Direction.UP),
        lambda: planner.move_sentence(bead_id, side, Direction.DOWN),
        lambda: planner.give_empty_side(bead_id),
    ]
    return rng.choice(reshapes)()


def choose(
    rng: random.Random, store: ProjectStore, planners: list[Planner], undo: list[ReplaceBeads], redo: list[ReplaceBeads]
) -> tuple[str, ReplaceBeads]:
    roll = rng.random()
    if roll < 0.15 and undo:
        return UNDO, undo[-1].inverse()
    if roll < 0.22 and redo:
        return REDO, redo[-1]
    return DO, plan_edit(rng, store, rng.choice(planners))


def record(action: str, edit: ReplaceBeads, undo: list[ReplaceBeads], redo: list[ReplaceBeads]) -> None:
    """Keep the undo and redo stacks as QUndoStack does."""
    if action == UNDO:
        redo.append(undo.pop())
    elif action == REDO:
        undo.append(redo.pop())
    else:
        undo.append(edit)
        redo.clear()


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    store = ProjectStore.open(path)
    planners = [Planner(store, pair.id) for pair in store.pairs()]
    say({"ready": os.getpid()})
    undo: list[ReplaceBeads] = []
    redo: list[ReplaceBeads] = []
    step = 0
    while True:
        try:
            action, edit = choose(rng, store, planners, undo, redo)
        except EditError:
            continue
        if edit.is_empty:
            continue
        say({"plan": step, "edit": encode(edit)})
        store.apply(edit)
        record(action, edit, undo, redo)
        say({"done": step})
        step += 1


def decode_bead(fields: dict[str, object]) -> Bead:
    """A bead as `encode` wrote it (for the test reading this process's output)."""
    values = dict(fields)
    values["source_ids"] = tuple(values["source_ids"])  # type: ignore[arg-type]
    values["target_ids"] = tuple(values["target_ids"])  # type: ignore[arg-type]
    values["status"] = BeadStatus(values["status"])
    return Bead(**values)  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
