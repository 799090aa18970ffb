"""Small dialogs: choosing the two texts of a new project, the export options, the kind and
editor of an interpolation marked by hand, and a sentence's text to correct."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from alignments.aligner.encoder_choice import Encoder
from alignments.aligner.encoders import e5_available, embeddings_available, fast_available
from alignments.formats.export import ExportFormat, ExportOptions, NotesMode
from alignments.planning.new_pair import Method
from alignments.store.records import PairInfo
from corpus.languages import LANGUAGE_NAMES, UNDETERMINED
from corpus.spans import KIND_LABELS, InterpolationKind
from ui.file_dialogs import ALL_FILES, TEXTS, FileChooser

_Choice = TypeVar("_Choice", bound=str)  # a StrEnum whose members a drop-down offers

EDITOR_COLUMNS = 80  # characters a line of the sentence editor holds
EDITOR_MOST_LINES = 24
PAIR_CHOICE_CHARACTERS = 40  # of a long pair title shown in the export dialog's box
_FORMAT_LABELS = {format_: format_.info.label for format_ in ExportFormat}
_METHOD_LABELS = {
    Method.DEFAULT: "Lengths and shared words (fast)",
    Method.EMBEDDINGS: "Sentence embeddings (slower, better)",
}
_ENCODER_LABELS = {
    Encoder.AUTO: "Chosen per pair (e5 for short texts, the fast one for long ones)",
    Encoder.FAST: "Fast (16 languages; e5 for the others)",
    Encoder.E5: "e5, bundled (about 15x slower, aligns best)",
}
_NOTES_LABELS = {
    NotesMode.COLUMN: "In their own columns (text without them)",
    NotesMode.STRIP: "Stripped from the text",
    NotesMode.KEEP: "Kept in the text",
}


@dataclass(frozen=True)
class PairChoice:
    source: Path
    target: Path
    source_lang: str | None
    target_lang: str | None
    method: Method = Method.DEFAULT
    segmented: bool = False  # one sentence a line already
    encoder: Encoder = Encoder.AUTO  # of the embedding method


class NewPairDialog(QDialog):
    """Pick a source text and its translation, and optionally their languages."""

    def __init__(self, parent: QWidget | None = None, previous: PairChoice | None = None, chooser: FileChooser | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project from two files")
        self.chooser = chooser
        self.source_edit, self.target_edit = QLineEdit(), QLineEdit()
        self.source_lang, self.target_lang = _language_box(), _language_box()
        form = QFormLayout(self)
        form.addRow("Source text:", self._with_browse(self.source_edit))
        form.addRow("Source language:", self.source_lang)
        form.addRow("Translation:", self._with_browse(self.target_edit))
        form.addRow("Translation language:", self.target_lang)
        self.method = _choice_box(_METHOD_LABELS)
        _item(self.method, 1).setEnabled(embeddings_available())
        form.addRow("Aligner:", self.method)
        self.encoder = _choice_box(_ENCODER_LABELS)
        _item(self.encoder, 1).setEnabled(fast_available())
        _item(self.encoder, 2).setEnabled(e5_available())
        form.addRow("Sentence encoder:", self.encoder)
        self.method.currentIndexChanged.connect(self._update_encoder)
        self.segmented = QCheckBox("One sentence per line (the texts are segmented already)")
        form.addRow(self.segmented)
        self.ok_button = _ok_cancel(self, form)
        self.ok_button.setEnabled(False)
        for edit in (self.source_edit, self.target_edit):
            edit.textChanged.connect(self._update_ok)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        form.insertRow(form.rowCount() - 1, self.problem)
        if previous is not None:
            self._show(previous)
        elif chooser is not None:  # the aligner and encoder chosen last time, if they are there
            for box, key in ((self.method, "new/method"), (self.encoder, "new/encoder")):
                remembered = box.findData(chooser.settings.value(key))
                if remembered >= 0 and _item(box, remembered).isEnabled():
                    box.setCurrentIndex(remembered)
        self._update_encoder()

    def _update_encoder(self) -> None:
        self.encoder.setEnabled(self.method.currentData() == Method.EMBEDDINGS)

    def _show(self, choice: PairChoice) -> None:
        self.source_edit.setText(str(choice.source))
        self.target_edit.setText(str(choice.target))
        for box, lang in ((self.source_lang, choice.source_lang), (self.target_lang, choice.target_lang)):
            box.setCurrentIndex(max(box.findData(lang), 0))
        self.method.setCurrentIndex(max(self.method.findData(choice.method), 0))
        self.encoder.setCurrentIndex(max(self.encoder.findData(choice.encoder), 0))
        self.segmented.setChecked(choice.segmented)

    def accept(self) -> None:
        """Only with two files that exist and differ; otherwise say why and stay open."""
        choice = self.choice()
        problem = next((f"{path} is not a file that exists." for path in (choice.source, choice.target) if not path.is_file()), "")
        if not problem and choice.source.resolve() == choice.target.resolve():
            problem = "The source and the translation are the same file."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if not problem:
            if self.chooser is not None:
                self.chooser.settings.set_value("new/method", str(self.method.currentData()))
                self.chooser.settings.set_value("new/encoder", str(self.encoder.currentData()))
            super().accept()

    def _with_browse(self, edit: QLineEdit) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        button = QPushButton("Browse…")
        button.clicked.connect(lambda: self._browse(edit))
        layout.addWidget(button)
        return row

    def _browse(self, edit: QLineEdit) -> None:
        if self.chooser is not None:
            name = self.chooser.open_text("Choose a text", self)
        else:
            name, _ = QFileDialog.getOpenFileName(self, "Choose a text", edit.text(), f"{TEXTS};;{ALL_FILES}")
        if name:
            edit.setText(name)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.source_edit.text().strip() and self.target_edit.text().strip()))

    def choice(self) -> PairChoice:
        return PairChoice(
            Path(self.source_edit.text().strip()),
            Path(self.target_edit.text().strip()),
            self.source_lang.currentData(),
            self.target_lang.currentData(),
            Method(self.method.currentData()),
            self.segmented.isChecked(),
            Encoder(self.encoder.currentData()),
        )


def _language_box() -> QComboBox:
    box = QComboBox()
    box.addItem("Guess from the text", None)
    for code, name in LANGUAGE_NAMES.items():
        if code != UNDETERMINED:
            box.addItem(f"{name} ({code})", code)
    return box


class ExportDialog(QDialog):
    """Export options: the pair on screen (the default) or all pairs, where interpolations go,
    confirmed beads only, spreadsheet safety."""

    def __init__(self, parent: QWidget | None = None, pair: PairInfo | None = None, pair_count: int = 1) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.pairs = QComboBox()
        # long titles are cut in the box (whole in the list and the tooltip), so the dialog fits a small screen
        self.pairs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pairs.setMinimumContentsLength(PAIR_CHOICE_CHARACTERS)
        if pair is not None:
            self.pairs.addItem(f"This pair: {pair.source.title} ↔ {pair.target.title}", pair.id)
        self.pairs.addItem(f"All pairs of the project ({pair_count})", None)
        self.pairs.setToolTip(self.pairs.currentText())
        self.pairs.currentTextChanged.connect(self.pairs.setToolTip)
        self.format = _choice_box(_FORMAT_LABELS)
        self.notes = _choice_box(_NOTES_LABELS)
        self.confirmed_only = QCheckBox("Confirmed beads only")
        self.excel = QCheckBox("For spreadsheets (BOM, no formulas)")
        form = QFormLayout(self)
        form.addRow("Export:", self.pairs)
        form.addRow("Format:", self.format)
        form.addRow("Interpolations:", self.notes)
        form.addRow(self.confirmed_only)
        form.addRow(self.excel)
        _ok_cancel(self, form)

    def options(self) -> ExportOptions:
        return ExportOptions(
            format=ExportFormat(self.format.currentData()),  # Qt gives item data back as plain str
            notes=NotesMode(self.notes.currentData()),
            confirmed_only=self.confirmed_only.isChecked(),
            excel=self.excel.isChecked(),
            pair_id=self.pairs.currentData(),
        )


class MarkDialog(QDialog):
    """The kind of a new interpolation and the editor who signed it."""

    def __init__(self, editors: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark as interpolation")
        self.kind = _choice_box(KIND_LABELS)
        self.editor = QComboBox()
        self.editor.setEditable(True)
        self.editor.addItems(["", *editors])
        form = QFormLayout(self)
        form.addRow("Kind:", self.kind)
        form.addRow("Editor (signature):", self.editor)
        _ok_cancel(self, form)

    def choice(self) -> tuple[InterpolationKind, str | None]:
        return InterpolationKind(self.kind.currentData()), self.editor.currentText().strip() or None


class SentenceTextDialog(QDialog):
    """A sentence's text in a wrapping editor tall enough to show all of it (up to a screenful)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit sentence text")
        self.editor = QPlainTextEdit(text)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        metrics = self.editor.fontMetrics()
        width = EDITOR_COLUMNS * metrics.averageCharWidth()
        lines = sum(1 + metrics.horizontalAdvance(line) // width for line in text.splitlines() or [""])
        self.editor.setMinimumSize(width + 24, (min(max(lines, 3), EDITOR_MOST_LINES) + 2) * metrics.lineSpacing())
        form = QFormLayout(self)
        form.addRow(self.editor)
        _ok_cancel(self, form)

    def text(self) -> str:
        return self.editor.toPlainText()


def _item(box: QComboBox, row: int) -> QStandardItem:
    """A combo box's entry (its model is Qt's standard item model)."""
    model = box.model()
    assert isinstance(model, QStandardItemModel)
    return model.item(row)


def _choice_box(labels: Mapping[_Choice, str]) -> QComboBox:
    """A drop-down of *labels*' texts whose item data are its keys (Qt hands them back as str)."""
    box = QComboBox()
    for value, label in labels.items():
        box.addItem(label, value)
    return box


def _ok_cancel(dialog: QDialog, form: QFormLayout) -> QPushButton:
    """OK and Cancel at the foot of *form*; returns the OK button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return buttons.button(QDialogButtonBox.StandardButton.Ok)
