"""`workbench segment`, `notes` and `score`: the commands that read text or ladder files and
touch no project.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from alignments.ladder.notation import parse_ladder, score
from alignments.store.rules import checked_pattern
from corpus.documents import analyse, load_document
from corpus.interpolations import DetectionConfig
from corpus.reading import BadBytes, read_text_file
from workbench.command_errors import user_errors
from workbench.command_options import bad_bytes_option, progress_line


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", help="Language code (guessed when left out).")
@click.option("--json", "as_json", is_flag=True, help='One {"start","end","text"} object a line.')
@bad_bytes_option
def segment(file: Path, lang: str | None, as_json: bool, bad_bytes: str) -> None:
    """Split FILE into sentences, one a line (offsets: code points into the decoded file)."""
    with user_errors(), progress_line("Segmenting") as progress:
        analysed = analyse(load_document(file, lang, BadBytes(bad_bytes)), progress=progress)
    text = analysed.document.text
    for sentence in analysed.sentences:
        piece = sentence.text_of(text)
        if as_json:
            click.echo(json.dumps({"start": sentence.start, "end": sentence.end, "text": piece}, ensure_ascii=False))
        else:
            click.echo(" ".join(piece.split()))


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", help="Language code (guessed when left out).")
@click.option("--editor", "editors", multiple=True, help="An extra editor signature, e.g. 'A. B.'.")
@click.option("--pattern", "patterns", multiple=True, help="An extra regular expression marking a note.")
@bad_bytes_option
def notes(file: Path, lang: str | None, editors: tuple[str, ...], patterns: tuple[str, ...], bad_bytes: str) -> None:
    """List the editorial interpolations of FILE, one JSON object a line."""
    with user_errors():
        for pattern in patterns:
            checked_pattern(pattern)
        document = load_document(file, lang, BadBytes(bad_bytes))
        found = analyse(document, DetectionConfig(editors=editors, patterns=patterns)).interpolations
    for note in found:
        record = {
            "start": note.start, "end": note.end, "kind": str(note.kind),
            "editor": note.editor, "text": document.text[note.start : note.end],
        }
        click.echo(json.dumps(record, ensure_ascii=False))


@click.command("score")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("test", type=click.Path(path_type=Path))
def score_command(gold: Path, test: Path) -> None:
    """Strict and lax precision/recall/F1 of TEST ladders against GOLD (files or folders)."""
    with user_errors():
        pairs = _ladder_pairs(gold, test)
        result = score([parse_ladder(read_text_file(g).text) for g, _ in pairs],
                       [parse_ladder(read_text_file(t).text) for _, t in pairs])
    click.echo(f"strict  precision {result.precision_strict:.3f}  recall {result.recall_strict:.3f}  F1 {result.f1_strict:.3f}")
    click.echo(f"lax     precision {result.precision_lax:.3f}  recall {result.recall_lax:.3f}  F1 {result.f1_lax:.3f}")


def _ladder_pairs(gold: Path, test: Path) -> list[tuple[Path, Path]]:
    if gold.is_dir() != test.is_dir():
        raise click.ClickException("GOLD and TEST must both be files or both be folders.")
    if not gold.is_dir():
        return [(gold, test)]
    names = sorted(p.name for p in gold.iterdir() if p.is_file())
    missing = [name for name in names if not (test / name).is_file()]
    if missing:
        raise click.ClickException(f"{test} has no ladder for {', '.join(missing[:5])}.")
    return [(gold / name, test / name) for name in names]


TEXT_COMMANDS = (segment, notes, score_command)
