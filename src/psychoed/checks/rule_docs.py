"""``psychoed rules``: the catalog, for people, for programs, and for the README.

The Markdown form shows each rule's *default* severity, because it is what the
README's rule reference is generated from, and that must not change with one
site's settings; the other forms show the severity in force on this site.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from psychoed.checks.catalog import Severities
from psychoed.findings import Rule

RULE_FORMATS = ("human", "json", "markdown")


def as_human(rules: Mapping[str, Rule], severities: Severities) -> str:
    lines = []
    for rule in rules.values():
        level = severities.of(rule)
        changed = f" (default {rule.default_severity})" if level != rule.default_severity else ""
        fixed = "" if rule.configurable else ", not configurable"
        lines += [f"{rule.id}: {level}{changed}{fixed}", f"  {rule.summary}", f"  Fix: {rule.help}"]
    return "\n".join(lines) + "\n"


def as_json(rules: Mapping[str, Rule], severities: Severities) -> str:
    document = {
        "rules": [
            {
                "id": rule.id,
                "severity": severities.of(rule),
                "default_severity": rule.default_severity,
                "summary": rule.summary,
                "help": rule.help,
                "configurable": rule.configurable,
            }
            for rule in rules.values()
        ]
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_markdown(rules: Mapping[str, Rule]) -> str:
    """A Markdown table of every rule at its default severity (the README's rule reference)."""
    lines = [
        "| rule | default | configurable | what it means for a patient | how to fix it |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules.values():
        configurable = "yes" if rule.configurable else "no"
        cells = [f"`{rule.id}`", rule.default_severity, configurable, rule.summary, rule.help]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
