"""Hostile and broken input: each is refused by ``psychoed check`` with the file, the line where there is
one, and exit 1 (2 for settings), quickly, and never with a traceback.

The corpus is in :mod:`tests.hostile`; each case is a small site of its own, written in a temporary
folder, so the test says nothing about this repository's content and holds in any clinic's fork.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from psychoed.cli.app import run

from .conftest import article_text, write_site
from .hostile import CORPUS, Hostile

SECONDS = 2.0
"""The most one check of one small hostile site may take."""

pytestmark = pytest.mark.usefixtures("on_test_day")


def _write(root: Path, case: Hostile) -> Path:
    articles: dict[str, str] = {}
    if case.body is not None:
        articles["one"] = article_text(case.body)
    elif case.article is None:
        articles["one"] = article_text("Short text. It is easy to read.\n")
    write_site(root, articles, extra=case.extra)
    if isinstance(case.article, bytes):
        (root / "content" / "articles" / "one.md").write_bytes(case.article)
    elif case.article is not None:
        (root / "content" / "articles" / "one.md").write_text(case.article, encoding="utf-8")
    for relative, text in case.files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    if case.outside_link is not None:
        outside = root.parent / "outside"
        outside.mkdir()
        (outside / "file.md").write_text(article_text("Not from this repository.\n"), encoding="utf-8")
        target = outside if case.outside_link.endswith("etc") else outside / "file.md"
        (root / case.outside_link).symlink_to(target)
    if case.patch is not None:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert case.patch[0] in text
        config.write_text(text.replace(*case.patch), encoding="utf-8")
    return root


def _line(root: Path, case: Hostile) -> int | None:
    if case.line_of is None:
        return None
    lines = (root / case.file).read_bytes().decode("utf-8", errors="replace").splitlines()
    return next(number for number, text in enumerate(lines, 1) if case.line_of in text)


def _check(root: Path, *argv: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str, float]:
    monkeypatch.chdir(root)
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code = run(["check", "--no-links", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue(), time.perf_counter() - started


def test_the_corpus_has_at_least_forty_cases() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_input_is_refused_at_its_file_and_line(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CORPUS[name]
    root = _write(tmp_path / "site", case)
    code, out, err, seconds = _check(root, "--format", "json", monkeypatch=monkeypatch)
    assert "Traceback" not in out + err
    assert code == case.exit_code, out + err
    assert seconds < SECONDS, f"{seconds:.2f} s"
    if case.exit_code == 2:  # settings: the problems are printed, in the one human form
        expected = f"{case.file}:{_line(root, case)}: error {case.rule}: "
        assert expected in err, err
        return
    found = [(f["path"], f["line"], f["rule"]) for f in json.loads(out)["findings"]]
    assert (case.file, _line(root, case), case.rule) in found, found


def test_a_key_with_a_newline_cannot_forge_a_line_in_the_ci_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _write(tmp_path / "site", CORPUS["newline in a key"])
    for form in ("human", "github"):
        code, out, err, _ = _check(root, "--format", form, monkeypatch=monkeypatch)
        assert code == 1
        lines = (out + err).splitlines()
        assert not [line for line in lines if line.startswith("::error file=forged.md")], lines
        assert any("\\n::error file=forged.md" in line or "%0A::error" in line for line in lines), lines
