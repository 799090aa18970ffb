"""The command line and the app run numpy's BLAS on one thread unless the user chose a number."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SHOW = "import workbench.cli, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'])"


@pytest.mark.parametrize(("chosen", "expected"), [(None, "1"), ("2", "2")])
def test_blas_threads_are_capped_unless_chosen(chosen: str | None, expected: str) -> None:
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    if chosen is not None:
        env["OPENBLAS_NUM_THREADS"] = chosen
    shown = subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == expected
