"""Files in and out: CSV/TSV, TMX, XLIFF and ladder exports (atomic, never overwriting a project),
and imports of TMX, ladders and our own CSV/TSV. XML from elsewhere is checked before parsing.
"""
