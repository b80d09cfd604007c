"""An article body, parsed once: its sections and tips, prose, links and allowances.

The body is parsed here, once, with markdown-it-py, whose tokens carry source
lines; the article's page is rendered with the same parser (:mod:`psychoed.pages.article_html`). Everything the
checks need comes from this one parse: the ``## `` sections and numbered tips,
the sentences a reader reads (:mod:`psychoed.content.prose`), the links with their
lines, and the ``<!-- psychoed: allow … -->`` comments.

A heading written without a space (``##Tip``) is text to CommonMark, and so to
the page and to GitHub's preview, though other tools read it as a heading: it is
reported, since the writer most likely meant a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

from psychoed.content.model import Allowance, Body, Link, Section
from psychoed.findings import Problem, loader_rule

EMPTY = loader_rule(
    "body.empty",
    "An article has no text, so the page would be blank.",
    "Write an introduction and sections after the front matter.",
)
H1 = loader_rule(
    "body.h1",
    "A second level-1 heading would give the page two titles, which confuses screen readers.",
    "The title comes from `title:`; start sections with `## `.",
)
HEADING_EMPTY = loader_rule(
    "body.heading-empty",
    "A heading with no text is announced by screen readers as an empty heading.",
    "Write the heading's text, or remove the `#` marks.",
)
HEADING_SPACE = loader_rule(
    "body.heading-space",
    "A heading written without a space after its `#` marks (`##Tip`) is read differently by different "
    "tools, so the tips and sections checked might not be the ones published.",
    "Put a space after the `#` marks: `## Tip`.",
)
TIP_ORDER = loader_rule(
    "body.tip-order",
    "Tips out of order (1, 3, 4) make readers think one is missing.",
    "Number tips 1, 2, 3, … in order.",
)
BRACKETS = loader_rule(
    "body.too-many-brackets",
    "Text with more than 1,000 `[` would take the site builder minutes (Python-Markdown reads links in "
    "time that grows with the square of their number), so one article could stall every build.",
    "Remove the run of `[` characters, or put it in a code block (between ``` lines), where it is not read as links.",
)
RULES = (EMPTY, H1, HEADING_EMPTY, HEADING_SPACE, TIP_ORDER, BRACKETS)

MAX_BRACKETS = 1_000
"""Most ``[`` outside code in one article, bio or description. Python-Markdown's link patterns cost the square of
the ``[`` in a paragraph: 5,000 take 3.6 s, 10,000 take 14 s, 100,000 would take about 25 minutes
(bench/pathological.py); 1,000 take 0.15 s. A real article has a few dozen links."""

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TIP = re.compile(r"^(\d+)\.\s+\S")
_HTML_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
_NO_SPACE_HEADING = re.compile(r"^#{1,6}[^#\s]")
_ALLOW = re.compile(r"^<!--\s*psychoed:\s*allow\b(?P<rest>.*?)-->\s*$", re.DOTALL)
_ALLOW_RULE = re.compile(r"^\s*(?P<rule>[^\s:]+)\s*(?::\s*(?P<reason>.*?))?\s*$", re.DOTALL)


def tip_number(heading: str) -> int | None:
    """The number of a tip heading such as "1. Ask questions"; None for other headings."""
    match = _TIP.match(heading.strip())
    return int(match.group(1)) if match else None


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables and Material's ``!!!`` admonitions, as the site uses them.

    Link validation is off: markdown-it would otherwise leave a ``javascript:``
    link as plain text, which Python-Markdown still publishes as a link, so the
    security check (:mod:`psychoed.checks.security`) could not see it.
    """
    parser = MarkdownIt("commonmark").enable("table").use(admon_plugin)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def markdown_tokens(text: str) -> list[Token]:
    """The tokens of Markdown ``text``, parsed as the checks read every body, bio and page."""
    return _parser().parse(text)


def markdown_renderer() -> MarkdownIt:
    """The parser of :func:`markdown_tokens`, whose renderer turns its tokens into an article's HTML
    (:mod:`psychoed.pages.article_html`)."""
    return _parser()


def parse_body(text: str, first_line: int, path: Path, problems: list[Problem]) -> Body:
    """The parsed ``text`` of an article body, which starts at file line ``first_line``.

    Appends a problem for an empty body, a second level-1 heading (the title is
    the page's only ``<h1>``), an empty heading, a heading without a space after
    its ``#`` marks, or tips out of order.
    """
    return read_body(text, first_line, path, problems)[0]


def read_body(text: str, first_line: int, path: Path, problems: list[Problem]) -> tuple[Body, tuple[Token, ...]]:
    """:func:`parse_body`, with the parser's tokens, for a command that checks the body next."""
    if not text.strip():
        problems.append(EMPTY.at(path, first_line, "the article has no text after the front matter; write an "
                                 "introduction and sections."))  # fmt: skip
        return Body(), ()
    if (problem := bracket_problem(text, first_line, path)) is not None:
        problems.append(problem)
        return Body(), ()
    tokens = tuple(markdown_tokens(text))
    sections = _sections(tokens, first_line, path, problems)
    _check_tip_order(sections, path, problems)
    body = Body(
        sections=tuple(sections),
        links=tuple(_links(tokens, first_line)),
        allowances=tuple(_allowances(tokens, first_line)),
        first_line=first_line,
    )
    return body, tokens


def bracket_problem(text: str, first_line: int, path: Path) -> Problem | None:
    """A problem when ``text`` holds more than :data:`MAX_BRACKETS` ``[`` outside fenced code, at the line
    where the limit is passed.

    Counted on the raw lines, before any parser reads the text: markdown-it is fast, but 100 KB of ``![``
    still takes it over a second, and the check must stay quick on any input. Brackets in indented code
    and code spans count too: the bound is generous enough for that not to matter.
    """
    count = 0
    fence: str | None = None
    for offset, line in enumerate(text.splitlines()):
        opener = _FENCE.match(line)
        if opener is not None and (fence is None or opener.group(1).startswith(fence)):
            fence = opener.group(1)[:3] if fence is None else None
            continue
        if fence is None:
            count += line.count("[")
        if count > MAX_BRACKETS:
            return BRACKETS.at(
                path,
                first_line + offset,
                f"the text has more than {MAX_BRACKETS:,} `[` outside code (by this line), which would take "
                "the site builder minutes; remove the run of brackets, or put it in a code block.",
            )
    return None


def _sections(tokens: Sequence[Token], first_line: int, path: Path, problems: list[Problem]) -> list[Section]:
    sections: list[Section] = []
    for index, token in enumerate(tokens):
        line = first_line + token.map[0] if token.map else first_line
        if token.type == "heading_open":
            title = tokens[index + 1].content.strip()
            if token.tag == "h1":
                problems.append(_title_problem(path, line))
            elif not title:
                problems.append(
                    HEADING_EMPTY.at(path, line, "this heading has no text; write one or remove the `#` marks.")
                )
            elif token.tag == "h2":
                sections.append(Section(title, line, tip_number(title)))
        elif token.type in ("html_block", "html_inline") and _HTML_H1.search(token.content):
            problems.append(_title_problem(path, line))
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            for offset, text in enumerate(token.content.splitlines()):
                if _NO_SPACE_HEADING.match(text):
                    problems.append(
                        HEADING_SPACE.at(
                            path,
                            line + offset,
                            "this line starts with `#` but has no space after it, so some tools read it as a "
                            "heading and others as text; put a space after the `#` marks (`## Tip`), or start "
                            "the line with another word.",
                        )
                    )
            for child in token.children or []:
                if child.type == "html_inline" and _HTML_H1.search(child.content):
                    problems.append(_title_problem(path, line))
    return sections


def _title_problem(path: Path, line: int) -> Problem:
    return H1.at(
        path,
        line,
        "this is a level-1 heading, but the page title comes from `title:` and must be the "
        "only one; start sections with `## `.",
    )


def _check_tip_order(sections: list[Section], path: Path, problems: list[Problem]) -> None:
    expected = 1
    for section in sections:
        if section.tip_number is None:
            continue
        if section.tip_number != expected:
            problems.append(
                TIP_ORDER.at(
                    path,
                    section.line,
                    f"this tip is numbered {section.tip_number} but is tip {expected}; "
                    f"number tips 1, 2, 3, … in order (change it to `## {expected}.`).",
                )
            )
        expected += 1


def _links(tokens: Sequence[Token], first_line: int) -> list[Link]:
    """Every link and image address in the body, with the line it is written on."""
    found: list[Link] = []
    for token in tokens:
        if token.type != "inline" or token.map is None:
            continue
        line = first_line + token.map[0]
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                found.append(Link(str(child.attrs.get("href", "")), line, image=False))
            elif child.type == "image":
                found.append(Link(str(child.attrs.get("src", "")), line, image=True))
    return found


def _allowances(tokens: Sequence[Token], first_line: int) -> list[Allowance]:
    """Every ``<!-- psychoed: allow RULE: reason -->`` comment standing alone on its lines.

    Malformed ones (no rule, no reason) are kept as they are written, so the
    allowance check can say what is missing.
    """
    found: list[Allowance] = []
    for token in tokens:
        if token.map is None:
            continue
        if token.type == "html_block":
            allowance = _allowance(token.content, first_line + token.map[0], first_line + token.map[1])
            found += [allowance] if allowance else []
        elif token.type == "inline":
            # Inside a paragraph: found, so that it can be reported as allowing nothing.
            line = first_line + token.map[0]
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline" and (allowance := _allowance(child.content, line, line)):
                    found.append(Allowance(allowance.rule, allowance.reason, line, line, standalone=False))
    return found


def _allowance(html: str, line: int, target_line: int) -> Allowance | None:
    match = _ALLOW.match(html.strip())
    if match is None:
        return None
    rule = _ALLOW_RULE.match(match.group("rest"))
    reason = (rule.group("reason") or "").strip() if rule else ""
    return Allowance(rule.group("rule") if rule else "", reason, line, target_line)
