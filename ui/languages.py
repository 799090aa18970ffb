"""The language of a pane, shown in its header and corrected there: a double-click on the header
offers the languages the workbench knows; the choice is saved in the project at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from alignments.store.project_file import ReadOnlyProjectError
from corpus.languages import LANGUAGE_NAMES, UNDETERMINED, base_language
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN

if TYPE_CHECKING:
    from ui.window_context import WindowContext


def choose_language(window: WindowContext, column: int) -> None:
    """Ask for the language of the pane in *column* and save it (the header shows it)."""
    session = window.session
    if session is None or column not in (SOURCE_COLUMN, TARGET_COLUMN):
        return
    document = session.pair.source if column == SOURCE_COLUMN else session.pair.target
    codes = [code for code in LANGUAGE_NAMES if code != UNDETERMINED]
    labels = [f"{LANGUAGE_NAMES[code]} ({code})" for code in codes]
    current = codes.index(base_language(document.lang)) if base_language(document.lang) in codes else 0
    label, chosen = QInputDialog.getItem(window.dialog_parent, "Language", f"Language of “{document.title}”:", labels, current, False)
    if not chosen or codes[labels.index(label)] == document.lang:
        return
    try:
        session.store.set_language(document.id, codes[labels.index(label)])
    except ReadOnlyProjectError as error:
        window.show_error(str(error))
        return
    session.read_pair_again()
    window.show_message(f"Language of {document.title}: {LANGUAGE_NAMES[codes[labels.index(label)]]}.")
