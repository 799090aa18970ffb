"""Alignment of document pairs. Builds on corpus/; never imports Qt.

Where things live (each subpackage's own docstring says more):
- `ladder/`   plain values: beads, edits and their inverses, ladder repairs after sentence changes,
              the vecalign notation and its scoring. Imports nothing else of alignments/.
- `aligner/`  the numpy engine: sentence features in, beads with confidences out; never the store.
- `store/`    everything that speaks SQL: schema, project file, lock, rules, search, vector cache,
              and the read-only records handed to callers. `ProjectStore` is the only door.
- `planning/` reads the store and returns edits: bead planner, sentence planner, text revisions,
              Align the rest, a new aligned pair, the sample project.
- `formats/`  files in and out: CSV/TSV, TMX, XLIFF, ladder; written atomically.

Glossary:
- bead: one alignment unit, a run of source sentences with a run of target sentences (either may
  be empty: 1:0, 0:1), with a status (auto or confirmed), a confidence and a provenance.
- ladder: the beads of a pair in order, covering every sentence of both sides exactly once.
- region: the stretch of a ladder an edit touches (consecutive beads, with their positions).
- edit: an invertible value (`edit.inverse()` undoes it) that the store applies in one
  transaction: bead edits, sentence edits, interpolation decisions.
- change: what an applied edit moved, returned by `ProjectStore.apply` so a view can update
  only those rows.
"""
