"""Unsafe markup in anything rendered from Markdown: article bodies, reviewer bios, topic descriptions and
the pages in ``docs/``.

Content arrives by pull request, and Python-Markdown passes raw HTML, attribute
lists and any link address through to the page. A ``<script>``, an
``onerror=``, a ``javascript:`` link or a one-pixel image from another host
would then run, or track, on a patient's screen. Each is reported here at its
line, as an error, so the editor learns what to change; the build's sanitiser
(see :mod:`psychoed.source.html_policy`) removes the same things again, so a rule set
to ``off`` still publishes nothing live.

The Markdown is read with markdown-it (CommonMark), as the other checks read it.
Its link validation is switched off in :mod:`psychoed.content.body`, so a
``javascript:`` link is seen here as a link rather than skipped as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from markdown.extensions.toc import slugify
from markdown_it.token import Token

from psychoed.checks.base import ArticleContext, Family
from psychoed.content.body import markdown_tokens
from psychoed.content.docs_page import read_site_page
from psychoed.content.library import REVIEWERS_FILE, TOPICS_FILE
from psychoed.content.model import Article, Library
from psychoed.content.static_files import static_file_problems
from psychoed.errors import SourceError
from psychoed.findings import Problem, Rule
from psychoed.pages.site_map import SiteLayout, list_docs_pages
from psychoed.source.html_policy import NEVER, HtmlPolicy, is_reserved_id, is_theme_class
from psychoed.source.urls import LINK_SCHEMES, is_allowed, is_remote, scheme

HTML = Rule(
    "security.html",
    "error",
    "Raw HTML can run code, load trackers or hide the crisis help; only a few harmless elements are allowed.",
    "Write it in Markdown instead, or ask the site's maintainers to allow the element (`allowed_html`).",
)
ATTRIBUTE = Rule(
    "security.attribute",
    "error",
    "An `on…` or `style` attribute (or another unknown one) on raw HTML can run code or cover the page.",
    "Remove the attribute; only id, class, title, lang and dir are kept.",
)
URL = Rule(
    "security.url",
    "error",
    "A `javascript:`, `data:` or other unusual address runs code or opens something unexpected when clicked.",
    "Link only to web pages (https://), email (mailto:), phone (tel:) and text (sms:) addresses, or to pages "
    "of this site.",
)
REMOTE_IMAGE = Rule(
    "security.remote-image",
    "error",
    "An image from another site tells that site who reads this health page, and when: it works as a tracker.",
    "Save the image into the site (next to the page in `docs/`) and link to that copy.",
)
ATTRIBUTE_LIST = Rule(
    "security.attribute-list",
    "error",
    "An attribute list (`{: … }`) can add any attribute to the page, including ones that run code.",
    "Keep only `#id` and `.class` in the braces, or remove them.",
)
RESERVED_ID = Rule(
    "security.reserved-id",
    "error",
    "An id the page's own template uses (such as `psy-main`, where the skip link lands) would move the skip "
    "link or break the page.",
    "Choose another id (or reword the heading); ids starting with `psy-` or `__` are the template's.",
)
UNCLOSED = Rule(
    "security.unclosed-html",
    "error",
    "Unclosed raw HTML swallows the rest of the page, tips and all, with no error.",
    "Close the element (`</abbr>`) or comment (`-->`), or remove it.",
)
CLASS = Rule(
    "security.class",
    "error",
    "A class the page does not expect can take the theme's look: `md-consent__overlay` lays a blurred layer "
    "over the whole page, crisis links included.",
    "Remove the class, or ask the site's maintainers to add it to `allowed_classes` (never `md-…` or `psy-…`).",
)
NESTING = Rule(
    "security.nesting",
    "error",
    "Lists, quotes or emphasis nested this deeply are never writing a reader can follow, and the site's "
    "Markdown renderer cannot build them: one line of `- - - - …` stops the build.",
    "Flatten the text: at most 8 levels of lists and quotes, and of emphasis.",
    configurable=False,
)
RULES = (HTML, ATTRIBUTE, URL, REMOTE_IMAGE, ATTRIBUTE_LIST, RESERVED_ID, UNCLOSED, CLASS, NESTING)

MAX_NESTING = 8
"""Deepest lists and quotes (together), and emphasis, accepted. Python-Markdown nests recursively, so
a few hundred levels end in a ``RecursionError``; markdown-it stops at 20, well past this bound."""
_NESTS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})

_EMBEDS = frozenset({"iframe", "frame", "object", "embed", "applet", "portal", "video", "audio"})
"""Elements that put another site's page or media into this one: a link serves readers as well."""
_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "meta", "link", "source", "track", "wbr", "base"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "cite"})
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^}\n ][^}\n]*?)[ ]*\}")
_ATTR_WORD = re.compile(r"""[^ =}]+=".*?"|[^ =}]+='.*?'|[^ =}]+=[^ =}]+|[^ =}]+""")


