"""The project's own rules for corpus/, kept in the project file (tables of migration
m002_corpus_settings): editor signatures and note patterns added to detection, the user's
mark/unmark decisions, abbreviations learnt from hand merges; and re-detection of a document's
interpolations under them. sqlite-utils only, no Qt; every change is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex
from sqlite_utils import Database

from alignments.ladder.changes import DecisionEdit, InterpolationChange
from alignments.ladder.edits import StaleEditError
from alignments.store.interpolation_rows import (
    replace_interpolations,
    select_interpolations,
)
from alignments.store.project_file import ProjectError
from alignments.store.sql import utc_now
from alignments.store.text_blocks import read_text
from corpus.decisions import Decision, Verdict, apply_decisions, supersedes
from corpus.interpolations import DetectionConfig, find_interpolations
from corpus.languages import base_language
from corpus.spans import InterpolationKind


class InvalidRuleError(ProjectError, ValueError):
    """An editor signature or note pattern that cannot be a rule; the message is meant for the user."""


class InvalidPatternError(InvalidRuleError):
    """A note pattern that is not a regular expression."""


def checked_pattern(pattern: str) -> str:
    """*pattern*, if it compiles as a regular expression (as corpus.interpolations runs it)."""
    if not pattern:
        raise InvalidPatternError("A note pattern cannot be empty.")
    try:
        DetectionConfig(patterns=(pattern,)).compiled_patterns()
    except regex.error as error:
        raise InvalidPatternError(f"Note pattern {pattern!r} is not a valid regular expression ({error}).") from None
    return pattern


def checked_signature(signature: str) -> str:
    """*signature* without the spaces around it, if anything is left."""
    if not signature.strip():
        raise InvalidRuleError(f"An editor signature cannot be blank ({signature!r}).")
    return signature.strip()


@dataclass(frozen=True)
class RuleChange:
    """Editor signatures and note patterns to add to a project's rules or remove from them."""

    add_editors: tuple[str, ...] = ()
    remove_editors: tuple[str, ...] = ()
    add_patterns: tuple[str, ...] = ()
    remove_patterns: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.add_editors or self.remove_editors or self.add_patterns or self.remove_patterns)


