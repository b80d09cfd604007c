"""Clinical sign-off, end to end as an editor and a reviewer use it: ``psychoed new``, ``review sign``,
``check``, ``review diff`` (through real git history), ``reviews`` and ``codeowners``.

Every site here is written in a temporary folder, with its own content and reviewers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from psychoed.content.model import Source
from psychoed.review.fingerprint import ClinicalText, set_front_matter

from .conftest import REPO, REVIEWERS, article_text, run_cli, write_site

pytestmark = pytest.mark.usefixtures("on_test_day")

SIGNOFF_ON = {"check": {"rules": {"signoff.unsigned": "warning"}}}
WITH_GITHUB = REVIEWERS.replace(
    "  role: Clinical social worker\n", "  role: Clinical social worker\n  github: '@dana-example'\n"
)


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def _repository(root: Path) -> None:
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "editor@example.org")
    _git(root, "config", "user.name", "Editor")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")


def _findings(root: Path, monkeypatch: pytest.MonkeyPatch, *, lines: bool = False) -> tuple[int, list[Any]]:
    """The check's exit code and its findings as (path, rule), or (path, rule, line)."""
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    findings = json.loads(out)["findings"]
    return code, [(f["path"], f["rule"], f["line"]) if lines else (f["path"], f["rule"]) for f in findings]


