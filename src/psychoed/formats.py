"""How one problem is written, in each output form: for people, for GitHub, for programs.

Every command and the build write problems through these functions, so a
problem reads the same wherever an editor meets it.
"""

from __future__ import annotations

import re
from pathlib import Path

from psychoed.findings import Problem, printable, shown_path

FORMATS = ("human", "github", "json")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~:@=\"'$])")


def markdown_text(text: str) -> str:
    """``text`` from content as literal text in GitHub Markdown (a job summary, an issue): every ASCII
    punctuation mark that could start markup, a link, an autolink, an image or HTML is escaped with a
    backslash (CommonMark's own escape), and line breaks become spaces, so a title stays one table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def plural(count: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def human(problem: Problem, root: Path) -> str:
    """``path:line: severity rule: message``, the path relative to ``root``; without a line, ``path: …``."""
    return str(problem.relative_to(root))


def _escape_data(text: str) -> str:
    text = printable(text, keep="\r\n")  # line breaks: GitHub's own escapes below show them in the annotation
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problem: Problem, root: Path) -> str:
    """A GitHub workflow command: an annotation on the problem's line, or on the file when the line is not known."""
    properties = [f"file={_escape_property(shown_path(problem.path, root))}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    properties.append(f"title={_escape_property(f'psychoed {problem.rule.id}')}")
    return f"::{problem.severity} {','.join(properties)}::{_escape_data(problem.message)}"


def as_json(problem: Problem, root: Path) -> dict[str, object]:
    """The problem as a JSON object."""
    return {
        "path": printable(shown_path(problem.path, root)),
        "line": problem.line,
        "rule": problem.rule.id,
        "severity": problem.severity,
        "message": printable(problem.message),
    }


def problem_lines(problems: list[Problem], root: Path, form: str) -> str:
    """Problems in ``form`` (``human`` or ``github``), one a line, each line ending in a newline."""
    write = github if form == "github" else human
    return "".join(f"{write(problem, root)}\n" for problem in problems)
