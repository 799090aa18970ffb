"""The headless tests stay headless: importing every test module outside tests/gui/ (and the
fixtures they get from tests/conftest.py) pulls in neither Qt nor the GUI layer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
IMPORT_ALL = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6", "pytestqt", "ui")))
"""


def test_no_headless_test_module_imports_qt() -> None:
    modules = sorted(f"tests.{path.stem}" for path in TESTS.glob("*.py") if path.stem != "__init__")
    assert "tests.conftest" in modules and "tests.test_cli" in modules
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, *modules], capture_output=True, text=True, cwd=TESTS.parent, timeout=120
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")
