"""The main window's menu bar and toolbar, built from its named actions (the action table in
ui/actions.py says what each does and its keys; this module says where each is shown), and where
the Interpolations and History panels dock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ui.about import show_about
from ui.app import APPLICATION
from ui.filter_view import FILTER_ACTIONS

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ALIGN_MENU_GROUPS = (
    ("link", "unlink", "merge", "split"),
    ("move_up", "move_down", "empty_side"),
    ("pick_previous", "pick_next"),
    ("confirm", "confirm_above", "confirm_confident", "unconfirm"),
    ("align_rest",),
    ("edit_sentences",),
)
DOCK_WIDTH = 340


def build_menus_and_toolbar(window: MainWindow) -> tuple[QMenu, QAction]:
    """The menus, the toolbar and the docked panels; returns the Open recent menu and the
    toolbar's action holding the pair box."""
    recent = _file_menu(window)
    _edit_and_align_menus(window)
    _view_and_help_menus(window)
    pair_box_action = _toolbar(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.notes_dock)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.history_dock)
    window.resizeDocks([window.notes_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    return recent, pair_box_action


def _file_menu(window: MainWindow) -> QMenu:
    a = window.named_actions
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addActions([a["new"], a["open"], a["add_pair"]])
    recent = file_menu.addMenu("Open &recent")
    recent.aboutToShow.connect(lambda: window.files.fill_recent_menu(recent))
    window.files.fill_recent_menu(recent)
    file_menu.addSeparator()
    file_menu.addActions([a["revise"], a["export"]])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    return recent


def _edit_and_align_menus(window: MainWindow) -> None:
    a = window.named_actions
    edit_menu = window.menuBar().addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([a["find"], a["find_next"], a["find_previous"]])
    align = window.menuBar().addMenu("&Align")
    for group in ALIGN_MENU_GROUPS:
        align.addActions([a[name] for name in group])
        align.addSeparator()


def _view_and_help_menus(window: MainWindow) -> None:
    a = window.named_actions
    view = window.menuBar().addMenu("&View")
    view.addActions([a["next_flagged"], a["previous_flagged"], a["next_unconfirmed"], a["previous_unconfirmed"]])
    view.addSeparator()
    view.addMenu("&Show only").addActions([a[name] for name in FILTER_ACTIONS])
    view.addAction(a["compact"])
    view.addSeparator()
    view.addActions([a["footnote"], a["show_notes"], window.notes_dock.toggleViewAction(), window.history_dock.toggleViewAction()])
    view.addSeparator()
    view.addActions([a["reading"], a["compare"]])
    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(f"&About {APPLICATION}", lambda: show_about(window))


def _toolbar(window: MainWindow) -> QAction:
    a = window.named_actions
    toolbar = window.addToolBar("Alignment")
    toolbar.setObjectName("alignment-toolbar")
    pair_box_action = toolbar.addWidget(window.pair_box)  # first: never behind the chevron
    toolbar.addActions([a["link"], a["unlink"], a["merge"], a["split"], a["move_up"], a["move_down"]])
    toolbar.addSeparator()
    toolbar.addActions([a["confirm"], a["align_rest"], a["next_flagged"]])
    toolbar.addSeparator()
    toolbar.addActions([window.undo_action, window.redo_action, a["export"]])
    return pair_box_action
