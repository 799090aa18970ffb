"""The automatic aligner: a banded dynamic programme over bead shapes whose cost joins lengths,
lexical anchors and (optionally) sentence embeddings; confidences from forward/backward margins.
Features in, beads out (numpy); never reads or writes the project store.
"""
