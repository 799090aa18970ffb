"""Several translations of one source: lining them up through the source, the word-by-word
differences of two translations, the derived alignment of two translations, and the pivot CSV."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from alignments.formats.pivot_export import write_pivot
from alignments.ladder.beads import Bead
from alignments.ladder.pivot import PivotRow, derive, line_up
from alignments.planning.derive import derive_pair
from alignments.store.pivot_reading import PivotError, read_pivot
from alignments.store.project_store import ProjectStore
from corpus.spans import Span
from corpus.word_diff import ChangeKind, WordChange, diff_words
from tests.conftest import Templates, two_translations_of_the_letter
from tests.gold import LETTER, SECOND_LETTER
from workbench.cli import cli


def bead(bead_id: int, source: tuple[int, ...], target: tuple[int, ...]) -> Bead:
    return Bead(bead_id, 1, source, target, 0, 0)


def test_rows_are_the_smallest_stretches_no_bead_crosses() -> None:
    """A 2:1 bead in one pair holds the other pair's two 1:1 beads in one row; a sentence one
    translation adds gets a row of its own; one it leaves out is an empty cell."""
    first = [bead(1, (1,), (11,)), bead(2, (2, 3), (12,)), bead(3, (4,), (13,))]
    second = [bead(4, (1,), (21,)), bead(5, (2,), (22,)), bead(6, (3,), (23,)), bead(7, (), (24,)), bead(8, (4,), ())]
    assert line_up([1, 2, 3, 4], [first, second]) == [
        PivotRow((1,), ((11,), (21,)), ((1,), (4,))),
        PivotRow((2, 3), ((12,), (22, 23)), ((2,), (5, 6))),
        PivotRow((), ((), (24,)), ((), (7,))),
        PivotRow((4,), ((13,), ()), ((3,), (8,))),
    ]
    assert [row.lacking() for row in line_up([1, 2, 3, 4], [first, second])] == [(), (), (0,), (1,)]


def test_an_added_sentence_inside_a_crossed_stretch_stays_in_its_row() -> None:
    first = [bead(1, (1, 2), (11,))]
    second = [bead(2, (1,), (21,)), bead(3, (), (22,)), bead(4, (2,), (23,))]
    assert line_up([1, 2], [first, second]) == [PivotRow((1, 2), ((11,), (21, 22, 23)), ((1,), (2, 3, 4)))]


@st.composite
def ladders(draw: st.DrawFn) -> tuple[list[int], list[list[Bead]]]:
    """A source of up to 12 sentences and two or three random ladders over it."""
    count = draw(st.integers(0, 12))
    source = list(range(1, count + 1))
    result: list[list[Bead]] = []
    shapes = st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda shape: shape != (0, 0))
    for column in range(draw(st.integers(2, 3))):
        ladder: list[Bead] = []
        position, target = 0, 100 * (column + 1)
        for take, give in draw(st.lists(shapes, max_size=10)) + [(count, 1)]:
            take = min(take, count - position)
            if take or give:
                ids = tuple(source[position : position + take]), tuple(range(target, target + give))
                ladder.append(bead(len(ladder) + 1000 * column, *ids))
            position, target = position + take, target + give
        result.append(ladder)
    return source, result


@given(ladders())
def test_lining_up_keeps_every_sentence_once_in_order(case: tuple[list[int], list[list[Bead]]]) -> None:
    source, ladders_ = case
    rows = line_up(source, ladders_)
    assert [sid for row in rows for sid in row.source_ids] == source
    for column, ladder in enumerate(ladders_):
        assert [tid for row in rows for tid in row.cells[column]] == [tid for b in ladder for tid in b.target_ids]
        assert sorted(bid for row in rows for bid in row.beads[column]) == sorted(b.id for b in ladder)
    derived = derive(rows, 0, 1)
    assert [i for d in derived for i in d.a_ids] == [i for b in ladders_[0] for i in b.target_ids]
    assert [i for d in derived for i in d.b_ids] == [i for b in ladders_[1] for i in b.target_ids]
    assert all(d.a_ids or d.b_ids for d in derived)


def test_word_differences_of_two_translations() -> None:
    """Whole words are marked (offsets in code points, an astral character counting one); a short
    common word between changes joins them, as diff-match-patch's semantic clean-up does."""
    old = "I did not say anything then, 𝔄 my friend."
    new = "At the time I kept silent, 𝔄 my old friend."
    diff = diff_words(old, new)
    assert [(old[c.span.start : c.span.end], c.kind) for c in diff.old] == [("I did not say anything then", ChangeKind.REPLACE)]
    assert [(new[c.span.start : c.span.end], c.kind) for c in diff.new] == [
        ("At the time I kept silent", ChangeKind.REPLACE), ("old", ChangeKind.INSERT),
    ]
    assert diff_words("Our roads diverge!", "Our roads diverge here!").new == (WordChange(Span(18, 22), ChangeKind.INSERT),)
    assert diff_words("same words", "same words").is_empty


