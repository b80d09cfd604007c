"""The words psychoed's pages show, one file per language: ``src/psychoed/data/strings/<code>.yml``.

English and Spanish ship. A site that publishes in another language writes ``strings/<code>.yml`` next to
``mkdocs.yml`` (``strings_dir``), with every key English has; a site may also change any shipped word there.
The words a clinic writes itself (its call to action, its crisis note) come from ``mkdocs.yml`` in the source
language and from the site's strings file in every other, so no page in Spanish shows the clinic's English.
A key missing for one of the site's languages is a settings problem naming the file and the key: a page
must never fall back to another language's words under its own ``lang``.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from psychoed.errors import SourceError
from psychoed.findings import Problem
from psychoed.settings.model import Settings
from psychoed.source.fields import FieldRules, Fields, suggest
from psychoed.source.text import read_text
from psychoed.source.yaml_document import parse_settings_yaml

FIELD_RULES = FieldRules.declare("strings", "in a strings file (`strings/<language>.yml`)", values=True)
RULES = FIELD_RULES.all()

LISTS = ("months", "language_names")
"""The keys that are not one string: the twelve month names, and each language's name in this one."""
SITE_KEYS = ("call_to_action_text", "call_to_action_link_text", "crisis_note")
"""Words only the clinic can write: in ``mkdocs.yml`` for the source language, in the site's strings file for
each other language (when the settings use them)."""


