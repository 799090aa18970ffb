"""What `workbench import` does with a file: a TMX becomes a new project (or a new pair of an
existing one); a ladder, or a CSV/TSV this workbench exported, re-aligns existing pairs.
Opens and closes the project, leaves no half-made project behind, and returns what to print.
"""

from __future__ import annotations

from pathlib import Path

from alignments.formats.bead_import import (
    BeadImportError,
    csv_beads,
    ladder_beads,
    plan_import,
)
from alignments.store.new_file import new_project_file
from alignments.store.project_file import check_new_project
from alignments.store.project_store import ProjectStore
from corpus.reading import read_text_file

FORMATS = ("tmx", "csv", "tsv", "ladder")


def format_of(path: Path, given: str | None) -> str:
    """The import format: as given, or from the file's extension."""
    if given is not None:
        return given
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise BeadImportError(f"Cannot tell the format of {path} from its name; give it with --format ({'|'.join(FORMATS)}).")


def import_tmx(project: Path, path: Path, source_lang: str | None, target_lang: str | None, add: bool) -> int:
    """Read a TMX into a new project (or a new pair of PROJECT with *add*); return the pair id."""
    # imported here so that translate-toolkit (and lxml) load only when a TMX is read
    from alignments.formats.tmx_import import draft_from_memory, read_tmx, store_memory

    memory = read_tmx(path, source_lang, target_lang)

    def fill(store: ProjectStore) -> int:
        return store_memory(store, memory, draft_from_memory(memory, path.stem, str(path), store.rules.detection_config()))

    if not add:
        check_new_project(project)
        with new_project_file(project) as store:
            return fill(store)
    with ProjectStore.open(project) as store:
        return fill(store)


def import_beads(project: Path, path: Path, format_: str, pair_id: int | None) -> list[str]:
    """Re-align pairs of PROJECT from a ladder or CSV/TSV file; return a line per pair changed."""
    text = read_text_file(path).text
    with ProjectStore.open(project) as store:
        if format_ == "ladder":
            pair = _the_pair(store, pair_id, path)
            wanted = {pair: ladder_beads(store, pair, text, str(path))}
        else:
            wanted = csv_beads(text, str(path), "\t" if format_ == "tsv" else ",")
            _check_pairs(store, wanted, path)
        new_ids = store.fresh_bead_ids()  # one source for every pair, so their new beads differ
        edits = [plan_import(store, pair, beads, str(path), new_ids) for pair, beads in sorted(wanted.items())]
        with store.transaction():
            for edit in edits:
                store.apply(edit)
        return [
            f"pair {edit.pair_id}: {len(wanted[edit.pair_id])} beads read, {len(edit.added)} new or changed,"
            f" {len(edit.removed)} replaced."
            for edit in edits
        ]


def _the_pair(store: ProjectStore, pair_id: int | None, path: Path) -> int:
    pairs = [pair.id for pair in store.pairs()]
    if pair_id is None:
        if len(pairs) != 1:
            raise BeadImportError(f"{path} is a ladder of one pair; say which with --pair ({', '.join(map(str, pairs))}).")
        return pairs[0]
    if pair_id not in pairs:
        raise BeadImportError(f"The project has no pair {pair_id}.")
    return pair_id


def _check_pairs(store: ProjectStore, wanted: dict[int, object], path: Path) -> None:
    known = {pair.id for pair in store.pairs()}
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise BeadImportError(f"{path} has beads of pair {unknown[0]}, which the project does not have.")
    if not wanted:
        raise BeadImportError(f"{path} holds no beads.")
