"""Typed reading of one YAML mapping, with one clear problem per bad field.

Front matter, the reviewer and topic registries and the site settings are all
YAML mappings written by hand. They share this reader so that every file gets
the same wording for the same mistake, and so an unknown key always comes with
a suggestion: a typo such as ``reviwer`` must never silently drop a review field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from psychoed.findings import Problem, Rule, loader_rule
from psychoed.source.yaml_document import KeyPath, YamlDocument

MARKUP = re.compile(r"<[a-zA-Z/!?]|\]\(|\*\*|`|^#|&#?\w+;")
"""Markdown or HTML in a field shown as plain text: a tag, a link, bold, code, a heading or an entity."""


def describe(value: object) -> str:
    """How a YAML value looks to the person who wrote it."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of `key: value` lines"
    return type(value).__name__


def suggest(word: str, choices: Collection[str]) -> str:
    """`` (did you mean `x`?)`` for the closest choice, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


@dataclass(frozen=True)
class FieldRules:
    """The rules a :class:`Fields` reader reports with, declared once per kind of file."""

    unknown_key: Rule
    required: Rule
    type: Rule
    empty: Rule
    value: Rule | None = None
    """A date, choice or number that is out of bounds; None for files with no such fields."""

    @classmethod
    def declare(cls, family: str, where: str, *, values: bool) -> FieldRules:
        """The field rules of ``family`` (e.g. ``frontmatter``), for fields ``where`` (e.g. "in front matter")."""
        return cls(
            unknown_key=loader_rule(
                f"{family}.unknown-key",
                f"A field {where} is misspelt or unknown, so what it says would be lost.",
                "Use the field name the message suggests, or remove the line.",
            ),
            required=loader_rule(
                f"{family}.required",
                f"A required field {where} is missing.",
                "Add the field, as in the example the message gives.",
            ),
            type=loader_rule(
                f"{family}.type",
                f"A field {where} has the wrong kind of value (a list where text belongs, say).",
                'Write the kind of value the message names; put text that looks like a number or date in "quotes".',
            ),
            empty=loader_rule(
                f"{family}.empty",
                f"A field {where} is empty.",
                "Write a value, or remove the line.",
            ),
            value=loader_rule(
                f"{family}.value",
                f"A field {where} has a value it cannot take: a date not written year-month-day, a choice "
                "not on the list, a number out of range.",
                "Use one of the values the message lists.",
            )
            if values
            else None,
        )

    def all(self) -> tuple[Rule, ...]:
        found = (self.unknown_key, self.required, self.type, self.empty, self.value)
        return tuple(rule for rule in found if rule is not None)


class Fields:
    """Reads the values of one mapping in a YAML document.

    Every problem is appended to ``problems`` and the reader returns a default,
    so that one pass reports every bad field in a file.
    """

    def __init__(
        self,
        document: YamlDocument,
        data: Mapping[str, object],
        path: Path,
        problems: list[Problem],
        *,
        rules: FieldRules,
        at: KeyPath = (),
        label: str = "",
    ) -> None:
        self.document = document
        self.data = data
        self.path = path
        self.problems = problems
        self.rules = rules
        self.at = at
        self.label = label
        """Prefix for messages, such as "reviewer `sample`: "."""

    # Reporting

    def line(self, *key: str | int) -> int:
        """File line of ``key`` inside this mapping (or of the mapping itself)."""
        return self.document.line_of(*self.at, *key)

    def text_line(self, key: str) -> int:
        """File line where the text of ``key``'s value starts (the line after ``key: |``)."""
        return self.document.text_lines.get((*self.at, key), self.line(key))

    def problem(self, key: str | None, rule: Rule, message: str, *, index: int | None = None) -> None:
        """Record a problem about ``key`` (and list item ``index``), at its line."""
        where: list[str | int] = [] if key is None else [key]
        if index is not None:
            where.append(index)
        self.problems.append(rule.at(self.path, self.line(*where), f"{self.label}{message}", field=key))

    def value_problem(self, key: str, message: str) -> None:
        """Record that ``key`` has a value it cannot take (a date, a choice, a number, a file that is not there)."""
        if self.rules.value is None:  # a FieldRules declared without values reads no dates, choices or numbers
            raise TypeError(f"{self.rules.type.id}: these fields have no value rule")
        self.problem(key, self.rules.value, message)

    def reject_unknown(self, allowed: Collection[str], *, ignored: Collection[str] = ()) -> None:
        """One problem per key not in ``allowed``, suggesting the likely intended key.

        Keys in ``ignored`` (moved ones, reported on their own) are neither reported nor suggested."""
        for key in self.data:
            if key not in allowed and key not in ignored:
                known = ", ".join(f"`{k}`" for k in allowed)
                self.problem(
                    str(key),
                    self.rules.unknown_key,
                    f"`{key}` is not a known field{suggest(str(key), allowed)}; known fields are {known}.",
                )

    # Typed values

    def _missing(self, key: str, example: str) -> None:
        self.problem(key, self.rules.required, f"`{key}` is required; add a line such as `{key}: {example}`.")

    def _wrong_type(self, key: str, wanted: str, value: object, *, index: int | None = None) -> None:
        item = f" item {index + 1}" if index is not None else ""
        self.problem(
            key,
            self.rules.type,
            f"`{key}`{item} must be {wanted}, not {describe(value)}.",
            index=index,
        )

    def text(self, key: str, *, required: bool, example: str = "...") -> str | None:
        """A non-empty string (surrounding spaces removed), or None if absent or bad."""
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing(key, example)
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self._wrong_type(key, 'text (put it in "quotes" if it looks like a number or date)', value)
            return None
        if not value.strip():
            self.problem(key, self.rules.empty, f"`{key}` is empty; write a value or remove the line.")
            return None
        return value.strip()

    def plain_text(self, key: str, markup: Rule, *, required: bool, example: str = "...") -> str | None:
        """Like :meth:`text`, for a field shown as plain text everywhere (a name, a title): markup in it is
        reported with ``markup``, because it would show as stray symbols, or (unescaped) run."""
        value = self.text(key, required=required, example=example)
        if value is not None and MARKUP.search(value):
            self.problem(
                key,
                markup,
                f"`{key}` is shown as plain text, so Markdown or HTML in it (`{value[:40]}`) would show as stray "
                "symbols; remove it.",
            )
        return value

    def text_list(self, key: str, *, required: bool, example: str = "[...]") -> tuple[str, ...]:
        """A list of non-empty strings; a missing optional list is empty."""
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing(key, example)
            return ()
        value = self.data[key]
        if not isinstance(value, list):
            self._wrong_type(key, f"a list, such as `{key}: {example}`", value)
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                items.append(item.strip())
            else:
                self._wrong_type(key, "text", item, index=index)
        if required and not value:
            self.problem(key, self.rules.empty, f"`{key}` needs at least one item, such as `{key}: {example}`.")
        return tuple(items)

    def date(self, key: str, *, required: bool) -> dt.date | None:
        """An ISO date (``2024-05-31``), written bare or in quotes."""
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing(key, "2024-05-31")
            return None
        value = self.data[key]
        if isinstance(value, dt.datetime):
            self._wrong_type(key, "a date without a time, such as 2024-05-31", value)
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.value_problem(
            key,
            f"`{key}` must be a date written year-month-day, such as 2024-05-31, not {value!r}.",
        )
        return None

    def boolean(self, key: str, *, default: bool) -> bool:
        """``true`` or ``false``."""
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self._wrong_type(key, "true or false", value)
            return default
        return value

    def integer(self, key: str, *, default: int, minimum: int, maximum: int) -> int:
        """A whole number from ``minimum`` to ``maximum``: every number has a bound, so a huge one
        is a problem here rather than an overflow in date arithmetic later."""
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(key, "a whole number", value)
            return default
        if not minimum <= value <= maximum:
            shown = value if len(str(abs(value))) <= 12 else f"a number {len(str(abs(value)))} digits long"
            self.value_problem(key, f"`{key}` must be from {minimum} to {maximum}, not {shown}.")
            return default
        return value

    def choice(self, key: str, choices: Collection[str], *, default: str) -> str:
        """One of ``choices``."""
        value = self.text(key, required=False)
        if value is None:
            return default
        if value not in choices:
            quoted = [f"`{c}`" for c in choices]
            options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
            self.value_problem(key, f"`{key}` must be {options}, not `{value}`{suggest(value, choices)}.")
            return default
        return value

    def mapping(self, key: str) -> Fields | None:
        """A nested mapping, read by a new :class:`Fields`; None if absent or not a mapping."""
        if key not in self.data or self.data[key] is None:
            return None
        value = self.data[key]
        if not isinstance(value, dict):
            self._wrong_type(key, "a set of `key: value` lines", value)
            return None
        return self.nested(value, (key,), label=self.label)

    def mapping_list(self, key: str, *, required: bool = False) -> list[Fields]:
        """A list of mappings, each read by its own :class:`Fields`."""
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing(key, "[...]")
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self._wrong_type(key, "a list of `key: value` entries", value)
            return []
        readers = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                readers.append(self.nested(item, (key, index), label=f"{self.label}`{key}` item {index + 1}: "))
            else:
                self._wrong_type(key, "a set of `key: value` lines", item, index=index)
        return readers

    def nested(self, data: Mapping[str, object], at: KeyPath, *, label: str) -> Fields:
        """A reader for a mapping found inside this one."""
        return Fields(
            self.document,
            data,
            self.path,
            self.problems,
            rules=self.rules,
            at=(*self.at, *at),
            label=label,
        )
