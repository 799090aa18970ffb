"""Counts in the messages users read ("1 bead", "3 beads"): one helper for the GUI and the CLI.
Pure Python."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """*count* followed by *noun* or, unless it is one, its plural (*nouns*, or *noun* + "s")."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
