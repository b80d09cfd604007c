"""Articles loaded by an earlier build in the same process, reused while nothing they were read from changed.

``mkdocs serve`` builds again each time a file is saved. Reading and parsing every article again was most
of a rebuild: at 1,000 articles, more than the rest of it together. An article's loading depends on its
own file and on a few things read once per build (``mkdocs.yml``, today's date, the registries' first ids
that messages suggest), so an entry is kept while its file's size and modification time are unchanged and
so is that context; anything else clears the cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from psychoed.content.model import Article
from psychoed.findings import Problem

_UNSET = object()

Loaded = tuple[Article | None, list[Problem], list[Problem] | None]
"""An article (None if it cannot be used), the loader's problems in it, and what the body scan found."""


@dataclass
class LoadCache:
    """Loaded articles by file, for the builds of one ``mkdocs serve``."""

    _context: dict[str, object] = field(default_factory=dict)
    _entries: dict[Path, tuple[object, Loaded]] = field(default_factory=dict)

    def start(self, part: str, context: object) -> None:
        """Note the shared inputs ``context`` of one part of the loading (the site's, the registries'): a
        change in any part empties the cache."""
        if self._context.get(part, _UNSET) != context:
            self._entries.clear()
            self._context[part] = context

    def get(self, path: Path, in_full: bool, load: Callable[[], Loaded]) -> Loaded:
        """The article at ``path`` as ``load`` gives it, from an earlier build when its file is unchanged."""
        try:
            stat = os.stat(path)
        except OSError:
            return load()  # the loader reports it
        key = (stat.st_mtime_ns, stat.st_size, stat.st_ino, in_full)
        known = self._entries.get(path)
        if known is not None and known[0] == key:
            return known[1]
        loaded = load()
        self._entries[path] = (key, loaded)
        return loaded