@pytest.fixture
def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A site with one article drafted by `psychoed new` and signed by `psychoed review sign`, committed."""
    root = write_site(tmp_path / "site", {}, extra=SIGNOFF_ON)
    code, out, err = run_cli(
        root, "new", "Getting to sleep", "--topic", "therapy-basics", "--reviewer", "real-reviewer",
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, err
    path = root / "content" / "articles" / "getting-to-sleep.md"
    assert out.startswith("content/articles/getting-to-sleep.md: a draft.")
    assert _findings(root, monkeypatch) == (0, [])  # a draft: unsigned, and its model text not yet replaced
    code, out, err = run_cli(
        root, "review", "sign", "getting-to-sleep", "--by", "real-reviewer", monkeypatch=monkeypatch
    )
    assert code == 0, err
    assert re.match(
        r"content/articles/getting-to-sleep\.md: signed by Dana Example, LCSW on June 1, 2026 \(sha256:", out
    )
    _repository(root)
    return root, path


def test_a_new_article_once_signed_passes_the_check(
    drafted: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, path = drafted
    assert _findings(root, monkeypatch) == (0, [])
    text = path.read_text(encoding="utf-8")
    assert "status: draft\n" in text
    assert re.search(r"^reviewer: real-reviewer\nreviewed: 2026-06-01\n", text, re.MULTILINE)
    assert re.search(r"^fingerprint: sha256:[0-9a-f]{32}\n---\n", text, re.MULTILINE)


def test_rewrapping_and_blank_lines_keep_the_sign_off(
    drafted: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, path = drafted
    text = path.read_text(encoding="utf-8")
    rewrapped = text.replace(
        "Use short sentences and everyday words.", "Use short sentences\nand everyday  words.   \n\n"
    )
    assert rewrapped != text
    path.write_text(rewrapped.replace("\n## 2.", "\n\n\n## 2."), encoding="utf-8")
    assert _findings(root, monkeypatch) == (0, [])


def test_one_added_sentence_fails_the_check_and_the_diff_shows_exactly_it(
    drafted: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, path = drafted
    sentence = "Take two tablets before bed."
    text = path.read_text(encoding="utf-8").replace("can do today.", f"can do today. {sentence}")
    path.write_text(text, encoding="utf-8")
    code, found = _findings(root, monkeypatch)
    assert (code, found) == (1, [("content/articles/getting-to-sleep.md", "signoff.changed")])
    _, out, _ = run_cli(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert (
        "`getting-to-sleep` has changed since Dana Example, LCSW signed it off on June 1, 2026; ask for a new review"
        in out
    )
    code, found = _findings(root, monkeypatch, lines=True)
    changed_line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("Write the next idea here. Say what the reader can do today. " + sentence)
    )
    assert found == [("content/articles/getting-to-sleep.md", "signoff.changed", changed_line + 1)]  # the edit
    code, out, err = run_cli(root, "review", "diff", "getting-to-sleep", monkeypatch=monkeypatch)
    assert code == 0, err
    # By section, the changed line and a line either side; nothing from the sections that did not change.
    assert "2. The second tip:\n" in out
    assert "  - Write the next idea here. Say what the reader can do today.\n" in out
    assert f"  + Write the next idea here. Say what the reader can do today. {sentence}\n" in out
    assert "  + " not in out.replace(f"  + Write the next idea here. Say what the reader can do today. {sentence}", "")
    assert "1. The first tip" not in out
    code, out, _ = run_cli(root, "review", "diff", "getting-to-sleep", "--format", "markdown", monkeypatch=monkeypatch)
    assert "### Getting to sleep (`content/articles/getting-to-sleep.md`)" in out
    assert "#### 2\\. The second tip\n\n```diff\n" in out
    assert f"\n+Write the next idea here. Say what the reader can do today. {sentence}\n" in out
    # Signing again accepts the change.
    run_cli(root, "review", "sign", "getting-to-sleep", "--by", "real-reviewer", monkeypatch=monkeypatch)
    assert _findings(root, monkeypatch) == (0, [])


def test_a_changed_word_a_removed_source_or_another_reviewer_breaks_the_sign_off() -> None:
    base = ClinicalText("Sleep", "About sleep.", "Take 1 tablet.\n", (Source("Guide", "https://example.org"),),
                        "dana", dt.date(2026, 1, 1))  # fmt: skip
    same = ClinicalText("Sleep ", "About\nsleep.", "Take  1\ntablet.\n\n", base.sources, "dana", dt.date(2026, 1, 1))
    assert same.fingerprint() == base.fingerprint()
    changes = [
        ClinicalText("Sleep", "About sleep.", "Take 2 tablets.\n", base.sources, "dana", base.reviewed),
        ClinicalText("Sleep", "About sleep.", "Take 1 tablet.\n", (), "dana", base.reviewed),
        ClinicalText("Sleep", "About sleep.", "Take 1 tablet.\n", base.sources, "alex", base.reviewed),
        ClinicalText("Sleep", "About sleep.", "Take 1 tablet.\n", base.sources, "dana", dt.date(2026, 1, 2)),
        ClinicalText("Sleeping", "About sleep.", "Take 1 tablet.\n", base.sources, "dana", base.reviewed),
    ]
    assert len({text.fingerprint() for text in changes} | {base.fingerprint()}) == len(changes) + 1


def test_changing_the_byline_by_hand_breaks_the_sign_off(
    drafted: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, path = drafted
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: 2026-06-01", "reviewed: 2026-05-01"))
    assert _findings(root, monkeypatch) == (1, [("content/articles/getting-to-sleep.md", "signoff.changed")])


def test_the_diff_without_git_history_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path / "site", {"one": article_text("Some text.\n", signed=True)})
    path = root / "content" / "articles" / "one.md"
    path.write_text(path.read_text(encoding="utf-8") + "More text.\n", encoding="utf-8")
    code, _, err = run_cli(root, "review", "diff", "one", monkeypatch=monkeypatch)
    assert code == 2
    assert "there is no git history here, so the signed version cannot be found" in err


def test_new_refuses_an_existing_slug_and_unknown_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path / "site", {"getting-to-sleep": article_text()})
    before = (root / "content" / "articles" / "getting-to-sleep.md").read_text(encoding="utf-8")
    args = ["new", "Getting to Sleep", "--topic", "therapy-basics", "--reviewer", "real-reviewer"]
    code, _, err = run_cli(root, *args, monkeypatch=monkeypatch)
    assert code == 2
    assert "getting-to-sleep.md already exists; choose another title, or edit that article." in err
    assert (root / "content" / "articles" / "getting-to-sleep.md").read_text(encoding="utf-8") == before
    code, _, err = run_cli(
        root, "new", "Other", "--topic", "sleeep", "--reviewer", "real-reviewer", monkeypatch=monkeypatch
    )
    assert (code, "`sleeep` is not in topics.yml" in err) == (2, True)


def test_signing_every_existing_article_keeps_reviewers_and_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    easy = "Sleep helps you feel well. Go to bed at the same time.\n"
    articles = {
        "one": article_text(easy, reviewed=dt.date(2025, 3, 4)),
        "two": article_text(easy, reviewer="sample-reviewer"),
    }
    root = write_site(tmp_path / "site", articles, extra=SIGNOFF_ON)
    code, out, _ = run_cli(root, "review", "sign", "--all", "--existing", monkeypatch=monkeypatch)
    assert code == 0
    assert out.splitlines()[-1] == "2 articles signed, each with its text as it is today."
    one = (root / "content" / "articles" / "one.md").read_text(encoding="utf-8")
    assert "reviewer: real-reviewer\n" in one
    assert "reviewed: 2025-03-04\n" in one
    assert _findings(root, monkeypatch)[0] == 0
    assert not [rule for _, rule in _findings(root, monkeypatch)[1] if rule.startswith("signoff.")]


def test_this_repositorys_codeowners_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a clinic's fork too: a reviewer or article added without `psychoed codeowners` fails here. It runs on
    the real date, since this repository's articles may have been signed today (not on the fixture sites' day)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    code, out, _ = run_cli(REPO, "codeowners", "--check", monkeypatch=monkeypatch)
    assert (code, out) == (0, ".github/CODEOWNERS is up to date.\n")


def test_a_new_draft_claims_no_review_until_it_is_signed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`psychoed new` names the reviewer-to-be but writes no review date; publishing it unsigned is refused
    with the command that writes one, and `--existing` has no earlier review to keep."""
    root = write_site(tmp_path / "site", {}, extra=SIGNOFF_ON)
    run_cli(root, "new", "Getting to sleep", "--topic", "therapy-basics", "--reviewer", "real-reviewer",
            monkeypatch=monkeypatch)  # fmt: skip
    path = root / "content" / "articles" / "getting-to-sleep.md"
    assert "reviewer: real-reviewer\n" in path.read_text(encoding="utf-8")
    assert "reviewed:" not in path.read_text(encoding="utf-8")
    code, _, err = run_cli(root, "review", "sign", "getting-to-sleep", "--existing", monkeypatch=monkeypatch)
    assert code != 0
    assert "has no `reviewed` date, so there is no earlier review to keep" in err
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    code, out, _ = run_cli(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert (
        "getting-to-sleep.md:6: error frontmatter.required: `reviewed` is required: the article is to be "
        "published, so its reviewer signs it with `psychoed review sign getting-to-sleep --by REVIEWER`" in out
    )


def test_front_matter_is_edited_in_place() -> None:
    """Existing lines are replaced where they are; a new key goes after the one before it, if written."""
    text = "---\n# a comment\ntitle: A\nreviewer: old\ntopics:\n  - reviewer: not-this\n---\nreviewer: body\n"
    edited = set_front_matter(text, {"reviewer": "new", "reviewed": "2026-06-01", "fingerprint": "sha256:" + "0" * 32})
    assert edited == (
        "---\n# a comment\ntitle: A\nreviewer: new\nreviewed: 2026-06-01\ntopics:\n  - reviewer: not-this\n"
        f"fingerprint: sha256:{'0' * 32}\n---\nreviewer: body\n"
    )


def test_reviews_lists_overdue_unsigned_and_changed_articles_by_reviewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = {
        "old": article_text(reviewed=dt.date(2020, 1, 1), next_review=dt.date(2021, 1, 1), signed=True),
        "soon": article_text(reviewed=dt.date(2024, 1, 1), next_review=dt.date(2026, 6, 20), signed=True),
        "fine": article_text(signed=True),
        "unsigned": article_text(),
        "edited": article_text("Text.\n", signed=True).replace("Text.", "Other text."),
    }
    root = write_site(tmp_path / "site", articles)
    code, out, _ = run_cli(root, "reviews", "--format", "json", monkeypatch=monkeypatch)
    assert code == 0
    listed = {a["slug"]: a for a in json.loads(out)["articles"]}
    assert {slug: a["state"] for slug, a in listed.items()} == {
        "old": "overdue", "edited": "changed", "unsigned": "unsigned", "soon": "due-soon",
    }  # fmt: skip
    assert listed["old"] | {"states": None} == {
        "path": "content/articles/old.md", "slug": "old", "title": "A plain title", "reviewer": "real-reviewer",
        "reviewed": "2020-01-01", "next_review": "2021-01-01", "state": "overdue", "states": None,
        "article": "old", "language": None,
    }  # fmt: skip
    assert list(listed) == ["old", "edited", "unsigned", "soon"]  # most urgent first
    code, out, _ = run_cli(root, "reviews", "--within", "10", monkeypatch=monkeypatch)
    assert "soon" not in out
    assert out.startswith("Dana Example, LCSW (3):\n  content/articles/old.md: overdue; next review 2021-01-01\n")
    _, out, _ = run_cli(root, "reviews", "--format", "markdown", monkeypatch=monkeypatch)
    assert "## Dana Example, LCSW\n\n| Article | State | Next review |" in out


def test_codeowners_is_written_from_the_reviewers_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    owners = {"owners": {"content": ["@clinic/editors"], "code": ["@clinic/maintainers"]}}
    articles = {"one": article_text(), "two": article_text(reviewer="sample-reviewer")}
    root = write_site(tmp_path / "site", articles, extra=owners)
    (root / "content" / "reviewers.yml").write_text(WITH_GITHUB, encoding="utf-8")
    code, out, _ = run_cli(root, "codeowners", "--check", monkeypatch=monkeypatch)
    assert (code, out) == (1, ".github/CODEOWNERS is out of date; run `psychoed codeowners` and commit it.\n")
    code, out, _ = run_cli(root, "codeowners", monkeypatch=monkeypatch)
    assert code == 0
    assert "1 article fall back to `owners.content`" in out.replace("articles fall", "article fall")
    text = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == [
        "/content/ @clinic/editors",
        "/content/articles/one.md @dana-example",
        "/content/reviewers.yml @clinic/maintainers",
        "/content/crisis.yml @clinic/maintainers",
        "/strings/ @clinic/maintainers",
        *[f"{path} @clinic/maintainers" for path in
          ("/mkdocs.yml", "/hooks/", "/overrides/", "/src/", "/.github/", "/pyproject.toml", "/Makefile", "/.ci/",
           "/docs/", "/tools/", "/tests/", "/bench/")],
    ]  # fmt: skip
    assert run_cli(root, "codeowners", "--check", monkeypatch=monkeypatch)[0] == 0
    # A new article by the same reviewer makes the file stale again.
    (root / "content" / "articles" / "three.md").write_text(article_text(), encoding="utf-8")
    assert run_cli(root, "codeowners", "--check", monkeypatch=monkeypatch)[0] == 1


def test_signing_everything_says_which_articles_could_not_be_signed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = {"one": article_text(), "broken": article_text(title=None)}
    root = write_site(tmp_path / "site", articles)
    code, out, _ = run_cli(root, "review", "sign", "--all", "--existing", monkeypatch=monkeypatch)
    assert code == 1
    assert out.splitlines()[-2:] == [
        "1 article signed, each with its text as it is today.",
        "1 article could not be loaded, so was not signed; fix them (`psychoed validate`) and sign again.",
    ]
    assert "fingerprint:" not in (root / "content" / "articles" / "broken.md").read_text(encoding="utf-8")
