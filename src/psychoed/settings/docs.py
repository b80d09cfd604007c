"""The settings reference, derived from the declarations: the README's table and ``psychoed settings``.

A test compares the README's table with :func:`as_markdown`, so the documentation of a setting cannot
drift from what psychoed reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from psychoed.settings.model import Settings
from psychoed.settings.read import declared, section_type


@dataclass(frozen=True)
class Row:
    """One setting as the reference shows it."""

    key: str
    """Dotted, as the YAML nests it: ``crisis.services``."""
    default: str
    doc: str
    bounds: tuple[int, int] | None


def rows(cls: type[Any] = Settings, prefix: str = "") -> Iterator[Row]:
    """Every setting, a mapping's own row before its keys, in the order they are declared."""
    for key, kind, setting, default in declared(cls):
        nested = section_type(kind)
        if nested is not None:
            yield Row(f"{prefix}{key}", setting.shown or "", setting.doc, None)
            yield from rows(nested, f"{prefix}{key}.")
        else:
            yield Row(f"{prefix}{key}", setting.shown or _shown(default), setting.doc, setting.bounds)


def _shown(default: object) -> str:
    if default is None or default == ():
        return "none"
    if isinstance(default, tuple):
        return "`[" + ", ".join(str(item) for item in default) + "]`"
    return f"`{default}`"


def as_markdown() -> str:
    """A Markdown table of every setting: key, default, what it does (with its bounds)."""
    lines = ["| key | default | what it does |", "| --- | --- | --- |"]
    for row in rows():
        doc = row.doc if row.bounds is None else f"{row.doc} From {row.bounds[0]:,} to {row.bounds[1]:,}."
        cells = [f"`{row.key}`", row.default, doc]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
