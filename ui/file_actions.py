"""What the File menu does: new project from two files (also by dropping them on the window),
open, open recent, export with options. Long work runs in the background; what reaches the
project file is written on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from alignments.aligner.run_vectors import MemoryCache
from alignments.formats.export import ExportOptions, export_project
from alignments.ladder.drafts import PairDraft
from alignments.ladder.sentence_edits import SentenceEdit
from alignments.planning.known_runs import known_runs_by_languages
from alignments.planning.new_pair import Method, draft_pair, load_pair
from alignments.planning.revisions import RevisionPlan, plan_revision
from alignments.store.new_file import new_project_file
from alignments.store.project_file import (
    PROJECT_SUFFIX,
    ProjectError,
    ProjectLockedError,
    ProjectNotWritableError,
)
from alignments.store.project_store import ProjectStore
from alignments.store.vector_cache import ProjectVectorCache
from corpus.conversion import read_structured
from corpus.errors import UserError
from corpus.wording import plural
from ui.dialogs import ExportDialog, NewPairDialog, PairChoice
from ui.file_dialogs import FileChooser, FileKind
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from ui.window_context import WindowContext

PROGRESS_WIDTH = 440
PROJECT_FILTER = f"Workbench projects (*{PROJECT_SUFFIX});;All files (*)"


class FileActions:
    """Slots for the file commands of one main window."""

    def __init__(self, context: WindowContext, tasks: TaskRunner) -> None:
        self.context = context
        self.tasks = tasks
        self.task: Task | None = None
        self.last_choice: PairChoice | None = None  # offered again if building it failed
        self.chooser = FileChooser(context.dialog_parent, context.settings)

    def _save_path(self, kind: FileKind, caption: str, suggested: Path, file_filter: str) -> Path | None:
        """A path from the save dialog (starting at *suggested*'s name in the kind's last folder,
        else *suggested*'s folder), its suffix added when left out. The dialog asked before
        replacing the name as typed; the name with the suffix added is asked about here."""
        suffix = suggested.suffix
        name = self.chooser.save_name(kind, caption, suggested.name, file_filter, suggested.parent)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() == suffix:
            return path
        path = path.with_name(path.name + suffix)
        if path.exists():
            question = f"{path} already exists.\n\nReplace it?"
            if QMessageBox.question(self.context.dialog_parent, "Replace", question) != QMessageBox.StandardButton.Yes:
                return None
        return path

    # --- open --------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        name = self.chooser.open_name(FileKind.PROJECT, "Open project", PROJECT_FILTER)
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        """Open *path*; a project busy in another workbench, or on a read-only disk, can be viewed
        read-only."""
        current = self.context.store
        if current is not None and current.path.resolve() == path.resolve():
            return True  # already on screen
        try:
            store: ProjectStore | None = ProjectStore.open(path)
        except ProjectNotWritableError as error:
            store = self._read_only(path, error)
            if store is None:
                return False
        except ProjectError as error:
            self.context.show_error(str(error))
            self.context.settings.forget_project(str(path))
            return False
        self.context.set_store(store)
        return True

    def _read_only(self, path: Path, reason: ProjectNotWritableError) -> ProjectStore | None:
        question = f"{reason}\n\nOpen it read-only, to look without changing it?"
        title = "Project in use" if isinstance(reason, ProjectLockedError) else "Project on a read-only disk"
        answer = QMessageBox.question(self.context.dialog_parent, title, question)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return ProjectStore.open(path, read_only=True)
        except ProjectError as error:
            self.context.show_error(str(error))
            return None

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.context.settings.recent_projects()
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(lambda _checked=False, path=path: self.open_project(Path(path)))
        if not recent:  # a disabled menu would never be refilled: it shows nothing to open instead
            menu.addAction("No recent projects").setEnabled(False)

    # --- new ---------------------------------------------------------------------------------

    def new_project(self, files: Sequence[Path] = ()) -> None:
        """Choose two texts, then where the project goes; cancelling the second step goes
        back to the first with the choices kept."""
        dialog = NewPairDialog(self.context.dialog_parent, self.last_choice, self.chooser)
        if len(files) == 2:
            dialog.source_edit.setText(str(files[0]))
            dialog.target_edit.setText(str(files[1]))
        while dialog.exec() == NewPairDialog.DialogCode.Accepted:
            source = dialog.choice().source  # with no folder remembered for projects, beside the texts
            suggested = source.with_name(f"{source.stem}{PROJECT_SUFFIX}")
            path = self._save_path(FileKind.PROJECT, "Save the new project as", suggested, PROJECT_FILTER)
            if path is not None:
                self.build_project(dialog.choice(), path)
                return

    def add_pair(self) -> None:
        """Choose two more texts; they become a new pair of the open project."""
        store = self.context.store
        if store is None or store.read_only:
            return
        dialog = NewPairDialog(self.context.dialog_parent, self.last_choice, self.chooser)
        dialog.setWindowTitle(f"Add a pair to {store.path.name}")
        if dialog.exec() == NewPairDialog.DialogCode.Accepted:
            self.build_project(dialog.choice(), None)

    def build_project(self, choice: PairChoice, path: Path | None, vectors: MemoryCache | None = None) -> Task:
        """Read and align the two texts in the background, then store them as a new project
        (at *path*), or as a new pair of the open project (no path). The embedding aligner takes
        the vectors *vectors* holds already (e.g. from an earlier attempt)."""
        progress = QProgressDialog("Reading and aligning the texts…", "Cancel", 0, 100, self.context.dialog_parent)
        progress.setWindowTitle("New project" if path is not None else "New pair")
        progress.setMinimumWidth(PROGRESS_WIDTH)  # room for the title and the label, not cut
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        vectors = vectors if vectors is not None else MemoryCache()  # filled in the background, kept in the project once it exists
        # what the open project's pairs teach the default aligner, read here: the store stays in this thread
        store = self.context.store if path is None and choice.method == Method.DEFAULT else None
        known = known_runs_by_languages(store) if store is not None else {}

        def work(report: Callable[[int, int], None], should_cancel: Callable[[], bool]) -> PairDraft:
            source, target = load_pair(choice.source, choice.target, choice.source_lang, choice.target_lang, choice.segmented)
            runs = known.get((source.document.lang, target.document.lang), [])
            return draft_pair(source, target, True, report, should_cancel, choice.method, cache=vectors, encoder=choice.encoder, known=runs)

        self.last_choice = choice

        def finished(draft: PairDraft) -> None:
            if path is None:
                self._store_new_pair(draft, progress, vectors)
            else:
                self._store_new_project(draft, path, progress, vectors)

        task = self.task = self.tasks.start(
            work, finished,
            failed=lambda message: self._task_ended(progress, message),
            cancelled=lambda: self._task_ended(progress, ""),
            progressed=lambda done, total: progress.setValue(done * 100 // max(total, 1)),
        )
        progress.canceled.connect(task.cancel)
        return task

    def _store_new_project(self, draft: PairDraft, path: Path, progress: QProgressDialog, vectors: MemoryCache) -> None:
        """Write the project under a temporary name, then put it in place (the save dialog has
        asked before replacing an existing file) and open it."""
        self._task_ended(progress, "")
        try:
            with new_project_file(path, replacing=True, before_replacing=lambda: self._let_go_of(path)) as store:
                store.add_drafted_pair(draft)
                vectors.copy_to(ProjectVectorCache(store))
        except (UserError, OSError) as error:
            self.context.show_error(str(error))
            return
        self.last_choice = None
        self.open_project(path)
        warning = draft.coverage_warning()
        if warning is not None:
            self.context.show_message(warning)

    def _store_new_pair(self, draft: PairDraft, progress: QProgressDialog, vectors: MemoryCache) -> None:
        """Add the pair to the open project (in one transaction) and show it."""
        self._task_ended(progress, "")
        store = self.context.store
        if store is None:
            return  # the project was closed meanwhile
        try:
            pair_id = store.add_drafted_pair(draft)
            vectors.copy_to(ProjectVectorCache(store))
        except (UserError, OSError) as error:
            self.context.show_error(str(error))
            return
        self.last_choice = None
        self.context.set_store(store)
        self.context.show_pair(pair_id)
        added = f"Added pair {pair_id}: {draft.source.document.title} ↔ {draft.target.document.title}."
        warning = draft.coverage_warning()
        self.context.show_message(added if warning is None else f"{added} {warning}")

    def _let_go_of(self, path: Path) -> None:
        """The window closes *path* if it shows it: the new project is to take its place."""
        if self.context.store is not None and self.context.store.path.resolve() == path.resolve():
            self.context.set_store(None)

    def _task_ended(self, progress: QProgressDialog, message: str) -> None:
        progress.close()
        self.task = None
        if message:
            self.context.show_error(message)

    def dropped(self, paths: Sequence[Path]) -> None:
        """Two texts dropped: a new project from them; one project file: open it."""
        if len(paths) == 1 and paths[0].suffix == PROJECT_SUFFIX:
            self.open_project(paths[0])
        elif len(paths) == 2:
            self.new_project(paths)
        else:
            self.context.show_message("Drop a project file, or two texts: the source and its translation.")

    # --- revisions ---------------------------------------------------------------------------

    def import_revision(self) -> None:
        """Choose a side and a file; the file becomes the next revision of that side's text."""
        session = self.context.session
        if session is None:
            return
        sides = [f"Source: {session.pair.source.title}", f"Translation: {session.pair.target.title}"]
        side, chosen = QInputDialog.getItem(self.context.dialog_parent, "Import a revised text", "Revise:", sides, 0, False)
        if not chosen:
            return
        name = self.chooser.open_text("The revised text")
        if name:
            document = session.pair.source if side == sides[0] else session.pair.target
            self.revise(document.id, Path(name))

    def revise(self, document_id: int, path: Path) -> None:
        session = self.context.session
        assert session is not None
        plans: list[RevisionPlan] = []

        def plan() -> SentenceEdit:
            plans.append(plan_revision(session.store, document_id, read_structured(path).text, str(path)))
            return plans[-1].edit

        if session.attempt(plan, self.context, "The revised text") is None:
            return
        report = plans[-1].report
        self.context.show_message(
            f"Revised: {report.unchanged} sentences unchanged, {len(report.changed)} changed or new,"
            f" {len(report.unconfirmed)} beads to check again."
        )

    # --- export ------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        if self.context.store is None:
            return
        session = self.context.session
        dialog = ExportDialog(self.context.dialog_parent, session.pair if session else None, len(self.context.store.pairs()))
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        suffix = options.format.suffix
        store_path = self.context.store.path
        suggested = store_path.with_name(f"{store_path.stem}{suffix}")
        path = self._save_path(FileKind.EXPORT, "Export", suggested, f"{options.format.name} files (*{suffix});;All files (*)")
        if path is not None:
            self.export_to(path, options)

    def export_to(self, path: Path, options: ExportOptions) -> None:
        """Export (the save dialog has already asked before replacing a file)."""
        assert self.context.store is not None
        try:
            count = export_project(self.context.store, path, options, force=True)
        except (UserError, OSError) as error:
            self.context.show_error(str(error))
            return
        several = len(self.context.store.pairs()) > 1
        which = f" of pair {options.pair_id}" if options.pair_id is not None else " of all pairs" if several else ""
        self.context.show_message(f"Exported {plural(count, 'bead')}{which} to {path}.")
