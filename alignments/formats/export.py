"""Exporting aligned pairs (DESIGN §9): CSV and TSV rows, one per bead in document order, with
interpolations stripped, kept or put in their own columns; vecalign ladder lines; and TMX and
XLIFF (alignments.formats.tmx_xliff). Files are written atomically and never overwrite an
existing file unless asked to.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from alignments.formats.segment_text import segment_text
from alignments.ladder.beads import BeadStatus
from alignments.ladder.notation import format_link
from alignments.store.pair_reading import pair_views
from alignments.store.project_file import is_database, project_files
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadView, PairInfo, SentenceView
from corpus.errors import UserError
from corpus.files import existing_kind

CSV_COLUMNS = (
    "pair", "bead", "source", "translation", "status", "score",
    "source_ids", "translation_ids", "source_notes", "translation_notes",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    """Every export format, in the order they are offered (the CLI's --format choices and the
    GUI's list come from here and FORMATS)."""

    CSV = "csv"
    TSV = "tsv"
    XLSX = "xlsx"
    TMX = "tmx"
    XLIFF = "xliff"
    XLIFF2 = "xliff2"
    TEI = "tei"
    MOSES = "moses"
    JSONL = "jsonl"
    LADDER = "ladder"

    @property
    def info(self) -> FormatInfo:
        return FORMATS[self]

    @property
    def is_table(self) -> bool:
        return self.info.table

    @property
    def suffix(self) -> str:
        """How the name of a file in this format ends (".xlf" for XLIFF; none for Moses' base name)."""
        return self.info.suffix

    @property
    def is_one_text(self) -> bool:
        """Written as one text (write_export can give it as a string): not .xlsx, not Moses."""
        return not (self.info.binary or self.info.two_files)


@dataclass(frozen=True)
class FormatInfo:
    """What the user sees of a format, and how it is written."""

    label: str
    suffix: str
    table: bool = False  # rows of cells: --excel applies
    binary: bool = False  # bytes, not text (xlsx)
    two_files: bool = False  # one file per side (moses): OUT.<source lang> and OUT.<target lang>


FORMATS: dict[ExportFormat, FormatInfo] = {
    ExportFormat.CSV: FormatInfo("CSV (a spreadsheet opens it)", ".csv", table=True),
    ExportFormat.TSV: FormatInfo("TSV (one bead a line, tab-separated)", ".tsv", table=True),
    ExportFormat.XLSX: FormatInfo("Excel workbook (.xlsx)", ".xlsx", binary=True),
    ExportFormat.TMX: FormatInfo("TMX (translation memory)", ".tmx"),
    ExportFormat.XLIFF: FormatInfo("XLIFF 1.2 (translation tools)", ".xlf"),
    ExportFormat.XLIFF2: FormatInfo("XLIFF 2.0", ".xlf"),
    ExportFormat.TEI: FormatInfo("TEI P5 (both texts and the alignment)", ".xml"),
    ExportFormat.MOSES: FormatInfo("Moses (two line-aligned files)", "", two_files=True),
    ExportFormat.JSONL: FormatInfo("JSON Lines (one bead a line)", ".jsonl"),
    ExportFormat.LADDER: FormatInfo("Ladder (sentence numbers, vecalign style)", ".ladder"),
}



class NotesMode(StrEnum):
    """What happens to interpolations in the text columns."""

    STRIP = "strip"
    KEEP = "keep"
    COLUMN = "column"


class ExportError(UserError):
    """An export that cannot be written; the message is meant for the user."""


@dataclass(frozen=True)
class ExportOptions:
    format: ExportFormat = ExportFormat.CSV
    notes: NotesMode = NotesMode.COLUMN
    confirmed_only: bool = False
    excel: bool = False
    pair_id: int | None = None  # one pair of the project; None: every pair


def export_project(store: ProjectStore, path: Path | str, options: ExportOptions, force: bool = False) -> int:
    """Write the project's aligned pairs to *path* atomically (a two-file format: to *path* with
    each side's language added as a suffix); return the number of beads written."""
    path = Path(path)
    check_options(options)
    info = options.format.info
    try:
        targets = side_paths(store, path, options) if info.two_files else (path,)
        for target in targets:
            check_target(store, target)
            if os.path.lexists(target) and not force:
                raise ExportError(f"{target} already exists; choose another name or overwrite it (--force).")
    except OSError as error:  # a name too long for the system
        raise ExportError(f"{path} cannot be written: {error.strerror or error}.") from None
    try:
        if info.two_files:
            return _write_sides(store, targets, options)
        if info.binary:
            data, count = export_bytes(store, options)
            with _atomic_writer(path, bom=False, binary=True) as handle:
                handle.write(data)
            return count
        with _atomic_writer(path, bom=options.excel and options.format.is_table) as handle:
            return write_export(store, handle, options)
    except OSError as error:  # a full disk, a size limit: the old file is intact, the partial one gone
        raise ExportError(f"{path} cannot be written: {error.strerror or error}.") from None


def write_file(store: ProjectStore, path: Path, write: Callable[[TextIO], int], force: bool = False) -> int:
    """Write a text export of *store* (a table of another kind) to *path* atomically with *write*,
    which returns what it counted; never over a project, nor over any file unless *force*."""
    check_target(store, path)
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; choose another name or overwrite it (--force).")
    try:
        with _atomic_writer(path, bom=False) as handle:
            return write(handle)
    except OSError as error:  # a full disk, a size limit: the old file is intact, the partial one gone
        raise ExportError(f"{path} cannot be written: {error.strerror or error}.") from None


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* under a temporary name, renamed into place once complete."""
    try:
        with _atomic_writer(path, bom=False, binary=True) as handle:
            handle.write(data)
    except OSError as error:
        raise ExportError(f"{path} cannot be written: {error.strerror or error}.") from None
def side_paths(store: ProjectStore, path: Path, options: ExportOptions) -> tuple[Path, Path]:
    """Where a two-file export goes: OUT.<source language> and OUT.<target language> (of the first pair exported)."""
    pairs = exported_pairs(store, options)
    if not pairs:
        raise ExportError("The project has no pair to export.")
    source, target = pairs[0].source.lang, pairs[0].target.lang
    if source == target:
        source, target = "source", "target"
    return path.with_name(f"{path.name}.{source}"), path.with_name(f"{path.name}.{target}")


def _write_sides(store: ProjectStore, paths: Sequence[Path], options: ExportOptions) -> int:
    from alignments.formats.line_formats import write_side_lines

    count = 0
    for side, path in zip(("source", "target"), paths):
        with _atomic_writer(path, bom=False) as handle:
            count = write_side_lines(store, handle, options, side)
    return count


def export_bytes(store: ProjectStore, options: ExportOptions) -> tuple[bytes, int]:
    """A one-file export as bytes (any format but the two-file ones), and the beads it holds."""
    check_options(options)
    if options.format == ExportFormat.XLSX:
        from alignments.formats.xlsx import xlsx_bytes

        return xlsx_bytes(store, options)
    handle = io.StringIO(newline="")
    count = write_export(store, handle, options)
    return handle.getvalue().encode("utf-8"), count


def check_target(store: ProjectStore, path: Path) -> None:
    """Refuse to write an export over a folder, a pipe, a device, a loop of symbolic links, the
    open project (by any name, or its side files) or any other database, whatever --force says:
    a project is never lost to an export. Nothing is opened but a regular file, to read its header.
    (A symbolic link to a file is replaced by the export, with --force; its target is left alone.)"""
    if path.absolute().parts[1:2] in (("dev",), ("proc",)):  # /dev/stdout, /dev/fd/1: renaming there breaks them
        raise ExportError(f"{path} is a stream or device of the system, not a file; leave -o out to write to standard output.")
    kind = existing_kind(path)
    if kind == "a folder":
        raise ExportError(f"{path} is a folder.")
    if kind is not None:
        raise ExportError(f"{path} is {kind}; an export is written to a file only.")
    if _is_project_file(store, path):
        raise ExportError(f"{path} is the project itself (or one of its files); choose another name for the export.")
    if is_database(path):
        raise ExportError(f"{path} is a database (perhaps a project); an export never replaces one.")


def _is_project_file(store: ProjectStore, path: Path) -> bool:
    """Whether *path* names the project or a side file of it, also through a link of either kind."""
    files = project_files(store.path)
    if path.resolve() in {file.resolve() for file in files}:
        return True
    return path.exists() and any(file.exists() and os.path.samefile(path, file) for file in files)


def check_options(options: ExportOptions) -> None:
    """Refuse options that do not go together."""
    if options.excel and not options.format.is_table:
        raise ExportError("--excel applies to CSV and TSV exports only.")


def write_export(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    """Write a text export to an open text handle; return the number of beads written."""
    check_options(options)
    exported_pairs(store, options)  # an unknown pair is refused before anything is written
    info = options.format.info
    if info.binary or info.two_files:
        raise ExportError(f"A {options.format} export is written to files; give one with -o.")
    return _text_writer(options.format)(store, handle, options)


TextWriter = Callable[[ProjectStore, TextIO, ExportOptions], int]


def _text_writer(format_: ExportFormat) -> TextWriter:
    """The writer of a text format (imported on demand: lxml loads only for the XML formats)."""
    if format_ == ExportFormat.CSV:
        return _write_csv
    if format_ == ExportFormat.LADDER:
        return _write_ladder
    if format_ in (ExportFormat.TSV, ExportFormat.JSONL):
        from alignments.formats import line_formats

        return line_formats.write_tsv if format_ == ExportFormat.TSV else line_formats.write_jsonl
    if format_ == ExportFormat.TEI:
        from alignments.formats.tei import write_tei

        return write_tei
    if format_ == ExportFormat.XLIFF2:
        from alignments.formats.xliff2 import write_xliff2

        return write_xliff2
    return _write_translation_memory


def _write_csv(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for view in bead_views(store, options):
        writer.writerow(formula_safe(csv_row(view, options.notes)) if options.excel else csv_row(view, options.notes))
        count += 1
    return count


def bead_views(store: ProjectStore, options: ExportOptions = ExportOptions()) -> Iterator[BeadView]:
    """Every bead of the exported pairs with its sentences, in order."""
    for pair in exported_pairs(store, options):
        yield from pair_views(store, pair.id, options.confirmed_only)


def exported_pairs(store: ProjectStore, options: ExportOptions) -> list[PairInfo]:
    """The pairs *options* export: all of them, or the one asked for (which must exist)."""
    pairs = store.pairs()
    if options.pair_id is None:
        return pairs
    chosen = [pair for pair in pairs if pair.id == options.pair_id]
    if not chosen:
        raise ExportError(f"There is no pair {options.pair_id} in this project; `workbench pairs` lists them.")
    return chosen


def csv_row(view: BeadView, notes: NotesMode) -> list[str]:
    bead = view.bead
    return [
        str(bead.pair_id),
        str(bead.id),
        segment_text(side_text(view.source, notes)),
        segment_text(side_text(view.target, notes)),
        str(bead.status),
        "" if bead.score is None else f"{bead.score:.3f}",
        " ".join(map(str, bead.source_ids)),
        " ".join(map(str, bead.target_ids)),
        notes_json(view.source) if notes == NotesMode.COLUMN else "",
        notes_json(view.target) if notes == NotesMode.COLUMN else "",
    ]


def side_text(sentences: Sequence[SentenceView], notes: NotesMode) -> str:
    """The sentences of one side joined by spaces, interpolations kept or stripped."""
    texts = (s.text if notes == NotesMode.KEEP else s.without_notes() for s in sentences)
    return " ".join(text for text in texts if text)


def notes_list(sentences: Sequence[SentenceView]) -> list[dict[str, str | None]]:
    """The interpolations of one side as {kind, editor, text}, text on one line."""
    return [
        {"kind": str(n.kind), "editor": n.editor, "text": segment_text(s.text[n.start : n.end])}
        for s in sentences
        for n in s.notes
    ]


def notes_json(sentences: Sequence[SentenceView]) -> str:
    """The interpolations of one side as a JSON list of {kind, editor, text}."""
    notes = notes_list(sentences)
    return json.dumps(notes, ensure_ascii=False) if notes else ""


def formula_safe(row: list[str]) -> list[str]:
    """Cells a spreadsheet would run as formulas get a leading apostrophe."""
    return [f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell for cell in row]


def _write_translation_memory(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    # imported here so that translate-toolkit (and lxml) load only when a TMX or XLIFF is written
    from alignments.formats.tmx_xliff import tmx_bytes, xliff_bytes

    data, count = (tmx_bytes if options.format == ExportFormat.TMX else xliff_bytes)(store, options)
    handle.write(data.decode("utf-8"))
    return count


def _write_ladder(store: ProjectStore, handle: TextIO, options: ExportOptions) -> int:
    pairs = exported_pairs(store, options)
    if len(pairs) != 1:
        raise ExportError(f"A ladder file holds one pair; this project has {len(pairs)} (choose one with --pair).")
    beads = store.ladder(pairs[0].id)
    count = 0
    for bead, (source, target) in zip(beads, store.ladder_positions(pairs[0].id)):
        if not options.confirmed_only or bead.status == BeadStatus.CONFIRMED:
            handle.write(format_link(source, target, bead.score) + "\n")
            count += 1
    return count


class _atomic_writer:
    """A file written under a temporary name and renamed over *path* only when complete (text, or
    bytes when *binary*)."""

    def __init__(self, path: Path, bom: bool, binary: bool = False) -> None:
        self.path = path
        self.encoding = "utf-8-sig" if bom else "utf-8"
        self.binary = binary

    def __enter__(self) -> Any:
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        except OSError as error:
            raise ExportError(f"{self.path} cannot be written: {error.strerror or error}.") from None
        self.temporary = Path(temporary)
        os.chmod(descriptor, 0o666 & ~_current_umask())
        if self.binary:
            self.handle: Any = open(descriptor, "wb")
        else:
            self.handle = open(descriptor, "w", encoding=self.encoding, newline="")
        return self.handle

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        try:
            if kind is None:
                self.handle.flush()
                os.fsync(self.handle.fileno())
            self.handle.close()
            if kind is None:
                os.replace(self.temporary, self.path)
                _sync_folder(self.path.parent)
        finally:
            self.temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Put a rename in *folder* on disk, where the system can (best effort: the file is complete)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
