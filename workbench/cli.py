"""The `workbench` command line (DESIGN §8). Headless commands never import the GUI; `open`
(also the default when no command is given) starts the desktop app. User mistakes end in one
line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from alignments.aligner.encoder_choice import FAST_ABOVE, Encoder
from alignments.formats.export import (
    ExportFormat,
    ExportOptions,
    NotesMode,
    check_options,
    export_bytes,
    export_project,
    side_paths,
    write_export,
)
from alignments.planning.align_the_rest import RealignInput, plan_realignment
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.planning.revisions import plan_revision, revision_history
from alignments.store.project_store import ProjectStore
from alignments.store.rules import RuleChange
from corpus.conversion import read_structured
from corpus.reading import BadBytes
from corpus.wording import plural
from workbench.batch import batch_command
from workbench.command_errors import user_errors
from workbench.command_options import bad_bytes_option, progress_line
from workbench.compare_command import compare
from workbench.creating import Created, NewPair, add_pair, aligning_label, new_project
from workbench.importing import (
    FORMATS,
    NEW_PAIR_FORMATS,
    format_of,
    import_beads,
    import_pairs,
)
from workbench.reports import (
    history_lines,
    hit_lines,
    pair_summary,
    redetection_line,
    report_lines,
    rule_lines,
)
from workbench.text_commands import TEXT_COMMANDS

METHODS = tuple(method.value for method in Method)
_encoder_option = click.option(
    "--encoder", type=click.Choice([encoder.value for encoder in Encoder]), default="auto", show_default=True,
    help="Sentence encoder of --method embeddings: auto (e5 for small pairs, the fast one above"
    f" {FAST_ABOVE} sentences), fast or e5; e5 wherever the fast one lacks a language.",
)


class _OpenByDefault(click.Group):
    """`workbench` and `workbench PROJECT` mean `workbench open [PROJECT]`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and not args[0].startswith("-")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_OpenByDefault)
@click.version_option(package_name="translation-workbench")
def cli() -> None:
    """Translation Workbench: align a source text with its translation, sentence by sentence,
    and keep editorial interpolations apart."""


@cli.command("open")
@click.argument("project", required=False, type=click.Path(path_type=Path))
def open_command(project: Path | None) -> None:
    """Launch the app on PROJECT (no PROJECT: the bundled sample project)."""
    from workbench.app import launch

    sys.exit(launch(project))


@cli.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--source", "source", required=True, type=click.Path(path_type=Path), help="The source text.")
@click.option("--target", "target", required=True, type=click.Path(path_type=Path), help="The translation.")
@click.option("--source-lang", help="Language code of the source (guessed when left out).")
@click.option("--target-lang", help="Language code of the translation (guessed when left out).")
@click.option("--no-align", is_flag=True, help="Pair sentences in order instead of aligning them.")
@click.option("--segmented", is_flag=True, help="The texts hold one sentence a line already.")
@click.option("--method", type=click.Choice(METHODS), default="default", show_default=True, help="Aligner.")
@_encoder_option
@click.option("--add", is_flag=True, help="Add the pair to an existing project.")
@bad_bytes_option
def new(
    project: Path, source: Path, target: Path, source_lang: str | None, target_lang: str | None,
    no_align: bool, segmented: bool, method: str, encoder: str, add: bool, bad_bytes: str,
) -> None:
    """Create PROJECT from a source text and its translation, aligned."""
    texts = NewPair(
        source, target, source_lang, target_lang, not no_align, Method(method), BadBytes(bad_bytes), segmented,
        Encoder(encoder),
    )
    with user_errors(project):
        created = add_pair(project, texts, progress_line) if add else new_project(project, texts, progress_line)
    _report(created)


@cli.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--pair", "pair_ids", type=int, multiple=True, help="Only this pair (default: every pair).")
def realign(project: Path, pair_ids: tuple[int, ...]) -> None:
    """Re-align the unconfirmed beads of PROJECT between its confirmed ones (Align the rest).
    Each pair is saved whole or not at all: Ctrl+C leaves the pairs saved before it re-aligned
    and the others as they were."""
    with user_errors(project):
        with ProjectStore.open(project) as store:
            chosen = list(pair_ids) or [pair.id for pair in store.pairs()]
            for pair_id in chosen:  # a wrong number changes nothing
                _check_pair(store, project, pair_id)
            done = 0
            try:
                for pair_id in chosen:
                    data = RealignInput.gather(store, pair_id)
                    with progress_line(aligning_label(len(data.known))) as progress:
                        edit = plan_realignment(data, progress)
                    store.apply(edit)
                    done += 1
                    _report(Created.of(store, pair_id), f" ({len(edit.removed)} beads replaced by {len(edit.added)})")
            except KeyboardInterrupt:
                message = f"Interrupted after re-aligning {done} of {plural(len(chosen), 'pair')}; the others are as they were."
                raise click.ClickException(message) from None


