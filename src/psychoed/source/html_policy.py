"""Which HTML a page may carry: the one allowlist the check and the build's sanitiser share.

Content arrives by pull request from many hands, and readers are patients, so
HTML is refused unless it is listed here. Two lists matter:

* what an **editor may write** as raw HTML in Markdown (:data:`RAW_HTML`, which a
  site extends with ``allowed_html`` in ``mkdocs.yml``);
* what **rendered Markdown may contain** (:data:`MARKDOWN_HTML`): the elements
  Python-Markdown and the site's extensions produce, plus the raw-HTML list.

``psychoed check`` reports anything outside the first; the build passes every
page's HTML through nh3 with the second, so nothing else reaches ``site/`` even
when a check is skipped or a rule is off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

RAW_HTML = frozenset({"abbr", "br", "sub", "sup"})
"""Elements an editor may write in Markdown: each adds meaning Markdown cannot express."""

NEVER = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
     "textarea", "select", "base", "meta", "link", "svg", "math", "template", "noscript", "portal", "canvas"}
)  # fmt: skip
"""Elements no site may allow: each can run code, load from elsewhere, restyle the page or collect input."""

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
"""Attributes any allowed element may have. ``style`` and the ``on…`` handlers never are; ``class`` only
with the classes of :data:`CONTENT_CLASSES` and the site's ``allowed_classes``."""

CONTENT_CLASSES = frozenset(
    {"admonition", "admonition-title", "note", "abstract", "info", "tip", "success", "question", "warning",
     "failure", "danger", "bug", "example", "quote", "highlight"}
)  # fmt: skip
"""Classes content may carry: what the admonition and code extensions write. The theme's own classes
(``md-consent__overlay`` lays a blurred layer over the whole page, crisis links included) never."""
THEME_CLASS_PREFIXES = ("md-", "psy-")
CLASS_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")

ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "details": frozenset({"open"}),
}
"""Attributes particular elements may have, beyond :data:`GLOBAL_ATTRIBUTES`."""

MARKDOWN_OUTPUT = frozenset(
    {"a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2", "h3",
     "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "summary",
     "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
"""What Python-Markdown, tables, admonitions and superfences produce from Markdown."""

RESERVED_ID_PREFIXES = ("__", "psy-")
"""Ids the templates use: Material's start with ``__``, psychoed's with ``psy-`` (``psy-main`` is the
skip link's target). An id in content that took one would move the skip link or break the page."""

ELEMENT_NAME = re.compile(r"^[a-z][a-z0-9]*$")


def is_theme_class(name: str) -> bool:
    """True for a class the theme styles."""
    return name.lower().startswith(THEME_CLASS_PREFIXES)


def is_reserved_id(value: str) -> bool:
    """True for an id the templates own."""
    return value.strip().lower().startswith(RESERVED_ID_PREFIXES)


@dataclass(frozen=True)
class HtmlPolicy:
    """The HTML one site allows: the raw-HTML list and the content classes, with the site's additions."""

    raw: frozenset[str] = RAW_HTML
    classes: frozenset[str] = CONTENT_CLASSES

    @classmethod
    def with_additions(cls, extra: Iterable[str], classes: Iterable[str] = ()) -> HtmlPolicy:
        return cls(RAW_HTML | frozenset(extra), CONTENT_CLASSES | frozenset(classes))

    def allows_class(self, name: str) -> bool:
        return name in self.classes and not is_theme_class(name)

    def allows_element(self, tag: str) -> bool:
        return tag in self.raw and tag not in NEVER

    def allows_attribute(self, tag: str, name: str) -> bool:
        return name in GLOBAL_ATTRIBUTES or name in ELEMENT_ATTRIBUTES.get(tag, frozenset())

    @property
    def rendered(self) -> frozenset[str]:
        """Every element a rendered page's content may hold: the sanitiser's list."""
        return (MARKDOWN_OUTPUT | self.raw) - NEVER

    def sanitiser_attributes(self) -> dict[str, set[str]]:
        """Attributes per element, in the form nh3 takes (``class`` goes by :meth:`sanitiser_classes`)."""
        found: dict[str, set[str]] = {"*": set(GLOBAL_ATTRIBUTES - {"class"})}
        for tag, names in ELEMENT_ATTRIBUTES.items():
            found[tag] = set(names)
        return found

    def sanitiser_classes(self) -> dict[str, set[str]]:
        """The classes each element may keep, in the form nh3 takes; nh3 drops every other class."""
        allowed = {name for name in self.classes if not is_theme_class(name)}
        return {tag: set(allowed) for tag in self.rendered}
