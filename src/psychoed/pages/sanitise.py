"""The build's last line of defence: every page's HTML from Markdown, sanitised by nh3.

``psychoed check`` reports unsafe markup at its line so an editor can fix it;
this runs on what Python-Markdown actually rendered, so nothing unsafe reaches
``site/`` even when the check was skipped, a rule was set to ``off``, or the
check's parser (CommonMark) and the site's (Python-Markdown) read a line
differently. nh3 wraps ammonia, which parses HTML as browsers do: a
hand-written filter is how sanitisers are bypassed.
"""

from __future__ import annotations

from functools import lru_cache

import nh3

from psychoed.source.html_policy import HtmlPolicy, is_reserved_id
from psychoed.source.urls import LINK_SCHEMES, is_remote


def sanitise(html: str, policy: HtmlPolicy) -> str:
    """``html`` with only the elements, attributes, classes and link schemes ``policy`` allows; images from
    other hosts and ids the templates own are dropped, and every link gets ``rel="noopener noreferrer"``."""
    return _cleaner(policy).clean(html)


@lru_cache(maxsize=4)
def _cleaner(policy: HtmlPolicy) -> nh3.Cleaner:
    """The sanitiser for ``policy``, made once: handing nh3 the allowlists on every call took half its time."""
    return nh3.Cleaner(
        tags=set(policy.rendered),
        attributes=policy.sanitiser_attributes(),
        allowed_classes=policy.sanitiser_classes(),
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


_PLAIN = nh3.Cleaner(tags=set())


def plain(text: str) -> str:
    """``text`` with every tag removed and the rest escaped: for titles that templates insert as HTML."""
    return _PLAIN.clean(text)


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and is_remote(value):
        return None  # a tracker: the image is kept without its source, and shows its alt text
    if attribute == "id" and is_reserved_id(value):
        return None
    return value
