"""The rules a clinic's settings are checked against, declared once for the catalog.

Every one is a loader rule: bad settings stop ``psychoed check`` and the build, with the line in
``mkdocs.yml`` and the fix.
"""

from __future__ import annotations

from psychoed.findings import loader_rule
from psychoed.source.fields import FieldRules

FIELD_RULES = FieldRules.declare("settings", "under `extra.psychoed` in mkdocs.yml", values=True)
NOT_MAPPING = loader_rule(
    "settings.not-mapping",
    "`extra.psychoed` in mkdocs.yml is not a set of settings.",
    "Write it as indented `key: value` lines.",
)
DATE_FORMAT = loader_rule(
    "settings.date-format",
    "`date_format` cannot show a date, so every review date would be wrong.",
    "Use the fields {year}, {month}, {month_name} and {day}.",
)
MONTH_NAMES = loader_rule(
    "settings.month-names",
    "`month_names` does not name twelve months.",
    "List twelve names, January first.",
)
CRISIS_LINES = loader_rule(
    "settings.crisis-lines",
    "Crisis help would be missing, and it must be on every page.",
    "List the services to show under `crisis.services`, by their ids in `content/crisis.yml`.",
)
COLOR = loader_rule(
    "settings.color",
    "A brand colour is not written #rrggbb.",
    "Write the colour as #rrggbb.",
)
CONTRAST = loader_rule(
    "settings.contrast",
    "A brand colour is too faint for text on it (or for links in it) to be read (WCAG 2.2 AA, 1.4.3).",
    "Choose a darker (or, for `primary_dark`, lighter) colour that reaches 4.5:1.",
)
TARGET_GRADE = loader_rule(
    "settings.target-grade",
    "A reading-level target or warning is above its limit: editors would aim for a failing grade, or get no "
    "warning before a failure.",
    "Set `check.target_grade` at or below `check.max_grade`, `check.warn_smog` at or below `check.max_smog`, and "
    "`check.min_inflesz` at or below `check.target_inflesz`.",
)
RULE_LEVELS = loader_rule(
    "settings.rules",
    "`check.rules` names a rule that does not exist, one that cannot be changed, or a level that is not one "
    "of off, notice, warning and error.",
    "Use an id that `psychoed rules` lists as configurable, and one of off, notice, warning, error.",
)
FEEDBACK = loader_rule(
    "settings.feedback",
    "The feedback settings name no channel, or more than one, or an address the channel cannot use: readers "
    "would not know where their answer goes.",
    "Give exactly one of `email` (an email address), `form` (an https:// address on the clinic's own site) or "
    "`issues` (https://github.com/OWNER/REPO).",
)
URL = loader_rule(
    "settings.url",
    "An address in the settings is shown on every page, so one that is not a web, email, phone or text "
    "address could run code or send readers somewhere unsafe.",
    "Write an address starting with https://, mailto:, tel: or sms:.",
)
REVIEW_INTERVAL = loader_rule(
    "settings.review-interval",
    "The default review interval is longer than the longest time this site lets a review stand.",
    "Set `review_interval_months` to at most 12 × `max_review_years`.",
)
HTML_ALLOWLIST = loader_rule(
    "settings.allowed-html",
    "`allowed_html` names an element that could run code, load from another site or change the page.",
    "List only harmless elements such as `kbd` or `mark`; see handbook/security.md.",
)
CLASS_ALLOWLIST = loader_rule(
    "settings.allowed-classes",
    "`allowed_classes` names a class the theme styles (`md-…`, `psy-…`), which could lay content over the crisis help.",
    "List only your own class names, such as `callout`; see handbook/security.md.",
)
OWNER = loader_rule(
    "settings.owner",
    "An owner in `owners` is not a GitHub user or team, so CODEOWNERS could not ask them to approve changes.",
    "Write `@name` for a user or `@org/team` for a team.",
)
RULES = (
    *FIELD_RULES.all(), NOT_MAPPING, DATE_FORMAT, MONTH_NAMES, CRISIS_LINES, COLOR, CONTRAST, TARGET_GRADE,
    RULE_LEVELS, URL, FEEDBACK, REVIEW_INTERVAL, HTML_ALLOWLIST, CLASS_ALLOWLIST, OWNER,
)  # fmt: skip
