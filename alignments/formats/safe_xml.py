"""Checking an XML file from elsewhere before any parser builds a tree of it (DESIGN §11): it must
be well-formed, declare no entities of its own, use none it does not declare (an external DTD is
never read, so its entities would vanish silently) and nest no deeper than MAX_DEPTH elements
(lxml's own limit). A DOCTYPE with an internal subset is refused outright (that is where external
entities and "billion laughs" expansions are declared), and no external DTD or entity is ever
loaded. Standard library (expat) only.
"""

from __future__ import annotations

from xml.parsers import expat

from corpus.errors import UserError

MAX_DEPTH = 256



class XMLFileError(UserError, ValueError):
    """An XML file that is refused; the message is meant for the user."""


class _Refused(Exception):
    """Raised from inside the expat handlers to stop at the first unsafe declaration."""


def check_xml(data: bytes, name: str) -> str:
    """Refuse *data* unless it is well-formed XML without entity declarations; return the name
    of its root element."""
    nesting = _Nesting()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _doctype
    parser.EntityDeclHandler = _entity
    parser.ExternalEntityRefHandler = _external_entity
    parser.SkippedEntityHandler = _skipped_entity
    parser.StartElementHandler = nesting.start
    parser.EndElementHandler = nesting.end
    try:
        parser.Parse(data, True)
    except _Refused as refusal:
        raise XMLFileError(f"{name} is refused: {refusal}.") from None
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise XMLFileError(f"{name} is not well-formed XML (line {error.lineno}, column {error.offset}: {reason}).") from None
    if nesting.root is None:
        raise XMLFileError(f"{name} holds no XML element.")
    return nesting.root


class _Nesting:
    """The root element's name, and how deep elements are nested (refused past MAX_DEPTH)."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.depth = 0

    def start(self, tag: str, attributes: object) -> None:
        self.root = self.root or tag
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(f"its elements are nested more than {MAX_DEPTH} deep")

    def end(self, tag: str) -> None:
        self.depth -= 1


def _doctype(name: str, system_id: str | None, public_id: str | None, has_internal_subset: bool) -> None:
    if has_internal_subset:
        raise _Refused("its DOCTYPE declares entities or other DTD content of its own, which is never read")


def _entity(name: str, *details: object) -> None:
    raise _Refused(f"it declares the entity {name!r}, which is never expanded")


def _skipped_entity(name: str, is_parameter_entity: bool) -> None:
    raise _Refused(f"it uses the entity {name!r}, which it does not declare (an external DTD is never read)")


def _external_entity(context: str, base: str | None, system_id: str | None, public_id: str | None) -> int:
    raise _Refused(f"it refers to the external entity {system_id!r}, which is never loaded")
