"""Flags the beads a ladder has cut off at a text's edge (alignments/ladder/islands.py says which
and why): their confidence is capped below the flag threshold."""

from __future__ import annotations

from dataclasses import replace

from alignments.aligner.solve import AlignedBead
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.ladder.islands import island_links

ISLAND_CONFIDENCE = LOW_CONFIDENCE * 0.6


def with_islands_flagged(beads: list[AlignedBead]) -> list[AlignedBead]:
    """*beads* with every island bead's confidence at most ISLAND_CONFIDENCE."""
    for k in island_links([(bead.source, bead.target) for bead in beads]):
        beads[k] = replace(beads[k], score=min(beads[k].score, ISLAND_CONFIDENCE))
    return beads
