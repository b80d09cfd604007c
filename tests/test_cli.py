"""`psychoed validate`: every content problem as path:line: message, with exit codes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from psychoed.cli.app import run

from .conftest import article_text, write_site


def call(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_valid_content_exits_0(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"one": article_text(), "two": article_text(status="draft")})
    code, out, _ = call("validate", "--config", str(root / "mkdocs.yml"))
    assert code == 0
    assert out == "2 articles (1 draft), 2 reviewers, 2 topics: no problems.\n"


def test_problems_exit_1_and_are_listed_as_path_line_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(reviewer="nobody")})
    monkeypatch.chdir(root)
    code, out, _ = call("validate")
    assert code == 1
    assert out == (
        "content/articles/one.md:6: error article.unknown-reviewer: reviewer `nobody` is not in reviewers.yml; "
        "add them there or use an existing id.\n"
        "1 problem in `content`.\n"
    )


def test_missing_config_exits_2(tmp_path: Path) -> None:
    code, _, err = call("validate", "--config", str(tmp_path / "mkdocs.yml"))
    assert code == 2
    assert err == f"psychoed: {tmp_path / 'mkdocs.yml'} not found; run from the site's folder or pass --config PATH.\n"


def test_bad_settings_exit_2(tmp_path: Path) -> None:
    root = write_site(tmp_path, {}, extra={"colors": {"primary": "#ffff00"}})
    code, _, err = call("validate", "--config", str(root / "mkdocs.yml"))
    assert code == 2
    assert "`colors.primary` #ffff00 has a contrast of 1.07:1" in err


def test_unknown_arguments_exit_2() -> None:
    assert call("validate", "--nope")[0] == 2
