"""What each named action of the main window does (ui/actions.py says its text and keys,
ui/window_menus.py where it is shown): the handlers `build_actions` connects, by name, mostly
those of the window's parts (EditActions, FileActions, Navigation, the review, sentence picks
and filters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from alignments.ladder.beads import BeadStatus
from ui.compare_window import open_compare

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def action_handlers(window: MainWindow) -> dict[str, Callable[..., object]]:
    """The handler of every named action of *window*."""
    edits, files, moves = window.edits, window.files, window.moves
    return {
        "new": files.new_project,
        "open": files.open_dialog,
        "export": files.export_dialog,
        "revise": files.import_revision,
        "quit": window.close,
        "link": edits.link,
        "unlink": edits.unlink,
        "merge": edits.merge,
        "split": edits.split,
        "empty_side": edits.give_empty_side,
        "unconfirm": lambda: edits.set_status(BeadStatus.AUTO),
        "align_rest": edits.align_rest,
        "edit_sentences": edits.edit_cell,
        "next_flagged": lambda: moves.go_to_next(lambda s: s.flagged, 1),
        "previous_flagged": lambda: moves.go_to_next(lambda s: s.flagged, -1),
        "next_unconfirmed": lambda: moves.go_to_next(lambda s: not s.confirmed, 1),
        "previous_unconfirmed": lambda: moves.go_to_next(lambda s: not s.confirmed, -1),
        "find": window.find_bar.open_bar,
        "find_next": lambda: window.find_bar.request(1),
        "find_previous": lambda: window.find_bar.request(-1),
        "footnote": moves.jump_footnote,
        "show_notes": window.show_interpolations,
        "shortcuts": window.show_shortcuts,
        "compact": window.set_compact,
        "add_pair": files.add_pair,
        **window.review.handlers(),
        **window.picks.handlers(),
        **window.filters.handlers(),
        "reading": window.show_reading,
        "compare": lambda: open_compare(window),
    }
