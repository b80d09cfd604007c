"""A clinic's settings: the ``extra.psychoed`` block of ``mkdocs.yml``.

The settings are read here, not by MkDocs, so that the command-line checks and
any future site generator read them the same way. Every key is documented in
the sample ``mkdocs.yml`` and in the README; defaults are the values below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from psychoed.content.html_policy import CLASS_NAME, ELEMENT_NAME, NEVER, HtmlPolicy, is_theme_class
from psychoed.errors import SettingsError, SourceError
from psychoed.findings import LEVELS, Level, Problem, loader_rule
from psychoed.settings.contrast import contrast_ratio
from psychoed.source.fields import FieldRules, Fields
from psychoed.source.slugs import GITHUB_HANDLE
from psychoed.source.text import read_text
from psychoed.source.urls import SETTING_SCHEMES, scheme
from psychoed.source.yaml_document import YamlDocument, parse_settings_yaml
from psychoed.writing.language import LanguageEntry, shipped_entries, site_entries

SETTINGS_PATH = ("extra", "psychoed")
"""Where the settings live in mkdocs.yml."""

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Material's dark ("slate") background, hsl(225, 15%, 14%): links in the dark
# palette are drawn on it, so the dark link colour is checked against it.
SLATE_BACKGROUND = "#1e2129"
WHITE = "#ffffff"
MIN_CONTRAST = 4.5  # WCAG 2.2 AA, 1.4.3, normal-size text

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
    "The reading-level target is above the limit, so editors would aim for a failing grade.",
    "Set `check.target_grade` at or below `check.max_grade`.",
)
RULE_LEVELS = loader_rule(
    "settings.rules",
    "`check.rules` names a rule that does not exist, one that cannot be changed, or a level that is not one "
    "of off, notice, warning and error.",
    "Use an id that `psychoed rules` lists as configurable, and one of off, notice, warning, error.",
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
    RULE_LEVELS, URL, REVIEW_INTERVAL, HTML_ALLOWLIST, CLASS_ALLOWLIST, OWNER,
)  # fmt: skip

_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class CallToAction:
    """What the clinic invites readers to do at the end of each article."""

    text: str
    link_text: str
    url: str
    title: str | None = None


@dataclass(frozen=True)
class Colors:
    """Brand colours; both must reach WCAG AA contrast with the text drawn on them."""

    primary: str = "#1d5a8c"
    """Header background and link colour in the light palette (white text on it)."""
    primary_dark: str = "#8ab4f8"
    """Link colour in the dark palette (drawn on Material's dark background)."""


@dataclass(frozen=True)
class Owners:
    """Who approves changes (``psychoed codeowners``): GitHub users or teams, each ``@name``."""

    content: tuple[str, ...] = ()
    """Fallback owners of ``content/``: they approve articles whose reviewer has no GitHub account."""
    code: tuple[str, ...] = ()
    """Owners of the files that run at build time: ``mkdocs.yml``, ``hooks/``, ``overrides/``, ``src/``."""


@dataclass(frozen=True)
class RuleLevel:
    """One line of ``check.rules``: a rule id and the level this site sets it to."""

    rule: str
    """As written; the catalog (:mod:`psychoed.checks.catalog`) checks that it exists and may be changed."""
    level: Level
    line: int
    """Line in mkdocs.yml, for messages."""


@dataclass(frozen=True)
class CheckSettings:
    """How strict ``psychoed check`` is: the gate editors meet on every pull request."""

    due_soon_days: int = 60
    """A review due within this many days is reported as a notice, so it can be planned."""
    max_grade: int = 8
    """An article whose Flesch-Kincaid grade is above this fails the check (US guidance: grade 6-8)."""
    target_grade: int = 6
    """The grade editors aim for; shown with every reading-level finding."""
    hardest_sentences: int = 3
    """How many of the hardest sentences a reading-level finding names."""
    min_section_words: int = 60
    """Sections shorter than this get no reading-level warning of their own: a grade from a few
    sentences swings on one long word."""
    rules: tuple[RuleLevel, ...] = ()
    """This site's levels for configurable rules (``check.rules`` in mkdocs.yml), e.g.
    ``review.overdue: error``."""


@dataclass(frozen=True)
class Settings:
    """Everything a clinic configures about its published content."""

    clinic_name: str
    """Shown in the footer and call to action; defaults to ``site_name``."""
    content_dir: str = "content"
    """Folder of clinical content, relative to mkdocs.yml."""
    review_interval_months: int = 36
    """Default time from ``reviewed`` to ``next_review``."""
    max_review_years: int = 5
    """The longest an article's ``next_review`` may be after its ``reviewed``: a review is a promise
    to readers, and ``next_review: 9999-12-31`` would make it forever."""
    max_article_kb: int = 512
    """The largest article file read, in kilobytes (1,024 bytes): bounds the time and memory one
    article can take to check and build. The longest sample article is about 6 KB."""
    reviewed_by_label: str = "Medically reviewed by"
    """Byline label, e.g. "Clinically reviewed by"."""
    date_format: str = "{month_name} {day}, {year}"
    """How dates are shown; fields ``{year}``, ``{month}``, ``{month_name}``, ``{day}``."""
    month_names: tuple[str, ...] = ENGLISH_MONTHS
    """Names used for ``{month_name}``, January first."""
    recent_count: int = 6
    """How many recently reviewed articles the home page lists."""
    crisis_heading: str = "Need help now?"
    crisis_services: tuple[str, ...] = ()
    """Ids of the crisis services in ``content/crisis.yml`` every page shows, in order. Loading settings
    requires at least one: there is no default, because a default is one country's numbers, and wrong
    for readers anywhere else."""
    crisis_note: str | None = None
    """Optional sentence under the crisis lines."""
    call_to_action: CallToAction | None = None
    footer_note: str | None = "The information here does not replace care from a professional."
    """A sentence in the footer of every page, under the clinic's name; ``""`` for none."""
    colors: Colors = Colors()
    check: CheckSettings = CheckSettings()
    owners: Owners = Owners()
    language: tuple[LanguageEntry, ...] | None = None
    """The safe-language entries in force: psychoed's own, with the site's file (``language_rules``) applied.
    None means psychoed's own (:func:`psychoed.writing.language.shipped_entries`)."""
    allowed_html: tuple[str, ...] = ()
    """Elements editors may write as raw HTML beyond psychoed's own few (``abbr``, ``br``, ``sub``, ``sup``)."""
    language_rules: str | None = None
    """The site's own language rules file (``language_rules``), next to mkdocs.yml."""
    allowed_classes: tuple[str, ...] = ()
    """Classes content may carry beyond psychoed's own (admonitions'); never the theme's ``md-``/``psy-``."""

    @property
    def language_entries(self) -> tuple[LanguageEntry, ...]:
        return shipped_entries() if self.language is None else self.language

    @cached_property
    def html_policy(self) -> HtmlPolicy:
        """The HTML this site allows in content: what the check reports and the build's sanitiser keeps."""
        return HtmlPolicy.with_additions(self.allowed_html, self.allowed_classes)


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
    fields.reject_unknown(_KNOWN)
    clinic_name = fields.text("clinic_name", required=False) or site_name or "Our clinic"
    crisis_heading, crisis_services, crisis_note = _crisis(fields)
    max_review_years = fields.integer("max_review_years", default=Settings.max_review_years, minimum=1, maximum=10)
    language_rules = fields.text("language_rules", required=False, example="language.yml")
    settings = Settings(
        clinic_name=clinic_name,
        content_dir=fields.text("content_dir", required=False) or Settings.content_dir,
        review_interval_months=_review_interval(fields, max_review_years),
        max_review_years=max_review_years,
        max_article_kb=fields.integer("max_article_kb", default=Settings.max_article_kb, minimum=1, maximum=10_240),
        reviewed_by_label=fields.text("reviewed_by_label", required=False) or Settings.reviewed_by_label,
        date_format=_date_format(fields),
        month_names=_month_names(fields),
        recent_count=fields.integer("recent_count", default=Settings.recent_count, minimum=0, maximum=100),
        crisis_heading=crisis_heading,
        crisis_services=crisis_services,
        crisis_note=crisis_note,
        call_to_action=_call_to_action(fields),
        footer_note=_footer_note(fields),
        colors=_colors(fields),
        check=_check(fields),
        allowed_html=_allowed_html(fields),
        allowed_classes=_allowed_classes(fields),
        language_rules=language_rules,
        owners=_owners(fields),
        language=_language(fields, path, language_rules),
    )
    if problems:
        raise SettingsError(problems)
    return settings


def _review_interval(fields: Fields, years: int) -> int:
    """Months from ``reviewed`` to the next review by default: at most ``years``, the longest a review stands."""
    months = fields.integer("review_interval_months", default=Settings.review_interval_months, minimum=1, maximum=120)
    if months > 12 * years:
        fields.problem(
            "review_interval_months",
            REVIEW_INTERVAL,
            f"`review_interval_months` is {months}, longer than `max_review_years` ({years} years); "
            f"set it to at most {12 * years}.",
        )
        return min(Settings.review_interval_months, 12 * years)
    return months


def _language(fields: Fields, config: Path, name: str | None) -> tuple[LanguageEntry, ...] | None:
    """``language_rules``: a site's own language file, next to mkdocs.yml, applied to psychoed's entries."""
    if name is None:
        return None
    path = config.parent / name
    if not path.is_file():
        fields.value_problem("language_rules", f"`{name}` does not exist next to mkdocs.yml; give the file's name.")
        return None
    return site_entries(path, fields.problems)


def _owners(fields: Fields) -> Owners:
    """``owners.content`` and ``owners.code``: lists of GitHub users or teams."""
    owners = fields.mapping("owners")
    if owners is None:
        return Owners()
    owners.reject_unknown(("content", "code"))
    found: dict[str, tuple[str, ...]] = {}
    for key in ("content", "code"):
        handles = owners.text_list(key, required=False, example="[@clinic/editors]")
        for index, handle in enumerate(handles):
            if not GITHUB_HANDLE.fullmatch(handle):
                owners.problem(
                    key, OWNER, f"`{handle}` is not a GitHub user or team; write `@name` or `@org/team`.", index=index
                )
        found[key] = tuple("@" + h.lstrip("@") for h in handles if GITHUB_HANDLE.fullmatch(h))
    return Owners(content=found["content"], code=found["code"])


def _allowed_html(fields: Fields) -> tuple[str, ...]:
    """Element names a site adds to the raw-HTML allowlist; never one that can run code or load from elsewhere."""
    names = fields.text_list("allowed_html", required=False, example="[kbd, mark]")
    kept = []
    for index, name in enumerate(names):
        if not ELEMENT_NAME.match(name):
            fields.problem(
                "allowed_html",
                HTML_ALLOWLIST,
                f"`{name}` is not an HTML element name; write names such as `kbd`.",
                index=index,
            )
        elif name in NEVER:
            fields.problem(
                "allowed_html",
                HTML_ALLOWLIST,
                f"`<{name}>` can never be allowed: it can run code, load from another site or change the page.",
                index=index,
            )
        else:
            kept.append(name)
    return tuple(kept)


def _allowed_classes(fields: Fields) -> tuple[str, ...]:
    """Class names a site adds for its content; never one of the theme's."""
    names = fields.text_list("allowed_classes", required=False, example="[callout]")
    kept = []
    for index, name in enumerate(names):
        if not CLASS_NAME.match(name):
            message = f"`{name}` is not a class name; write lower-case names such as `callout`."
        elif is_theme_class(name):
            message = (
                f"`{name}` is the theme's own class; content that took it could cover the page or the crisis help."
            )
        else:
            kept.append(name)
            continue
        fields.problem("allowed_classes", CLASS_ALLOWLIST, message, index=index)
    return tuple(kept)


def _url(fields: Fields, key: str, *, required: bool, example: str) -> str | None:
    """An address shown on every page: only ``https``, ``mailto``, ``tel`` or ``sms``, read as a browser reads it."""
    value = fields.text(key, required=required, example=example)
    if value is None:
        return None
    if scheme(value) not in SETTING_SCHEMES:  # a relative address (no scheme) is refused too
        fields.problem(
            key,
            URL,
            f"`{key}` must start with https://, mailto:, tel: or sms:, not `{value[:60]}`; every page links to it.",
        )
        return None
    return value


_KNOWN = (
    "clinic_name", "content_dir", "review_interval_months", "max_review_years", "max_article_kb",
    "reviewed_by_label", "date_format", "allowed_html", "allowed_classes", "owners", "language_rules",
    "month_names", "recent_count", "crisis", "call_to_action", "footer_note", "colors", "check",
)  # fmt: skip


def _footer_note(fields: Fields) -> str | None:
    """The footer's sentence: the default unless set; an empty string removes it."""
    if fields.data.get("footer_note") == "":
        return None
    return fields.text("footer_note", required=False) or Settings.footer_note


def _date_format(fields: Fields) -> str:
    value = fields.text("date_format", required=False)
    if value is None:
        return Settings.date_format
    try:
        value.format(year=2024, month=5, month_name="May", day=31)
    except (KeyError, IndexError, ValueError) as error:
        fields.problem(
            "date_format",
            DATE_FORMAT,
            f"`date_format` cannot be used ({error!s}); use the fields "
            '{year}, {month}, {month_name} and {day}, e.g. "{day} {month_name} {year}".',
        )
        return Settings.date_format
    return value


def _month_names(fields: Fields) -> tuple[str, ...]:
    names = fields.text_list("month_names", required=False)
    if not names:
        return ENGLISH_MONTHS
    if len(names) != 12:
        fields.problem(
            "month_names", MONTH_NAMES, f"`month_names` must list 12 names, January first; it lists {len(names)}."
        )
        return ENGLISH_MONTHS
    return names


def _crisis(fields: Fields) -> tuple[str, tuple[str, ...], str | None]:
    """Heading, chosen services and note of the crisis block, which is required: there is no default
    service, because any default is one country's numbers."""
    crisis = fields.mapping("crisis")
    example = "a list of service ids from content/crisis.yml, such as `services: [us-988, us-911]`"
    if crisis is None:
        fields.problem(
            "crisis" if "crisis" in fields.data else None,
            CRISIS_LINES,
            f"`crisis` is required: crisis help is shown on every page. Give `crisis.services`, {example}, "
            "for your readers' country.",
        )
        return Settings.crisis_heading, (), None
    if "lines" in crisis.data:
        crisis.problem(
            "lines",
            CRISIS_LINES,
            "crisis lines now live in content/crisis.yml, one entry per service with its source and the date "
            'it was verified: move each line there (README, "Crisis help") and list their ids under '
            "`crisis.services` instead of `lines`.",
        )
    crisis.reject_unknown(("heading", "services", "note", "lines"))
    heading = crisis.text("heading", required=False) or Settings.crisis_heading
    note = crisis.text("note", required=False)
    services = crisis.text_list("services", required=False, example="[us-988, us-911]")
    if not services and "lines" not in crisis.data:
        crisis.problem(
            "services" if "services" in crisis.data else None,
            CRISIS_LINES,
            f"`crisis.services` must name at least one service ({example}): crisis help is shown on every page "
            "and cannot be turned off.",
        )
    return heading, services, note


def _call_to_action(fields: Fields) -> CallToAction | None:
    cta = fields.mapping("call_to_action")
    if cta is None:
        return None
    cta.reject_unknown(("title", "text", "link_text", "url"))
    text = cta.text("text", required=True, example="We are here when you are ready to talk.")
    link_text = cta.text("link_text", required=True, example="Book a first appointment")
    url = _url(cta, "url", required=True, example="https://example.org/contact")
    if text is None or link_text is None or url is None:
        return None
    return CallToAction(text=text, link_text=link_text, url=url, title=cta.text("title", required=False))


def _colors(fields: Fields) -> Colors:
    colors = fields.mapping("colors")
    if colors is None:
        return Colors()
    colors.reject_unknown(("primary", "primary_dark"))
    primary = _color(colors, "primary", Colors.primary, against=WHITE, what="white text and a white page")
    dark = _color(
        colors, "primary_dark", Colors.primary_dark, against=SLATE_BACKGROUND, what="the dark palette's background"
    )
    return Colors(primary=primary, primary_dark=dark)


def _color(fields: Fields, key: str, default: str, *, against: str, what: str) -> str:
    value = fields.text(key, required=False)
    if value is None:
        return default
    if not _HEX_COLOR.match(value):
        fields.problem(
            key, COLOR, f"`colors.{key}` must be a colour written #rrggbb, such as {default}, not `{value}`."
        )
        return default
    ratio = contrast_ratio(value, against)
    if ratio < MIN_CONTRAST:
        fields.problem(
            key,
            CONTRAST,
            f"`colors.{key}` {value} has a contrast of {ratio:.2f}:1 with {what}; "
            f"readers need at least {MIN_CONTRAST}:1 (WCAG AA). Choose a "
            f"{'darker' if against == WHITE else 'lighter'} colour.",
        )
        return default
    return value.lower()


def _check(fields: Fields) -> CheckSettings:
    check = fields.mapping("check")
    if check is None:
        return CheckSettings()
    defaults = CheckSettings()
    if "overdue" in check.data:
        check.problem(
            "overdue",
            RULE_LEVELS,
            "`check.overdue` is now a rule level: write `rules:` with `review.overdue: error` under `check` instead.",
        )
    check.reject_unknown(
        ("overdue", "due_soon_days", "max_grade", "target_grade", "hardest_sentences", "min_section_words", "rules")
    )
    max_grade = check.integer("max_grade", default=defaults.max_grade, minimum=1, maximum=20)
    target_grade = check.integer("target_grade", default=defaults.target_grade, minimum=1, maximum=20)
    if target_grade > max_grade:
        check.problem(
            "target_grade",
            TARGET_GRADE,
            f"`check.target_grade` ({target_grade}) is above `check.max_grade` ({max_grade}); "
            "the target is what editors aim for, so set it at or below the limit.",
        )
    return CheckSettings(
        due_soon_days=check.integer("due_soon_days", default=defaults.due_soon_days, minimum=0, maximum=365),
        max_grade=max_grade,
        target_grade=target_grade,
        hardest_sentences=check.integer("hardest_sentences", default=defaults.hardest_sentences, minimum=1, maximum=20),
        min_section_words=check.integer(
            "min_section_words", default=defaults.min_section_words, minimum=0, maximum=1_000
        ),
        rules=_rule_levels(check),
    )


def _rule_levels(check: Fields) -> tuple[RuleLevel, ...]:
    """``check.rules``: rule id to level. Whether each id exists is the catalog's to say."""
    rules = check.mapping("rules")
    if rules is None:
        return ()
    found = []
    for rule_id, value in rules.data.items():
        level = "off" if value is False else value  # YAML reads a bare `off` as false
        if not isinstance(rule_id, str):
            rules.problem(
                str(rule_id),
                RULE_LEVELS,
                f"`{rule_id}` is not a rule id; write ids as `psychoed rules` lists them, e.g. `reading.grade: off`.",
            )
            continue
        if level not in LEVELS:
            rules.problem(
                str(rule_id),
                RULE_LEVELS,
                f"`{rule_id}: {value}` is not a level; set a rule to off, notice, warning or error.",
            )
            continue
        found.append(RuleLevel(rule_id, level, rules.line(rule_id)))
    return tuple(found)
