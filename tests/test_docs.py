"""The README documents the whole CLI, and every command answers --help."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner
from workbench.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(command: str, run: Runner) -> None:
    result = run(command, "--help")
    assert result.code == 0
    assert result.stdout.startswith(f"Usage: workbench {command} ")
    assert f"workbench {command}" in README.read_text("utf-8")


def test_readme_opens_with_the_two_set_up_commands() -> None:
    lines = [line for line in README.read_text("utf-8").splitlines() if line.strip()]
    commands = [line.strip() for line in lines[:8] if line.strip().startswith("make ")]
    assert commands == ["make run", "make test"]