def check_security(article: Article, context: ArticleContext) -> Iterator[Problem]:
    """Every unsafe thing in the article's body."""
    yield from markdown_findings(
        article.body, article.path, article.body_line, context.settings.html_policy, tokens=context.tokens
    )


def markdown_findings(
    text: str, path: Path, first_line: int, policy: HtmlPolicy, *, tokens: Sequence[Token] = ()
) -> list[Problem]:
    """Every unsafe thing in the Markdown ``text``, which starts at ``first_line`` of ``path`` (``tokens``:
    its parse, when the loader has made it already)."""
    scan = _Scan(path, policy)
    tokens = tokens or markdown_tokens(text)
    depth = 0
    for index, token in enumerate(tokens):
        line = first_line + token.map[0] if token.map else first_line
        if token.type in _NESTS:
            depth += 1
            if depth == MAX_NESTING + 1:
                scan.report(NESTING, line, f"lists and quotes are nested more than {MAX_NESTING} levels deep here; "
                            "flatten them into separate lists or paragraphs.")  # fmt: skip
        elif token.type.replace("_close", "_open") in _NESTS:
            depth -= 1
        if token.type == "html_block":
            scan.html(token.content, line)
        elif token.type == "heading_open":
            scan.heading(tokens[index + 1].content, line)
        elif token.type == "inline":
            scan.inline(token, line)
    scan.finish(first_line + max(len(text.splitlines()) - 1, 0))
    return scan.found


