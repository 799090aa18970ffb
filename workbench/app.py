"""Starting the desktop app: check that Qt can show a window here, find or create the project
to open (the bundled sample when none is named), then hand over to the ui layer.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

import click

XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-shape": "libxcb-shape0",
}


def display_problem() -> str | None:
    """Why Qt could not open a window here (in one line, naming the fix), or None."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "No display to show the workbench on: run it in a desktop session or under `xvfb-run workbench`,"
            " or use the headless commands (`workbench --help`)."
        )
    if platform.startswith("xcb") or not os.environ.get("WAYLAND_DISPLAY"):
        missing = [package for name, package in XCB_LIBRARIES.items() if ctypes.util.find_library(name) is None]
        if missing:
            return f"Qt cannot open a window: install the system packages {' '.join(missing)} (e.g. apt-get install ...)."
        if not x_server_answers():
            return (
                f"Cannot reach the X display {os.environ.get('DISPLAY', '')!r}: is its X server running, and is DISPLAY"
                " right? Run the workbench in a desktop session or under `xvfb-run workbench`, or use the headless"
                " commands (`workbench --help`)."
            )
    return None


def x_server_answers() -> bool:
    """Whether the X server DISPLAY names accepts a connection on the screen it names, asked the
    way Qt's xcb plugin asks (libxcb, which checks the screen only when asked for its number), in a
    few milliseconds; Qt itself would abort the process when it does not."""
    library = ctypes.util.find_library("xcb")
    if library is None:
        return True  # cannot tell; Qt reports a missing library itself
    xcb = ctypes.CDLL(library)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    screen = ctypes.c_int(0)
    connection = xcb.xcb_connect(None, ctypes.byref(screen))
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def launch(project: Path | None) -> int:
    """Run the app on *project* (or the sample project); return the exit status."""
    problem = display_problem()
    if problem:
        click.echo(problem, err=True)
        return 2
    from workbench.gui import run_gui

    return run_gui(project)
