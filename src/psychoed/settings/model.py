"""A clinic's settings, shaped as the ``extra.psychoed`` block of ``mkdocs.yml`` is written.

Each field is a setting's one declaration (:func:`~psychoed.settings.declare.setting`): its name is
the key, its type how it is read, and the declaration gives the default, bounds, example and the
sentence clinics read. A mapping in the YAML (``crisis:``, ``check:``) is a dataclass here, so
``crisis.heading`` in the file is ``settings.crisis.heading`` in code and templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from psychoed.findings import LEVELS, Level
from psychoed.settings import values
from psychoed.settings.declare import Moved, setting
from psychoed.settings.language import LanguageEntry, shipped_entries
from psychoed.settings.rules import CRISIS_LINES, RULE_LEVELS
from psychoed.source.fields import Fields
from psychoed.source.html_policy import HtmlPolicy

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class RuleLevel:
    """One line of ``check.rules``: a rule id and the level this site sets it to."""

    rule: str
    """As written; the catalog (:mod:`psychoed.checks.catalog`) checks that it exists and may be changed."""
    level: Level
    line: int
    """Line in mkdocs.yml, for messages."""


def _rule_levels(fields: Fields, key: str) -> tuple[RuleLevel, ...] | None:
    """``check.rules``: rule id to level. Whether each id exists is the catalog's to say."""
    rules = fields.mapping(key)
    if rules is None:
        return None
    found = []
    for rule_id, value in rules.data.items():
        level = "off" if value is False else value  # YAML reads a bare `off` as false
        if not isinstance(rule_id, str):
            rules.problem(
                str(rule_id),
                RULE_LEVELS,
                f"`{rule_id}` is not a rule id; write ids as `psychoed rules` lists them, e.g. `reading.grade: off`.",
            )
        elif level not in LEVELS:
            rules.problem(
                str(rule_id),
                RULE_LEVELS,
                f"`{rule_id}: {value}` is not a level; set a rule to off, notice, warning or error.",
            )
        else:
            found.append(RuleLevel(rule_id, level, rules.line(rule_id)))
    return tuple(found)


@dataclass(frozen=True)
class Crisis:
    """The crisis help on every page. It is required and cannot be turned off."""

    heading: str = setting(
        "Need help now?", "The crisis block's heading, and the words of the help link on every page."
    )
    services: tuple[str, ...] = setting(
        (),
        "Ids of the services in `content/crisis.yml` every page shows, in order. **Required**: there is no "
        "default, because any default is one country's numbers.",
        example="[us-988, us-911]",
        shown="**required**",
    )
    note: str | None = setting(None, "A sentence under the crisis lines.", shown="none")


@dataclass(frozen=True)
class CallToAction:
    """What the clinic invites readers to do at the end of each article."""

    title: str | None = setting(None, 'The invitation\'s heading; "Talk with CLINIC" if not set.', shown="none")
    text: str = setting(
        "", "The invitation's sentence.", example="We are here when you are ready to talk.", required=True, shown="none"
    )
    link_text: str = setting("", "The link's words.", example="Book a first appointment", required=True, shown="none")
    url: str = setting(
        "",
        "Where the link goes: an address starting with https://, mailto:, tel: or sms:.",
        example="https://example.org/contact",
        required=True,
        shown="none",
        check=values.url,
    )


@dataclass(frozen=True)
class Disclosures:
    """Who publishes the information and what could sway it: what health-information standards (PIF TICK,
    NHS England) ask that every reader can find out. Each is said outright, "None." included."""

    legal_name: str = setting(
        "", "The organisation that publishes the site, by its legal name.", example="Riverside Clinic Ltd",
        required=True, shown="none",
    )  # fmt: skip
    contact: str = setting(
        "",
        "How to reach the publisher: an address starting with https://, mailto: or tel:.",
        example="mailto:info@example.org",
        required=True,
        shown="none",
        check=values.url,
    )
    funding: str = setting(
        "", "Who pays for the information.", example="Riverside Clinic pays for it; no one else funds it.",
        required=True, shown="none",
    )  # fmt: skip
    conflicts_of_interest: str = setting(
        "", 'Interests that could sway the advice; "None." if there are none.', example="None.",
        required=True, shown="none",
    )  # fmt: skip
    advertising: str = setting(
        "", 'Advertising or sponsorship on the site; "None." if there is none.',
        example="None. We do not carry advertising.", required=True, shown="none",
    )  # fmt: skip


