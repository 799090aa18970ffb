"""Starting the app: the sample project on first run, and clear words when Qt cannot start."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from alignments.planning.sample_project import (
    ensure_sample_project,
    sample_project_path,
)
from alignments.store.project_store import ProjectStore
from corpus.samples import SAMPLE_PAIRS
from tests.conftest import Runner
from ui.app import APPLICATION, ORGANISATION, data_directory
from workbench.app import XCB_LIBRARIES


def test_sample_project_is_built_once_and_rebuilt_when_broken(tmp_path: Path) -> None:
    path = ensure_sample_project(tmp_path / "data")
    assert path == sample_project_path(tmp_path / "data")
    store = ProjectStore.open(path)
    assert [(p.source.title, p.target.title) for p in store.pairs()] == [
        (s.source_title, s.target_title) for s in SAMPLE_PAIRS
    ]
    assert store.pairs()[0].source == store.pairs()[2].source  # two translations of the letter, to compare
    store.close()
    modified = path.stat().st_mtime_ns
    assert ensure_sample_project(tmp_path / "data") == path and path.stat().st_mtime_ns == modified
    path.write_bytes(b"garbage")
    ensure_sample_project(tmp_path / "data")
    ProjectStore.open(path).close()


def test_workbench_without_arguments_opens_the_sample_project(qtbot: QtBot, qapp: QApplication, run: Runner) -> None:
    QStandardPaths.setTestModeEnabled(True)
    try:
        directory = data_directory()
        QTimer.singleShot(300, qapp.closeAllWindows)
        result = run()
        assert result.code == 0, result.stderr
        assert sample_project_path(directory).exists()
    finally:
        QStandardPaths.setTestModeEnabled(False)


def test_a_bad_project_argument_is_one_line(tmp_path: Path, run: Runner) -> None:
    assert run(tmp_path / "nothing.wbproj") == (1, "", f"Error: {tmp_path / 'nothing.wbproj'}: no such project file.\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 check is for Linux")
def test_no_display_is_explained_not_aborted(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "workbench"], capture_output=True, text=True, env=environment, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.startswith("No display to show the workbench on:")
    assert "xvfb-run" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 check is for Linux")
@pytest.mark.skipif(
    any(ctypes.util.find_library(name) is None for name in XCB_LIBRARIES), reason="Qt's X11 libraries are not installed"
)
def test_a_dead_x_server_is_explained_not_aborted() -> None:
    display = next(n for n in range(90, 10, -1) if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists())
    environment = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment["DISPLAY"] = f":{display}"
    result = subprocess.run([sys.executable, "-m", "workbench"], capture_output=True, text=True, env=environment, timeout=60)
    assert (result.returncode, result.stderr.count("\n")) == (2, 1), result.stderr
    assert result.stderr.startswith(f"Cannot reach the X display ':{display}':") and "xvfb-run" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 check is for Linux")
@pytest.mark.skipif(
    shutil.which("Xvfb") is None or any(ctypes.util.find_library(name) is None for name in XCB_LIBRARIES),
    reason="needs Xvfb and Qt's X11 libraries",
)
def test_a_screen_the_x_server_lacks_is_explained_not_aborted() -> None:
    """DISPLAY=:N.5 on a server with one screen: the server answers, but Qt aborted (134)."""
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "320x200x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert server.stdout is not None
        display = f":{server.stdout.readline().strip()}.5"
        environment = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
        environment["DISPLAY"] = display
        result = subprocess.run([sys.executable, "-m", "workbench"], capture_output=True, text=True, env=environment, timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert (result.returncode, result.stderr.count("\n")) == (2, 1), result.stderr
    assert result.stderr.startswith(f"Cannot reach the X display '{display}':")


def test_the_data_folder_names_the_app_once() -> None:
    QStandardPaths.setTestModeEnabled(True)
    try:
        folder = data_directory()
    finally:
        QStandardPaths.setTestModeEnabled(False)
    assert folder.name == ORGANISATION and APPLICATION not in folder.parts
