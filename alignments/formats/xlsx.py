"""The .xlsx export and its reading back (openpyxl): one sheet per pair with the CSV columns, a
frozen bold header, wrapped text columns of a readable width, every text cell a string (a
sentence starting with "=" is text, never a formula, with no visible apostrophe), status and
score as typed cells. No Qt.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from alignments.formats.bead_import import BeadImportError, cell_text, check_columns
from alignments.formats.export import (
    CSV_COLUMNS,
    ExportOptions,
    csv_row,
    exported_pairs,
)
from alignments.store.pair_reading import pair_views
from alignments.store.project_store import ProjectStore
from corpus.files import NotRegularFileError, read_regular

_WIDTHS = {"source": 60, "translation": 60, "source_notes": 30, "translation_notes": 30}
_WRAP = Alignment(wrap_text=True, vertical="top")
MAX_XLSX_BYTES = 64 * 2**20


def xlsx_bytes(store: ProjectStore, options: ExportOptions) -> tuple[bytes, int]:
    """The workbook and how many beads it holds."""
    book = Workbook()
    book.remove(book.active)
    count = 0
    for pair in exported_pairs(store, options):
        sheet = book.create_sheet(f"Pair {pair.id}")
        _header(sheet)
        for row, view in enumerate(pair_views(store, pair.id, options.confirmed_only), start=2):
            for column, (name, value) in enumerate(zip(CSV_COLUMNS, csv_row(view, options.notes)), start=1):
                _write_cell(sheet.cell(row=row, column=column), name, value)
            count += 1
    if not book.sheetnames:
        book.create_sheet("No pairs")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count


def _header(sheet: object) -> None:
    sheet.append(list(CSV_COLUMNS))  # type: ignore[attr-defined]
    for index, column in enumerate(CSV_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)  # type: ignore[attr-defined]
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = _WIDTHS.get(column, 12)  # type: ignore[attr-defined]
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]


def _write_cell(cell: Cell, column: str, value: str) -> None:
    """Numbers as numbers; text always as a string cell, never a formula (even from "=")."""
    if column in ("pair", "bead"):
        cell.value = int(value)
    elif column == "score":
        cell.value = float(value) if value else None
    else:
        cell.value = value
        cell.data_type = "s"
        cell.alignment = _WRAP

def xlsx_rows(path: Path) -> list[dict[str, str]]:
    """The rows of every sheet of an .xlsx this workbench exported, as {column: cell text}."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_XLSX_BYTES:
            raise BeadImportError(f"{name} is over {MAX_XLSX_BYTES // 2**20} MB.")
        book = load_workbook(io.BytesIO(read_regular(path)), read_only=True, data_only=True)
    except NotRegularFileError as error:
        raise BeadImportError(f"{name} is {error.kind}, not an .xlsx workbook.") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise BeadImportError(f"{name} is not an .xlsx workbook this workbench can read.") from None
    rows: list[dict[str, str]] = []
    for sheet in book.worksheets:
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            continue
        header = [cell_text(value) for value in values[0]]
        check_columns(header, name)
        rows.extend({column: cell_text(value) for column, value in zip(header, row)} for row in values[1:] if any(row))
    book.close()
    return rows
