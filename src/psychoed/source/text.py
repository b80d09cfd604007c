"""Read a content file as text, and split an article into front matter and body.

Editors save files from many tools; a file in another encoding or with a
broken front-matter fence must be reported with its name and line, not crash
the build or be skipped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from psychoed.errors import SourceError
from psychoed.findings import loader_rule

_FENCE = "---"

UNREADABLE = loader_rule(
    "source.unreadable",
    "A content file cannot be opened, so its page cannot be built.",
    "Check the file's permissions, or that a link to it points at a real file.",
)
ENCODING = loader_rule(
    "source.encoding",
    "A content file is not UTF-8 text, so some of its characters would be shown wrongly.",
    "Save the file with UTF-8 encoding.",
)
EMPTY = loader_rule(
    "source.empty",
    "An article file is empty, so there is no page to publish.",
    "Write the front matter and text, or remove the file.",
)
NO_FENCE = loader_rule(
    "frontmatter.no-fence",
    "An article does not start with front matter, so it has no title, reviewer or review date.",
    "Start the file with a `---` line, the front matter, then another `---` line.",
)
UNCLOSED = loader_rule(
    "frontmatter.unclosed",
    "An article's front matter is never closed, so its text would be read as front matter.",
    "Add a `---` line after the last front-matter key.",
)
TOO_LARGE = loader_rule(
    "source.too-large",
    "A content file is larger than this site allows, so checking and building it could take too long.",
    "Split the article into shorter ones, or raise `max_article_kb` in mkdocs.yml.",
)
RULES = (UNREADABLE, ENCODING, EMPTY, NO_FENCE, UNCLOSED, TOO_LARGE)

REGISTRY_MAX_BYTES = 2 * 1024 * 1024
"""Largest registry or settings file read: thousands of entries fit in far less."""


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` as the file at ``path`` in one step (a file beside it, then renamed over it), so an
    interrupted write never leaves half an article."""
    temporary = path.with_name(f".{path.name}.psychoed")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def read_text(path: Path, *, max_bytes: int = REGISTRY_MAX_BYTES, setting: str | None = None) -> str:
    """The file's text, decoded as UTF-8 (a byte-order mark is allowed and dropped).

    Only a regular file of at most ``max_bytes`` is read: a named pipe would
    block the build forever, and a huge file would take minutes to check.
    ``setting`` names the setting that raises the limit, for the message.
    """
    try:
        # Opened without waiting (a pipe opens at once), then asked what it is: one system call fewer per
        # file than asking first, which at 10,000 articles is a tenth of a pull request's check.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            raise SourceError(UNREADABLE.at(path, None, "is not a regular file; replace it with a text file."))
        with open(descriptor, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise SourceError(UNREADABLE.at(path, None, f"cannot be read: {error.strerror}.")) from None
    if len(data) > max_bytes:
        raise_limit = f", or raise `{setting}` in mkdocs.yml" if setting else ""
        raise SourceError(
            TOO_LARGE.at(
                path,
                None,
                f"is larger than {max_bytes // 1024} KB; split it into shorter files{raise_limit}.",
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            ENCODING.at(
                path, line, f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save the file with UTF-8 encoding."
            )
        ) from None


@dataclass(frozen=True)
class SplitArticle:
    """An article file cut at its front-matter fences."""

    front_matter: str
    """The YAML between the fences."""
    front_matter_line: int
    """File line of the first YAML line (the line after the opening ``---``)."""
    body: str
    """Everything after the closing fence."""
    body_line: int
    """File line of the first body line."""

    @classmethod
    def at(cls, lines: Sequence[str], closing: int) -> SplitArticle:
        """``lines`` cut at the fence on line index ``closing`` (from :func:`closing_fence`)."""
        return cls("".join(lines[1:closing]), 2, "".join(lines[closing + 1 :]), closing + 2)


def opens_front_matter(lines: Sequence[str]) -> bool:
    """The first line is the ``---`` fence that opens front matter."""
    return bool(lines) and lines[0].rstrip() == _FENCE


def closing_fence(lines: Sequence[str]) -> int | None:
    """The index of the ``---`` (or ``...``) line that closes the front matter the first line opens; None when
    the first line opens none, or nothing closes it. The one place the fences are read: articles, ``docs/``
    pages and ``psychoed review sign`` all cut files here."""
    if not opens_front_matter(lines):
        return None
    return next((index for index in range(1, len(lines)) if lines[index].rstrip() in (_FENCE, "...")), None)


def split_front_matter(text: str, path: Path) -> SplitArticle:
    """Cut ``text`` into YAML front matter and Markdown body.

    The file must open with a ``---`` line and the front matter must close with
    another ``---`` (or ``...``) line: the same convention MkDocs and most
    editors use.
    """
    if not text.strip():
        raise SourceError(
            EMPTY.at(
                path,
                None,
                "the file is empty; an article starts with front matter between `---` lines, then its text.",
            )
        )
    lines = text.splitlines(keepends=True)
    if not opens_front_matter(lines):
        raise SourceError(
            NO_FENCE.at(
                path,
                1,
                "the file must start with a `---` line that opens the front matter "
                "(title, description, topics, reviewer, reviewed).",
            )
        )
    closing = closing_fence(lines)
    if closing is not None:
        return SplitArticle.at(lines, closing)
    raise SourceError(
        UNCLOSED.at(
            path,
            1,
            "the front matter opened on line 1 is never closed; add a `---` line after the last front-matter key.",
        )
    )