@dataclass
class _Scan:
    path: Path
    policy: HtmlPolicy
    found: list[Problem] = field(default_factory=list)
    open_elements: list[tuple[str, int]] = field(default_factory=list)

    def report(self, rule: Rule, line: int, message: str) -> None:
        self.found.append(rule.at(self.path, line, message))

    # Markdown

    def inline(self, token: Token, line: int) -> None:
        children: Sequence[Token] = token.children or []
        if children and max(child.level for child in children) > MAX_NESTING:
            self.report(NESTING, line, f"emphasis or links are nested more than {MAX_NESTING} levels deep here; "
                        "remove the extra `*`, `_` and brackets.")  # fmt: skip
        for child in children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                self.url(str(child.attrs.get("href", "")), line, image=False)
            elif child.type == "image":
                self.url(str(child.attrs.get("src", "")), line, image=True)
            elif child.type == "html_inline":
                self.html(child.content, line)
            elif child.type == "text":
                self.attribute_lists(child.content, line)

    def heading(self, title: str, line: int) -> None:
        """A heading's id comes from its words (the ``toc`` extension's slug); it must not be the template's."""
        slug = slugify(_ATTR_LIST.sub("", title).strip(), "-")
        if is_reserved_id(slug):
            self.report(
                RESERVED_ID,
                line,
                f"this heading's id would be `{slug}`, which the page's template uses; reword the heading.",
            )

    def url(self, url: str, line: int, *, image: bool) -> None:
        what = "image" if image else "link"
        shown = _shown(url)
        # markdown-it hands over the address percent-encoded; the site's renderer may not encode it, and
        # `java%09script:` decoded is a tab a browser drops. Both forms must pass.
        refused = next((form for form in (url, unquote(url)) if not is_allowed(form, LINK_SCHEMES)), None)
        if refused is not None:
            self.report(
                URL,
                line,
                f"the {what} address `{shown}` uses `{scheme(refused)}:`, which is not allowed; link to https://, "
                "mailto:, tel: or sms: addresses, or to pages of this site.",
            )
        elif image and is_remote(url):
            self.report(
                REMOTE_IMAGE,
                line,
                f"the image `{shown}` comes from another site, which would learn who reads this page "
                "(a tracker); save the image into the site and link to that copy.",
            )

    def attribute_lists(self, text: str, line: int) -> None:
        for offset, text_line in enumerate(text.split("\n")):
            for match in _ATTR_LIST.finditer(text_line):
                words = _ATTR_WORD.findall(match.group(2))
                looks_like_attributes = match.group(1) or any(w[0] in "#." or "=" in w for w in words)
                if looks_like_attributes or match.end() == len(text_line.rstrip()):
                    self._attribute_words(words, line + offset)

    def _attribute_words(self, words: list[str], line: int) -> None:
        for word in words:
            name, _, value = word.partition("=")
            value = value.strip("\"'")
            if word.startswith("#") or name == "id":
                ident = word[1:] if word.startswith("#") else value
                if is_reserved_id(ident):
                    self.report(RESERVED_ID, line, f"the id `{ident}` is the page template's own; choose another id.")
            elif word.startswith(".") or name == "class":
                self.classes(word[1:] if word.startswith(".") else value, line)
            else:
                self.report(
                    ATTRIBUTE_LIST,
                    line,
                    f"`{_shown(word)}` in an attribute list adds an attribute to the page; keep only `#id` and "
                    "`.class` in the braces, or remove them.",
                )

    # Raw HTML

    def html(self, fragment: str, line: int) -> None:
        parser = _TagParser()
        parser.feed(fragment)
        parser.close()
        comment = fragment.rfind("<!--")
        if comment >= 0 and "-->" not in fragment[comment + 4 :]:
            self.report(
                UNCLOSED,
                line + fragment.count("\n", 0, comment),
                "this HTML comment is never closed, so everything after it would vanish from the page; "
                "end it with `-->`.",
            )
        for tag in parser.tags:
            at = line + tag.line - 1
            if tag.closing:
                self._close(tag.name)
                continue
            self._element(tag.name, at, tag.attributes)
            if tag.name in _EMBEDS and not self.policy.allows_element(tag.name):
                continue  # one finding, which suggests a link: the refused embed's attributes go with it
            for name, value in tag.attributes:
                self._attribute(tag.name, name, value or "", at)
            if tag.name not in _VOID and not tag.self_closing:
                self.open_elements.append((tag.name, at))

    def _element(self, name: str, line: int, attributes: list[tuple[str, str | None]]) -> None:
        if self.policy.allows_element(name):
            return
        address = next((value for key, value in attributes if key in ("src", "data") and value), None)
        if name in _EMBEDS:
            link = f"[Watch or read it on the other site]({_shown(address)})" if address else "a link"
            self.report(HTML, line, f"`<{name}>` embeds another site's page, which could track readers or run its "
                        f"code here; link to it instead, for example {link}.")  # fmt: skip
        elif name in NEVER:
            self.report(HTML, line, f"`<{name}>` is never allowed in content: it can run code, load from another "
                        "site or change the page; remove it.")  # fmt: skip
        else:
            allowed = ", ".join(f"`<{tag}>`" for tag in sorted(self.policy.raw))
            self.report(HTML, line, f"`<{name}>` is not allowed; write it in Markdown (only {allowed} may be "
                        "written as HTML), or remove it.")  # fmt: skip

    def _attribute(self, tag: str, name: str, value: str, line: int) -> None:
        if name in _URL_ATTRIBUTES:
            self.url(value, line, image=tag == "img")
        if name.startswith("on") or name == "style" or not self.policy.allows_attribute(tag, name):
            why = "runs code" if name.startswith("on") else "can restyle or cover the page" if name == "style" else (
                "is not allowed")  # fmt: skip
            self.report(ATTRIBUTE, line, f"the `{name}` attribute on `<{tag}>` {why}; remove it.")
        elif name == "id" and is_reserved_id(value):
            self.report(RESERVED_ID, line, f"the id `{value}` is the page template's own; choose another id.")
        elif name == "class":
            self.classes(value, line)

    def classes(self, value: str, line: int) -> None:
        for name in value.split():
            if self.policy.allows_class(name):
                continue
            whose = "the theme's own" if is_theme_class(name) else "not one content may use"
            allowed = ", ".join(f"`{c}`" for c in sorted(self.policy.classes))
            self.report(CLASS, line, f"the class `{_shown(name)}` is {whose}; remove it (content may use {allowed}).")

    def _close(self, name: str) -> None:
        for index in range(len(self.open_elements) - 1, -1, -1):
            if self.open_elements[index][0] == name:
                del self.open_elements[index:]
                return

    def finish(self, last_line: int) -> None:
        for name, line in self.open_elements:
            self.report(
                UNCLOSED,
                line,
                f"`<{name}>` is never closed, so it would swallow the rest of the page; add `</{name}>` "
                "where it should end.",
            )
        self.open_elements.clear()