def _listing(values: list[int]) -> str:
    return ", ".join(map(str, values)) or "none"


@cli.command()
@click.argument("project", type=click.Path(path_type=Path))
def pairs(project: Path) -> None:
    """List the document pairs of PROJECT (with the warning `new` gives, where a pair has one)."""
    with user_errors(project):
        with ProjectStore.open(project, read_only=True) as store:
            for pair in store.pairs():
                _report(Created.of(store, pair.id))


def _report(pair: Created, after: str = "") -> None:
    """A pair's line (then *after*), and on stderr its warning if it has one."""
    click.echo(f"{pair.summary}{after}")
    if pair.warning is not None:
        click.echo(pair.warning, err=True)


@cli.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--document", "document_id", required=True, type=int, help="The document to revise (see `workbench pairs`).")
@click.argument("file", type=click.Path(path_type=Path), required=False)
@click.option("--history", is_flag=True, help="Instead: what each earlier revision of the document changed.")
@bad_bytes_option
def revise(project: Path, document_id: int, file: Path | None, history: bool, bad_bytes: str) -> None:
    """Import FILE as a revised text of a document of PROJECT; sentences, notes and beads carry over.
    With --history, show the document's revisions, oldest first, and what each one changed."""
    if history == (file is not None):
        raise click.UsageError("Give either a revised text FILE or --history.")
    if file is None:
        _show_history(project, document_id)
        return
    with user_errors(project):
        with ProjectStore.open(project) as store:
            plan = plan_revision(store, document_id, read_structured(file, BadBytes(bad_bytes)).text, str(file))
            store.apply(plan.edit)
    for line in report_lines(plan.report):
        click.echo(line)


def _show_history(project: Path, document_id: int) -> None:
    with user_errors(project):
        with ProjectStore.open(project, read_only=True) as store:
            lines = list(history_lines(store, revision_history(store, document_id)))
    click.echo("\n".join(lines) if lines else f"Document {document_id} has not been revised.")


@cli.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--add-editor", "add_editors", multiple=True, help="Add an editor signature, e.g. 'K. M.'.")
@click.option("--remove-editor", "remove_editors", multiple=True, help="Remove an editor signature.")
@click.option("--add-pattern", "add_patterns", multiple=True, help="Add a regular expression marking a note.")
@click.option("--remove-pattern", "remove_patterns", multiple=True, help="Remove a note pattern.")
def rules(
    project: Path, add_editors: tuple[str, ...], remove_editors: tuple[str, ...],
    add_patterns: tuple[str, ...], remove_patterns: tuple[str, ...],
) -> None:
    """Show PROJECT's own editor signatures and note patterns, or change them; after a change the
    interpolations of its texts are found again (hand-marked ones are kept)."""
    change = RuleChange(add_editors, remove_editors, add_patterns, remove_patterns)
    with user_errors(project):
        with ProjectStore.open(project, read_only=change.is_empty) as store:
            if not change.is_empty:
                shown = sorted({document.id for pair in store.pairs() for document in (pair.source, pair.target)})
                click.echo(redetection_line(store.rules.update(change, shown)))
            for line in rule_lines(store.rules.detection_config()):
                click.echo(line)


def _export_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default, or -: stdout).")(fn)
    fn = click.option(
        "--force", is_flag=True,
        help="Overwrite the output file if it exists (a symbolic link is replaced, not the file it leads to).",
    )(fn)
    return fn


@cli.command("align")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--source-lang", help="Language code of the source (guessed when left out).")
@click.option("--target-lang", help="Language code of the translation (guessed when left out).")
@click.option("--segmented", is_flag=True, help="The inputs hold one sentence a line already.")
@click.option("--method", type=click.Choice(METHODS), default="default", show_default=True, help="Aligner.")
@_encoder_option
@click.option("--format", "format_", type=click.Choice([f.value for f in ExportFormat]), default="csv", show_default=True)
@_export_options
@bad_bytes_option
def align_command(
    source: Path, target: Path, source_lang: str | None, target_lang: str | None, segmented: bool,
    method: str, encoder: str, format_: str, output: Path | None, force: bool, bad_bytes: str,
) -> None:
    """Segment, align and export SOURCE and TARGET in one go, without a project file."""
    with user_errors():
        source_doc, target_doc = load_pair(
            source, target, source_lang, target_lang, segmented, bad_bytes=BadBytes(bad_bytes)
        )
        with progress_line("Aligning") as progress:
            draft = draft_pair(source_doc, target_doc, progress=progress, method=Method(method), encoder=Encoder(encoder))
        with ProjectStore.in_memory() as store:
            store.add_drafted_pair(draft)
            _export(store, ExportOptions(ExportFormat(format_)), output, force)


