"""A Content-Security-Policy for every page, allowing only the inline scripts and styles the theme writes.

The policy lets a page run only the site's own script files and the inline
scripts and styles that the templates wrote, each allowed by its SHA-256 hash.
Which hashes the theme writes is learnt from the theme alone, rendered once
without any content (:func:`theme_hashes` in the hooks); a finished page that
carries any other inline script or style fails the build
(:class:`UntrustedInlineError`), so a script that slipped into a title or a
template value is never given a hash. Anything else that reached the page does
not run: no inline handler, no ``javascript:`` address, no script injected into
the file later. It also refuses plugins, frames and form submissions, and
images from other hosts.

A ``<meta>`` policy is what every host honours, GitHub Pages included; hosts
that read a ``_headers`` file (Netlify, Cloudflare Pages) also get it as a
header, with ``frame-ancestors``, which only a header can carry.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

REFERRER_POLICY = "same-origin"
"""Other sites are never told which page a reader came from: an address can name a condition."""

_CHARSET = '<meta charset="utf-8">'
_DATA_TYPES = frozenset({"application/json", "application/ld+json"})
"""Script types a browser never runs (data for the page's script, structured data). Any other type is
treated as code, since browsers accept many spellings of JavaScript's."""


class UntrustedInlineError(ValueError):
    """A page carries an inline script or style that the theme does not write."""

    def __init__(self, kinds: list[str]) -> None:
        self.kinds = kinds
        super().__init__(", ".join(kinds))


@dataclass
class InlineHashes:
    """The ``'sha256-…'`` sources of inline scripts and styles, collected over pages."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)

    def update(self, other: InlineHashes) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles


def policy(hashes: InlineHashes, *, header: bool = False) -> str:
    """The policy for a page (or, with ``header``, for the ``_headers`` file) allowing ``hashes``."""
    directives = [
        "default-src 'self'",
        "script-src " + _sources(hashes.scripts),
        "style-src " + _sources(hashes.styles),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "form-action 'none'",
        "base-uri 'self'",
    ]
    if header:
        directives.append("frame-ancestors 'none'")  # ignored in <meta>, so only in the header
    return "; ".join(directives)


def _sources(hashes: Iterable[str]) -> str:
    return " ".join(["'self'", *sorted(hashes)])


def inline_hashes(html: str) -> InlineHashes:
    """The hashes of every inline script (that a browser would run) and style element in ``html``."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.hashes


def with_policy(html: str, theme: InlineHashes) -> tuple[str, InlineHashes]:
    """``html`` with a CSP and a referrer policy as the first elements of its ``<head>`` (a ``<meta>``
    policy covers only what follows it), and the hashes it allows: the page's own inline scripts and
    styles, each of which must be one that ``theme`` writes (:class:`UntrustedInlineError` otherwise)."""
    hashes = inline_hashes(html)
    untrusted = [
        *(["an inline script"] if hashes.scripts - theme.scripts else []),
        *(["an inline style"] if hashes.styles - theme.styles else []),
    ]
    if untrusted:
        raise UntrustedInlineError(untrusted)
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    start = html.find("<head>")
    if start < 0:
        raise ValueError("the page has no <head> for its Content-Security-Policy")
    at = start + len("<head>")
    charset = html.find(_CHARSET, at)
    if charset >= 0 and "<script" not in html[at:charset]:
        at = charset + len(_CHARSET)  # the charset stays in the first 1,024 bytes, as browsers require
    return html[:at] + tags + html[at:], hashes


def headers_file(hashes: InlineHashes) -> str:
    """A ``_headers`` file (Netlify and Cloudflare Pages format) giving every page the policy as headers."""
    return (
        "# Written by psychoed at build time: the same policy as each page's <meta>, for hosts that read it.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(hashes, header=True)}\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _InlineFinder(HTMLParser):
    """Finds inline ``<script>`` and ``<style>`` elements and hashes their text exactly as written
    (the standard library parser passes script and style text through unchanged)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.hashes = InlineHashes()
        self._inside: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() not in _DATA_TYPES:
            self._inside, self._text = "script", []
        elif tag == "style":
            self._inside, self._text = "style", []

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._inside == tag:
            found = self.hashes.scripts if tag == "script" else self.hashes.styles
            found.add(_hash("".join(self._text)))
            self._inside = None
