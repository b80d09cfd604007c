"""A clinic's own page in ``docs/``: its front matter read as safely as an article's, and checked.

A page in ``docs/`` arrives by pull request like an article, and Material
inserts its front matter into every template unescaped: a ``title`` reaches
``<title>`` and the navigation of every page, ``description`` and ``author``
reach ``<meta>``, and ``template: redirect.html`` with a ``location`` sends
readers to another site. MkDocs reads that front matter with PyYAML, which
expands aliases, so a few lines can make gigabytes.

So the front matter is read here with psychoed's bounded loader (no aliases,
tags or merge keys), only the keys below are accepted, and markup is refused
in the text fields. The build refuses the same things before MkDocs reads a
page, then hands the templates these checked values, escaped, in place of
whatever MkDocs parsed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from psychoed.errors import SourceError
from psychoed.findings import Problem, Rule
from psychoed.source.text import SplitArticle, closing_fence, opens_front_matter, read_text
from psychoed.source.yaml_document import YamlDocument, parse_yaml

FRONT_MATTER = Rule(
    "security.front-matter",
    "error",
    "A site page's front matter reaches every page's title, menu and metadata, and some keys change what "
    "the page does (a redirect to another site).",
    "Keep only `title`, `description`, `template: home.html` and `hide` in a page's front matter, as plain text.",
    configurable=False,
)
RULES = (FRONT_MATTER,)

TEMPLATES = frozenset({"home.html"})
"""Templates a site page may ask for: the home page's. The others need an article, topic or reviewer."""
HIDE = frozenset({"navigation", "toc", "footer", "path"})
"""Parts of the page Material can hide."""
_TEXT_KEYS = {"title": 120, "description": 300}
"""Plain-text keys and their longest length: a title is a line, a description a sentence or two."""
KEYS = frozenset({*_TEXT_KEYS, "template", "hide"})
"""Every key a site page's front matter may hold."""

_MARKUP = re.compile(r"[<>]|&[#A-Za-z0-9]+;|\{%|\{\{")
# MkDocs reads unfenced `key: value` lines at the top of a page as metadata (MultiMarkdown style).
_MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")


@dataclass(frozen=True)
class SitePageSource:
    """A page in ``docs/``, read and checked."""

    path: Path
    meta: Mapping[str, object]
    """The front matter's accepted keys and values (plain, unescaped): what the templates may see."""
    body: str
    """The Markdown after the front matter."""
    body_line: int
    """File line of the body's first line."""
    problems: tuple[Problem, ...] = field(default=())


def read_site_page(path: Path) -> SitePageSource:
    """The page at ``path``, with a problem for each refused thing in its front matter.

    Raises :class:`SourceError` when the file cannot be read as text at all.
    """
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    if not opens_front_matter(lines):
        problems = []
        if lines and _MULTIMARKDOWN_META.match(lines[0]):
            problems.append(
                FRONT_MATTER.at(
                    path,
                    1,
                    "the page starts with a `key: value` line, which MkDocs would read as page settings; put "
                    "front matter between `---` lines, or start the page with its `# heading`.",
                )
            )
        return SitePageSource(path, {}, text, 1, tuple(problems))
    closing = closing_fence(lines)
    if closing is None:
        problem = FRONT_MATTER.at(path, 1, "the front matter opened on line 1 is never closed; add a `---` line.")
        return SitePageSource(path, {}, "", len(lines) + 1, (problem,))
    split = SplitArticle.at(lines, closing)
    try:
        document = parse_yaml(split.front_matter, path, first_line=split.front_matter_line)
    except SourceError as error:
        return SitePageSource(path, {}, split.body, split.body_line, (error.problem,))
    meta, problems = _accepted(document, path)
    return SitePageSource(path, meta, split.body, split.body_line, tuple(problems))


def _accepted(document: YamlDocument, path: Path) -> tuple[dict[str, object], list[Problem]]:
    """The keys and values of the front matter that a site page may have, and a problem for each other one."""
    data = document.data
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [FRONT_MATTER.at(path, 2, "the front matter must be `key: value` lines.")]
    meta: dict[str, object] = {}
    problems: list[Problem] = []

    def refuse(key: str, message: str) -> None:
        problems.append(FRONT_MATTER.at(path, document.line_of(key), message, field=key))

    for key, value in data.items():
        key = str(key)
        if key not in KEYS:
            allowed = ", ".join(f"`{k}`" for k in sorted(KEYS))
            refuse(key, f"`{_short(key)}` is not a key a site page may set; use only {allowed}, or remove it.")
        elif key in _TEXT_KEYS:
            longest = _TEXT_KEYS[key]
            if not isinstance(value, str) or not value.strip():
                refuse(key, f"`{key}` must be plain text; write it on one line, or remove the key.")
            elif _MARKUP.search(value):
                refuse(key, f"`{key}` holds markup (`<`, `>`, `&…;` or a template tag); write plain words.")
            elif len(value) > longest or "\n" in value.strip():
                refuse(key, f"`{key}` must be one line of at most {longest} characters.")
            else:
                meta[key] = value.strip()
        elif key == "template":
            if value not in TEMPLATES:
                refuse(key, f"`template: {_short(str(value))}` is not a template for site pages; use "
                       "`template: home.html` on the home page, or remove the key.")  # fmt: skip
            else:
                meta[key] = value
        elif not (isinstance(value, list) and value and all(item in HIDE for item in value)):
            parts = ", ".join(sorted(HIDE))
            refuse(key, f"`hide` must be a list of the parts to hide ({parts}), e.g. `hide: [toc]`.")
        else:
            meta[key] = list(value)
    return meta, problems


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"