class ProjectRules:
    """The rules of one open project file."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- detection settings --------------------------------------------------------------

    def detection_config(self) -> DetectionConfig:
        """The project's signatures and patterns, in the order they were added (a stored pattern
        that does not compile, from a file written by other hands, is refused with a message)."""
        editors = [row[0] for row in self.db.execute("SELECT signature FROM editor_signatures ORDER BY rowid")]
        patterns = [checked_pattern(row[0]) for row in self.db.execute("SELECT pattern FROM note_patterns ORDER BY rowid")]
        return DetectionConfig(tuple(editors), tuple(patterns))

    def add_editor(self, signature: str) -> bool:
        """Add an editor signature ("K. M.", "the editors"); False when the project has it already."""
        return self._add("editor_signatures", "signature", checked_signature(signature))

    def remove_editor(self, signature: str) -> bool:
        return self._remove("editor_signatures", "signature", signature.strip())

    def add_pattern(self, pattern: str) -> bool:
        """Add a regex marking notes (a group named "editor" gives the signature)."""
        return self._add("note_patterns", "pattern", checked_pattern(pattern))

    def remove_pattern(self, pattern: str) -> bool:
        return self._remove("note_patterns", "pattern", pattern)

    def update(self, change: RuleChange, document_ids: Sequence[int]) -> list[InterpolationChange]:
        """Change the signatures and patterns, then find the interpolations of *document_ids*
        again under them: all in one transaction (a pattern that does not compile changes nothing)."""
        for pattern in change.add_patterns:
            checked_pattern(pattern)
        for signature in change.add_editors:
            checked_signature(signature)
        with self.db.atomic():
            for signature in change.add_editors:
                self.add_editor(signature)
            for signature in change.remove_editors:
                self.remove_editor(signature)
            for pattern in change.add_patterns:
                self.add_pattern(pattern)
            for pattern in change.remove_patterns:
                self.remove_pattern(pattern)
            return [self.redetect(document_id) for document_id in document_ids]

    def _add(self, table: str, column: str, value: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT OR IGNORE INTO {table} ({column}, created_at) VALUES (?, ?)", [value, utc_now()]
            )
        return cursor.rowcount == 1

    def _remove(self, table: str, column: str, value: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [value])
        return cursor.rowcount == 1

    # --- decisions and re-detection ------------------------------------------------------

    def decisions(self, document_id: int) -> list[Decision]:
        """A document's decisions, oldest first."""
        rows = self.db.execute(
            'SELECT start, "end", verdict, kind, editor FROM interpolation_decisions WHERE document_id = ? ORDER BY id',
            [document_id],
        )
        return [
            Decision(start, end, Verdict(verdict), InterpolationKind(kind) if kind else None, editor)
            for start, end, verdict, kind, editor in rows
        ]

    def plan_decision(self, document_id: int, decision: Decision) -> DecisionEdit:
        """Recording *decision* as an edit: it replaces the older decisions it supersedes."""
        replaced = tuple(old for old in self.decisions(document_id) if supersedes(decision, old))
        return DecisionEdit(document_id, decision, replaced)

    def apply_decision(self, edit: DecisionEdit) -> InterpolationChange:
        """Apply a planned decision (or its inverse) in one transaction; refuse it, changing
        nothing, when the document's decisions are no longer as it was planned against."""
        with self.db.atomic():
            current = self.decisions(edit.document_id)
            if edit.withdrawn:
                if edit.decision not in current:
                    raise StaleEditError("The interpolation decisions have changed since this edit was planned.")
                return self.withdraw(edit.document_id, edit.decision, edit.replaced)
            if any(old not in current for old in edit.replaced):
                raise StaleEditError("The interpolation decisions have changed since this edit was planned.")
            return self.decide(edit.document_id, edit.decision)

    def decide(self, document_id: int, decision: Decision) -> InterpolationChange:
        """Record *decision* (replacing the older ones it supersedes) and apply it at once."""
        with self.db.atomic():
            replaced = tuple(old for old in self.decisions(document_id) if supersedes(decision, old))
            for old in replaced:
                self._delete_decision(document_id, old)
            self._insert_decision(document_id, decision)
            change = self.redetect(document_id)
        return InterpolationChange(document_id, change.removed, change.added, replaced)

    def withdraw(self, document_id: int, decision: Decision, restore: Sequence[Decision] = ()) -> InterpolationChange:
        """Forget *decision* and record *restore* again: the inverse of a `decide` that replaced them."""
        with self.db.atomic():
            self._delete_decision(document_id, decision)
            for old in restore:
                self._insert_decision(document_id, old)
            return self.redetect(document_id)

    def _insert_decision(self, document_id: int, decision: Decision) -> None:
        self.db.table("interpolation_decisions").insert(
            {
                "document_id": document_id,
                "start": decision.start,
                "end": decision.end,
                "verdict": str(decision.verdict),
                "kind": str(decision.kind) if decision.kind else None,
                "editor": decision.editor,
                "created_at": utc_now(),
            }
        )

    def _delete_decision(self, document_id: int, decision: Decision) -> None:
        self.db.execute(
            'DELETE FROM interpolation_decisions WHERE document_id = ? AND start = ? AND "end" = ? AND verdict = ?',
            [document_id, decision.start, decision.end, str(decision.verdict)],
        )

    def redetect(self, document_id: int) -> InterpolationChange:
        """Find the document's interpolations again under the project's rules and decisions."""
        text = self._document(document_id)[0]
        with self.db.atomic():
            before = select_interpolations(self.db, document_id, 0, len(text))
            after = apply_decisions(find_interpolations(text, self.detection_config()), self.decisions(document_id))
            if after != before:
                replace_interpolations(self.db, document_id, after)
        kept = set(before) & set(after)
        return InterpolationChange(
            document_id, tuple(i for i in before if i not in kept), tuple(i for i in after if i not in kept)
        )

    def _document(self, document_id: int) -> tuple[str, str]:
        row = self.db.execute("SELECT lang FROM document_rows WHERE id = ?", [document_id]).fetchone()
        text = read_text(self.db, document_id)
        if row is None or text is None:
            raise KeyError(f"no document {document_id}")
        return text, row[0]

    # --- learnt abbreviations ------------------------------------------------------------

    def abbreviations(self, lang: str) -> tuple[str, ...]:
        """The abbreviations learnt for a language ("de-CH" shares those of "de"), in order."""
        rows = self.db.execute(
            "SELECT abbreviation FROM learnt_abbreviations WHERE lang = ? ORDER BY abbreviation", [base_language(lang)]
        )
        return tuple(row[0] for row in rows)

    def learn_abbreviation(self, lang: str, abbreviation: str) -> bool:
        """Remember that *abbreviation* never ends a sentence in *lang*; False when known already."""
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO learnt_abbreviations (lang, abbreviation, created_at) VALUES (?, ?, ?)",
                [base_language(lang), abbreviation.strip(), utc_now()],
            )
        return cursor.rowcount == 1

    def forget_abbreviation(self, lang: str, abbreviation: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "DELETE FROM learnt_abbreviations WHERE lang = ? AND abbreviation = ?",
                [base_language(lang), abbreviation.strip()],
            )
        return cursor.rowcount == 1
