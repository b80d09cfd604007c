"""The exceptions that carry problems found in content and settings, and the exit codes they end in.

Every problem names the file, the line where it is known, the field, and what
to do about it, because editors fix exactly what they are shown. Loading never
stops at the first problem: all of them are collected so one run shows every
fix that is needed.
"""

from __future__ import annotations

from enum import IntEnum

from psychoed.findings import Problem, sort_problems


class ExitCode(IntEnum):
    """How every command ends: the one table of exit codes, which CI and editors' tools read."""

    OK = 0
    """Done; for ``check``, no errors (warnings and notices pass)."""
    PROBLEMS = 1
    """Done, and the content has errors (or, with ``--check``, a file is out of date)."""
    CANNOT_RUN = 2
    """The command could not run as asked: bad settings, a bad argument, a file that does not exist."""


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
