"""Golden files: the whole CSV, TMX and XLIFF export of the letter project (built from its gold
ladder, so the aligner never changes them), compared byte for byte with tests/golden/. The only
things normalised are the workbench's version, which the TMX header and the XLIFF <tool> name,
and the TMX dates (the export's and each bead's: when the test built them).

When an export is meant to change, write the files again with
`WORKBENCH_WRITE_GOLDEN=1 make test`, read the diff by eye, and commit it with the change.
"""

from __future__ import annotations

import os
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from alignments.formats.export import ExportFormat, ExportOptions, export_project
from alignments.store.project_store import ProjectStore

GOLDEN = Path(__file__).with_name("golden")
VERSION = f'creationtoolversion="{version("translation-workbench")}"'


TOOL_VERSION = f'tool-version="{version("translation-workbench")}"'
DATES = re.compile(r'(creationdate|changedate)="\d{8}T\d{6}Z"')


def normalised(text: str) -> str:
    text = text.replace(VERSION, 'creationtoolversion="VERSION"').replace(TOOL_VERSION, 'tool-version="VERSION"')
    return DATES.sub(r'\1="DATE"', text)


@pytest.mark.parametrize(
    ("format_", "name"),
    [(ExportFormat.CSV, "letter.csv"), (ExportFormat.TMX, "letter.tmx"), (ExportFormat.XLIFF, "letter.xlf")],
    ids=["csv", "tmx", "xliff"],
)
def test_the_whole_export_is_the_golden_file(letter_project: ProjectStore, tmp_path: Path, format_: ExportFormat, name: str) -> None:
    written = tmp_path / name
    export_project(letter_project, written, ExportOptions(format=format_))
    text = normalised(written.read_bytes().decode("utf-8"))
    if os.environ.get("WORKBENCH_WRITE_GOLDEN") == "1":
        (GOLDEN / name).write_bytes(text.encode("utf-8"))
    assert text == (GOLDEN / name).read_bytes().decode("utf-8")
