"""Files that are not readable articles are reported with their name and line."""

from __future__ import annotations

import inspect
import os
import sys
import time
from pathlib import Path

import pytest

from psychoed.errors import SourceError
from psychoed.source.text import read_text, split_front_matter
from psychoed.source.tree import links_outside


def test_non_utf8_file_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(SourceError) as caught:
        read_text(path)
    problem = caught.value.problem
    assert (problem.path, problem.line, problem.rule.id) == (path, 2, "source.encoding")
    assert problem.message == "is not UTF-8 text (byte 0xe9); save the file with UTF-8 encoding."


@pytest.mark.parametrize("kind", ["pipe", "folder", "missing"])
def test_a_file_that_is_not_a_regular_file_is_reported_at_once_not_read(tmp_path: Path, kind: str) -> None:
    """A named pipe would block the build for ever if read: it is refused without waiting for a writer."""
    path = tmp_path / "a.md"
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        read_text(path)
    assert time.monotonic() - started < 5
    problem = caught.value.problem
    assert (problem.path, problem.rule.id) == (path, "source.unreadable")
    expected = "cannot be read: No such file or directory." if kind == "missing" else "is not a regular file"
    assert problem.message.startswith(expected)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\ntitle: A\n---\nBody\n".encode())
    assert split_front_matter(read_text(path), path).front_matter == "title: A\n"


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("", "source.empty", None),
        ("  \n\n", "source.empty", None),
        ("title: A\n---\nBody\n", "frontmatter.no-fence", 1),
        ("---\ntitle: A\nBody without a closing fence\n", "frontmatter.unclosed", 1),
    ],
)
def test_broken_front_matter_is_reported(text: str, rule: str, line: int | None) -> None:
    with pytest.raises(SourceError) as caught:
        split_front_matter(text, Path("a.md"))
    assert (caught.value.problem.rule.id, caught.value.problem.line) == (rule, line)


def test_split_keeps_file_lines_of_front_matter_and_body() -> None:
    split = split_front_matter("---\ntitle: A\nreviewer: b\n---\nIntro\n## 1. Tip\n", Path("a.md"))
    assert split.front_matter == "title: A\nreviewer: b\n"
    assert (split.front_matter_line, split.body_line) == (2, 5)
    assert split.body == "Intro\n## 1. Tip\n"


def test_a_link_under_folders_nested_deeper_than_python_recurses_is_still_reported(tmp_path: Path) -> None:
    """A pull request can nest folders in docs/ deeper than Python's call stack goes (a thousand levels fit in a
    path git keeps); the link at the bottom, to outside the repository, is reported like any other, never a
    RecursionError. Here the stack is made shallower than the folders for the time of the check."""
    root = tmp_path / "site"
    deepest = root / "docs" / Path(*["a"] * 300)
    deepest.mkdir(parents=True)
    (deepest / "leak.md").symlink_to(tmp_path / "outside.md")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        found = links_outside(root / "docs", root)
    finally:
        sys.setrecursionlimit(limit)
    assert [(problem.rule.id, problem.path) for problem in found] == [("source.outside-link", deepest / "leak.md")]
