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
import contextlib
import hashlib
import re
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


def policy(hashes: InlineHashes, *, header: bool = False, form_action: str | None = None) -> str:
    """The policy for a page (or, with ``header``, for the ``_headers`` file) allowing ``hashes``; forms may
    send only to ``form_action`` (an origin: the feedback form's, when the site has one), else nowhere."""
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
        f"form-action {form_action or _NONE}",
        "base-uri 'self'",
    ]
    if header:
        directives.append("frame-ancestors 'none'")  # ignored in <meta>, so only in the header
    return "; ".join(directives)


_NONE = "'none'"


def _sources(hashes: Iterable[str]) -> str:
    return " ".join(["'self'", *sorted(hashes)])


def inline_hashes(html: str) -> InlineHashes:
    """The hashes of every inline script (that a browser would run) and style element in ``html``.

    Written here rather than with a full parse of the page: parsing every tag of every page with
    :mod:`html.parser` was a quarter of the build. Only ``<script`` and ``<style`` open what is
    hashed, so the scan looks for those (in any letter case, as browsers do), reads each start tag
    with the standard parser and takes the text up to its end tag, exactly as written. It finds at
    least what a browser runs: an opening in a comment or an attribute is hashed too, and, not being
    the theme's, stops the build. The browser enforces the policy either way: it lists only hashes
    the theme writes."""
    hashes = InlineHashes()
    at = 0
    while (opening := _OPENING.search(html, at)) is not None:
        tag, attrs = _start_tag(html, opening.start())
        name = opening.group(1).lower()
        text_start = opening.start() + len(tag)
        closing = (_SCRIPT_END if name == "script" else _STYLE_END).search(html, text_start)
        text_end = len(html) if closing is None else closing.start()
        at = len(html) if closing is None else closing.end()
        if name == "style":
            hashes.styles.add(_hash(html[text_start:text_end]))
        elif "src" not in attrs and (attrs.get("type") or "").strip().lower() not in _DATA_TYPES:
            hashes.scripts.add(_hash(html[text_start:text_end]))
    return hashes


_OPENING = re.compile(r"<(script|style)(?=[\s/>])", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script(?=[\s/>])", re.IGNORECASE)
_STYLE_END = re.compile(r"</style(?=[\s/>])", re.IGNORECASE)


def _start_tag(html: str, start: int) -> tuple[str, dict[str, str | None]]:
    """The start tag at ``start`` as written, and its attributes, read by the standard parser."""
    reader = _StartTag()
    with contextlib.suppress(_StopReadingError):
        reader.feed(html[start:])
    if reader.text[:7].lower() != html[start : start + 7].lower():  # not read as this tag: up to its first `>`
        return html[start : html.find(">", start) + 1 or len(html)], {}
    return reader.text, reader.attrs


def with_policy(html: str, theme: InlineHashes, *, form_action: str | None = None) -> tuple[str, InlineHashes]:
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
        f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, form_action=form_action)}">'
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


def headers_file(hashes: InlineHashes, *, form_action: str | None = None) -> str:
    """A ``_headers`` file (Netlify and Cloudflare Pages format) giving every page the policy as headers."""
    return (
        "# Written by psychoed at build time: the same policy as each page's <meta>, for hosts that read it.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(hashes, header=True, form_action=form_action)}\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _StopReadingError(Exception):
    """The start tag has been read: nothing after it needs parsing."""


class _StartTag(HTMLParser):
    """Reads one start tag and stops."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text = ""
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.text, self.attrs = self.get_starttag_text() or "", dict(attrs)
        raise _StopReadingError

    handle_startendtag = handle_starttag
