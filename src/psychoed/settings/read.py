"""Read one settings mapping as its dataclass declares it.

The walk goes field by field through :mod:`psychoed.settings.model`: the field's type says which
:class:`~psychoed.source.fields.Fields` reader takes the value (a whole number within its bounds,
text, a list of text, a nested mapping), then the declaration's own check runs. The known keys, and
so the "did you mean", are the declared fields; moved keys are reported from
:data:`~psychoed.settings.model.MOVED`.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from psychoed.settings.declare import Moved, Setting, declaration
from psychoed.source.fields import Fields

T = TypeVar("T")

_DEFAULT: Any = object()
"""Read nothing usable: the field keeps its declared default."""


def declared(cls: type[Any]) -> Iterator[tuple[str, Any, Setting, object]]:
    """Each setting of a settings dataclass: key, type, declaration and default, in the order written."""
    hints = get_type_hints(cls)
    for found in dataclasses.fields(cls):
        setting = declaration(found.metadata)
        if setting is not None:
            yield found.name, hints[found.name], setting, found.default


def section_type(kind: Any) -> type[Any] | None:
    """The dataclass a setting's type names (``Colors``, ``CallToAction | None``), or None for a value."""
    options = get_args(kind) if get_origin(kind) in (Union, types.UnionType) else (kind,)
    for option in options:
        if dataclasses.is_dataclass(option) and isinstance(option, type):
            return option
    return None


def read_section(fields: Fields, cls: type[T], moved: Sequence[Moved], section: tuple[str, ...] = ()) -> T | None:
    """``cls`` read from ``fields``, every problem reported; None when a required setting is missing or bad."""
    here = [entry for entry in moved if entry.section == section]
    for entry in here:
        if entry.key in fields.data:
            fields.problem(entry.key, entry.rule, entry.message)
    settings = list(declared(cls))
    fields.reject_unknown([key for key, *_ in settings], ignored=[entry.key for entry in here])
    found: dict[str, object] = {}
    complete = True
    for key, kind, setting, _default in settings:
        value = _read(fields, key, kind, setting, moved, (*section, key))
        if value is not _DEFAULT and setting.check is not None:
            checked = setting.check(fields, key, value)
            value = _DEFAULT if checked is None else checked
        if value is _DEFAULT:
            complete = complete and not setting.required
        else:
            found[key] = value
    return cls(**found) if complete else None


def _read(fields: Fields, key: str, kind: Any, setting: Setting, moved: Sequence[Moved], at: tuple[str, ...]) -> Any:
    """One value as its type says, or :data:`_DEFAULT`."""
    if setting.read is not None:
        value = setting.read(fields, key)
        return _DEFAULT if value is None else value
    nested = section_type(kind)
    if nested is not None:
        inner = fields.mapping(key)
        value = None if inner is None else read_section(inner, nested, moved, at)
        return _DEFAULT if value is None else value
    if kind is int:
        if setting.bounds is None:  # a declaration error, caught by the settings tests
            raise TypeError(f"setting `{'.'.join(at)}` is a whole number without bounds")
        low, high = setting.bounds
        return fields.integer(key, default=_DEFAULT, minimum=low, maximum=high)
    if get_origin(kind) is tuple:
        items = fields.text_list(key, required=setting.required, example=setting.example)
        return items or _DEFAULT
    if setting.empty_is_none and fields.data.get(key) == "":
        return None
    text = fields.text(key, required=setting.required, example=setting.example)
    return _DEFAULT if text is None else text