@cli.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice([f.value for f in ExportFormat]), default="csv", show_default=True)
@click.option("--notes", "notes_mode", type=click.Choice([m.value for m in NotesMode]), default="column",
              show_default=True, help="Strip interpolations, keep them in the text, or list them in columns.")
@click.option("--confirmed-only", is_flag=True, help="Only beads the user confirmed.")
@click.option("--excel", is_flag=True, help="Add a BOM and neutralise cells a spreadsheet would run as formulas.")
@click.option("--pair", "pair_id", type=int, help="Export this pair only (`workbench pairs` lists them).")
@_export_options
def export(
    project: Path, format_: str, notes_mode: str, confirmed_only: bool, excel: bool, pair_id: int | None,
    output: Path | None, force: bool,
) -> None:
    """Export the aligned pairs of PROJECT: CSV, TSV, .xlsx or JSON Lines (one row per bead), TMX,
    XLIFF 1.2 or 2.0 (one unit per bead with text on both sides), TEI P5 (both texts and the
    alignment), Moses (two line-aligned files, OUT.<lang>), or a vecalign ladder."""
    options = ExportOptions(ExportFormat(format_), NotesMode(notes_mode), confirmed_only, excel, pair_id)
    with user_errors(project):
        check_options(options)
        with ProjectStore.open(project, read_only=True) as store:
            _export(store, options, output, force)


def _export(store: ProjectStore, options: ExportOptions, output: Path | None, force: bool) -> None:
    if output == Path("-"):  # DESIGN §8: "-" writes standard output
        output = None
    if output is None and options.format.info.binary:
        sys.stdout.flush()
        sys.stdout.buffer.write(export_bytes(store, options)[0])
    elif output is None:
        stream = sys.stdout
        if options.excel:
            stream.write("\ufeff")
        write_export(store, stream, options)
    else:
        link = os.path.islink(output)
        count = export_project(store, output, options, force)
        written = " and ".join(map(str, side_paths(store, output, options))) if options.format.info.two_files else output
        replaced = " (in place of the symbolic link that was there; the file it led to is unchanged)" if link else ""
        click.echo(f"Wrote {plural(count, 'bead')} to {written}{replaced}.", err=True)


@cli.command("import")
@click.argument("project", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice(FORMATS), help="The file's format (default: its extension).")
@click.option("--pair", "pair_id", type=int, help="Ladder: the pair it aligns (needed when PROJECT has several).")
@click.option("--source-lang", help="TMX: the source language (default: the header's).")
@click.option("--target-lang", help="TMX: the translation's language (default: the first other one).")
@click.option("--add", is_flag=True, help="TMX, TEI: add the pairs to the existing PROJECT instead of creating it.")
def import_command(
    project: Path, file: Path, format_: str | None, pair_id: int | None, source_lang: str | None,
    target_lang: str | None, add: bool,
) -> None:
    """Read FILE into PROJECT: a TMX (also .tmx.gz) or a TEI alignment becomes a new project (or,
    with --add, new pairs); a ladder, or a CSV/TSV/.xlsx this workbench exported, re-aligns the
    project's existing sentences (a table whose text was edited is refused, naming the cells)."""
    with user_errors(project):
        kind = format_of(file, format_)
        if kind in NEW_PAIR_FORMATS:
            pair_ids = import_pairs(project, file, kind, source_lang, target_lang, add)
            with ProjectStore.open(project, read_only=True) as store:
                for pair in pair_ids:
                    click.echo(pair_summary(store, pair))
        else:
            for line in import_beads(project, file, kind, pair_id):
                click.echo(line)


@cli.command("search")
@click.argument("project", type=click.Path(path_type=Path))
@click.argument("query")
@click.option("--pair", "pair_id", type=int, help="Only the sentences of this pair.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most this many sentences.")
def search_command(project: Path, query: str, pair_id: int | None, limit: int) -> None:
    """Full-text search over the sentences of PROJECT, best match first: one line a hit
    (pair, bead, side, sentence id, its text)."""
    with user_errors(project):
        with ProjectStore.open(project, read_only=True) as store:
            _check_pair(store, project, pair_id)
            hits = store.search(query, pair_id, limit)
    for line in hit_lines(hits, pair_id):
        click.echo(line)
    if not hits:
        click.echo(f"No sentence matches {query!r}.", err=True)


def _check_pair(store: ProjectStore, project: Path, pair_id: int | None) -> None:
    known = [pair.id for pair in store.pairs()]
    if pair_id is not None and pair_id not in known:
        raise click.ClickException(f"{project} has no pair {pair_id} (it has {_listing(known)}).")


cli.add_command(batch_command)
cli.add_command(compare)
for command in TEXT_COMMANDS:
    cli.add_command(command)


def main() -> None:
    cli(prog_name="workbench")