@dataclass(frozen=True)
class Feedback:
    """Where "Was this page helpful?" sends a reader's answer: exactly one channel the clinic chooses. None
    of them loads anything from another site or sets a cookie; the answer leaves only when the reader sends it."""

    email: str | None = setting(
        None,
        "An email address: the answer opens the reader's email with the page's address filled in.",
        example="feedback@clinic.example",
        shown="none",
        check=values.email_address,
    )
    form: str | None = setting(
        None,
        "An https:// address on the clinic's own site that takes the form's post (`page`, `helpful`, "
        "`comment`); the pages' security policy then allows forms to send there and nowhere else.",
        example="https://clinic.example/feedback",
        shown="none",
        check=values.https_address,
    )
    issues: str | None = setting(
        None,
        "A GitHub repository, https://github.com/OWNER/REPO: the answer opens a new issue there.",
        example="https://github.com/clinic/library",
        shown="none",
        check=values.github_repository,
    )

    @property
    def channel(self) -> str:
        """``email``, ``form`` or ``issues``: the one the settings give."""
        return "email" if self.email else "form" if self.form else "issues"


@dataclass(frozen=True)
class Colors:
    """Brand colours; both must reach WCAG AA contrast with the text drawn on them."""

    primary: str = setting(
        "#1d5a8c",
        "Header background, buttons and links on white; must reach 4.5:1 with white.",
        example='"#1d5a8c"',
        check=values.color(against=values.WHITE, what="white text and a white page", example="#1d5a8c"),
    )
    primary_dark: str = setting(
        "#8ab4f8",
        "Links in the dark palette; must reach 4.5:1 with its background.",
        example='"#8ab4f8"',
        check=values.color(against=values.SLATE_BACKGROUND, what="the dark palette's background", example="#8ab4f8"),
    )


@dataclass(frozen=True)
class Owners:
    """Who approves changes (``psychoed codeowners``): GitHub users or teams, each ``@name``."""

    content: tuple[str, ...] = setting(
        (),
        "Fallback owners of `content/`: they approve articles whose reviewer has no GitHub account.",
        example="[@clinic/editors]",
        shown="none",
        check=values.github_handles,
    )
    code: tuple[str, ...] = setting(
        (),
        "Owners of what runs or decides at build time: `mkdocs.yml`, `hooks/`, `overrides/`, `src/`, "
        "`.github/`, `docs/`, `tools/`, `tests/`, `bench/`, `reviewers.yml`, `crisis.yml` and the "
        "`language_rules` file.",
        example="[@clinic/maintainers]",
        shown="none",
        check=values.github_handles,
    )