@dataclass(frozen=True)
class _Tag:
    name: str
    attributes: list[tuple[str, str | None]]
    line: int
    closing: bool = False
    self_closing: bool = False


class _TagParser(HTMLParser):
    """The start and end tags in a fragment of HTML, with their lines.

    The standard library's parser: it reads tags as a browser's tokenizer does
    (names lower-cased, attributes split and unquoted), which is all that is
    needed to find them; nothing is rendered.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[_Tag] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(_Tag(tag, attrs, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(_Tag(tag, attrs, self.getpos()[0], self_closing=True))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(_Tag(tag, [], self.getpos()[0], closing=True))


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def security_findings(
    library: Library, layout: SiteLayout, policy: HtmlPolicy, *, scanned: Mapping[Path, list[Problem]] | None = None
) -> list[Problem]:
    """Every unsafe thing in every article (drafts too), bio, topic description and ``docs/`` page. ``scanned``
    holds what was found in articles as they loaded, from the loader's parse: those are not parsed again."""
    found = []
    for article in library.everything:
        known = scanned.get(article.path) if scanned is not None else None
        found += (
            known if known is not None else markdown_findings(article.body, article.path, article.body_line, policy)
        )
    return found + site_findings(library, layout, policy)


def site_findings(library: Library, layout: SiteLayout, policy: HtmlPolicy) -> list[Problem]:
    """Unsafe markup in the Markdown that is not an article: reviewer bios, topic descriptions, and the
    site's own pages in ``docs/`` with their front matter (a page there is published as written, so it is
    checked as content is); and every other file in ``docs/`` that is not an image a page may show."""
    found: list[Problem] = []
    reviewers = layout.content_dir / REVIEWERS_FILE
    for reviewer in library.reviewers.values():
        if reviewer.bio:
            found += markdown_findings(reviewer.bio, reviewers, reviewer.bio_line, policy)
    topics = layout.content_dir / TOPICS_FILE
    for topic in library.topics.values():
        if topic.description:
            found += markdown_findings(topic.description, topics, topic.description_line, policy)
    for relative in list_docs_pages(layout.docs_dir):
        try:
            page = read_site_page(layout.docs_dir / relative)
        except SourceError as error:
            found.append(error.problem)
            continue
        found += page.problems
        found += markdown_findings(page.body, page.path, page.body_line, policy)
    return found + static_file_problems(layout.docs_dir, layout.theme_paths())


FAMILY = Family("security", RULES, check_security, withdrawn_too=True)
