"""Slugs: the ids in page addresses. They must stay stable and URL-safe,
because addresses end up in printed handouts and QR codes."""

from __future__ import annotations

import re

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(value: str) -> bool:
    """Lowercase letters and digits, words joined by single hyphens."""
    return bool(_SLUG.fullmatch(value))


def suggest_slug(value: str) -> str:
    """The slug closest to ``value``, to suggest in a message (e.g. "My Tips" -> "my-tips")."""
    return "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "my-article"


GITHUB_HANDLE = re.compile(r"@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?")
"""A GitHub user (``@name``) or team (``@org/team``), as CODEOWNERS takes them: reviewers' ``github``
and the settings' ``owners`` are both read with it."""
