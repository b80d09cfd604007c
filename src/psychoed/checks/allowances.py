"""One exception, written in the text itself: ``<!-- psychoed: allow RULE_ID: reason -->``.

The comment stands alone on the line before the finding it allows, and allows
one finding of that rule there. The reason is required, and every allowance is
listed in the report, so a reviewer sees each exception and why it was made.
Only configurable rules can be allowed: what keeps the site correct cannot be
waived line by line. An allowance that allows nothing is reported too, so
stale ones do not pile up (like ruff's unused ``noqa``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from psychoed.checks.base import Family
from psychoed.content.model import Allowance, Article
from psychoed.findings import Problem, Rule
from psychoed.source.fields import suggest

UNKNOWN_RULE = Rule(
    "allowances.unknown-rule",
    "error",
    "An allowance names a rule that does not exist, so it allows nothing.",
    "Use a rule id that `psychoed rules` lists.",
    configurable=False,
)
NOT_ALLOWED = Rule(
    "allowances.not-allowed",
    "error",
    "An allowance names a rule that keeps the site correct, which cannot be waived.",
    "Fix what the rule reports instead.",
    configurable=False,
)
NO_REASON = Rule(
    "allowances.no-reason",
    "error",
    "An allowance gives no reason, so a reviewer cannot judge it.",
    "Write the reason after the rule id: `<!-- psychoed: allow RULE_ID: why it is right here -->`.",
    configurable=False,
)
UNUSED = Rule(
    "allowances.unused",
    "warning",
    "An allowance allows nothing on the line after it: the text changed, or it is in the wrong place.",
    "Move it to the line just before the finding, or remove it.",
)
RULES = (UNKNOWN_RULE, NOT_ALLOWED, NO_REASON, UNUSED)


@dataclass(frozen=True)
class Granted:
    """An allowance that was used, for the report."""

    path: Path
    allowance: Allowance
    finding: Problem
    """The finding it allowed."""


def apply_allowances(
    findings: Iterable[Problem], articles: Iterable[Article], catalog: Mapping[str, Rule]
) -> tuple[list[Problem], list[Granted]]:
    """The findings left once each article's allowances have allowed theirs, with the problems of the
    allowances themselves; and the allowances used."""
    open_: dict[tuple[Path, int, str], tuple[Allowance, list[Granted]]] = {}
    kept: list[Problem] = []
    problems: list[Problem] = []
    granted_by_article: list[list[Granted]] = []
    for article in articles:
        granted: list[Granted] = []
        granted_by_article.append(granted)
        for allowance in article.parsed.allowances:
            problem = _invalid(article.path, allowance, catalog)
            if problem is not None:
                problems.append(problem)
            else:
                open_[(article.path, allowance.target_line, allowance.rule)] = (allowance, granted)
    for finding in findings:
        key = (finding.path, finding.line or 0, finding.rule.id)
        found = open_.pop(key, None)
        if found is None:
            kept.append(finding)
        else:
            allowance, granted = found
            granted.append(Granted(finding.path, allowance, finding))
    for (path, _, rule), (allowance, _) in open_.items():
        problems.append(
            UNUSED.at(
                path,
                allowance.line,
                f"this allowance of `{rule}` allows nothing: no `{rule}` finding is on line {allowance.target_line}; "
                "put it on the line just before the finding, or remove it.",
            )
        )
    return kept + problems, [g for granted in granted_by_article for g in granted]


def _invalid(path: Path, allowance: Allowance, catalog: Mapping[str, Rule]) -> Problem | None:
    if not allowance.standalone:
        return UNUSED.at(
            path,
            allowance.line,
            "this allowance is inside a paragraph, so it allows nothing; put it alone on the line just before "
            "the finding it allows.",
        )
    if not allowance.rule:
        return UNKNOWN_RULE.at(
            path,
            allowance.line,
            "this allowance names no rule; write `<!-- psychoed: allow RULE_ID: reason -->` with an id that "
            "`psychoed rules` lists.",
        )
    rule = catalog.get(allowance.rule)
    if rule is None:
        return UNKNOWN_RULE.at(
            path,
            allowance.line,
            f"`{allowance.rule}` is not a rule{suggest(allowance.rule, catalog)}; "
            "write `<!-- psychoed: allow RULE_ID: reason -->` with an id that `psychoed rules` lists.",
        )
    if not rule.configurable:
        return NOT_ALLOWED.at(
            path,
            allowance.line,
            f"`{rule.id}` keeps the site correct and cannot be allowed; fix what it reports instead.",
        )
    if not allowance.reason:
        return NO_REASON.at(
            path,
            allowance.line,
            f"this allowance of `{rule.id}` gives no reason; write it after the id: "
            f"`<!-- psychoed: allow {rule.id}: why it is right here -->`.",
        )
    return None


FAMILY = Family("allowances", RULES, None)
