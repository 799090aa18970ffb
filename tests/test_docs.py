"""The README documents the whole CLI, and every command answers --help."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"Usage: cli {command}" in result.output or f"Usage: workbench {command}" in result.output
    assert f"workbench {command}" in README.read_text("utf-8")


def test_readme_opens_with_the_two_set_up_commands() -> None:
    lines = [line for line in README.read_text("utf-8").splitlines() if line.strip()]
    commands = [line.strip() for line in lines[:8] if line.strip().startswith("make ")]
    assert commands == ["make run", "make test"]
