"""Problems found in content and settings, and the exceptions that carry them.

Every problem names the file, the line where it is known, the field, and what
to do about it, because editors fix exactly what they are shown. Loading never
stops at the first problem: all of them are collected so one run shows every
fix that is needed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "notice"]
"""How much a problem matters: an error fails ``psychoed check`` and the build;
a warning (an overdue review) and a notice (a review due soon) are shown but pass."""

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "notice")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    path: Path
    """The file the problem is in, as given to the loader."""
    line: int | None
    """1-based line of the offending key or body line; None when the whole file is at fault."""
    rule: str
    """Dotted rule id, e.g. ``frontmatter.unknown-key``; stable for tools and docs."""
    message: str
    """What is wrong and how to fix it, in one or two sentences."""
    field: str | None = None
    """The front-matter or registry field concerned, if any."""
    severity: Severity = "error"
    """Loading content only ever finds errors; ``psychoed check`` also reports warnings and notices."""

    def location(self) -> str:
        """``path:line`` (or just ``path``), the form editors and editors' tools jump to."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    def relative_to(self, root: Path) -> Problem:
        """The same problem with its path relative to ``root`` where it lies inside it."""
        return replace(self, path=Path(shown_path(self.path, root)))

    def __str__(self) -> str:
        """The one human form of a problem, everywhere: ``path:line: severity rule: message``.

        GitHub's problem matcher (``.github/psychoed-problems.json``) reads this form from the
        build log, so the build, ``validate`` and ``check`` all print it, through this method.
        """
        return printable(f"{self.location()}: {self.severity} {self.rule}: {self.message}")


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Every character :func:`printable` escapes: C0 and C1 controls, line and paragraph separators, bidi controls."""


def printable(text: str, *, keep: str = "") -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``).

    Messages quote what editors wrote, and a YAML key may hold a newline: printed
    raw, ``"x\\n::error::…"`` would forge a line of its own in a CI log, an escape
    sequence would rewrite the terminal, and a bidirectional override would make
    a message read differently from what it says. Characters in ``keep`` are
    left for the caller, which escapes them its own way.
    """
    if not _UNPRINTABLE.search(text):  # nearly every message: nothing to escape
        return text
    return "".join(char if char in keep else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    if char == "\t":
        return "\\t"
    if unicodedata.category(char) in ("Cc", "Zl", "Zp") or _BIDI.match(char):
        return char.encode("unicode_escape").decode("ascii")
    return char


class PsychoedError(Exception):
    """Base class: every error psychoed raises on purpose."""


class SourceError(PsychoedError):
    """One file could not be read as far as its structure; carries the one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class ProblemsError(PsychoedError):
    """Something could not be loaded; ``problems`` lists every reason, in file and line order."""

    what = "problem"
    # What one problem is called in the message; an "s" is added for several.

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} {self.what}{'' if count == 1 else 's'}:\n{lines}")


class ContentError(ProblemsError):
    """The content in content/ has problems."""

    what = "content problem"


class SettingsError(ProblemsError):
    """The psychoed settings in mkdocs.yml have problems."""

    what = "settings problem"


def shown_path(path: Path, root: Path) -> str:
    """``path`` as editors and GitHub want it: relative to ``root`` (the project) when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in the order an editor fixes them: by file, then line."""
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0, SEVERITIES.index(p.severity), p.message))
