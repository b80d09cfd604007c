"""Read YAML written by people, safely, remembering where each key was.

PyYAML's safe loader already refuses to build Python objects from tags such as
``!!python/object``. On top of it this module:

* refuses aliases (``*name``): content never needs them, and an "alias bomb"
  (a few lines that expand to gigabytes) must not be expanded;
* refuses duplicate keys, which PyYAML silently resolves to the last value — a
  second ``reviewed:`` must not quietly replace the first;
* records the line of every key and list item, so a problem found later (a
  wrong type, an unknown reviewer) can point at the exact line;
* bounds what a file can make it do: nesting deeper than :data:`MAX_DEPTH`
  (PyYAML composes recursively, so a few hundred ``[`` would end in a
  ``RecursionError``), merge keys (``<<:``, which silently let one value
  replace another), and values Python cannot hold (a 13th month, a number
  thousands of digits long) are each a problem on their line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml
from yaml._yaml import CParser

from psychoed.errors import SourceError
from psychoed.findings import Problem, Rule, loader_rule

ALIAS = loader_rule(
    "yaml.alias",
    "A YAML alias (`*name`) could expand a few lines into gigabytes, so none is read.",
    "Write the value out in full.",
)
DUPLICATE_KEY = loader_rule(
    "yaml.duplicate-key",
    "A key is given twice, and one value would silently replace the other.",
    "Keep one of the two lines.",
)
SYNTAX = loader_rule(
    "yaml.syntax",
    "A YAML file (or front matter) cannot be read at all.",
    "Check the indentation at the line given, and put text that contains a colon in quotes.",
)
TAG = loader_rule(
    "yaml.tag",
    "A YAML tag such as `!!python/object` could run code, so none is read.",
    "Write plain text, lists and `key: value` pairs.",
)
DEPTH = loader_rule(
    "yaml.depth",
    "YAML nested this deeply is never content, and reading it could exhaust the checker.",
    "Write plain `key: value` lines and lists, nested a few levels at most.",
)
MERGE_KEY = loader_rule(
    "yaml.merge-key",
    "A merge key (`<<:`) silently lets one value replace another, so what a page says could differ "
    "from what the file seems to say.",
    "Write each key and its value out in full.",
)
IMPOSSIBLE = loader_rule(
    "yaml.impossible-value",
    "A value cannot exist: a date such as the 13th month or 30 February, or a number too long to hold.",
    "Correct the value: a real date written year-month-day, or a number of ordinary size.",
)
RULES = (ALIAS, DUPLICATE_KEY, SYNTAX, TAG, DEPTH, MERGE_KEY, IMPOSSIBLE)

MAX_DEPTH = 20
"""Deepest nesting of mappings and lists read. Settings nest four levels; this leaves room."""

KeyPath = tuple[str | int, ...]


class _Mark(Protocol):
    """Where an event starts, as PyYAML's and libyaml's parsers both mark it."""

    line: int


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document and the file line of each key or list item in it."""

    data: object
    """What the document holds: mappings, lists, strings, numbers, dates, booleans or None."""
    lines: Mapping[KeyPath, int]
    """1-based file line of each key (mapping) or item (list), by its path from the root."""
    first_line: int
    """File line where the document starts, used when nothing nearer is known."""
    text_lines: Mapping[KeyPath, int] = field(default_factory=dict)
    """File line where the text of each scalar value starts: for a block (``bio: |``), the line
    after the key. Findings inside Markdown held in YAML (a bio) are placed from it."""

    def line_of(self, *path: str | int) -> int:
        """The line of ``path``, or of its nearest ancestor whose line is known."""
        key: KeyPath = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


