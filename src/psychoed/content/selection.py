"""Which content files a command is asked about: ``psychoed check FILE…``, as a pull request runs it.

The loader reads the articles asked for in full, and the others only as far as the check needs them
(front matter, for addresses and references), so a pull request is checked at the cost of its change.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from psychoed.content.library import GLOSSARY_FILE, REVIEWERS_FILE, TOPICS_FILE
from psychoed.errors import PsychoedError


class SelectionError(PsychoedError):
    """A path asked for does not exist."""


@dataclass(frozen=True)
class Selection:
    """The content files and folders asked for."""

    paths: frozenset[Path] | None = None
    """Resolved files and folders; None for everything."""
    ignored: tuple[Path, ...] = field(default=())
    """Paths asked for that are not content, so are not checked."""

    _answers: dict[Path, bool] = field(default_factory=dict, compare=False, repr=False)
    """Each path's answer: a check asks about every article several times, and each asking costs a ``stat``."""
    _parents: dict[Path, Path] = field(default_factory=dict, compare=False, repr=False)
    """Each folder asked about, as given, with its links followed."""

    def includes(self, path: Path) -> bool:
        """``path`` is asked for, itself or through a folder that holds it."""
        if self.paths is None:
            return True
        # By the path as given: one selection serves one command, in one folder. ``abspath`` would ask the system
        # for that folder on every call, three times an article: a third of a second at 10,000 articles.
        known = self._answers.get(path)
        if known is None:
            known = self._answers[path] = self._includes(path, self.paths)
        return known

    def _includes(self, path: Path, paths: frozenset[Path]) -> bool:
        # One lookup per folder, not per file; a file that is itself a link is followed on its own.
        parent = self._parents.get(path.parent)
        if parent is None:  # by absolute path: the folder a command runs in may change
            parent = self._parents[path.parent] = _resolved_folder(os.path.abspath(path.parent))
        resolved = path.resolve() if path.is_symlink() else parent / path.name
        if resolved in paths:
            return True
        text = str(resolved)
        return any(text.startswith(folder) for folder in self._folders)

    @cached_property
    def _folders(self) -> tuple[str, ...]:
        """Each path asked for as the start of the paths inside it (``/…/content/articles/``)."""
        return tuple(os.path.join(str(path), "") for path in self.paths or ())


@cache
def _resolved_folder(folder: str) -> Path:
    """``folder`` with its links followed, once per run."""
    return Path(folder).resolve()


EVERYTHING = Selection()


def select(paths: Sequence[Path], content_dir: Path) -> Selection:
    """The content files and folders ``paths`` name. Naming ``reviewers.yml`` or ``topics.yml``, or a
    folder that holds ``content/`` (such as ``.``), selects everything in it.

    Raises :class:`SelectionError` for a path that does not exist.
    """
    if not paths:
        return EVERYTHING
    selected: set[Path] = set()
    ignored: list[Path] = []
    content = content_dir.resolve()
    for path in paths:
        if not path.exists():
            raise SelectionError(
                f"{path}: no such file or folder; pass existing files (in CI, list changed files with "
                "`git diff --name-only --diff-filter=d`)."
            )
        resolved = path.resolve()
        if resolved.parent == content and resolved.name in (REVIEWERS_FILE, TOPICS_FILE, GLOSSARY_FILE):
            # Every article names a reviewer and topics: a change to either registry
            # can break any article, so everything is checked.
            return Selection(None, tuple(ignored))
        if resolved == content or content in resolved.parents:
            selected.add(resolved)
        elif resolved in content.parents:  # `psychoed check .`: a folder that holds all the content
            selected.add(content)
        else:
            ignored.append(path)
    return Selection(frozenset(selected), tuple(ignored))
