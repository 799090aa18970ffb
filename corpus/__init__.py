"""Texts and what is in them: reading files, sentences, editorial interpolations.

Pure Python: no Qt, no database. Everything here takes and returns plain values
(strings, frozen dataclasses), with offsets in Unicode code points.
"""