@pytest.fixture
def sample(tmp_path: Path, templates: Templates) -> Path:
    return templates.copy(two_translations_of_the_letter, tmp_path / "sample.wbproj")


def test_the_sample_letter_has_two_english_translations(sample: Path) -> None:
    store = ProjectStore.open(sample, read_only=True)
    table = read_pivot(store, 1)
    assert [(p.id, p.target.title) for p in table.pairs] == [
        (1, "Traitor's Open Letter, 1937"), (2, "Open Letter of a Traitor, 1937"),
    ]
    texts = {sid: view.text for sid, view in store.sentence_views([i for r in table.rows for c in r.cells for i in c]).items()}
    shown = [tuple(" ".join(texts[i] for i in cell)[:22] for cell in row.cells) for row in table.rows[3:9]]
    assert shown == [
        ("This letter, which I a", "This letter, which I n"),
        ("", "[Translator's note: th"),
        ("I did not say anything", "At the time I kept sil"),
        ("I also did not raise v", "Nor did I raise my voi"),
        ("My guilt is great, but", ""),
        ("Until now, I walked al", "Until now I have walke"),
    ]
    with pytest.raises(PivotError, match=r"No pair has document 2 as its source \(source documents: 1\)"):
        read_pivot(store, 2)
    store.close()


def test_deriving_the_alignment_of_the_two_translations(sample: Path) -> None:
    store = ProjectStore.open(sample)
    table = read_pivot(store, 1)
    pair_id = derive_pair(store, table, 1, 2)
    store.close()
    connection = sqlite3.connect(sample)
    assert connection.execute("SELECT source_document_id, target_document_id FROM pairs WHERE id = ?", [pair_id]).fetchone() == (2, 3)
    rows = connection.execute(
        "SELECT b.provenance, b.status, (SELECT count(*) FROM bead_sentences s WHERE s.bead_id = b.id AND s.side = 'source'),"
        " (SELECT count(*) FROM bead_sentences s WHERE s.bead_id = b.id AND s.side = 'target')"
        " FROM beads b WHERE b.pair_id = ? ORDER BY b.source_pos, b.target_pos", [pair_id]
    ).fetchall()
    counted = connection.execute(
        "SELECT side, count(*) FROM bead_sentences JOIN beads ON beads.id = bead_id WHERE pair_id = ? GROUP BY side", [pair_id]
    ).fetchall()
    sentences = dict(connection.execute("SELECT document_id, count(*) FROM sentences WHERE document_id IN (2, 3) GROUP BY document_id"))
    connection.close()
    assert {provenance for provenance, *_ in rows} == {"derived through document 1 from pairs 1 and 2"}
    assert {status for _, status, *_ in rows} == {"auto"}
    assert [shape[2:] for shape in rows[:9]] == [(1, 1), (1, 1), (1, 1), (1, 2), (0, 1), (1, 1), (1, 1), (1, 0), (2, 1)]
    assert dict(counted) == {"source": sentences[2], "target": sentences[3]}
    with pytest.raises(PivotError):
        derive_pair(ProjectStore.open(sample, read_only=True), table, 1, 1)


