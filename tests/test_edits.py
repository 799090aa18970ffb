"""Hand edits: link, unlink and confirm as invertible values applied by the store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignments.ladder.beads import BeadStatus, Side, check_ladder
from alignments.ladder.drafts import PairDraft, sequential_ladder
from alignments.ladder.edits import EditError, ReplaceBeads, StaleEditError, splice_rows
from alignments.ladder.reshape import Direction
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from corpus.documents import Document, analyse_lines

SOURCE_LINES = 6
TARGET_LINES = 7


def small_project() -> tuple[ProjectStore, Planner]:
    """A pair of 6 and 7 one-line sentences, paired in order."""
    source = analyse_lines(Document("\n".join(f"Source sentence {k}." for k in range(SOURCE_LINES)), "en", "S"))
    target = analyse_lines(Document("\n".join(f"Zielsatz Nummer {k}." for k in range(TARGET_LINES)), "de", "T"))
    store = ProjectStore.in_memory()
    pair_id = store.add_drafted_pair(PairDraft(source, target, sequential_ladder(SOURCE_LINES, TARGET_LINES), "sequential"))
    return store, Planner(store, pair_id)


@pytest.fixture
def project() -> Iterator[tuple[ProjectStore, Planner]]:
    store, planner = small_project()
    yield store, planner
    store.close()


def shapes(store: ProjectStore, planner: Planner) -> list[tuple[list[int], list[int], str]]:
    """The ladder as sentence positions per side and status."""
    pair = store.pair(planner.pair_id)
    src = {sid: k for k, sid in enumerate(store.sentence_ids(pair.source.id))}
    tgt = {tid: k for k, tid in enumerate(store.sentence_ids(pair.target.id))}
    return [
        ([src[s] for s in b.source_ids], [tgt[t] for t in b.target_ids], str(b.status))
        for b in store.ladder(planner.pair_id)
    ]


def ids(store: ProjectStore, planner: Planner, side: str, positions: range) -> list[int]:
    pair = store.pair(planner.pair_id)
    document = pair.source if side == "source" else pair.target
    all_ids = store.sentence_ids(document.id)
    return [all_ids[k] for k in positions]


def test_link_makes_one_confirmed_bead_and_reladders_the_neighbours(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    edit = planner.link(ids(store, planner, "source", range(1, 3)), ids(store, planner, "target", range(1, 2)))
    store.apply(edit)
    assert shapes(store, planner) == [
        ([0], [0], "auto"),
        ([1, 2], [1], "confirmed"),
        ([], [2], "auto"),
        ([3], [3], "auto"),
        ([4], [4], "auto"),
        ([5], [5], "auto"),
        ([], [6], "auto"),
    ]
    assert len(edit.removed) == 2 and len(edit.added) == 2  # beads 1 and 2 out; the 2:1 and the 0:1 in


def test_link_across_crossing_beads_keeps_the_order(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    store.apply(planner.link(ids(store, planner, "source", range(3, 4)), ids(store, planner, "target", range(1, 2))))
    assert shapes(store, planner)[:5] == [
        ([0], [0], "auto"),
        ([1], [], "auto"),
        ([2], [], "auto"),
        ([3], [1], "confirmed"),
        ([], [2], "auto"),
    ]


def test_unlink_leaves_every_sentence_alone_and_undo_restores(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    store.apply(planner.link(ids(store, planner, "source", range(0, 2)), ids(store, planner, "target", range(0, 2))))
    before = store.ladder(planner.pair_id)
    bead = before[0]
    edit = planner.unlink([bead.id])
    store.apply(edit)
    assert shapes(store, planner)[:4] == [([0], [], "auto"), ([1], [], "auto"), ([], [0], "auto"), ([], [1], "auto")]
    store.apply(edit.inverse())
    assert store.ladder(planner.pair_id) == before


def test_confirm_and_unconfirm(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    first_two = [b.id for b in store.ladder(planner.pair_id)[:2]]
    store.apply(planner.set_status(first_two, BeadStatus.CONFIRMED))
    assert [s[2] for s in shapes(store, planner)[:3]] == ["confirmed", "confirmed", "auto"]
    assert planner.set_status(first_two, BeadStatus.CONFIRMED).is_empty


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (range(0, 1), range(0, 0), "Select sentences on both sides"),
        ([0, 2], range(0, 1), "must be consecutive"),
    ],
)
def test_bad_links_are_refused(project: tuple[ProjectStore, Planner], source: object, target: object, message: str) -> None:
    store, planner = project
    with pytest.raises(EditError, match=message):
        planner.link(ids(store, planner, "source", source), ids(store, planner, "target", target))  # type: ignore[arg-type]


def test_a_stale_edit_is_refused_and_changes_nothing(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    first = store.ladder(planner.pair_id)[0]
    confirm = planner.set_status([first.id], BeadStatus.CONFIRMED)
    unlink = planner.link(ids(store, planner, "source", range(0, 2)), ids(store, planner, "target", range(0, 1)))
    store.apply(confirm)
    before = store.ladder(planner.pair_id)
    with pytest.raises(StaleEditError):
        store.apply(unlink)
    assert store.ladder(planner.pair_id) == before


def test_bead_ids_are_never_reused(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    edit = planner.link(ids(store, planner, "source", range(0, 2)), ids(store, planner, "target", range(0, 1)))
    store.apply(edit)
    store.apply(edit.inverse())
    again = planner.link(ids(store, planner, "source", range(0, 2)), ids(store, planner, "target", range(0, 1)))
    assert {b.id for b in again.added}.isdisjoint(b.id for b in edit.added)


def test_merge_with_next_and_split(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    ladder = store.ladder(planner.pair_id)
    store.apply(planner.merge_with_next(ladder[1].id))
    assert shapes(store, planner)[:3] == [([0], [0], "auto"), ([1, 2], [1, 2], "confirmed"), ([3], [3], "auto")]
    merged = store.ladder(planner.pair_id)[1]
    store.apply(planner.split(merged.id))
    assert shapes(store, planner)[:4] == [
        ([0], [0], "auto"), ([1], [1], "confirmed"), ([2], [2], "auto"), ([3], [3], "auto")
    ]
    single = store.ladder(planner.pair_id)[1]
    store.apply(planner.split(single.id))
    assert shapes(store, planner)[1:3] == [([1], [], "confirmed"), ([], [1], "auto")]
    last = store.ladder(planner.pair_id)[-1]
    with pytest.raises(EditError, match="no next bead"):
        planner.merge_with_next(last.id)


def test_move_sentences_between_neighbours(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    ladder = store.ladder(planner.pair_id)
    store.apply(planner.move_sentence(ladder[2].id, Side.SOURCE, Direction.UP))
    assert shapes(store, planner)[:4] == [
        ([0], [0], "auto"), ([1, 2], [1], "confirmed"), ([], [2], "confirmed"), ([3], [3], "auto")
    ]
    ladder = store.ladder(planner.pair_id)
    store.apply(planner.move_sentence(ladder[1].id, Side.TARGET, Direction.DOWN))
    assert shapes(store, planner)[:3] == [([0], [0], "auto"), ([1, 2], [], "confirmed"), ([], [1, 2], "confirmed")]
    with pytest.raises(EditError, match="no bead before"):
        planner.move_sentence(store.ladder(planner.pair_id)[0].id, Side.SOURCE, Direction.UP)
    with pytest.raises(EditError, match="no translation sentence"):
        planner.move_sentence(store.ladder(planner.pair_id)[1].id, Side.TARGET, Direction.DOWN)


def test_a_sentence_picked_inside_a_bead_moves_with_those_beside_it(project: tuple[ProjectStore, Planner]) -> None:
    """Moving the second of three sentences up takes the first along; down, the third."""
    store, planner = project
    store.apply(planner.link(ids(store, planner, "source", range(1, 4)), ids(store, planner, "target", range(1, 2))))
    three = store.ladder(planner.pair_id)[1]
    store.apply(planner.move_sentence(three.id, Side.SOURCE, Direction.UP, count=2))
    assert shapes(store, planner)[:2] == [([0, 1, 2], [0], "confirmed"), ([3], [1], "confirmed")]
    store.apply(planner.move_sentence(store.ladder(planner.pair_id)[0].id, Side.SOURCE, Direction.DOWN, count=2))
    assert shapes(store, planner)[:2] == [([0], [0], "confirmed"), ([1, 2, 3], [1], "confirmed")]
    with pytest.raises(EditError, match="no longer in this bead"):
        planner.move_sentence(store.ladder(planner.pair_id)[0].id, Side.SOURCE, Direction.DOWN, count=2)


def test_a_moved_last_sentence_empties_and_removes_its_bead(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    ladder = store.ladder(planner.pair_id)
    store.apply(planner.move_sentence(ladder[1].id, Side.SOURCE, Direction.UP))
    store.apply(planner.move_sentence(store.ladder(planner.pair_id)[1].id, Side.TARGET, Direction.UP))
    assert shapes(store, planner)[:2] == [([0, 1], [0, 1], "confirmed"), ([2], [2], "auto")]


def test_give_empty_side(project: tuple[ProjectStore, Planner]) -> None:
    store, planner = project
    bead = store.ladder(planner.pair_id)[2]
    store.apply(planner.give_empty_side(bead.id))
    assert shapes(store, planner)[2:4] == [([2], [], "confirmed"), ([], [2], "confirmed")]
    with pytest.raises(EditError, match="empty side already"):
        planner.give_empty_side(store.ladder(planner.pair_id)[2].id)


@st.composite
def edit_plans(draw: st.DrawFn) -> list[tuple[str, tuple[int, ...]]]:
    """A few edits described by positions; turned into real edits against the current ladder."""
    plans: list[tuple[str, tuple[int, ...]]] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["link", "unlink", "confirm", "unconfirm", "merge", "split", "up", "down", "empty"]))
        if kind == "link":
            a = draw(st.integers(0, SOURCE_LINES - 1))
            c = draw(st.integers(0, TARGET_LINES - 1))
            plans.append((kind, (a, draw(st.integers(a + 1, min(a + 3, SOURCE_LINES))), c, draw(st.integers(c + 1, min(c + 3, TARGET_LINES))))))
        else:
            plans.append((kind, tuple(draw(st.lists(st.integers(0, 12), min_size=1, max_size=3)))))
    return plans


def plan(store: ProjectStore, planner: Planner, kind: str, args: tuple[int, ...]) -> ReplaceBeads:
    if kind == "link":
        a, b, c, d = args
        return planner.link(ids(store, planner, "source", range(a, b)), ids(store, planner, "target", range(c, d)))
    ladder = store.ladder(planner.pair_id)
    beads = sorted({ladder[k % len(ladder)].id for k in args})
    one = ladder[args[0] % len(ladder)]
    side = Side.SOURCE if args[0] % 2 else Side.TARGET
    reshapes = {
        "merge": lambda: planner.merge_with_next(one.id),
        "split": lambda: planner.split(one.id),
        "up": lambda: planner.move_sentence(one.id, side, Direction.UP),
        "down": lambda: planner.move_sentence(one.id, side, Direction.DOWN),
        "empty": lambda: planner.give_empty_side(one.id),
    }
    if kind in reshapes:
        try:
            return reshapes[kind]()
        except EditError:
            return ReplaceBeads(planner.pair_id, (), ())
    if kind == "unlink":
        return planner.unlink(beads)
    return planner.set_status(beads, BeadStatus.CONFIRMED if kind == "confirm" else BeadStatus.AUTO)


def spliced(rows: list[tuple[int, int, int]], edit: ReplaceBeads) -> list[tuple[int, int, int]]:
    """What a view holding *rows* (id, source_pos, target_pos) makes of them with splice_rows."""
    ids, positions = [r[0] for r in rows], [(r[1], r[2]) for r in rows]
    first, count, new = splice_rows(positions, ids, edit.removed, edit.added)
    return rows[:first] + [(i, *position) for i, position in new] + rows[first + count :]


@settings(max_examples=120, deadline=None)
@given(edit_plans())
def test_every_edit_keeps_the_ladder_and_its_inverse_restores_the_store(plans: list[tuple[str, tuple[int, ...]]]) -> None:
    store, planner = small_project()
    pair = store.pair(planner.pair_id)
    source_ids, target_ids = store.sentence_ids(pair.source.id), store.sentence_ids(pair.target.id)
    history: list[tuple[ReplaceBeads, list[object]]] = []
    rows = store.bead_keys(planner.pair_id)
    for kind, args in plans:
        before = store.ladder(planner.pair_id)
        edit = plan(store, planner, kind, args)
        store.apply(edit)
        check_ladder(store.ladder(planner.pair_id), source_ids, target_ids)
        rows = spliced(rows, edit)
        assert rows == store.bead_keys(planner.pair_id)
        store.apply(edit.inverse())
        assert store.ladder(planner.pair_id) == before
        store.apply(edit)
        history.append((edit, before))
    for edit, before in reversed(history):
        store.apply(edit.inverse())
        assert store.ladder(planner.pair_id) == before
    store.close()
