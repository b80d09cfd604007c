"""The catalog: every rule psychoed declares, in one table, and the severities a site sets.

Each module that finds problems declares its rules (``RULES``) beside the code
that emits them; this module only gathers them, so there is one place to list
(``psychoed rules``) and one place to look a rule id up. A site re-grades
configurable rules in ``mkdocs.yml`` (``extra.psychoed.check.rules``); an
unknown id or an attempt to change a rule that keeps the site correct is a
settings error that names the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from psychoed.checks import FAMILIES
from psychoed.content import articles, body, crisis, docs_page, library, registries, static_files, testing
from psychoed.errors import SettingsError
from psychoed.findings import Level, Problem, Rule
from psychoed.settings import language, strings
from psychoed.settings import rules as settings_rules
from psychoed.settings.model import Settings
from psychoed.settings.rules import RULE_LEVELS
from psychoed.source import text as source_text
from psychoed.source import tree as source_tree
from psychoed.source import yaml_document
from psychoed.source.fields import suggest

LOADER_MODULES = (
    source_text, source_tree, yaml_document, articles, body, library, registries, crisis, settings_rules, language,
    strings, docs_page, static_files, testing,
)  # fmt: skip
"""Modules whose rules stop the build, in the catalog's order."""


@cache
def catalog() -> Mapping[str, Rule]:
    """Every rule by id, loader rules first, then each check family's."""
    rules: dict[str, Rule] = {}
    declared = [rule for module in LOADER_MODULES for rule in module.RULES]
    for rule in (*declared, *(rule for family in FAMILIES for rule in family.rules)):
        if rule.id in rules:  # a programming error, caught by the catalog's own test
            raise ValueError(f"rule {rule.id} is declared twice")
        rules[rule.id] = rule
    return rules


@dataclass(frozen=True)
class Severities:
    """The level in force for each rule on one site: its default, unless the site sets it."""

    levels: Mapping[str, Level]

    def of(self, rule: Rule) -> Level:
        return self.levels.get(rule.id, rule.default_severity)

    def apply(self, findings: list[Problem]) -> list[Problem]:
        """``findings`` at this site's levels; those of rules set to ``off`` are dropped."""
        out = []
        for finding in findings:
            level = self.levels.get(finding.rule.id)
            if level is None:
                out.append(finding)
            elif level != "off":
                out.append(replace(finding, severity=level))
        return out


def site_severities(site: Settings, config: Path) -> Severities:
    """The levels ``site`` sets; a :class:`SettingsError` naming ``config`` and the line for an unknown
    id or a rule that cannot be changed."""
    rules = catalog()
    problems = []
    levels: dict[str, Level] = {}
    for setting in site.check.rules:
        rule = rules.get(setting.rule)
        if rule is None:
            problems.append(
                RULE_LEVELS.at(
                    config,
                    setting.line,
                    f"`{setting.rule}` is not a rule{suggest(setting.rule, rules)}; `psychoed rules` lists them.",
                    field="rules",
                )
            )
        elif not rule.configurable:
            problems.append(
                RULE_LEVELS.at(
                    config,
                    setting.line,
                    f"`{rule.id}` cannot be changed: it keeps the site correct ({rule.summary[0].lower()}"
                    f"{rule.summary[1:].rstrip('.')}). Fix what it reports instead.",
                    field="rules",
                )
            )
        else:
            levels[rule.id] = setting.level
    if problems:
        raise SettingsError(problems)
    return Severities(levels)
