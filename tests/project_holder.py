"""A second Translation Workbench for the two-instance tests, run as its own process:
`python project_holder.py PROJECT`. Opens PROJECT for changes and prints "ready", or prints the
refusal it got; then obeys its standard input, a word a line: "confirm" confirms the first bead
of the first pair (answers "confirmed"), "exit" or the end of input closes the project."""

from __future__ import annotations

import sys

from alignments.ladder.beads import BeadStatus
from alignments.planning.bead_planner import Planner
from alignments.store.project_file import ProjectError
from alignments.store.project_store import ProjectStore


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(path: str) -> None:
    try:
        store = ProjectStore.open(path)
    except ProjectError as error:
        say(f"refused: {error}")
        return
    say("ready")
    for command in sys.stdin:
        if command.strip() == "confirm":
            pair_id = store.pairs()[0].id
            first = store.ladder(pair_id)[0]
            store.apply(Planner(store, pair_id).set_status([first.id], BeadStatus.CONFIRMED))
            say("confirmed")
        elif command.strip() == "exit":
            break
    store.close()


if __name__ == "__main__":
    main(sys.argv[1])
