"""The one base class of every error a user can cause or fix (a file that cannot be read, a
project that is not ours, an edit that cannot be made, a model that is not installed): the CLI
and the GUI catch `UserError` and show its message as one line. Anything else is a bug or a
failure of the machine (disk full, I/O error) and is reported as such. Standard library only.
"""

from __future__ import annotations


class UserError(Exception):
    """An error whose message tells the user what went wrong and what to do; shown as one line."""
