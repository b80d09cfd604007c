"""Disclosures: who publishes the information and what could sway it, said once for the whole site.

Health-information standards ask that every reader can find out who publishes what they read, who pays for
it, and any conflict of interest or advertising (PIF TICK criteria on transparency; NHS England's standard).
The settings' ``disclosures`` say so, shown on the "About this information" page every article links to. A
site without them still builds (forks from before the setting keep working), and this says what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from psychoed.checks.base import Family
from psychoed.findings import Problem, Rule
from psychoed.settings.model import Settings
from psychoed.source.yaml_document import YamlDocument

MISSING = Rule(
    "disclosures.missing",
    "warning",
    "The site does not say who publishes it, who funds it, or whether it has conflicts of interest or "
    'advertising: readers and assessors cannot tell what might sway the advice ("About this information" '
    "then shows only the clinic's name).",
    "Add `disclosures` under `extra.psychoed` in mkdocs.yml: `legal_name`, `contact`, `funding`, "
    '`conflicts_of_interest` and `advertising` (write "None." where there is none).',
)
RULES = (MISSING,)


def disclosure_problems(settings: Settings, config: Path, document: YamlDocument) -> Iterator[Problem]:
    """A warning at the settings block when the site has not written its disclosures."""
    if settings.disclosures is None:
        yield MISSING.at(
            config,
            document.line_of("extra", "psychoed"),
            "the site has no `disclosures`: add `legal_name`, `contact`, `funding`, `conflicts_of_interest` and "
            '`advertising` under `extra.psychoed` (write "None." where there is none); readers see them on '
            '"About this information".',
        )


FAMILY = Family("disclosures", RULES, None)
