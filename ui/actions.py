"""Every command of the main window, declared once: name, menu text, shortcuts, what it does.
The README's shortcut table and the menus are built from this list (a test checks the README
against it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str, ...]
    tip: str
    checkable: bool = False
    short: str = ""  # the toolbar's text, when the menu's is too long


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New project from two files…", ("Ctrl+N",), "Create a project from a text and its translation"),
    ActionSpec("open", "&Open project…", ("Ctrl+O",), "Open a project file"),
    ActionSpec(
        "add_pair", "&Add a pair to this project…", ("Ctrl+Shift+N",),
        "Add another text and its translation to the open project",
    ),
    ActionSpec("export", "&Export…", ("Ctrl+E",), "Export the aligned pairs (CSV, TSV, ladder)", short="Export"),
    ActionSpec(
        "revise", "Import a &revised text…", ("Ctrl+Shift+I",),
        "Make a revised edition of the source or the translation the text of this pair",
    ),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "Close the workbench"),
    ActionSpec("link", "&Link", ("Ctrl+L",), "Link the selected source and translation sentences into one bead"),
    ActionSpec("unlink", "&Unlink", ("Ctrl+U",), "Dissolve the selected beads into their sentences"),
    ActionSpec("merge", "&Merge with next", ("Ctrl+M",), "Merge the current bead with the next one", short="Merge"),
    ActionSpec("split", "&Split bead", ("Ctrl+Shift+M",), "Split the current bead's first sentences off", short="Split"),
    ActionSpec("move_up", "Move first sentence &up", ("Alt+Up",), "Move the first sentence of this side to the bead before", short="Shift ↑"),
    ActionSpec("move_down", "Move last sentence &down", ("Alt+Down",), "Move the last sentence of this side to the bead after", short="Shift ↓"),
    ActionSpec(
        "pick_next", "Pick the next sentence in the cell", ("Alt+Shift+Down",),
        "Pick one sentence of the current cell: Link and Move then take just that sentence",
    ),
    ActionSpec("pick_previous", "Pick the previous sentence in the cell", ("Alt+Shift+Up",), "Pick the sentence above in the current cell"),
    ActionSpec("empty_side", "&Insert empty side", ("Ctrl+I",), "Part the current bead into n:0 and 0:m", short="Empty side"),
    ActionSpec(
        "confirm", "&Confirm", ("Ctrl+Return", "Ctrl+Enter"),
        "Mark the selected beads as checked and go to the next unconfirmed bead",
    ),
    ActionSpec(
        "confirm_above", "Confirm everything up to &here", ("Ctrl+Alt+Return", "Ctrl+Alt+Enter"),
        "Confirm every bead from the first to the current one (one step to undo)",
    ),
    ActionSpec(
        "confirm_confident", "Confirm by confidence…", ("Ctrl+Shift+C",),
        "Confirm every bead whose confidence is at least a threshold you choose (one step to undo)",
    ),
    ActionSpec("unconfirm", "Unc&onfirm", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), "Mark the selected beads as unchecked"),
    ActionSpec("align_rest", "&Align the rest", ("Ctrl+R",), "Re-align everything between confirmed beads", short="Align the rest"),
    ActionSpec(
        "edit_sentences", "&Sentences and interpolations of this cell…", ("F2",),
        "Mark or unmark interpolations; split, merge or edit the sentences of the current cell", short="Edit cell",
    ),
    ActionSpec("next_flagged", "Next &flagged", ("F3",), "Go to the next low-confidence bead", short="Next flagged"),
    ActionSpec("previous_flagged", "Previous flagged", ("Shift+F3",), "Go to the previous low-confidence bead"),
    ActionSpec("next_unconfirmed", "Next &unconfirmed", ("F4",), "Go to the next bead not yet confirmed"),
    ActionSpec("previous_unconfirmed", "Previous unconfirmed", ("Shift+F4",), "Go to the previous bead not yet confirmed"),
    ActionSpec("show_all", "Show all beads", ("Ctrl+0",), "Show every bead again", checkable=True),
    ActionSpec("show_flagged", "Show only flagged beads", ("Ctrl+1",), "Fold away every bead that is not flagged", checkable=True),
    ActionSpec("show_unconfirmed", "Show only unconfirmed beads", ("Ctrl+2",), "Fold away the confirmed beads", checkable=True),
    ActionSpec("show_uneven", "Show only beads that are not 1:1", ("Ctrl+3",), "Fold away the 1:1 beads", checkable=True),
    ActionSpec(
        "show_note_mismatch", "Show only note mismatches", ("Ctrl+4",),
        "Show only beads where one side has an interpolation the other lacks", checkable=True,
    ),
    ActionSpec("find", "&Find…", ("Ctrl+F",), "Find text or a regular expression in the sentences"),
    ActionSpec("find_next", "Find next", ("Ctrl+G",), "Go to the next bead holding what was found"),
    ActionSpec("find_previous", "Find previous", ("Ctrl+Shift+G",), "Go to the previous bead holding what was found"),
    ActionSpec("footnote", "&Footnote mark ↔ body", ("Ctrl+J",), "Jump between a footnote mark and its footnote"),
    ActionSpec("show_notes", "Show &interpolations", ("Ctrl+H",), "Highlight interpolations", checkable=True),
    ActionSpec("compact", "&Compact rows", ("Ctrl+Shift+D",), "One line per bead where the text fits: more beads on screen", checkable=True),
    ActionSpec("reading", "&Reading view", ("Ctrl+Shift+R",), "Show the two texts as prose instead of the grid", checkable=True, short="Reading"),
    ActionSpec("compare", "&Compare translations…", ("Ctrl+Shift+T",), "The source and every translation of it side by side", short="Compare"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1",), "List every shortcut"),
)
# Keys of the bead table itself (Qt's), listed with the commands
TABLE_KEYS = (
    ("Select the next or previous cell", "Arrows"),
    ("Extend the selection", "Shift+Arrows"),
    ("Move without selecting", "Ctrl+Arrows"),
    ("Add or remove the current cell", "Ctrl+Space"),
    ("First or last bead", "Ctrl+Home / Ctrl+End"),
)
UNDO_SHORTCUTS = ("Ctrl+Z",)
REDO_SHORTCUTS = ("Ctrl+Shift+Z", "Ctrl+Y")


def build_actions(parent: QWidget, handlers: Mapping[str, Callable[..., object]]) -> dict[str, QAction]:
    """QActions for every spec, connected to *handlers* by name and added to *parent* so their
    shortcuts work anywhere in the window."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setShortcuts([QKeySequence(shortcut) for shortcut in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(spec.tip)
        action.setToolTip(f"{spec.tip} ({spec.shortcuts[0]})")
        action.setCheckable(spec.checkable)
        if spec.short:
            action.setIconText(spec.short)
        handler = handlers[spec.name]
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, handler=handler: handler())
        parent.addAction(action)
        actions[spec.name] = action
    return actions


def shortcut_table() -> list[tuple[str, str]]:
    """(what, shortcuts) for every action, as the help and the README show them."""
    rows = [(spec.text.replace("&", "").rstrip("…"), " / ".join(spec.shortcuts)) for spec in ACTIONS]
    return rows + [("Undo", " / ".join(UNDO_SHORTCUTS)), ("Redo", " / ".join(REDO_SHORTCUTS)), *TABLE_KEYS]
