"""The bundled sample texts: pairs of a source and its translation, with hand-made gold ladders.

See README.md in this folder for what each file is and where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

SAMPLES_VERSION = 3  # bump when the files change, so that sample projects are rebuilt


@dataclass(frozen=True)
class SamplePair:
    name: str
    source: str
    target: str
    source_lang: str
    target_lang: str
    source_title: str
    target_title: str
    gold: str | None = None
    aligned: bool = True  # False: the pair is stored from its gold ladder (the aligner misses it)

    def path(self, file_name: str) -> Path:
        return Path(str(resources.files(__name__).joinpath(file_name)))

    @property
    def source_path(self) -> Path:
        return self.path(self.source)

    @property
    def target_path(self) -> Path:
        return self.path(self.target)

    @property
    def gold_path(self) -> Path | None:
        return None if self.gold is None else self.path(self.gold)


SAMPLE_PAIRS: tuple[SamplePair, ...] = (
    SamplePair(
        "letter-1937", "letter-1937.de.txt", "letter-1937.en.txt", "de", "en",
        "Offener Brief eines Verräters, 1937", "Traitor's Open Letter, 1937", "letter-1937.gold.ladder",
    ),
    SamplePair(
        "appeal-1917", "appeal-1917.de.txt", "appeal-1917.en.txt", "de", "en",
        "Aufruf, 1917 (Auszug)", "Appeal, 1917 (excerpt)", "appeal-1917.gold.ladder",
    ),
    SamplePair(
        "letter-1937-second", "letter-1937.de.txt", "letter-1937.en2.txt", "de", "en",
        "Offener Brief eines Verräters, 1937", "Open Letter of a Traitor, 1937 (first paragraphs)",
        "letter-1937.en2.gold.ladder", aligned=False,
    ),
)
