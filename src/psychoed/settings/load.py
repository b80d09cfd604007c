"""Load a clinic's settings: the ``extra.psychoed`` block of ``mkdocs.yml``, read without MkDocs.

The settings are read here, not by MkDocs, so that the command-line checks and any future site
generator read them the same way. What each setting is, its default and its bounds are declared
once, in :mod:`psychoed.settings.model`; this module reads the file, walks the declarations
(:mod:`psychoed.settings.read`) and adds the checks that span settings.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from psychoed.errors import SettingsError, SourceError
from psychoed.findings import Problem
from psychoed.settings.language import LanguageEntry, site_entries
from psychoed.settings.model import MOVED, Settings
from psychoed.settings.read import read_section
from psychoed.settings.rules import CRISIS_LINES, FEEDBACK, FIELD_RULES, NOT_MAPPING, REVIEW_INTERVAL, TARGET_GRADE
from psychoed.source.fields import Fields
from psychoed.source.text import read_text
from psychoed.source.yaml_document import YamlDocument, parse_settings_yaml

SETTINGS_PATH = ("extra", "psychoed")
"""Where the settings live in mkdocs.yml."""


def load_settings(mkdocs_yml: Path) -> Settings:
    """Read the settings from a ``mkdocs.yml`` file, without MkDocs.

    Raises :class:`SettingsError` naming the file and line of every bad setting.
    """
    document = read_mkdocs_yml(mkdocs_yml)[1]
    psychoed, site_name = psychoed_block(document)
    return settings_from_mapping(psychoed, path=mkdocs_yml, site_name=site_name, document=document)


def read_mkdocs_yml(mkdocs_yml: Path) -> tuple[str, YamlDocument]:
    """``mkdocs.yml`` as written and as read, with the line of every key (MkDocs parses it without them).

    Raises :class:`SettingsError` if the file cannot be read as YAML.
    """
    try:
        text = read_text(mkdocs_yml)
        return text, parse_settings_yaml(text, mkdocs_yml)
    except SourceError as error:
        raise SettingsError([error.problem]) from None


def psychoed_block(document: YamlDocument) -> tuple[object, str]:
    """The ``extra.psychoed`` mapping as written (None when absent) and the ``site_name``."""
    data = document.data if isinstance(document.data, dict) else {}
    extra = data.get("extra")
    site_name = data.get("site_name")
    return (extra.get("psychoed") if isinstance(extra, dict) else None), (
        site_name if isinstance(site_name, str) else ""
    )


def settings_from_mapping(raw: object, *, path: Path, site_name: str, document: YamlDocument | None = None) -> Settings:
    """Validate the ``extra.psychoed`` mapping (None means all defaults).

    ``document`` gives line numbers when the mapping came from a parsed file.
    """
    document = document or YamlDocument(raw, {}, 1)
    problems: list[Problem] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SettingsError(
            [
                NOT_MAPPING.at(
                    path, document.line_of(*SETTINGS_PATH), "`extra.psychoed` must be a set of `key: value` lines."
                )
            ]
        )
    fields = Fields(document, raw, path, problems, rules=FIELD_RULES, at=SETTINGS_PATH)
    settings = read_section(fields, Settings, MOVED) or Settings()
    settings = dataclasses.replace(
        settings,
        clinic_name=settings.clinic_name or site_name or "Our clinic",
        review_interval_months=_review_interval(fields, settings),
        language=_language(fields, path, settings.language_rules, settings.source_language),
    )
    _require_crisis(fields, settings)
    _target_within_limit(fields, settings)
    _one_feedback_channel(fields, settings)
    if problems:
        raise SettingsError(problems)
    return settings


def _review_interval(fields: Fields, settings: Settings) -> int:
    """Months from ``reviewed`` to the next review by default: at most ``max_review_years``."""
    months, years = settings.review_interval_months, settings.max_review_years
    if months > 12 * years:
        fields.problem(
            "review_interval_months",
            REVIEW_INTERVAL,
            f"`review_interval_months` is {months}, longer than `max_review_years` ({years} years); "
            f"set it to at most {12 * years}.",
        )
        return min(Settings.review_interval_months, 12 * years)
    return months


def _language(fields: Fields, config: Path, name: str | None, source: str) -> tuple[LanguageEntry, ...] | None:
    """``language_rules``: a site's own language file, next to mkdocs.yml, applied to psychoed's entries."""
    if name is None:
        return None
    path = config.parent / name
    if not path.is_file():
        fields.value_problem("language_rules", f"`{name}` does not exist next to mkdocs.yml; give the file's name.")
        return None
    return site_entries(path, fields.problems, source)


def _require_crisis(fields: Fields, settings: Settings) -> None:
    """Crisis help is required: there is no default service, because any default is one country's numbers."""
    example = "a list of service ids from content/crisis.yml, such as `services: [us-988, us-911]`"
    raw = fields.data.get("crisis")
    if not isinstance(raw, dict):
        fields.problem(
            "crisis" if "crisis" in fields.data else None,
            CRISIS_LINES,
            f"`crisis` is required: crisis help is shown on every page. Give `crisis.services`, {example}, "
            "for your readers' country.",
        )
    elif not settings.crisis.services and "lines" not in raw:
        fields.nested(raw, ("crisis",), label=fields.label).problem(
            "services" if "services" in raw else None,
            CRISIS_LINES,
            f"`crisis.services` must name at least one service ({example}): crisis help is shown on every page "
            "and cannot be turned off.",
        )


def _one_feedback_channel(fields: Fields, settings: Settings) -> None:
    """A reader's answer goes one place: the settings name exactly one channel."""
    feedback, raw = settings.feedback, fields.data.get("feedback")
    if feedback is None or not isinstance(raw, dict):
        return
    given = [key for key in ("email", "form", "issues") if getattr(feedback, key)]
    if len(given) != 1 and not any(key in raw and not getattr(feedback, key) for key in ("email", "form", "issues")):
        said = "none" if not given else " and ".join(f"`{key}`" for key in given)
        fields.problem(
            "feedback",
            FEEDBACK,
            f"`feedback` names {said}; give exactly one of `email`, `form` or `issues`, so readers know where "
            "their answer goes.",
        )


def _target_within_limit(fields: Fields, settings: Settings) -> None:
    """The reading-level target is what editors aim for, and the SMOG warning comes before its failure, so
    neither may be above its limit."""
    check = settings.check
    raw = fields.data.get("check")
    if not isinstance(raw, dict):
        return
    limits = (("target_grade", "max_grade", "the target is what editors aim for"),
              ("warn_smog", "max_smog", "the warning comes before the failure"),
              ("min_inflesz", "target_inflesz", "the minimum is the failure, below what editors aim for"))  # fmt: skip
    for lower, upper, why in limits:
        low, high = getattr(check, lower), getattr(check, upper)
        if low > high:
            fields.nested(raw, ("check",), label=fields.label).problem(
                lower,
                TARGET_GRADE,
                f"`check.{lower}` ({low}) is above `check.{upper}` ({high}); {why}, so set it at or below the limit.",
            )
