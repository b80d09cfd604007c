"""Checks of single setting values beyond their type: what a declaration's ``check=`` or ``read=`` names.

Each check reports what is wrong with the value, at its line, and returns the value to keep, or None
for the setting's default (a bad colour is reported and the default drawn, so one pass reports every
bad setting).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from psychoed.settings.contrast import contrast_ratio
from psychoed.settings.rules import (
    CLASS_ALLOWLIST,
    COLOR,
    CONTRAST,
    DATE_FORMAT,
    FEEDBACK,
    HTML_ALLOWLIST,
    MONTH_NAMES,
    OWNER,
    URL,
)
from psychoed.source.fields import Fields
from psychoed.source.html_policy import CLASS_NAME, ELEMENT_NAME, NEVER, is_theme_class
from psychoed.source.slugs import GITHUB_HANDLE
from psychoed.source.urls import SETTING_SCHEMES, origin, scheme

# Material's dark ("slate") background, hsl(225, 15%, 14%): links in the dark
# palette are drawn on it, so the dark link colour is checked against it.
SLATE_BACKGROUND = "#1e2129"
WHITE = "#ffffff"
MIN_CONTRAST = 4.5  # WCAG 2.2 AA, 1.4.3, normal-size text

_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?$")
"""A BCP 47 language tag as sites write them: a language (``es``), optionally a script (``zh-Hant``)
and a region (``fr-CA``, ``es-419``). Private-use and variant subtags are not accepted: nothing a
reader's browser or a screen reader would choose a voice by needs them."""


def url(fields: Fields, key: str, value: str) -> str | None:
    """An address shown on every page: only ``https``, ``mailto``, ``tel`` or ``sms``, read as a browser reads it."""
    if scheme(value) not in SETTING_SCHEMES:  # a relative address (no scheme) is refused too
        fields.problem(
            key,
            URL,
            f"`{key}` must start with https://, mailto:, tel: or sms:, not `{value[:60]}`; every page links to it.",
        )
        return None
    return value


def date_format(fields: Fields, key: str, value: str) -> str | None:
    """A format that can show a date with the fields psychoed gives it."""
    try:
        value.format(year=2024, month=5, month_name="May", day=31)
    except (KeyError, IndexError, ValueError) as error:
        fields.problem(
            key,
            DATE_FORMAT,
            f"`date_format` cannot be used ({error!s}); use the fields "
            '{year}, {month}, {month_name} and {day}, e.g. "{day} {month_name} {year}".',
        )
        return None
    return value


def month_names(fields: Fields, key: str, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """Twelve names, January first."""
    if len(names) != 12:
        fields.problem(key, MONTH_NAMES, f"`month_names` must list 12 names, January first; it lists {len(names)}.")
        return None
    return names


def color(*, against: str, what: str, example: str) -> Callable[[Fields, str, str], str | None]:
    """A check that a ``#rrggbb`` colour reaches WCAG AA contrast with ``against``."""

    def check(fields: Fields, key: str, value: str) -> str | None:
        if not _HEX_COLOR.match(value):
            fields.problem(
                key, COLOR, f"`colors.{key}` must be a colour written #rrggbb, such as {example}, not `{value}`."
            )
            return None
        ratio = contrast_ratio(value, against)
        if ratio < MIN_CONTRAST:
            fields.problem(
                key,
                CONTRAST,
                f"`colors.{key}` {value} has a contrast of {ratio:.2f}:1 with {what}; "
                f"readers need at least {MIN_CONTRAST}:1 (WCAG AA). Choose a "
                f"{'darker' if against == WHITE else 'lighter'} colour.",
            )
            return None
        return value.lower()

    return check


def github_handles(fields: Fields, key: str, handles: tuple[str, ...]) -> tuple[str, ...]:
    """GitHub users or teams (``@name``, ``@org/team``), each written with its ``@``."""
    for index, handle in enumerate(handles):
        if not GITHUB_HANDLE.fullmatch(handle):
            fields.problem(
                key, OWNER, f"`{handle}` is not a GitHub user or team; write `@name` or `@org/team`.", index=index
            )
    return tuple("@" + h.lstrip("@") for h in handles if GITHUB_HANDLE.fullmatch(h))


def element_names(fields: Fields, key: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Element names a site adds to the raw-HTML allowlist; never one that can run code or load from elsewhere."""
    kept = []
    for index, name in enumerate(names):
        if not ELEMENT_NAME.match(name):
            message = f"`{name}` is not an HTML element name; write names such as `kbd`."
        elif name in NEVER:
            message = f"`<{name}>` can never be allowed: it can run code, load from another site or change the page."
        else:
            kept.append(name)
            continue
        fields.problem(key, HTML_ALLOWLIST, message, index=index)
    return tuple(kept)


def class_names(fields: Fields, key: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Class names a site adds for its content; never one of the theme's."""
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
        fields.problem(key, CLASS_ALLOWLIST, message, index=index)
    return tuple(kept)


def language_codes(fields: Fields, key: str, codes: tuple[str, ...]) -> tuple[str, ...] | None:
    """Language codes, each once: a site that lists one twice would build the same pages twice."""
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if not LANGUAGE_CODE.match(code):
            fields.problem(
                key,
                fields.rules.value or fields.rules.type,
                f"`{code}` is not a language code; write codes such as `en`, `es` or `fr-CA`.",
                index=index,
            )
        elif code.lower() in seen:
            fields.problem(
                key, fields.rules.value or fields.rules.type, f"`{code}` is listed twice; list it once.", index=index
            )
        seen.add(code.lower())
    kept = tuple(dict.fromkeys(c for c in codes if LANGUAGE_CODE.match(c)))
    return kept or None


_EMAIL = re.compile(r"^[^@\s:/?#]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_GITHUB_REPOSITORY = re.compile(r"^https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")


def email_address(fields: Fields, key: str, value: str) -> str | None:
    """A plain email address (``feedback@clinic.example``): it becomes a ``mailto:`` link with the page filled in."""
    if not _EMAIL.match(value):
        fields.problem(
            key, FEEDBACK, f"`{key}` must be an email address such as feedback@clinic.example, not `{value[:60]}`."
        )
        return None
    return value


def https_address(fields: Fields, key: str, value: str) -> str | None:
    """An ``https://`` address with a host: where the feedback form posts, which the page's policy then allows."""
    if scheme(value) != "https" or origin(value) is None:
        fields.problem(
            key, FEEDBACK, f"`{key}` must be an https:// address on the clinic's own site, not `{value[:60]}`."
        )
        return None
    return value


def github_repository(fields: Fields, key: str, value: str) -> str | None:
    """A GitHub repository's address, whose issue form readers' feedback opens."""
    if not _GITHUB_REPOSITORY.match(value.rstrip("/")):
        fields.problem(
            key, FEEDBACK, f"`{key}` must be a repository's address, https://github.com/OWNER/REPO, not `{value[:60]}`."
        )
        return None
    return value.rstrip("/")