@dataclass(frozen=True)
class CheckSettings:
    """How strict ``psychoed check`` is: the gate editors meet on every pull request."""

    due_soon_days: int = setting(
        60, "A review due within this many days is reported as a notice, so it can be planned.", bounds=(0, 365)
    )
    max_grade: int = setting(
        8,
        "An article whose Flesch-Kincaid grade is above this fails the check (US guidance: grade 6-8).",
        bounds=(1, 20),
    )
    target_grade: int = setting(
        6, "The grade editors aim for, shown with every reading-level finding; at most `max_grade`.", bounds=(1, 20)
    )
    warn_smog: int = setting(
        11,
        "An article whose SMOG grade is above this gets a warning (NHS guidance: a reading age of 9-11, "
        "SMOG grade 11 or below); at most `max_smog`.",
        bounds=(1, 25),
    )
    max_smog: int = setting(14, "An article whose SMOG grade is above this fails the check.", bounds=(1, 25))
    min_inflesz: int = setting(
        55,
        "A Spanish article whose INFLESZ score (Szigriszt-Pazos) is below this fails the check: below 55, "
        'INFLESZ calls a text "somewhat difficult".',
        bounds=(0, 100),
    )
    target_inflesz: int = setting(
        65,
        'The INFLESZ score Spanish articles aim for ("normal" from 55 to 65, "fairly easy" above); at least '
        "`min_inflesz`.",
        bounds=(0, 100),
    )
    max_guideline_age_years: int = setting(
        5,
        "A clinical guideline published or updated longer ago than this is reported, so the reviewer checks "
        "for a newer version (NICE, for one, checks its guidelines every 5 years or so).",
        bounds=(1, 30),
    )
    words_to_define: tuple[str, ...] = setting(
        (),
        "Words the site's readers may not know: an article that uses one with no plain definition in "
        "`content/glossary.yml` gets a warning.",
        example="[psychosis, serotonin]",
        shown="none",
    )
    hardest_sentences: int = setting(
        3, "How many of the hardest sentences a reading-level finding names.", bounds=(1, 20)
    )
    min_section_words: int = setting(
        60,
        "Sections shorter than this get no reading-level warning of their own: a grade from a few sentences "
        "swings on one long word.",
        bounds=(0, 1_000),
    )
    rules: tuple[RuleLevel, ...] = setting(
        (),
        "This site's levels for configurable rules, e.g. `review.overdue: error` (see Rules).",
        example="{review.overdue: error}",
        shown="none",
        read=_rule_levels,
    )


