"""`workbench compare`: one source document and every translation of it in the project, lined up
through the source, written as a CSV table (one text column per translation) or as TEI (the texts
and one linkGrp per pair)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from alignments.formats.export import NotesMode
from alignments.formats.pivot_export import PivotFormat, export_pivot, write_pivot_as
from alignments.store.pivot_reading import read_pivot
from alignments.store.project_store import ProjectStore
from workbench.command_errors import user_errors


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--source-document", "source_document", required=True, type=int,
              help="The source document whose translations to compare (see `workbench pairs`).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout).")
@click.option("--format", "format_", type=click.Choice([f.value for f in PivotFormat]), default="csv", show_default=True,
              help="csv: a row per stretch of the source, a column per translation; tei: the texts, a linkGrp per pair.")
@click.option("--notes", "notes_mode", type=click.Choice([NotesMode.KEEP.value, NotesMode.STRIP.value]),
              default="keep", show_default=True, help="Keep interpolations in the text or strip them.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def compare(
    project: Path, source_document: int, output: Path | None, format_: str, notes_mode: str, force: bool
) -> None:
    """Write the pivot table of PROJECT's translations of one source document: a row per stretch of
    the source, one column per translation."""
    with user_errors(), ProjectStore.open(project, read_only=True) as store:
        table = read_pivot(store, source_document)
        if output is None or output == Path("-"):
            write_pivot_as(store, table, sys.stdout, NotesMode(notes_mode), PivotFormat(format_))
            return
        count = export_pivot(store, table, output, NotesMode(notes_mode), force, PivotFormat(format_))
    click.echo(f"Wrote {count} {PivotFormat(format_).unit} ({len(table.pairs)} translations) to {output}.", err=True)