@dataclass(frozen=True)
class Strings:
    """One language's words, complete."""

    language: str
    words: Mapping[str, str]
    months: tuple[str, ...]
    names: Mapping[str, str]
    """Each of the site's languages named in this one: "inglés" in Spanish."""

    def __getattr__(self, key: str) -> str:
        """``s.reviewed_by`` in a template."""
        try:
            return self.words[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def in_language(self, code: str) -> str:
        """ "in English", said in this language ("en inglés"): what marks a link to a page in ``code``."""
        return self.words["in_language"].format(language=self.names.get(code, code))

    def date(self, value: dt.date) -> str:
        """A date in this language's words, e.g. "22 de junio de 2022"."""
        return self.words["date_format"].format(
            year=value.year, month=value.month, month_name=self.months[value.month - 1], day=value.day
        )


@cache
def _shipped_path(language: str) -> Path | None:
    path = Path(str(files("psychoed") / "data" / "strings" / f"{language}.yml"))
    return path if path.is_file() else None


def shipped_file(language: str) -> Path | None:
    """psychoed's own strings for ``language`` (``es`` also serves ``es-MX``), if it ships them."""
    return _shipped_path(language) or _shipped_path(language.split("-")[0].lower())


@cache
def _shipped(language: str) -> dict[str, object]:
    path = shipped_file(language)
    if path is None:
        return {}
    data = parse_settings_yaml(read_text(path), path).data
    if not isinstance(data, dict):  # a bug in psychoed's own file
        raise ValueError(f"{path} is not a mapping")
    return dict(data)


def keys() -> tuple[str, ...]:
    """Every key a language's strings must have: English's, which are complete by definition."""
    return tuple(_shipped("en"))


def site_strings(
    settings: Settings, languages: tuple[str, ...], root: Path, problems: list[Problem]
) -> dict[str, Strings]:
    """Each of ``languages`` (the source language first) with its words: psychoed's, then the site's own file
    (``strings_dir``/``<code>.yml``), then, for the source language, what ``mkdocs.yml`` says. Every problem is
    appended, at its file and line; a language with a problem is left out."""
    found = {}
    for index, language in enumerate(languages):
        words: dict[str, object] = dict(_shipped(language))
        own = root / settings.strings_dir / f"{language}.yml"
        where = own  # what is missing is written in the site's own file
        line_of: dict[str, int] = {}
        if own.is_file():
            words.update(_site_file(own, problems, line_of))
        if index == 0:
            words.update(_from_settings(settings))
        needed = list(keys()) + [key for key in SITE_KEYS if _needs(settings, key)]
        missing = [key for key in needed if not isinstance(words.get(key), str) and key not in LISTS]
        months = words.get("months")
        if not (isinstance(months, list) and len(months) == 12 and all(isinstance(m, str) for m in months)):
            missing.append("months")
        names = words.get("language_names")
        names = {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}
        missing += [f"language_names.{code}" for code in languages if code not in names]
        for key in missing:
            setting = _setting_of(key) if index == 0 else None
            problems.append(
                FIELD_RULES.required.at(
                    where,
                    None,
                    f"the site publishes in `{language}`, but no words are given for `{key}`"
                    f"{f' (in mkdocs.yml: {setting})' if setting else ''}; "
                    f"add `{key}:` to {settings.strings_dir}/{language}.yml, in that language "
                    "(src/psychoed/data/strings/en.yml has every key, in English).",
                    field=key,
                )
            )
        if not missing and isinstance(months, list):
            text = {k: str(v) for k, v in words.items() if k != "months" and isinstance(v, str)}
            found[language] = Strings(language, text, tuple(str(m) for m in months), names)
    return found


def _needs(settings: Settings, key: str) -> bool:
    if key == "crisis_note":
        return settings.crisis.note is not None
    return settings.call_to_action is not None


def _setting_of(key: str) -> str | None:
    return {"call_to_action_text": "call_to_action.text", "call_to_action_link_text": "call_to_action.link_text",
            "crisis_note": "crisis.note"}.get(key)  # fmt: skip


def _from_settings(settings: Settings) -> dict[str, object]:
    """The source language's words that ``mkdocs.yml`` sets. A setting left at its (English) default says
    nothing: a site whose source language is Spanish gets the Spanish words, not "Medically reviewed by"."""
    defaults = Settings()
    chosen = {
        "reviewed_by": (settings.reviewed_by_label, defaults.reviewed_by_label),
        "crisis_heading": (settings.crisis.heading, defaults.crisis.heading),
        "date_format": (settings.date_format, defaults.date_format),
        "months": (list(settings.month_names), list(defaults.month_names)),
        "footer_note": (settings.footer_note or "", defaults.footer_note or ""),
    }
    words: dict[str, object] = {key: value for key, (value, default) in chosen.items() if value != default}
    if settings.crisis.note is not None:
        words["crisis_note"] = settings.crisis.note
    cta = settings.call_to_action
    if cta is not None:
        words["call_to_action_text"] = cta.text
        words["call_to_action_link_text"] = cta.link_text
        if cta.title:  # the clinic's own title, said as written: its braces are not fields to fill
            words["call_to_action_title"] = cta.title.replace("{", "{{").replace("}", "}}")
    return words


def _site_file(path: Path, problems: list[Problem], line_of: dict[str, int]) -> dict[str, object]:
    """A site's strings file: each key is one of psychoed's, or one only the clinic writes."""
    try:
        document = parse_settings_yaml(read_text(path), path)
    except SourceError as error:
        problems.append(error.problem)
        return {}
    if not isinstance(document.data, dict):
        problems.append(FIELD_RULES.type.at(path, 1, "write the file as `key: words` lines, one for each key."))
        return {}
    fields = Fields(document, document.data, path, problems, rules=FIELD_RULES)
    allowed = (*keys(), *SITE_KEYS)
    for key in document.data:
        if key not in allowed:
            fields.problem(
                str(key),
                FIELD_RULES.unknown_key,
                f"`{key}` is not a key of psychoed's strings{suggest(str(key), allowed)}; use one that "
                "src/psychoed/data/strings/en.yml has, or remove the line.",
            )
    found: dict[str, object] = {}
    for key in allowed:
        if key not in document.data:
            continue
        if key == "months":
            months = fields.text_list("months", required=False, example="[January, February, ...]")
            if len(months) != 12:
                fields.value_problem("months", "`months` must name the twelve months, January first.")
            else:
                found["months"] = list(months)
        elif key == "language_names":
            names = fields.mapping("language_names")
            if names is not None:
                shipped = _shipped(path.stem).get("language_names")
                merged = dict(shipped) if isinstance(shipped, dict) else {}
                merged.update({str(k): " ".join(str(v).split()) for k, v in names.data.items() if isinstance(v, str)})
                found["language_names"] = merged
        else:
            value = fields.text(key, required=False)
            if value is not None and _placeholders_fit(fields, key, value):
                found[key] = " ".join(value.split())
        line_of[key] = document.line_of(key)
    return found


def placeholders(text: str) -> set[str] | None:
    """The ``{name}`` fields of ``text``; None when its braces are not a format (a lone ``{``)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _placeholders_fit(fields: Fields, key: str, value: str) -> bool:
    """A site's words fill in only what English's do: a page would fail to build on ``{name}`` nothing
    gives, or show a ``{date}`` left unfilled."""
    english = _shipped("en").get(key)
    allowed = placeholders(english) if isinstance(english, str) else set()
    found = placeholders(value)
    if found is None or not found <= (allowed or set()):
        names = ", ".join(f"`{{{name}}}`" for name in sorted(allowed or ()))
        fills = f"may fill in only {names}" if names else "fills in nothing"
        fields.value_problem(
            key, f"`{key}` {fills} (as src/psychoed/data/strings/en.yml does); write `{{{{` and `}}}}` for a brace."
        )
        return False
    return True
