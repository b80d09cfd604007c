"""Files that would be published from outside the repository, through a symbolic link.

MkDocs follows links in ``docs/``, and psychoed reads ``content/``: a link
there to ``/etc`` or to the build machine's home folder would publish what it
points at. A reviewer reading the pull request sees only a one-line link, so
every link that leads outside the site's folder is refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from psychoed.findings import Problem, loader_rule

OUTSIDE_LINK = loader_rule(
    "source.outside-link",
    "A file or folder in `content/` or `docs/` is a link to somewhere outside the repository, so the build "
    "would publish a file from the machine it runs on.",
    "Replace the link with the file itself, inside the repository.",
)
CONTROL_CHARACTER = loader_rule(
    "source.file-name",
    "A file name holds a control character (a line break, a tab), which breaks the page's address, "
    "CODEOWNERS and every list of changed files.",
    "Rename the file with letters, digits and hyphens only.",
)
RULES = (OUTSIDE_LINK, CONTROL_CHARACTER)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def tree_problems(folder: Path, root: Path) -> list[Problem]:
    """A problem for each file or folder under ``folder`` whose name holds a control character, and for
    each link that resolves outside ``root`` (or nowhere)."""
    problems = []
    for current, folders, files in os.walk(folder):
        for name in (*folders, *files):
            if _CONTROL.search(name):
                shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", name)
                problems.append(
                    CONTROL_CHARACTER.at(
                        Path(current, shown),
                        None,
                        f"the name `{shown}` holds a control character; rename it with letters, digits and "
                        "hyphens only.",
                    )
                )
    return problems + links_outside(folder, root)


def links_outside(folder: Path, root: Path) -> list[Problem]:
    """A problem for ``folder`` and for each link under it that resolves outside ``root`` (or nowhere)."""
    boundary = root.resolve()
    problems = []
    if folder.is_symlink() or folder.exists():
        candidates = [folder] if folder.is_symlink() else []
        for path in [*candidates, *sorted(_links_under(folder))]:
            if not _inside(path, boundary):
                problems.append(
                    OUTSIDE_LINK.at(
                        path,
                        None,
                        f"is a link to `{os.readlink(path)}`, outside the repository; "
                        "put the file itself here instead, or remove the link.",
                    )
                )
    return problems


def _links_under(folder: Path) -> Iterator[Path]:
    """Each link under ``folder``, not following links into folders (as ``os.walk`` does not). The folder's
    listing says which entries are links, so 10,000 articles cost no system call each. Folders wait on a list,
    not on the call stack: a pull request can nest them deeper than Python recurses."""
    waiting = [folder]
    while waiting:
        try:
            with os.scandir(waiting.pop()) as listing:
                entries = list(listing)
        except OSError:  # unreadable, or gone: what reads it reports it
            continue
        for entry in entries:
            if entry.is_symlink():
                yield Path(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                waiting.append(Path(entry.path))


def _inside(path: Path, boundary: Path) -> bool:
    try:
        target = path.resolve()  # a broken link inside the repository is the reader's to report
    except (OSError, RuntimeError):  # a loop of links
        return False
    return target == boundary or boundary in target.parents
