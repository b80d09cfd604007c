"""A rule: one kind of finding, declared once, with the help an editor needs to fix it.

Every :class:`~psychoed.errors.Problem` is made by a rule (``RULE.at(...)``), so
its id, default severity and fix live in one place, the way ruff and Vale keep
their rules. The modules that find problems declare their rules next to the
code that emits them; :mod:`psychoed.catalog` gathers them into one catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import Problem, Severity

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
        return Problem(path, line, self.id, message, field=field, severity=severity or self.default_severity)


def loader_rule(rule_id: str, summary: str, help_: str) -> Rule:
    """A rule found while loading content or settings: always an error, never configurable,
    because the site cannot be built correctly until it is fixed."""
    return Rule(rule_id, "error", summary, help_, configurable=False)
