"""Where file dialogs start and what they show: each kind of file (projects, texts, exports)
remembers the folder last used for it (in the settings); a save dialog suggests a name; the text
dialog's "Texts" filter also shows files without an extension, as corpus files often are.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

from ui.settings import Settings

TEXT_SUFFIXES = (".txt", ".text", ".md", ".docx", ".odt", ".rtf", ".html", ".htm", ".epub", ".xml")
TEXTS = "Texts and documents: .txt, .md, .docx, .odt, .rtf, .html, .epub, TEI .xml or no extension (*)"  # the proxy narrows "*"
ALL_FILES = "All files (*)"


class FileKind(StrEnum):
    PROJECT = "project"
    TEXT = "text"
    EXPORT = "export"


def is_text_name(name: str) -> bool:
    """A text file's name: one of the text suffixes, or no extension at all."""
    suffix = Path(name).suffix.lower()
    return suffix in TEXT_SUFFIXES or not suffix


class TextFilesOnly(QSortFilterProxyModel):
    """Folders, and the files `is_text_name` accepts, while *texts_only* is on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts_only = True

    def show_texts_only(self, texts_only: bool) -> None:
        self.texts_only = texts_only
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if not self.texts_only or not isinstance(model, QFileSystemModel) or model.isDir(index):
            return True
        return is_text_name(model.fileName(index))


class FileChooser:
    """The file dialogs of one window, starting where the user last was for that kind of file."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        self.parent = parent
        self.settings = settings

    def folder(self, kind: FileKind, fallback: Path | None = None) -> Path:
        remembered = str(self.settings.value(f"folders/{kind}") or "")
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        return fallback if fallback is not None and fallback.is_dir() else Path.home()

    def remember(self, kind: FileKind, name: str) -> None:
        if name:
            self.settings.set_value(f"folders/{kind}", str(Path(name).parent))

    def save_name(self, kind: FileKind, caption: str, suggested: str, file_filter: str, fallback: Path | None = None) -> str:
        """A file name to save to ("" when cancelled), starting with *suggested* in the kind's folder."""
        name, _ = QFileDialog.getSaveFileName(self.parent, caption, str(self.folder(kind, fallback) / suggested), file_filter)
        self.remember(kind, name)
        return name

    def open_name(self, kind: FileKind, caption: str, file_filter: str) -> str:
        name, _ = QFileDialog.getOpenFileName(self.parent, caption, str(self.folder(kind)), file_filter)
        self.remember(kind, name)
        return name

    def open_text(self, caption: str, parent: QWidget | None = None) -> str:
        """A text file to read ("" when cancelled); Qt's own dialog, whose list can be filtered."""
        dialog = QFileDialog(parent or self.parent, caption, str(self.folder(FileKind.TEXT)))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        texts = TextFilesOnly(dialog)
        dialog.setProxyModel(texts)
        dialog.setNameFilters([TEXTS, ALL_FILES])
        dialog.filterSelected.connect(lambda chosen: texts.show_texts_only(chosen == TEXTS))
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        name = dialog.selectedFiles()[0]
        self.remember(FileKind.TEXT, name)
        return name
