"""From what the store holds to edits: hand edits of beads and sentences planned against the
ladder, text revisions, Align the rest, a new aligned pair from two texts, the sample project.
Reads through `ProjectStore`; the store applies what comes back.
"""
