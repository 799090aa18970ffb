"""Making a new project file whole or not at all: it is filled under a temporary name beside its
place and put there once complete, so an error or an interrupted run leaves nothing half made
(a run killed with SIGKILL leaves its hidden `.NAME.partial` files, which the next run removes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alignments.store.project_file import (
    ProjectError,
    check_new_project,
    remove_project_files,
    write_back,
)
from alignments.store.project_store import ProjectStore


@contextmanager
def new_project_file(path: Path, replacing: bool = False, before_replacing: Callable[[], None] | None = None) -> Iterator[ProjectStore]:
    """A new, empty project to fill; once the block ends without error it is closed and put at
    *path*. An existing file there is refused, or with *replacing* removed (after
    *before_replacing*, e.g. letting go of it). On error the new file is closed and removed."""
    partial = path.with_name(f".{path.name}.partial")
    remove_project_files(partial)  # left by a run that was killed
    try:
        store = ProjectStore.create(partial)
    except ProjectError as error:  # a full disk...: told of the project, not of its temporary name
        raise ProjectError(str(error).replace(str(partial), str(path))) from None
    try:
        yield store
        write_back(store.db, path)
        store.close()
        if replacing:
            if before_replacing is not None:
                before_replacing()
            remove_project_files(path)
        else:
            check_new_project(path)  # nobody made it meanwhile
        os.replace(partial, path)
    except BaseException:
        store.close()
        remove_project_files(partial)
        raise
