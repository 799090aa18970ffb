"""Making a new project file whole or not at all: it is filled under a temporary name beside its
place and put there once complete, so an error or an interrupted run leaves nothing half made.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alignments.store.project_file import check_new_project, remove_project_files
from alignments.store.project_store import ProjectStore


@contextmanager
def new_project_file(path: Path, replacing: bool = False, before_replacing: Callable[[], None] | None = None) -> Iterator[ProjectStore]:
    """A new, empty project to fill; once the block ends without error it is closed and put at
    *path*. An existing file there is refused, or with *replacing* removed (after
    *before_replacing*, e.g. letting go of it). On error the new file is closed and removed."""
    partial = path.with_name(f".{path.name}.partial")
    remove_project_files(partial)
    store = ProjectStore.create(partial)
    try:
        yield store
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
