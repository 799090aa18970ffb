"""A TMX file as a new pair: each translation unit's two segments become a stretch of each
document (one line a unit), segmented into sentences and searched for interpolations, and one
bead. Units this workbench exported keep their bead's status and score (`x-status`, `x-score`).
The file is checked by alignments.formats.safe_xml before translate-toolkit reads it. No Qt.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile, tmxunit

from alignments.formats.bead_import import IMPORTED
from alignments.formats.safe_xml import XMLFileError, check_xml
from alignments.formats.tmx_xliff import SCORE_PROPERTY, STATUS_PROPERTY
from alignments.ladder.beads import BeadStatus, parse_score
from alignments.ladder.drafts import LadderRows, PairDraft
from alignments.ladder.edits import set_status
from alignments.store.project_store import ProjectStore
from corpus.documents import AnalysedDocument, Document, title_of
from corpus.files import NotRegularFileError, read_regular
from corpus.interpolations import DetectionConfig, find_interpolations
from corpus.languages import base_language, language_tag
from corpus.segmentation import segment
from corpus.spans import Span

MAX_UNPACKED_BYTES = 256 * 2**20
GIVEN_SCORE = 1.0
_GZIP_MAGIC = b"\x1f\x8b"


class TMXImportError(XMLFileError):
    """A TMX file that cannot be imported; the message is meant for the user."""


@dataclass(frozen=True)
class MemoryUnit:
    source: str
    target: str
    status: BeadStatus = BeadStatus.AUTO
    score: float | None = None


@dataclass(frozen=True)
class Memory:
    """The units of a TMX file in one language pair."""

    source_lang: str
    target_lang: str
    units: tuple[MemoryUnit, ...]


def read_tmx(path: Path, source_lang: str | None = None, target_lang: str | None = None) -> Memory:
    """The units of a TMX file (checked first), in *source_lang* and *target_lang* (by default:
    the header's source language and the first other language found)."""
    data = _tmx_data(path)
    root = check_xml(data, str(path))
    if root.rsplit("}", 1)[-1] != "tmx":
        raise TMXImportError(f"{path} is not a TMX file (its root element is <{root}>).")
    memory = tmxfile.parsestring(data)
    units = [_languages(unit) for unit in memory.units]
    source = _choose(source_lang or _header_language(memory) or _unit_source_language(memory), units, path, "source")
    target = _choose(target_lang, units, path, "translation", exclude=source)
    chosen = tuple(_unit(unit, texts, source, target, number, path) for number, (unit, texts) in enumerate(zip(memory.units, units), 1))
    kept = tuple(unit for unit in chosen if unit.source.strip() or unit.target.strip())
    if not kept:
        raise TMXImportError(f"{path} holds no translation units in {source} and {target}.")
    return Memory(source, target, kept)


def _tmx_data(path: Path) -> bytes:
    """The file's bytes; a gzipped TMX (.tmx.gz) unpacked, up to MAX_UNPACKED_BYTES."""
    try:
        data = read_regular(path)
        if data.startswith(_GZIP_MAGIC):
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = unpacked.read(MAX_UNPACKED_BYTES + 1)
    except FileNotFoundError:
        raise TMXImportError(f"{path}: no such file.") from None
    except NotRegularFileError as error:
        raise TMXImportError(f"{path} is {error.kind}, not a TMX file.") from None
    except (OSError, EOFError, zlib.error) as error:
        raise TMXImportError(f"{path} cannot be read: {getattr(error, 'strerror', None) or error}.") from None
    if len(data) > MAX_UNPACKED_BYTES:
        raise TMXImportError(f"{path} unpacks to over {MAX_UNPACKED_BYTES // 2**20} MB; split it and try again.")
    return data


def _unit_source_language(memory: tmxfile) -> str | None:
    """The source language most units name (`<tu srclang>`) when the header says "*all*"."""
    named = Counter(unit.xmlelement.get("srclang") for unit in memory.units)
    named.pop(None, None)
    return named.most_common(1)[0][0] if named else None


def _header_language(memory: tmxfile) -> str | None:
    header = memory.document.getroot().find(memory.namespaced("header"))
    language = header.get("srclang") if header is not None else None
    return None if language is None or language.lower() == "*all*" else language


def _languages(unit: tmxunit) -> dict[str, str]:
    """The unit's segments by language tag (first one wins)."""
    texts: dict[str, str] = {}
    for node in unit.getlanguageNodes():
        language = getXMLlang(node) or node.get("lang")  # TMX 1.1 (OmegaT's project files) writes lang=
        if language:
            texts.setdefault(language_tag(language), unit.getNodeText(node) or "")
    return texts


def _choose(
    wanted: str | None, units: Sequence[dict[str, str]], path: Path, role: str, exclude: str | None = None
) -> str:
    present = list(dict.fromkeys(language for unit in units for language in unit))
    if wanted is not None:
        found = _match(language_tag(wanted), present)
        if found is None:
            raise TMXImportError(f"{path} has no segments in {wanted} (it has {', '.join(present) or 'none'}).")
        return found
    others = [language for language in present if language != exclude]
    if not others:
        raise TMXImportError(f"{path} has no {role} language to offer (languages: {', '.join(present) or 'none'}).")
    return others[0]


def _match(wanted: str, present: Sequence[str]) -> str | None:
    exact = [language for language in present if language.lower() == wanted.lower()]
    if exact:
        return exact[0]
    same_base = [language for language in present if base_language(language) == base_language(wanted)]
    return same_base[0] if same_base else None


def _unit(unit: tmxunit, texts: dict[str, str], source: str, target: str, number: int, path: Path) -> MemoryUnit:
    properties = {prop.get("type"): (prop.text or "") for prop in unit.xmlelement.iterchildren(unit.namespaced("prop"))}
    status = BeadStatus.CONFIRMED if properties.get(STATUS_PROPERTY) == "confirmed" else BeadStatus.AUTO
    try:
        score = parse_score(properties[SCORE_PROPERTY]) if SCORE_PROPERTY in properties else GIVEN_SCORE
    except ValueError as error:  # a unit of a translation memory without a score is a pairing someone made
        raise TMXImportError(f"{path}, translation unit {number}: {error}.") from None
    return MemoryUnit(texts.get(source, ""), texts.get(target, ""), status, score)


def draft_from_memory(memory: Memory, title: str, origin: str, config: DetectionConfig = DetectionConfig()) -> PairDraft:
    """Two documents (a unit's segment a line) and one bead per unit."""
    source, source_runs = _document([u.source for u in memory.units], memory.source_lang, title, origin, config)
    target, target_runs = _document([u.target for u in memory.units], memory.target_lang, title, origin, config)
    ladder: LadderRows = [(s, t, unit.score) for s, t, unit in zip(source_runs, target_runs, memory.units)]
    return PairDraft(source, target, ladder, IMPORTED)


def _document(
    segments: Sequence[str], lang: str, title: str, origin: str, config: DetectionConfig
) -> tuple[AnalysedDocument, list[range]]:
    """One document of the segments, one a line, with each segment's sentence index range.
    Interpolations are found in the whole text (a footnote mark and its body may be units apart)."""
    text = "\n".join(" ".join(segment_text.split()) for segment_text in segments)
    notes = find_interpolations(text, config)
    sentences: list[Span] = []
    runs: list[range] = []
    offset = 0
    for line in text.split("\n"):
        line_span = Span(offset, offset + len(line))
        inside = [note.relative_to(line_span.start, line_span.end) for note in notes if line_span.contains(note.span)]
        first = len(sentences)
        sentences.extend(Span(s.start + offset, s.end + offset) for s in segment(line, lang, inside))
        runs.append(range(first, len(sentences)))
        offset += len(line) + 1
    document = Document(text, lang, title_of(text, title), origin)
    return AnalysedDocument(document, tuple(sentences), tuple(notes)), runs


def store_memory(store: ProjectStore, memory: Memory, draft: PairDraft) -> int:
    """Store the pair, with the beads of confirmed units confirmed; return the pair id."""
    with store.transaction():
        pair_id = store.add_drafted_pair(draft)
        ladder = store.ladder(pair_id)
        confirmed = [bead for bead, unit in zip(ladder, memory.units, strict=True) if unit.status == BeadStatus.CONFIRMED]
        store.apply(set_status(pair_id, confirmed, BeadStatus.CONFIRMED))
    return pair_id