@dataclass(frozen=True)
class Settings:
    """Everything a clinic configures about its published content."""

    clinic_name: str = setting(
        "",
        'Shown in the call to action and the footer ("© YEAR NAME").',
        example="Riverside Clinic",
        shown="`site_name`",
    )
    content_dir: str = setting("content", "The clinical content folder, next to `mkdocs.yml`.")
    review_interval_months: int = setting(
        36, "Default time from `reviewed` to `next_review` (at most 12 × `max_review_years`).", bounds=(1, 120)
    )
    max_review_years: int = setting(
        5,
        "The longest `next_review` may be after `reviewed`: a review is a promise to readers, and "
        "`next_review: 9999-12-31` would make it forever.",
        bounds=(1, 10),
    )
    max_article_kb: int = setting(
        512,
        "The largest article file read, in kilobytes: bounds the time and memory one article takes to check and build.",
        bounds=(1, 10_240),
    )
    reviewed_by_label: str = setting("Medically reviewed by", "The byline label, e.g. `Clinically reviewed by`.")
    date_format: str = setting(
        "{month_name} {day}, {year}",
        "How dates are shown; fields `{year}` `{month}` `{month_name}` `{day}`.",
        check=values.date_format,
    )
    allowed_html: tuple[str, ...] = setting(
        (),
        "Elements editors may write as HTML beyond `abbr`, `br`, `sub` and `sup`, e.g. `[kbd, mark]`. Elements "
        "that can run code or load from elsewhere are refused (`handbook/security.md`).",
        example="[kbd, mark]",
        shown="none",
        check=values.element_names,
    )
    allowed_classes: tuple[str, ...] = setting(
        (),
        "Classes content may carry beyond the admonitions' own, e.g. `[callout]` (style them in the theme). "
        "The theme's `md-…` and `psy-…` are refused.",
        example="[callout]",
        shown="none",
        check=values.class_names,
    )
    owners: Owners = setting(Owners(), "Who approves changes: GitHub users or teams, for `psychoed codeowners`.")
    language_rules: str | None = setting(
        None,
        "A YAML file next to `mkdocs.yml` with the site's own language entries (same form as psychoed's "
        "`src/psychoed/data/language.yml`): a new `id` adds wording to avoid, an existing `id` replaces "
        "psychoed's entry.",
        example="language.yml",
        shown="none",
    )
    month_names: tuple[str, ...] = setting(
        ENGLISH_MONTHS,
        "Twelve month names, January first, for another language.",
        shown="English",
        check=values.month_names,
    )
    recent_count: int = setting(6, "Recently reviewed articles on the home page.", bounds=(0, 100))
    crisis: Crisis = setting(Crisis(), "Crisis help, shown in the same place on every page (see Crisis help).")
    call_to_action: CallToAction | None = setting(None, "The invitation at the end of every article.", shown="none")
    feedback: Feedback | None = setting(
        None,
        '"Was this page helpful?" at the end of every article, sent where the clinic chooses: give exactly one '
        "of `email`, `form` or `issues` (see Feedback). None shows no question.",
        shown="none",
    )
    disclosures: Disclosures | None = setting(
        None,
        'Who publishes the information, who funds it, conflicts of interest and advertising, shown on the "About '
        'this information" page every article links to (see Disclosures).',
        shown="none",
    )
    footer_note: str | None = setting(
        "The information here does not replace care from a professional.",
        'The sentence under the clinic\'s name in the footer of every page; `""` for none.',
        empty_is_none=True,
    )
    colors: Colors = setting(Colors(), "Brand colours.")
    check: CheckSettings = setting(CheckSettings(), "How strict `psychoed check` is (see Checking content).")
    languages: tuple[str, ...] = setting(
        (),
        "The languages the site publishes, as language codes (`en`, `es`, `fr-CA`), the source language "
        "first. A translation is `content/articles/<slug>.<code>.md`, published under `/<code>/` (see "
        "Languages); none means one language, English words.",
        example="[en, es]",
        shown="none",
        check=values.language_codes,
    )
    strings_dir: str = setting(
        "strings",
        "A folder next to `mkdocs.yml` with the site's own words for each language, `<code>.yml`: required for a "
        "language psychoed does not ship (English and Spanish ship), and for the call to action in every "
        "language but the first.",
    )
    language: tuple[LanguageEntry, ...] | None = None
    """The safe-language entries in force: psychoed's own, with the site's file (``language_rules``) applied.
    None means psychoed's own (:func:`psychoed.settings.language.shipped_entries`). Not a setting: it is
    read from the file ``language_rules`` names."""

    @property
    def language_entries(self) -> tuple[LanguageEntry, ...]:
        """The entries for the source language: psychoed's with the site's own file applied."""
        return shipped_entries(self.source_language) if self.language is None else self.language

    def entries_for(self, language: str) -> tuple[LanguageEntry, ...]:
        """The wording to avoid in ``language``: the site's own file applies to its source language; other
        languages get psychoed's entries for them (none for a language it ships none for)."""
        return self.language_entries if language == self.source_language else shipped_entries(language)

    @property
    def site_languages(self) -> tuple[str, ...]:
        """The languages pages are made in, the source language first: English alone when none are set."""
        return self.languages or ("en",)

    @property
    def source_language(self) -> str:
        return self.site_languages[0]

    @cached_property
    def html_policy(self) -> HtmlPolicy:
        """The HTML this site allows in content: what the check reports and the build's sanitiser keeps."""
        return HtmlPolicy.with_additions(self.allowed_html, self.allowed_classes)


MOVED = (
    Moved(
        ("check",),
        "overdue",
        RULE_LEVELS,
        "`check.overdue` is now a rule level: write `rules:` with `review.overdue: error` under `check` instead.",
    ),
    Moved(
        ("crisis",),
        "lines",
        CRISIS_LINES,
        "crisis lines now live in content/crisis.yml, one entry per service with its source and the date "
        'it was verified: move each line there (README, "Crisis help") and list their ids under '
        "`crisis.services` instead of `lines`.",
    ),
)
"""Keys that are no longer read, and where their meaning went."""
