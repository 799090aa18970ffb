"""What the window's controllers (File and Align menus, navigation, review, filters, sentence
picks) use of the main window, as a protocol: the project and the pair on screen, the table with
its current cell and selection, the settings, where to go, where to tell the user something, and
the widget their dialogs belong to. Controllers get this, never the window itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from ui.session import Messages

if TYPE_CHECKING:
    from alignments.store.project_store import ProjectStore
    from ui.bead_table import BeadTable
    from ui.session import PairSession
    from ui.settings import Settings


class WindowContext(Messages, Protocol):
    """The main window as its controllers see it."""

    store: ProjectStore | None
    session: PairSession | None
    settings: Settings
    table: BeadTable

    @property
    def dialog_parent(self) -> QWidget: ...

    def go_to_row(self, row: int, column: int | None = None) -> None: ...

    def set_store(self, store: ProjectStore | None) -> None: ...

    def show_pair(self, pair_id: int) -> None: ...
