"""Many pairs at once (`workbench batch`), on plain values: the manifest (one pair a line), the
output names, whether an output is still up to date, one pair read and aligned with its figures,
and the report (one CSV row per pair). Nothing here runs in parallel or writes a file: the
caller (workbench/batch.py) does both.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alignments.aligner.encoders import Embedder
from alignments.aligner.run_vectors import VectorCache
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.ladder.drafts import PairDraft
from alignments.planning.lengths_alone import LENGTHS_ALONE, LengthsAlone
from alignments.planning.new_pair import Method, draft_pair, load_pair
from corpus.errors import UserError

REPORT_NAME = "report"
REPORT_COLUMNS = (
    "name", "source_sentences", "target_sentences", "beads", "null_share", "flagged", "seconds", "method", "error",
    "coverage",
)


class ManifestError(UserError):
    """A manifest that cannot be read; the message names the line."""


@dataclass(frozen=True)
class PairEntry:
    """One line of the manifest: the two texts and the name their output goes by."""

    name: str
    source: Path
    target: Path


@dataclass(frozen=True)
class BatchSettings:
    """What every pair of a batch is read and aligned with."""

    source_lang: str | None = None
    target_lang: str | None = None
    segmented: bool = False
    method: Method = Method.DEFAULT


def read_manifest(text: str, base: Path) -> list[PairEntry]:
    """The pairs of a manifest: `source<TAB>target[<TAB>name]` a line, paths relative to *base*;
    blank lines and lines starting with # are skipped. Names default to the source file's stem
    and are made unique (and never `report`, the batch report's name)."""
    rows: list[tuple[Path, Path, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) not in (2, 3) or not all(fields):
            raise ManifestError(f"Manifest line {number}: expected source<TAB>target, or source<TAB>target<TAB>name.")
        source, target = base / fields[0], base / fields[1]
        name = fields[2] if len(fields) == 3 else source.stem
        _check_name(name, number)
        rows.append((source, target, name))
    if not rows:
        raise ManifestError("The manifest lists no pairs.")
    names = unique_names([name for _, _, name in rows])
    return [PairEntry(name, source, target) for (source, target, _), name in zip(rows, names, strict=True)]


def _check_name(name: str, number: int) -> None:
    if name in (".", "..") or "/" in name or "\\" in name or name.startswith("."):
        raise ManifestError(f"Manifest line {number}: {name!r} is not a file name (no folders, no leading dot).")


def unique_names(names: Sequence[str]) -> list[str]:
    """*names* in order, a later repeat getting `-2`, `-3`, …; none is the report's name."""
    taken = {REPORT_NAME.casefold()}
    unique: list[str] = []
    for name in names:
        candidate, number = name, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{name}-{number}"
        taken.add(candidate.casefold())
        unique.append(candidate)
    return unique


def is_up_to_date(outputs: Sequence[Path], entry: PairEntry) -> bool:
    """Whether the pair's *outputs* (none: not known beforehand) all exist and are newer than
    both of its texts."""
    try:
        made = min((output.stat().st_mtime_ns for output in outputs), default=0)
        return made > max(entry.source.stat().st_mtime_ns, entry.target.stat().st_mtime_ns)
    except OSError:
        return False


@dataclass(frozen=True)
class PairFigures:
    """One row of the report: what aligning a pair gave, or why it failed (`error`)."""

    name: str
    source_sentences: int | None = None
    target_sentences: int | None = None
    beads: int | None = None
    null_share: float | None = None
    flagged: int | None = None
    seconds: float | None = None
    method: str = ""
    error: str = ""
    coverage: str = ""  # what the mismatch warning says, if anything ("the translation appears to …")

    @classmethod
    def of(cls, name: str, draft: PairDraft, seconds: float, method: Method) -> PairFigures:
        ladder = draft.ladder
        nulls = sum(1 for source, target, _ in ladder if not source or not target)
        flagged = sum(1 for _, _, score in ladder if score is None or score < LOW_CONFIDENCE)
        return cls(
            name, len(draft.source.sentences), len(draft.target.sentences), len(ladder),
            nulls / len(ladder) if ladder else 0.0, flagged, seconds, str(method),
            coverage=_findings(draft),
        )

    @property
    def failed(self) -> bool:
        return bool(self.error)

    def row(self) -> list[str]:
        values = [
            self.source_sentences, self.target_sentences, self.beads,
            None if self.null_share is None else f"{self.null_share:.3f}",
            self.flagged, None if self.seconds is None else f"{self.seconds:.3f}",
        ]
        return [self.name, *("" if value is None else str(value) for value in values), self.method, self.error, self.coverage]


def _findings(draft: PairDraft) -> str:
    """What the pair's mismatch warning says, without its "Warning: " (workbench/reports.py):
    how much of each text the other covers, and whether sentence lengths alone placed the beads."""
    beads = [(bool(source) and bool(target), score is None or score < LOW_CONFIDENCE) for source, target, score in draft.ladder]
    lengths_alone = LengthsAlone({draft.provenance}, lambda: (draft.source, draft.target)).holds(beads)
    return "; ".join(finding for finding in (draft.coverage_findings(), LENGTHS_ALONE if lengths_alone else None) if finding)


def align_entry(
    entry: PairEntry, settings: BatchSettings, embedder: Embedder | None = None, cache: VectorCache | None = None
) -> tuple[PairDraft, PairFigures]:
    """Read and align one pair; its draft and its figures (the time includes reading)."""
    started = time.perf_counter()
    documents = load_pair(entry.source, entry.target, settings.source_lang, settings.target_lang, settings.segmented)
    draft = draft_pair(*documents, method=settings.method, embedder=embedder, cache=cache)
    return draft, PairFigures.of(entry.name, draft, time.perf_counter() - started, settings.method)


def report_text(rows: Iterable[PairFigures]) -> str:
    """The report as CSV (a header row, then one row per pair)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    writer.writerows(figures.row() for figures in rows)
    return out.getvalue()


def earlier_rows(text: str) -> dict[str, PairFigures]:
    """The rows of an earlier report by name (for pairs a resumed run skips); rows it cannot
    read are left out."""
    rows: dict[str, PairFigures] = {}
    try:
        records = list(csv.DictReader(io.StringIO(text)))
    except csv.Error:
        return rows
    for record in records:
        try:
            rows[record["name"]] = PairFigures(
                record["name"], _int(record["source_sentences"]), _int(record["target_sentences"]),
                _int(record["beads"]), _float(record["null_share"]), _int(record["flagged"]),
                _float(record["seconds"]), record["method"] or "", record["error"] or "",
                record.get("coverage") or "",  # none in a report written before the column was
            )
        except (KeyError, ValueError, TypeError):
            continue
    return rows


def _int(text: str) -> int | None:
    return int(text) if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None
