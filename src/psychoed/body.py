"""The structure of an article body: its ``## `` sections and numbered tips.

Headings are found the way Python-Markdown finds them (a ``#`` run at the start
of a line, outside fenced code), so what is checked here is what is rendered.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem
from .model import Section

_ATX = re.compile(r"^(#{1,6})(.*?)#*\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT_H1 = re.compile(r"^ {0,3}=+\s*$")
_HTML_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
_TIP = re.compile(r"^(\d+)\.\s+\S")


def tip_number(heading: str) -> int | None:
    """The number of a tip heading such as "1. Ask questions"; None for other headings."""
    match = _TIP.match(heading.strip())
    return int(match.group(1)) if match else None


def parse_body(body: str, first_line: int, path: Path, problems: list[Problem]) -> tuple[Section, ...]:
    """The ``## `` sections of ``body`` (which starts at file line ``first_line``).

    Appends a problem for an empty body, a second level-1 heading (the title is
    the page's only ``<h1>``), an empty heading, or tips out of order.
    """
    if not body.strip():
        problems.append(
            Problem(
                path,
                first_line,
                "body.empty",
                "the article has no text after the front matter; write an introduction and sections.",
            )
        )
        return ()
    sections: list[Section] = []
    fence: str | None = None
    previous = ""
    for offset, text in enumerate(body.splitlines()):
        line = first_line + offset
        fence_match = _FENCE.match(text)
        if fence is not None:
            if fence_match and fence_match.group(1).startswith(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        heading = _ATX.match(text)
        if heading:
            level, title = len(heading.group(1)), heading.group(2).strip()
            if level == 1:
                _title_problem(path, line, problems)
            elif not title:
                problems.append(
                    Problem(
                        path, line, "body.heading-empty", "this heading has no text; write one or remove the `#` marks."
                    )
                )
            elif level == 2:
                sections.append(Section(title, line, tip_number(title)))
        elif (_SETEXT_H1.match(text) and previous.strip()) or _HTML_H1.search(text):
            _title_problem(path, line, problems)
        previous = text
    _check_tip_order(sections, path, problems)
    return tuple(sections)


def _title_problem(path: Path, line: int, problems: list[Problem]) -> None:
    problems.append(
        Problem(
            path,
            line,
            "body.h1",
            "this is a level-1 heading, but the page title comes from `title:` and must be the "
            "only one; start sections with `## `.",
        )
    )


def _check_tip_order(sections: list[Section], path: Path, problems: list[Problem]) -> None:
    expected = 1
    for section in sections:
        if section.tip_number is None:
            continue
        if section.tip_number != expected:
            problems.append(
                Problem(
                    path,
                    section.line,
                    "body.tip-order",
                    f"this tip is numbered {section.tip_number} but is tip {expected}; "
                    f"number tips 1, 2, 3, … in order (change it to `## {expected}.`).",
                )
            )
        expected += 1
