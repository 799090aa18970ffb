"""How every command turns what a user can cause into one clear line and exit status 1: a
`UserError`, a file the system refuses (a full disk while the project is written included), a
cancel or an interrupt. Never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from alignments.ladder.work import AlignmentCancelled
from alignments.store.project_file import storage_errors
from corpus.errors import UserError


@contextmanager
def user_errors(project: Path | None = None) -> Iterator[None]:
    """Turn the errors a user can cause into one clear line and exit status 1 (a full disk while
    *project* is written, a file name the system refuses included)."""
    try:
        with storage_errors(project):
            yield
    except UserError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{error.filename or 'A file'} cannot be used: {error.strerror or error}.") from None
    except AlignmentCancelled:
        raise click.ClickException("Cancelled.") from None
    except KeyboardInterrupt:
        raise click.ClickException("Interrupted.") from None
