"""Where the user was in each project: the pair and the bead on screen when the project was left,
kept in the settings per project file, so that reopening a project shows the same place."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ui.settings import Settings

PLACES_KEPT = 50
_KEY = "files/places"


@dataclass(frozen=True)
class Place:
    pair_id: int
    bead_id: int  # found again by id; its row is the fallback when the bead is gone
    row: int
    column: int


def _places(settings: Settings) -> dict[str, dict[str, int]]:
    try:
        places = json.loads(settings.value(_KEY) or "{}")
    except ValueError:
        return {}
    return places if isinstance(places, dict) else {}


def remembered_place(settings: Settings, project: str) -> Place | None:
    try:
        return Place(**_places(settings)[project])
    except (KeyError, TypeError):
        return None


def remember_place(settings: Settings, project: str, place: Place) -> None:
    """Keep *place* for *project* (the most recent projects' places only)."""
    places = {project: asdict(place), **{key: value for key, value in _places(settings).items() if key != project}}
    settings.set_value(_KEY, json.dumps(dict(list(places.items())[:PLACES_KEPT])))
