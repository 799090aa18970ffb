"""Plain values of an alignment: beads and the ladder rule, invertible edits and their planners
over plain beads, ladder repairs after sentence changes, sentence edits as values, the vecalign
notation with its scoring, and what long work shares (progress, cancel). Standard library only;
imports nothing else of alignments/.
"""
