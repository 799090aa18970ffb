"""Everything that imports PySide6: the main window, the bead table and its model, undo
commands, dialogs and background tasks. Reaches the project only through alignments/."""
