"""The main window: the bead table of the open pair with the overview strip beside it, the
Interpolations and History panels, menus and toolbar built from the action table, and a status
bar with counts, legend and background progress. Edits and file commands live in EditActions
and FileActions; this module composes them and handles viewing and moving around.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from alignments.ladder.changes import Change
from alignments.planning.sentence_planner import prepare_edits
from alignments.store.project_store import ProjectStore
from ui.actions import REDO_SHORTCUTS, UNDO_SHORTCUTS, build_actions, shortcut_table
from ui.app import APPLICATION as APP_NAME
from ui.bead_model import SOURCE_COLUMN
from ui.bead_table import BeadTable
from ui.docks import docks_give_way, history_dock
from ui.edit_actions import EditActions
from ui.file_actions import FileActions
from ui.filter_view import FilterView
from ui.find_bar import FindBar
from ui.histories import PairHistories
from ui.languages import choose_language
from ui.navigation import Navigation
from ui.notes_dock import NotesDock
from ui.overview import OverviewStrip
from ui.pair_status import PairStatus
from ui.places import Place, remember_place, remembered_place
from ui.reading_view import ReadingView
from ui.review import ReviewActions
from ui.sentence_pick import SentencePicks
from ui.session import PairSession
from ui.settings import Settings
from ui.shortcuts_dialog import ShortcutsDialog
from ui.status_bar import WindowStatusBar, legend
from ui.task_indicator import TaskIndicator
from ui.tasks import TaskRunner
from ui.window_handlers import action_handlers
from ui.window_menus import build_menus_and_toolbar

EDITING_ACTIONS = (
    "link", "unlink", "merge", "split", "move_up", "move_down", "empty_side", "confirm", "unconfirm",
    "align_rest", "edit_sentences", "revise", "confirm_above", "confirm_confident", "add_pair",
)
MESSAGE_MILLISECONDS = 6000
PAIR_BOX_CHARACTERS = 26  # the whole title is in the list and the tooltip


class MainWindow(QMainWindow):
    """One project at a time; one of its pairs on screen."""

    def __init__(self, store: ProjectStore | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.store: ProjectStore | None = None
        self.session: PairSession | None = None
        self.histories = PairHistories(self)
        self.position_label = QLabel()
        self.table = BeadTable(self)
        self.overview = OverviewStrip(self)
        self.reading = ReadingView(self.table)
        self.views = QStackedWidget()  # the grid, or the reading view (View ▸ Reading)
        # the reading view's width may not hold the window wider than a small screen
        self.views.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.find_bar = FindBar(self)
        self.pair_box = QComboBox()
        self.pair_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pair_box.setMinimumContentsLength(PAIR_BOX_CHARACTERS)
        self.pair_box.currentIndexChanged.connect(self._show_pair_at)
        self.pair_status = PairStatus(self)
        self.task_indicator = TaskIndicator(self)
        self.tasks = TaskRunner(self.task_indicator, self)
        self.edits = EditActions(self, self.tasks, self.histories)
        self.files = FileActions(self, self.tasks)
        self.moves = Navigation(self, self.find_bar)
        self.review = ReviewActions(self, self.edits)
        self.picks = SentencePicks(self, self.edits)
        self.filters = FilterView(self)
        self.notes_dock = NotesDock(self)
        self.history_dock = history_dock(self, self.histories.group)
        self._build_central()
        self._build_actions()
        self.recent_menu, self.pair_box_action = build_menus_and_toolbar(self)
        self._build_status_bar()
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._restore_layout()
        self.set_store(store)

    # --- building the window ---------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.views.addWidget(self.table)
        self.views.addWidget(self.reading)
        row.addWidget(self.views)
        row.addWidget(self.overview)
        column.addLayout(row)
        self.setCentralWidget(central)
        self.find_bar.find_requested.connect(self.moves.find)
        self.find_bar.closed.connect(lambda: self.table.set_found(None))
        self.table.horizontalHeader().sectionDoubleClicked.connect(lambda column: choose_language(self, column))
        self.overview.row_clicked.connect(self.go_to_row)
        self.table.visible_rows_changed.connect(self.overview.set_visible_rows)
        self.reading.canvas.visible_rows_changed.connect(self.overview.set_visible_rows)
        self.notes_dock.note_activated.connect(self.moves.show_document_offset)
        self.table.current_row_changed.connect(lambda _row: self.update_position())
        self.table.sentence_clicked.connect(self.picks.pick)

    def _build_actions(self) -> None:
        self.named_actions = build_actions(self, action_handlers(self))
        self.filter_group = self.filters.group(self.named_actions)
        self.undo_action, self.redo_action = self.histories.history_actions(UNDO_SHORTCUTS, REDO_SHORTCUTS, self.show_message)
        self.addActions([self.undo_action, self.redo_action])
        shown = bool(self.settings.value("view/interpolations"))
        self.named_actions["show_notes"].setChecked(shown)
        self.show_interpolations(shown)  # setChecked is silent when nothing changes
        self.named_actions["compact"].setChecked(bool(self.settings.value("view/compact")))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        docks = (self.notes_dock, self.history_dock)
        QTimer.singleShot(0, lambda: docks_give_way(self, docks))  # once the docks have their new geometry (also before the first show)

    def _build_status_bar(self) -> None:
        bar = WindowStatusBar(self)
        self.setStatusBar(bar)
        bar.add(self.position_label)
        bar.add(self.filters.label)
        bar.add(self.pair_status.counts, gives_way=True)
        bar.add(self.pair_status.warning, gives_way=True)
        bar.add(legend(self.font()), gives_way=True)
        bar.add(self.task_indicator)

    def _restore_layout(self) -> None:
        geometry, state = self.settings.value("window/geometry"), self.settings.value("window/state")
        if geometry is not None and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if state is not None and not state.isEmpty():
            self.restoreState(state)
        self.table.set_source_share(float(self.settings.value("window/source_share")))

    # --- project and pair ------------------------------------------------------------------

    def show_reading(self, on: bool) -> None:
        """View ▸ Reading: the reading view instead of the grid, or the grid again."""
        self.views.setCurrentWidget(self.reading if on else self.table)

    def set_store(self, store: ProjectStore | None) -> None:
        """Show *store* (closing the project shown before)."""
        if self.store is not None and self.store is not store:
            self._remember_place()
            self.edits.cancel()
            self._detach_views()
            self.histories.forget_all()
            self.store.close()
        self.store = store
        self.pair_box.blockSignals(True)
        self.pair_box.clear()
        pairs = store.pairs() if store else []
        for pair in pairs:
            title = f"Pair {pair.id}: {pair.source.title} ↔ {pair.target.title}"
            self.pair_box.addItem(title, pair.id)
            self.pair_box.setItemData(self.pair_box.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        self.pair_box.blockSignals(False)
        self.pair_box_action.setVisible(len(pairs) > 1)
        read_only = store is not None and store.read_only
        self.setWindowTitle(f"{store.path.name}{' (read-only)' if read_only else ''} — {APP_NAME}" if store else APP_NAME)
        if store is not None and store.path.name != ":memory:":
            self.settings.remember_project(str(store.path))
        if read_only:
            self.show_message("Read-only: the project is open in another Translation Workbench.")
        self._show_place(remembered_place(self.settings, str(store.path)) if store else None)

    def _show_place(self, place: Place | None) -> None:
        """Show the pair and bead of *place* (where the user left the project), else the first pair."""
        position = max(self.pair_box.findData(place.pair_id), 0) if place else 0
        self.pair_box.blockSignals(True)
        self.pair_box.setCurrentIndex(position)
        self.pair_box.blockSignals(False)
        self._show_pair_at(position)
        session = self.session
        if place is None or session is None or session.pair.id != place.pair_id or not session.model.rowCount():
            return
        model = session.model
        row = next(iter(model.rows_of_beads([place.bead_id])), min(place.row, model.rowCount() - 1))
        self.go_to_row(row, place.column)

    def _remember_place(self) -> None:
        """Note the pair and bead on screen, for the next time this project is opened."""
        if self.store is None or self.session is None or self.store.path.name == ":memory:" or not self.session.model.rowCount():
            return
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        place = Place(self.session.pair.id, self.session.model.bead_id(row), row, max(index.column(), 0))
        remember_place(self.settings, str(self.store.path), place)

    @property
    def undo_stack(self) -> QUndoStack:
        """The history of the pair on screen (each pair keeps its own while the project is open)."""
        return self.histories.active

    def _show_pair_at(self, position: int) -> None:
        pairs = self.store.pairs() if self.store else []
        if not pairs or position < 0:
            self._detach_views()
            self.histories.show_none()
            self.pair_status.show(None)
            self._enable_editing()
            return
        pair = pairs[min(position, len(pairs) - 1)]
        self.pair_box.setToolTip(self.pair_box.currentText())
        self.session = self.histories.show(self.store, pair, self._wire)  # type: ignore[arg-type]
        self._show_session()
        self._enable_editing()

    def _wire(self, session: PairSession) -> None:
        session.changed.connect(lambda change: self._changed(session, change))
        session.stepped.connect(lambda change: self.edits.show_step(session, change))
        session.failed.connect(self.edit_failed, Qt.ConnectionType.QueuedConnection)  # see run_guarded

    def _changed(self, session: PairSession, change: Change) -> None:
        """An edit, undo or redo of *session* was saved: counts, and notes if its texts changed."""
        if session is not self.session:
            return
        if change.touches_documents({session.pair.source.id, session.pair.target.id}):
            self.notes_dock.show_pair(session.store, session.pair)
            self.pair_status.read_pair(session)
        self.update_stats()

    def _enable_editing(self) -> None:
        """Editing needs a pair on screen and a project open for changes."""
        writable = self.session is not None and self.store is not None and not self.store.read_only
        for name in EDITING_ACTIONS:
            self.named_actions[name].setEnabled(writable)

    def _show_session(self) -> None:
        """Show the session's model."""
        assert self.session is not None
        self.table.setModel(self.session.model)
        self.reading.set_model(self.session.model)
        self.overview.set_model(self.session.model)
        self.notes_dock.show_pair(self.session.store, self.session.pair)
        self.pair_status.read_pair(self.session)
        prepare_edits(self.session.store, (self.session.pair.source.id, self.session.pair.target.id))
        self.filters.apply()
        self.update_stats()

    def update_stats(self) -> None:
        if self.session is None:
            return
        self.pair_status.show(self.session.model)
        self.filters.update_label()
        self.update_position()

    def update_position(self) -> None:
        """"Bead 12 of 48": where the cursor is."""
        current = self.table.currentIndex()
        count = self.session.model.rowCount() if self.session is not None else 0
        self.position_label.setText(f"Bead {current.row() + 1:,} of {count:,}" if current.isValid() and count else "")

    # --- messages ----------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, MESSAGE_MILLISECONDS)

    def show_error(self, message: str) -> None:
        QMessageBox.critical(self, APP_NAME, message)

    def edit_failed(self, message: str, session: PairSession | None = None) -> None:
        """An edit or an undo step of *session* (by default the pair on screen, whose history
        Undo and Redo act on) could not be saved: its history is dropped and the pair read again
        from the file, which holds every edit that was saved."""
        QMessageBox.warning(self, APP_NAME, f"{message}\n\nThe edit history has been cleared; the project file is intact.")
        failed = session or self.session
        if failed is not None:
            self.histories.forget(failed.pair.id)
        if failed is self.session:
            self._show_pair_at(self.pair_box.currentIndex())

    # --- moving around -----------------------------------------------------------------------

    @property
    def dialog_parent(self) -> QWidget:
        return self

    def show_pair(self, pair_id: int) -> None:
        """Put the pair with this id on screen."""
        self.pair_box.setCurrentIndex(self.pair_box.findData(pair_id))

    def go_to_row(self, row: int, column: int | None = None) -> None:
        if self.session is None:
            return
        current = self.table.currentIndex()
        column = column if column is not None else (current.column() if current.isValid() else SOURCE_COLUMN)
        index = self.session.model.index(row, column)
        self.filters.reveal(row)
        # the bead gone to is the selection, whatever keys are held (Ctrl would add it to the old one)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index, BeadTable.ScrollHint.PositionAtCenter)

    # --- viewing -----------------------------------------------------------------------------

    def show_interpolations(self, shown: bool) -> None:
        self.table.set_show_notes(shown)
        self.reading.canvas.set_show_notes(shown)
        self.settings.set_value("view/interpolations", shown)

    def set_compact(self, compact: bool) -> None:
        self.table.set_compact(compact)
        self.settings.set_value("view/compact", compact)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(shortcut_table(), f"{APP_NAME}: keyboard", self).exec()

    # --- window events -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.files.dropped(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._remember_place()
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        self.settings.set_value("window/source_share", self.table.source_share)
        self.tasks.cancel_all()
        self._detach_views()
        self.histories.forget_all()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)

    def _detach_views(self) -> None:
        """Nothing may read the project once it is closed: the views let go of its model."""
        self.session = None
        self.table.setModel(None)
        self.reading.set_model(None)
        self.overview.set_model(None)
