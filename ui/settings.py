"""The app's settings, declared once (key, type, default, what it is for) and read and written
through QSettings with the declared type, as orange-canvas-core does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

RECENT_LIMIT = 8


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    doc: str


SETTINGS: dict[str, Setting] = {
    setting.key: setting
    for setting in (
        Setting("window/geometry", QByteArray, QByteArray(), "Size and place of the main window."),
        Setting("window/state", QByteArray, QByteArray(), "Toolbar and panel layout of the main window."),
        Setting("window/source_share", float, 0.5, "Share of the width the source column takes."),
        Setting("files/recent", list, [], "Projects opened lately, newest first."),
        Setting("view/interpolations", bool, True, "Whether interpolations are highlighted."),
        Setting("view/compact", bool, False, "Whether rows are compact (one line for a bead whose text fits)."),
        Setting("review/threshold", float, 0.9, "The confidence last chosen for Confirm by confidence."),
        Setting("files/places", str, "{}", "Per project file: the pair and bead last shown (JSON)."),
        Setting("new/method", str, "default", "The aligner last chosen for a new project."),
        Setting("new/encoder", str, "auto", "The sentence encoder last chosen for the embedding aligner."),
        Setting("folders/project", str, "", "The folder a project was last opened from or saved to."),
        Setting("folders/text", str, "", "The folder a text was last read from."),
        Setting("folders/export", str, "", "The folder an export was last written to."),
    )
}


class Settings:
    """Typed access to the declared settings."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings()

    def value(self, key: str) -> Any:
        setting = SETTINGS[key]
        value = self.store.value(key, setting.default, type=setting.type)
        return list(value) if setting.type is list and isinstance(value, (list, tuple)) else value

    def set_value(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self.store.setValue(key, value)

    def recent_projects(self) -> list[str]:
        return [str(path) for path in self.value("files/recent") or []]

    def remember_project(self, path: str) -> list[str]:
        """Put *path* first among the recent projects; return the new list."""
        recent = [path, *(other for other in self.recent_projects() if other != path)][:RECENT_LIMIT]
        self.set_value("files/recent", recent)
        return recent

    def forget_project(self, path: str) -> list[str]:
        recent = [other for other in self.recent_projects() if other != path]
        self.set_value("files/recent", recent)
        return recent
