"""The main window: the bead table of the open pair between a toolbar and a status bar, the
Interpolations and History docks, and the File / Edit / Align menus. Every action has a
shortcut; every edit goes through the pair session (store first, then the view).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QUndoView,
    QWidget,
)

from alignments.beads import BeadStatus
from alignments.building import PairDraft, draft_pair, load_pair, store_pair
from alignments.edits import EditError, ReplaceBeads
from alignments.export import ExportOptions, export_project
from alignments.project_file import PROJECT_SUFFIX, ProjectError, remove_project_files
from alignments.store import ProjectStore, StaleEditError
from ui.bead_table import BeadTable
from ui.dialogs import ExportDialog, NewPairDialog, PairChoice
from ui.notes_dock import NotesDock
from ui.rich_text import KIND_COLOURS
from ui.session import PairSession
from ui.tasks import USER_ERRORS, Task, start_task

APP_NAME = "Translation Workbench"
PROJECT_FILTER = f"Workbench projects (*{PROJECT_SUFFIX});;All files (*)"
MESSAGE_MILLISECONDS = 6000
DOCK_WIDTH = 340


class MainWindow(QMainWindow):
    """One project at a time; one of its pairs on screen."""

    def __init__(self, store: ProjectStore | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        self.session: PairSession | None = None
        self.undo_stack = QUndoStack(self)
        self.table = BeadTable(self)
        self.setCentralWidget(self.table)
        self.pair_box = QComboBox()
        self.pair_box.currentIndexChanged.connect(self._show_pair_at)
        self.stats_label = QLabel()
        self.notes_dock = NotesDock(self)
        self.notes_dock.note_activated.connect(self.show_document_offset)
        self.history_dock = self._history_dock()
        self._task: Task | None = None
        self._create_actions()
        self._create_menus_and_toolbar()
        self._create_status_bar()
        self.resize(1280, 800)
        self.set_store(store)

    # --- building the window ---------------------------------------------------------------

    def _action(self, text: str, slot: object, *shortcuts: QKeySequence | str, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action("&New project from two files…", self.new_project, key.New)
        self.open_action = self._action("&Open project…", self.open_project_dialog, key.Open)
        self.export_action = self._action("&Export CSV…", self.export_dialog, "Ctrl+E")
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(key.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.link_action = self._action(
            "&Link", self.link_selection, "Ctrl+L", tip="Link the selected source and translation sentences"
        )
        self.unlink_action = self._action("&Unlink", self.unlink_selection, "Ctrl+U", tip="Dissolve the selected beads")
        self.confirm_action = self._action(
            "&Confirm", lambda: self.set_selection_status(BeadStatus.CONFIRMED), "Ctrl+Return", "Ctrl+Enter"
        )
        self.unconfirm_action = self._action(
            "Unc&onfirm", lambda: self.set_selection_status(BeadStatus.AUTO), "Ctrl+Shift+Return", "Ctrl+Shift+Enter"
        )

    def _create_menus_and_toolbar(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        menus.addMenu("&Edit").addActions([self.undo_action, self.redo_action])
        align_menu = menus.addMenu("&Align")
        align_menu.addActions([self.link_action, self.unlink_action])
        align_menu.addSeparator()
        align_menu.addActions([self.confirm_action, self.unconfirm_action])
        view_menu = menus.addMenu("&View")
        view_menu.addActions([self.notes_dock.toggleViewAction(), self.history_dock.toggleViewAction()])
        toolbar = self.addToolBar("Alignment")
        toolbar.setObjectName("alignment-toolbar")
        toolbar.addActions([self.link_action, self.unlink_action, self.confirm_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        self.pair_box_action = toolbar.addWidget(self.pair_box)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.resizeDocks([self.notes_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def _history_dock(self) -> QDockWidget:
        dock = QDockWidget("History", self)
        dock.setObjectName("history-dock")
        view = QUndoView(self.undo_stack)
        view.setEmptyLabel("Opened")
        dock.setWidget(view)
        return dock

    def _create_status_bar(self) -> None:
        legend = " ".join(
            f'<span style="background:{KIND_COLOURS[kind]}">&nbsp;{label}&nbsp;</span>'
            for kind, label in (("note", "editorial note"), ("supplied", "supplied"), ("footnote", "footnote"))
        )
        legend_label = QLabel(f"legend: {legend} &nbsp; ✔ confirmed · auto ! low confidence")
        self.statusBar().addPermanentWidget(self.stats_label)
        self.statusBar().addPermanentWidget(legend_label)

    # --- project and pair ------------------------------------------------------------------

    def set_store(self, store: ProjectStore | None) -> None:
        """Show *store* (closing the project shown before)."""
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store = store
        self.undo_stack.clear()
        self.pair_box.blockSignals(True)
        self.pair_box.clear()
        pairs = store.pairs() if store else []
        for pair in pairs:
            self.pair_box.addItem(f"Pair {pair.id}: {pair.source.title} ↔ {pair.target.title}", pair.id)
        self.pair_box.blockSignals(False)
        self.pair_box_action.setVisible(len(pairs) > 1)
        self.setWindowTitle(f"{store.path.name} — {APP_NAME}" if store else APP_NAME)
        self._show_pair_at(0)

    def _show_pair_at(self, position: int) -> None:
        self.undo_stack.clear()
        pairs = self.store.pairs() if self.store else []
        if not pairs or position < 0:
            self.session = None
            self.table.setModel(None)  # type: ignore[arg-type]
            self.stats_label.setText("No pair open")
            return
        pair = pairs[min(position, len(pairs) - 1)]
        self.session = PairSession(self.store, pair, self.undo_stack, self)  # type: ignore[arg-type]
        self.session.changed.connect(self.update_stats)
        self.session.failed.connect(self._edit_failed)
        self.table.setModel(self.session.model)
        self.notes_dock.show_pair(self.session.store, pair)
        self.update_stats()

    def update_stats(self) -> None:
        if self.session is None:
            return
        stats = self.session.store.stats(self.session.pair.id)
        self.stats_label.setText(
            f"{stats.beads} beads · {stats.confirmed_share:.0%} confirmed · {stats.flagged} flagged"
        )

    def show_document_offset(self, document_id: int, offset: int) -> None:
        """Scroll to and select the bead holding this place of a document."""
        if self.session is None:
            return
        position = self.session.store.bead_position_at(self.session.pair.id, document_id, offset)
        if position is None:
            return
        row = self.session.model.row_of_position(position)
        column = 0 if document_id == self.session.pair.source.id else 2
        index = self.session.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    # --- editing ---------------------------------------------------------------------------

    def link_selection(self) -> None:
        if self.session is not None:
            source, target = self.table.selected_sentences()
            self._perform(lambda: self.session.planner.link(source, target))  # type: ignore[union-attr]

    def unlink_selection(self) -> None:
        if self.session is not None:
            beads = self.table.selected_bead_ids()
            self._perform(lambda: self.session.planner.unlink(beads))  # type: ignore[union-attr]

    def set_selection_status(self, status: BeadStatus) -> None:
        if self.session is not None:
            beads = self.table.selected_bead_ids()
            self._perform(lambda: self.session.planner.set_status(beads, status))  # type: ignore[union-attr]

    def _perform(self, plan: Callable[[], ReplaceBeads]) -> None:
        """Plan and apply an edit; a refusal is shown in the status bar, a failure in a box."""
        assert self.session is not None
        try:
            edit = plan()
            self.session.perform(edit)
        except EditError as error:
            self.statusBar().showMessage(str(error), MESSAGE_MILLISECONDS)
        except StaleEditError as error:
            self._edit_failed(str(error))
        else:
            self.statusBar().showMessage(f"{edit.label}: saved.", MESSAGE_MILLISECONDS)

    def _edit_failed(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, f"{message}\n\nThe edit history has been cleared; the project file is intact.")
        self.undo_stack.clear()
        self._show_pair_at(self.pair_box.currentIndex())

    # --- files -----------------------------------------------------------------------------

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        try:
            store = ProjectStore.open(path)
        except ProjectError as error:
            QMessageBox.critical(self, APP_NAME, str(error))
            return False
        self.set_store(store)
        return True

    def new_project(self) -> None:
        dialog = NewPairDialog(self)
        if dialog.exec() != NewPairDialog.DialogCode.Accepted:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save the new project as", "", PROJECT_FILTER)
        if name:
            path = Path(name if name.endswith(PROJECT_SUFFIX) else name + PROJECT_SUFFIX)
            self.build_project(dialog.choice(), path)

    def build_project(self, choice: PairChoice, path: Path) -> Task | None:
        """Read and align the two texts in the background, then store them as a new project."""
        progress = QProgressDialog("Reading and aligning the texts…", "Cancel", 0, 100, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def work(report: Callable[[int, int], None], should_cancel: Callable[[], bool]) -> PairDraft:
            source, target = load_pair(choice.source, choice.target, choice.source_lang, choice.target_lang)
            return draft_pair(source, target, progress=report, should_cancel=should_cancel)

        task = self._task = start_task(work)
        task.signals.progressed.connect(lambda done, total: progress.setValue(done * 100 // max(total, 1)))
        task.signals.finished.connect(lambda draft: self._store_new_project(draft, path, progress))
        task.signals.failed.connect(lambda message: self._task_failed(message, progress))
        task.signals.cancelled.connect(lambda: self._task_failed("", progress))
        progress.canceled.connect(task.cancel)
        return task

    def _store_new_project(self, draft: PairDraft, path: Path, progress: QProgressDialog) -> None:
        """Write the project under a temporary name, then put it in place (the save dialog has
        asked before replacing an existing file) and open it."""
        progress.close()
        self._task = None
        partial = path.with_name(f".{path.name}.partial")
        remove_project_files(partial)
        try:
            store = ProjectStore.create(partial)
            store_pair(store, draft)
            store.close()
            if self.store is not None and self.store.path.resolve() == path.resolve():
                self.set_store(None)
            remove_project_files(path)
            os.replace(partial, path)
        except (*USER_ERRORS, OSError) as error:
            remove_project_files(partial)
            QMessageBox.critical(self, APP_NAME, str(error))
            return
        self.open_project(path)

    def _task_failed(self, message: str, progress: QProgressDialog) -> None:
        progress.close()
        self._task = None
        if message:
            QMessageBox.critical(self, APP_NAME, message)

    def export_dialog(self) -> None:
        if self.store is None:
            return
        dialog = ExportDialog(self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Export CSV", "", "CSV files (*.csv);;All files (*)")
        if name:
            self.export_to(Path(name), dialog.options())

    def export_to(self, path: Path, options: ExportOptions) -> None:
        """Export (the save dialog has already asked before replacing a file)."""
        assert self.store is not None
        try:
            count = export_project(self.store, path, options, force=True)
        except (*USER_ERRORS, OSError) as error:
            QMessageBox.critical(self, APP_NAME, str(error))
            return
        self.statusBar().showMessage(f"Exported {count} beads to {path}.", MESSAGE_MILLISECONDS)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None:
            self._task.cancel()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
