"""How a setting is declared: once, on the field of the settings model that holds it.

A setting's declaration is its dataclass field in :mod:`psychoed.settings.model`: the field's
name is its key in ``mkdocs.yml``, its type says how it is read, and :func:`setting` adds the
default, the bounds, an example and the sentence clinics read. The reader
(:mod:`psychoed.settings.read`), the known keys with their "did you mean", and the README's
settings table (:mod:`psychoed.settings.docs`) all derive from it, so adding a setting is one
field.

Written here rather than taken from pydantic or attrs + cattrs: the same typed reader
(:class:`~psychoed.source.fields.Fields`) already reads front matter and the registries, with one
wording for each mistake and the line of each key; a second validation library for one block
would give settings other messages than every other file, and its errors would need mapping back
to lines and rules (issue 17's note has the count).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from psychoed.findings import Rule

if TYPE_CHECKING:
    from psychoed.source.fields import Fields

T = TypeVar("T")

DECLARATION = "psychoed.setting"
"""The key of a field's metadata that holds its :class:`Setting`."""

Check = Callable[["Fields", str, Any], Any]
"""A value check: given the reader, the key and the value read, report what is wrong and return the
value to keep (or None for the default)."""

Read = Callable[["Fields", str], Any]
"""A reader for a value the type alone does not say how to read (``check.rules``); None for the default."""


@dataclass(frozen=True)
class Setting:
    """What a settings field declares beyond its name and type."""

    doc: str
    """The sentence clinics read, in the README's settings table."""
    example: str = "..."
    """A value as written in YAML, for "add a line such as …" messages."""
    shown: str | None = None
    """How the README shows the default, when that is not the value itself (``site_name``, "none")."""
    bounds: tuple[int, int] | None = None
    """Lowest and highest value of a whole number: every number has bounds."""
    required: bool = False
    check: Check | None = None
    read: Read | None = None
    empty_is_none: bool = False
    """``""`` means "none" (``footer_note: ""`` removes the footer's sentence)."""


@dataclass(frozen=True)
class Moved:
    """A key that is no longer read, with where its meaning went (as MkDocs' ``Deprecated(moved_to=…)``)."""

    section: tuple[str, ...]
    """The mapping it was written in, under ``extra.psychoed`` (``()`` for the top)."""
    key: str
    rule: Rule
    message: str


def setting(
    default: T,
    doc: str,
    *,
    example: str = "...",
    shown: str | None = None,
    bounds: tuple[int, int] | None = None,
    required: bool = False,
    check: Check | None = None,
    read: Read | None = None,
    empty_is_none: bool = False,
) -> T:
    """A dataclass field that is a setting, read from ``mkdocs.yml`` as its declaration says."""
    declared = Setting(doc, example, shown, bounds, required, check, read, empty_is_none)
    made: T = field(default=default, metadata={DECLARATION: declared})
    return made


def declaration(metadata: Any) -> Setting | None:
    """The :class:`Setting` a field's metadata holds; None for a field that is not read from YAML."""
    found = metadata.get(DECLARATION)
    return found if isinstance(found, Setting) else None
