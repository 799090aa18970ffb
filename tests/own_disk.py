"""Workbench commands on a disk of their own, for the full-disk and read-only-disk tests:
`python own_disk.py FOLDER SIZE STEPS_JSON`, run under `unshare --mount --map-root-user`, mounts a
tmpfs of SIZE at FOLDER (seen by this process and its children only, gone when they end) and
carries out the steps, a JSON list of:

  ["copy", SOURCE, NAME]      copy a file onto the disk
  ["fill", KIB]               fill the disk's free space with a file "filler" but KIB kibibytes
  ["remove", NAME]            remove a file from the disk
  ["read-only"]               remount the disk read-only
  ["run", ARG...]             run `python -m workbench ARG...` (its exit status and output reported)
  ["python", CODE]            run Python CODE in a child (its exit status and output reported)

It prints one JSON object: the results of the "run" and "python" steps, in order, and the
names of the files on the disk at the end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


def main(folder: Path, size: str, steps: list[list[str]]) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    results = []
    for kind, *arguments in steps:
        if kind == "copy":
            shutil.copyfile(arguments[0], folder / arguments[1])
        elif kind == "fill":
            with (folder / "filler").open("wb", buffering=0) as filler:
                try:
                    while filler.write(bytes(4096)):
                        pass
                except OSError:  # the disk is full
                    pass
                filler.truncate(max(0, filler.tell() - 1024 * int(arguments[0])))
        elif kind == "remove":
            (folder / arguments[0]).unlink()
        elif kind == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            command = [sys.executable, "-m", "workbench", *arguments] if kind == "run" else [sys.executable, "-c", *arguments]
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
            results.append([done.returncode, done.stdout, done.stderr])
    print(json.dumps({"results": results, "files": sorted(p.name for p in folder.iterdir())}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]))