def test_compare_writes_the_pivot_table(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "pivot.csv"
    result = CliRunner().invoke(cli, ["compare", str(sample), "--source-document", "1", "-o", str(output)])
    assert result.exit_code == 0, result.output
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "row", "source_ids", "source: Offener Brief eines Verräters, 1937 [de]",
        "pair 1 ids", "pair 1: Traitor's Open Letter, 1937 [en]",
        "pair 2 ids", "pair 2: Open Letter of a Traitor, 1937 [en]",
    ]
    assert rows[6][0:4] == ["6", "6", "Damals habe ich nichts gesagt.", "60"]
    assert rows[6][4:] == ["I did not say anything then.", "115", "At the time I kept silent."]
    assert rows[5][1:5] == ["", "", "", ""] and rows[5][6].startswith("[Translator's note:")
    store = ProjectStore.open(sample, read_only=True)
    buffer = io.StringIO(newline="")
    assert write_pivot(store, read_pivot(store, 1), buffer) == len(rows) - 1
    store.close()
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == rows


def test_adding_another_translation_of_a_source_shares_it(tmp_path: Path) -> None:
    """`workbench new --add` with a source the project has: one source document, two pairs."""
    project, letter = tmp_path / "p.wbproj", LETTER
    english, second = letter.target_path, SECOND_LETTER.target_path
    for args in (["new", project], ["new", project, "--add"]):
        target = english if len(args) == 2 else second
        result = CliRunner().invoke(cli, [*map(str, args), "--source", str(letter.source_path), "--target", str(target), "--no-align"])
        assert result.exit_code == 0, result.output
    connection = sqlite3.connect(project)
    pairs = connection.execute("SELECT id, source_document_id, target_document_id FROM pairs ORDER BY id").fetchall()
    connection.close()
    assert pairs == [(1, 1, 2), (2, 1, 3)]
    store = ProjectStore.open(project, read_only=True)
    assert [pair.id for pair in read_pivot(store, 1).pairs] == [1, 2]
    store.close()


def test_compare_writes_tei_with_one_link_group_per_pair(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "pivot.xml"
    result = CliRunner().invoke(cli, ["compare", str(sample), "--source-document", "1", "-o", str(output), "--format", "tei"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(output)).getroot()
    tei = "{http://www.tei-c.org/ns/1.0}"
    texts = [(text.get("type"), text.get("{http://www.w3.org/XML/1998/namespace}lang")) for text in root.iter(f"{tei}text") if text.get("type")]
    assert texts == [("source", "de"), ("translation", "en"), ("translation", "en")]
    sentence_ids = {s.get("{http://www.w3.org/XML/1998/namespace}id") for s in root.iter(f"{tei}s")}
    connection = sqlite3.connect(sample)
    beads = dict(connection.execute("SELECT pair_id, count(*) FROM beads GROUP BY pair_id"))
    connection.close()
    groups = list(root.iter(f"{tei}linkGrp"))
    assert [(g.get("n"), len(g)) for g in groups] == [("1", beads[1]), ("2", beads[2])]
    assert all(t[1:] in sentence_ids for g in groups for link in g for t in link.get("target").split())
    assert result.output.strip().endswith(f"Wrote {beads[1] + beads[2]} links (2 translations) to {output}.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source-document", "4"], "No pair has document 4 as its source (source documents: 1)."),
        (["--source-document", "1", "-o", "{project}"], "is the project itself"),
    ],
)
def test_compare_refuses_in_one_line(sample: Path, args: list[str], message: str) -> None:
    before = sample.read_bytes()
    result = CliRunner().invoke(cli, ["compare", str(sample), *[a.format(project=sample) for a in args]])
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert sample.read_bytes() == before
