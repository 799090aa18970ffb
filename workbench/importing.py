"""What `workbench import` does with a file: a TMX becomes a new project (or a new pair of an
existing one); a ladder, or a CSV/TSV this workbench exported, re-aligns existing pairs.
Opens and closes the project, leaves no half-made project behind, and returns what to print.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from alignments.formats.bead_import import (
    BeadImportError,
    ladder_beads,
    plan_import,
    row_beads,
    table_rows,
)
from alignments.formats.table_edits import edited_cells, edits_message
from alignments.store.new_file import new_project_file
from alignments.store.project_file import check_new_project
from alignments.store.project_store import ProjectStore
from corpus.reading import read_text_file

FORMATS = ("tmx", "tei", "csv", "tsv", "xlsx", "ladder")
NEW_PAIR_FORMATS = ("tmx", "tei")  # files that bring their own texts: they become a new pair


def format_of(path: Path, given: str | None) -> str:
    """The import format: as given, or from the file's extension."""
    if given is not None:
        return given
    suffixes = [suffix.lower().lstrip(".") for suffix in path.suffixes]
    suffix = suffixes[-2] if suffixes[-1:] == ["gz"] and len(suffixes) > 1 else (suffixes or [""])[-1]
    suffix = {"xml": "tei"}.get(suffix, suffix)
    if suffix in FORMATS:
        return suffix
    raise BeadImportError(f"Cannot tell the format of {path} from its name; give it with --format ({'|'.join(FORMATS)}).")


def import_pairs(
    project: Path, path: Path, format_: str, source_lang: str | None, target_lang: str | None, add: bool
) -> list[int]:
    """Read a TMX or a TEI alignment into a new project (or new pairs of PROJECT with *add*);
    return the new pair ids."""
    fill = _tei_filler(path) if format_ == "tei" else _tmx_filler(path, source_lang, target_lang)
    if not add:
        check_new_project(project)
        with new_project_file(project) as store:
            return fill(store)
    with ProjectStore.open(project) as store:
        return fill(store)


def _tmx_filler(path: Path, source_lang: str | None, target_lang: str | None) -> Callable[[ProjectStore], list[int]]:
    # imported here so that translate-toolkit (and lxml) load only when a TMX is read
    from alignments.formats.tmx_import import draft_from_memory, read_tmx, store_memory

    memory = read_tmx(path, source_lang, target_lang)

    def fill(store: ProjectStore) -> list[int]:
        draft = draft_from_memory(memory, path.stem, str(path), store.rules.detection_config())
        return [store_memory(store, memory, draft)]

    return fill


def _tei_filler(path: Path) -> Callable[[ProjectStore], list[int]]:
    from alignments.formats.tei import read_tei_pairs, store_tei_pair

    pairs = read_tei_pairs(path)

    def fill(store: ProjectStore) -> list[int]:
        with store.transaction():
            return [store_tei_pair(store, pair) for pair in pairs]

    return fill


def import_beads(project: Path, path: Path, format_: str, pair_id: int | None) -> list[str]:
    """Re-align pairs of PROJECT from a ladder, or a CSV/TSV/.xlsx file it exported; return a line
    per pair changed. A table whose text was edited is refused with the list of edited cells."""
    with ProjectStore.open(project) as store:
        if format_ == "ladder":
            pair = _the_pair(store, pair_id, path)
            wanted = {pair: ladder_beads(store, pair, read_text_file(path).text, str(path))}
        else:
            rows = _table_rows(path, format_)
            wanted = row_beads(rows, str(path))
            _check_pairs(store, wanted, path)
            changed = edited_cells(store, rows)
            if changed:
                raise BeadImportError(edits_message(str(path), changed))
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


def _table_rows(path: Path, format_: str) -> list[dict[str, str]]:
    if format_ == "xlsx":
        from alignments.formats.xlsx import (
            xlsx_rows,  # openpyxl loads only when a workbook is read
        )

        return xlsx_rows(path)
    return table_rows(read_text_file(path).text, str(path), "\t" if format_ == "tsv" else ",")


def _the_pair(store: ProjectStore, pair_id: int | None, path: Path) -> int:
    pairs = [pair.id for pair in store.pairs()]
    if pair_id is None:
        if len(pairs) != 1:
            raise BeadImportError(f"{path} is a ladder of one pair; say which with --pair ({', '.join(map(str, pairs))}).")
        return pairs[0]
    if pair_id not in pairs:
        raise BeadImportError(f"The project has no pair {pair_id}.")
    return pair_id


def _check_pairs(store: ProjectStore, wanted: Mapping[int, object], path: Path) -> None:
    known = {pair.id for pair in store.pairs()}
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise BeadImportError(f"{path} has beads of pair {unknown[0]}, which the project does not have.")
    if not wanted:
        raise BeadImportError(f"{path} holds no beads.")