class _Bounded(yaml.composer.Composer, yaml.constructor.SafeConstructor):
    """A safe composer and constructor that stop at :data:`MAX_DEPTH` and turn values Python cannot hold into
    marked errors, over any parser: libyaml's for content (:class:`_NoAliasSafeLoader`), PyYAML's own for
    ``mkdocs.yml``."""

    refuse_aliases = False
    refuse_merge_keys = False
    _depth = 0

    if TYPE_CHECKING:  # given by the parser each loader mixes in

        def __init__(self, stream: str) -> None: ...
        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> yaml.Event: ...
        def dispose(self) -> None: ...

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.refuse_aliases and self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _RefusedError(
                ALIAS, event.start_mark, "YAML aliases (*name) are not allowed; write the value out in full."
            )
        if self._depth >= MAX_DEPTH:
            event = self.peek_event()
            raise _RefusedError(
                DEPTH,
                event.start_mark,
                f"this is nested more than {MAX_DEPTH} levels deep; write plain `key: value` lines and lists.",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            # datetime.date(2024, 13, 1), or int() of more than 4,300 digits.
            raise _RefusedError(IMPOSSIBLE, node.start_mark, _impossible_message(node, error)) from None


def _impossible_message(node: yaml.Node, error: Exception) -> str:
    value = str(node.value)
    shown = value if len(value) <= 40 else f"{value[:20]}…({len(value)} characters)"
    if node.tag == "tag:yaml.org,2002:timestamp":
        return f"`{shown}` is not a real date ({error}); write a date that exists, year-month-day."
    if node.tag == "tag:yaml.org,2002:int":
        return f"`{shown}` is a number too long to read; write a number of ordinary size."
    return f"`{shown}` cannot be read ({error}); correct it."


class _BoundedLoader(_Bounded, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.resolver.Resolver):
    """PyYAML's own reader and parser, for ``mkdocs.yml`` (its tags are MkDocs' own; see :class:`_SettingsLoader`)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


class _NoAliasSafeLoader(_Bounded, CParser, yaml.resolver.Resolver):
    """The loader for content: no aliases, no merge keys. Its events come from libyaml's parser, written
    in C, which reads every front matter and registry about ten times faster than PyYAML's; the composer
    that bounds what a file can do stays this module's."""

    refuse_aliases = True
    refuse_merge_keys = True

    def __init__(self, stream: str) -> None:
        # libyaml reports an unreadable character by byte offset, so the check PyYAML's reader makes
        # (same pattern, same error) runs here first, on the text, for the same line and message.
        found = yaml.reader.Reader.NON_PRINTABLE.search(stream)
        if found is not None:
            character = ord(found.group())
            raise yaml.reader.ReaderError(
                "<text>", found.start(), character, "unicode", "special characters are not allowed"
            )
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


class _RefusedError(Exception):
    def __init__(self, rule: Rule, mark: _Mark | None, message: str) -> None:
        self.rule = rule
        self.mark = mark
        self.message = message


def parse_yaml(
    text: str,
    path: Path,
    *,
    first_line: int = 1,
    loader_class: type[_Bounded] = _NoAliasSafeLoader,
) -> YamlDocument:
    """Parse one YAML document from ``text``, which starts at ``first_line`` of ``path``.

    Raises :class:`SourceError` naming the file and line for anything refused.
    """
    try:
        # The reader checks every character as the loader is made: a NUL byte fails here.
        loader = loader_class(text)
    except yaml.reader.ReaderError as error:
        line = first_line + text.count("\n", 0, error.position)
        raise SourceError(
            SYNTAX.at(
                path,
                line,
                f"this line holds a character YAML cannot read (#x{error.character:04x}); delete it, or save "
                "the file again as plain UTF-8 text.",
            )
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {}, first_line)
        lines: dict[KeyPath, int] = {}
        text_lines: dict[KeyPath, int] = {}
        _walk(node, (), (lines, text_lines), path, first_line, refuse_merge=loader.refuse_merge_keys)
        data = loader.construct_document(node)
    except _RefusedError as refused:
        raise SourceError(
            refused.rule.at(path, first_line + (refused.mark.line if refused.mark else 0), refused.message)
        ) from None
    except yaml.MarkedYAMLError as error:
        raise SourceError(_problem_from_yaml_error(error, path, first_line)) from None
    except yaml.YAMLError as error:  # unmarked errors are rare but possible
        raise SourceError(SYNTAX.at(path, first_line, f"this is not valid YAML: {error}")) from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines, first_line, text_lines)


_Lines = tuple[dict[KeyPath, int], dict[KeyPath, int]]


def _walk(node: yaml.Node, at: KeyPath, found: _Lines, path: Path, first: int, *, refuse_merge: bool) -> None:
    """Record each key's and item's line, and each scalar's first text line, under ``at``; refuse duplicate
    keys (and, in content, merge keys)."""
    lines, text_lines = found
    if isinstance(node, yaml.ScalarNode):
        text_lines[at] = first + node.start_mark.line + (1 if node.style in ("|", ">") else 0)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first + key_node.start_mark.line
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            if refuse_merge and key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(
                    MERGE_KEY.at(
                        path, line, "merge keys (`<<:`) are not allowed; write each key and value out in full."
                    )
                )
            if key in seen:
                raise SourceError(
                    DUPLICATE_KEY.at(
                        path,
                        line,
                        f"`{key}` is given twice (first on line {seen[key]}); keep one of them.",
                        field=key,
                    )
                )
            seen[key] = line
            lines[(*at, key)] = line
            _walk(value_node, (*at, key), found, path, first, refuse_merge=refuse_merge)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*at, index)] = first + item.start_mark.line
            _walk(item, (*at, index), found, path, first, refuse_merge=refuse_merge)


def _problem_from_yaml_error(error: yaml.MarkedYAMLError, path: Path, first: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = first + mark.line if mark is not None else first
    problem = error.problem or "invalid YAML"
    if isinstance(error, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        return TAG.at(
            path,
            line,
            "YAML tags (such as !!python/object) are not allowed; write plain text, lists and key: value pairs.",
        )
    context = f" {error.context}" if error.context else ""
    return SYNTAX.at(
        path,
        line,
        f"this is not valid YAML ({problem}{context}); check the indentation, "
        "and put text that contains a colon in quotes.",
    )


class _SettingsLoader(_BoundedLoader):
    """Reads mkdocs.yml: written by the clinic's maintainers, so aliases are
    allowed; MkDocs-specific tags (``!ENV``, ``!!python/name:``), which
    psychoed's settings never use, become None instead of failing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_SettingsLoader.add_multi_constructor("!", _ignore_tag)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def parse_settings_yaml(text: str, path: Path) -> YamlDocument:
    """Parse ``mkdocs.yml`` for psychoed's settings, tolerating MkDocs' own tags."""
    return parse_yaml(text, path, loader_class=_SettingsLoader)
