"""A project another process holds, opened from the window and from `workbench PROJECT`: a
read-only view is offered, and nothing can be changed in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignments.ladder.beads import BeadStatus
from alignments.planning.bead_planner import Planner
from alignments.store.project_file import ReadOnlyProjectError
from tests.conftest import Runner
from tests.second_instance import holder, locked_message


def test_the_window_offers_a_read_only_view_of_a_busy_project(
    project: Path, window: object, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer(parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with holder(project) as child:
        assert window.files.open_project(project)  # type: ignore[attr-defined]
        assert asked == [f"{locked_message(project, child.pid)}\n\nOpen it read-only, to look without changing it?"]
        assert window.store.read_only and "(read-only)" in window.windowTitle()  # type: ignore[attr-defined]
        assert not window.named_actions["link"].isEnabled() and not window.named_actions["align_rest"].isEnabled()  # type: ignore[attr-defined]
        assert str(project) in window.settings.recent_projects()  # type: ignore[attr-defined]
        with pytest.raises(ReadOnlyProjectError):
            planner = Planner(window.store, window.session.pair.id)  # type: ignore[attr-defined]
            window.store.apply(planner.set_status([window.session.model.bead_id(0)], BeadStatus.CONFIRMED))  # type: ignore[attr-defined]


def test_the_app_opens_a_busy_project_read_only(project: Path, qapp: object, run: Runner) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def look_and_close() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if w.windowTitle().startswith(project.name))
        seen.append(window.windowTitle())
        window.close()

    with holder(project) as child:
        QTimer.singleShot(300, look_and_close)
        code, _, stderr = run(str(project))
        assert (code, stderr) == (0, f"{locked_message(project, child.pid)} Opening it read-only.\n")
    assert seen == [f"{project.name} (read-only) — Translation Workbench"]
