"""Alignment of document pairs: beads, the automatic aligner, invertible edits, the SQLite
project store, and export. Builds on corpus/; never imports Qt.
"""
