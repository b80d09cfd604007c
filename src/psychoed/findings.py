"""Findings: a :class:`Rule` (one kind of finding, declared once, with the help an editor needs to
fix it) and a :class:`Problem` (one finding of a rule, in one file at one line).

Every :class:`Problem` is made by a rule (``RULE.at(...)``) and carries it, so
its id, default severity and fix live in one place, the way ruff and Vale keep
their rules. The modules that find problems declare their rules next to the
code that emits them; :mod:`psychoed.checks.catalog` gathers them into one catalog.
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
    rule: Rule
    """The rule this is a finding of; its ``id`` (``frontmatter.unknown-key``) is stable for tools and docs."""
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
        return printable(f"{self.location()}: {self.severity} {self.rule.id}: {self.message}")


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


Level = Literal["off", "notice", "warning", "error"]
"""What a site may set a configurable rule to: a severity, or ``off``."""

LEVELS: tuple[Level, ...] = ("off", "notice", "warning", "error")


@dataclass(frozen=True)
class Rule:
    """One kind of finding."""

    id: str
    """Dotted and stable: ``family.name``, e.g. ``reading.grade``. Sites and allowances name it."""
    default_severity: Severity
    """``error`` fails the check; ``warning`` and ``notice`` are shown and pass."""
    summary: str
    """What it means for a patient, in one sentence."""
    help: str
    """How an editor fixes it, in one sentence."""
    configurable: bool = True
    """False for rules that keep the site correct (a broken page, an unknown reviewer): a site
    cannot turn them off or down, and an allowance comment cannot silence them."""

    @property
    def family(self) -> str:
        """The family the rule belongs to: the part of its id before the dot (``reading`` in ``reading.grade``)."""
        return self.id.partition(".")[0]

    def at(
        self,
        path: Path,
        line: int | None,
        message: str,
        *,
        field: str | None = None,
        severity: Severity | None = None,
    ) -> Problem:
        """A finding of this rule in ``path`` at ``line``."""
        return Problem(path, line, self, message, field=field, severity=severity or self.default_severity)


def loader_rule(rule_id: str, summary: str, help_: str) -> Rule:
    """A rule found while loading content or settings: always an error, never configurable,
    because the site cannot be built correctly until it is fixed."""
    return Rule(rule_id, "error", summary, help_, configurable=False)


def shown_path(path: Path, root: Path) -> str:
    """``path`` as editors and GitHub want it: relative to ``root`` (the project) when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in the order an editor fixes them: by file, then line."""
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0, SEVERITIES.index(p.severity), p.message))
