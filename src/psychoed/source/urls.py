"""What a link or image address really points at, read as a browser reads it.

A browser decodes character references (``&#106;avascript:``), ignores case
(``JaVaScRiPt:``) and drops tabs, newlines and leading spaces and control
characters before it looks at a scheme, so ``java\tscript:`` runs code too. It
also resolves ``http:evil.example/x.png``, ``http:/evil.example`` and
``\\evil.example`` to another host, which a reading of ``netloc`` misses. An
address is judged only after the same steps, by a WHATWG URL parser (ada, the
one Node.js uses) resolving it against a page of this site; comparing the raw
text, or parsing it another way, is how filters are bypassed.
"""

from __future__ import annotations

import html
import re

import ada_url

LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel", "sms"})
"""Schemes a link in content may use; anything else (``javascript:``, ``data:``, ``file:``) is refused."""

SETTING_SCHEMES = frozenset({"https", "mailto", "tel", "sms"})
"""Schemes a URL setting may use: every page shows them, so plain ``http`` is refused too."""

# WHATWG URL parsing strips leading/trailing C0 controls and spaces, and removes
# every ASCII tab and newline anywhere in the address.
_STRIPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def normalised(url: str) -> str:
    """``url`` as a browser reads it before finding the scheme: references decoded, tabs and newlines
    removed, leading and trailing controls and spaces dropped."""
    decoded = html.unescape(url)
    return _STRIPPED.sub("", decoded).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
        "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )


def scheme(url: str) -> str | None:
    """The lower-case scheme of ``url`` (``javascript``), or None for a relative address."""
    match = _SCHEME.match(normalised(url))
    return match.group(1).lower() if match else None


def is_allowed(url: str, schemes: frozenset[str] = LINK_SCHEMES) -> bool:
    """True for a relative address or one whose scheme is in ``schemes``."""
    found = scheme(url)
    return found is None or found in schemes


_SITE = "psychoed.invalid"
_PAGE = f"https://{_SITE}/articles/page.html"
"""A page of "this site", to resolve relative addresses against: ``.invalid`` is never a real host."""


def is_remote(url: str) -> bool:
    """True when a browser showing a page of this site would load ``url`` from another host."""
    try:
        resolved = ada_url.URL(normalised(url), base=_PAGE)
    except ValueError:
        return False  # not an address a browser can load at all
    return resolved.host not in ("", _SITE)


def origin(url: str) -> str | None:
    """The origin (``https://clinic.example``) an absolute ``url`` posts to, as a browser reads it; None when
    it has no host. A page's policy allows a form to send to exactly this."""
    try:
        resolved = ada_url.URL(normalised(url))
    except ValueError:
        return None
    if not resolved.host:
        return None
    return f"{resolved.protocol}//{resolved.host}"
