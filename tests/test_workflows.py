"""The GitHub workflows a clinic runs: valid, pinned, least-privileged, and no deploy without every gate."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO, run_offline

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
WRITES_ALLOWED = {"deploy": {"pages", "id-token"}, "schedule-watch": {"issues"}, "review-calendar": {"issues"}}
"""The only jobs that may write anything, and what."""


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def publish() -> dict[Any, Any]:
    return load(REPO / ".github" / "workflows" / "publish.yml")


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` block; PyYAML reads the key `on` as true (YAML 1.1), GitHub as the word."""
    found = data.get("on", data.get(True))
    assert isinstance(found, dict)
    return found


def test_there_is_one_publishing_workflow() -> None:
    assert [path.name for path in WORKFLOWS] == ["publish.yml"]


def test_workflows_match_githubs_schema_offline(tmp_path: Path) -> None:
    """check-jsonschema ships GitHub's workflow schema; the network is refused, so nothing is fetched."""
    script = (
        "import sys\nfrom check_jsonschema import main\n"
        f"sys.argv = ['check-jsonschema', '--builtin-schema', 'vendor.github-workflows', *{[str(w) for w in WORKFLOWS]!r}]\n"
        "main()\n"
    )
    done = run_offline(script, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "validation done" in done.stdout


def test_the_schema_check_would_see_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    shutil.copy(WORKFLOWS[0], broken)
    broken.write_text(broken.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    script = (
        "import sys\nfrom check_jsonschema import main\n"
        f"sys.argv = ['check-jsonschema', '--builtin-schema', 'vendor.github-workflows', {str(broken)!r}]\n"
        "main()\n"
    )
    assert run_offline(script, tmp_path).returncode == 1


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit(workflow: Path) -> None:
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    lines = [line.strip() for line in workflow.read_text(encoding="utf-8").splitlines()]
    uses = [line for line in lines if re.match(r"^(- )?uses:", line)]
    assert uses
    for line in uses:
        action, _, comment = line.split("uses:", 1)[1].partition("#")
        assert PINNED.match(action.strip()), line
        assert re.match(r"\s*v\d+", comment), f"say which release the commit is: {line}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_none_by_default_and_least_per_job(workflow: Path) -> None:
    data = load(workflow)
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"job {name} states its permissions"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        assert writes <= WRITES_ALLOWED.get(name, set()), f"job {name} may not write {writes}"
        assert set(permissions.values()) <= {"read", "write"}, name


def test_nothing_deploys_unless_every_gate_passed() -> None:
    jobs = publish()["jobs"]
    deploy = jobs["deploy"]
    gates = {name for name in jobs if name not in ("deploy", "schedule-watch", "review-calendar")}
    assert gates == {"build", "check", "test"}
    assert set(deploy["needs"]) == gates
    assert "pull_request" in deploy["if"]
    assert "refs/heads/main" in deploy["if"]
    assert "always()" not in deploy["if"]
    assert all("continue-on-error" not in job for job in jobs.values())
    # The site deployed is the one the build job built and uploaded in the same run.
    steps = [step.get("uses", "") for step in jobs["build"]["steps"]]
    assert any(step.startswith("actions/upload-pages-artifact@") for step in steps)
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_a_deploy_is_never_cancelled_halfway() -> None:
    data = publish()
    assert data["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] is False
    # Only pull request runs replace each other.
    assert data["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_pull_requests_get_every_gate_and_a_preview() -> None:
    data = publish()
    assert "pull_request" in triggers(data)
    build = data["jobs"]["build"]["steps"]
    preview = [s for s in build if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert preview
    assert preview[0]["if"] == "github.event_name == 'pull_request'"
    checks = " ".join(str(step.get("run", "")) for step in data["jobs"]["check"]["steps"])
    assert "psychoed check --format github" in checks
    assert ".venv/bin/psychoed check\n" in "\n".join(
        str(s.get("run", "")) + "\n" for s in data["jobs"]["check"]["steps"]
    )
    assert any(step.get("run") == "make test" for step in data["jobs"]["test"]["steps"])


def test_the_weekly_run_rebuilds_and_watches_its_own_schedule() -> None:
    data = publish()
    assert triggers(data)["schedule"]
    watch = data["jobs"]["schedule-watch"]
    assert watch["if"] == "github.event_name == 'schedule'"
    script = watch["steps"][-1]["run"]
    assert "gh issue create" in script
    assert "-ge 45" in script


def test_pull_requests_show_changes_since_sign_off_and_check_codeowners() -> None:
    steps = publish()["jobs"]["check"]["steps"]
    runs = "\n".join(str(step.get("run", "")) for step in steps)
    assert 'psychoed review diff "$slug" --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert ".venv/bin/psychoed codeowners --check" in runs
    assert publish()["jobs"]["check"]["steps"][0]["with"]["fetch-depth"] == 0  # the diff needs the history


def test_the_weekly_run_keeps_one_reviews_issue() -> None:
    job = publish()["jobs"]["review-calendar"]
    assert "schedule" in job["if"]
    script = job["steps"][-1]["run"]
    assert "psychoed reviews --format markdown" in script
    for command in ("gh issue edit", "gh issue create", "gh issue close"):
        assert command in script


WHOLE_SITE_STEP = "Check the whole site, every link included"


def _whole_site_check_runs(tmp_path: Path, change: dict[str, str | None], event: str = "pull_request") -> bool:
    """Run the whole-site step's script in a repository whose pull request makes ``change`` (path: new text, or
    None to delete); `psychoed` there only records that it was called, since the branching is under test."""
    step = next(s for s in publish()["jobs"]["check"]["steps"] if s.get("name") == WHOLE_SITE_STEP)
    repo = tmp_path / "repo"
    (repo / "content" / "articles").mkdir(parents=True)
    (repo / "docs").mkdir()
    for name in ("one", "two"):
        (repo / "content" / "articles" / f"{name}.md").write_text(f"{name}\n")
    (repo / "docs" / "about.md").write_text("about\n")
    psychoed = repo / ".venv" / "bin" / "psychoed"
    psychoed.parent.mkdir(parents=True)
    psychoed.write_text('#!/bin/sh\necho "$*" > "$(dirname "$0")/called"\n')
    psychoed.chmod(0o755)
    (repo / ".gitignore").write_text(".venv/\n")

    def git(*args: str) -> str:
        env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}  # fmt: skip
        done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "base")
    base = git("rev-parse", "HEAD")
    for path, text in change.items():
        target = repo / path
        if text is None:
            target.unlink()
        else:
            target.write_text(text)
    git("add", "-A")
    git("commit", "-qm", "change")
    env = {"EVENT": event, "BASE": base, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return (psychoed.parent / "called").exists()


@pytest.mark.parametrize(
    ("change", "whole_site"),
    [
        ({"content/articles/one.md": "edited\n"}, False),
        ({"content/articles/three.md": "new\n"}, False),
        ({"content/articles/one.md": None}, True),  # links to it break elsewhere
        ({"docs/about.md": "edited\n"}, True),
        ({"content/articles/one.md": "edited\n", "content/reviewers.yml": "new\n"}, True),
    ],
    ids=["edited-article", "new-article", "deleted-article", "docs-page", "article-and-registry"],
)
def test_a_pull_request_that_only_edits_articles_skips_the_whole_site_crawl(
    tmp_path: Path, change: dict[str, str | None], whole_site: bool
) -> None:
    assert _whole_site_check_runs(tmp_path, change) is whole_site


def test_main_is_always_crawled_whole(tmp_path: Path) -> None:
    assert _whole_site_check_runs(tmp_path, {"content/articles/one.md": "edited\n"}, event="push") is True


def test_the_weekly_reviews_issue_carries_the_evidence_for_a_standard() -> None:
    job = publish()["jobs"]["review-calendar"]
    script = "\n".join(str(step.get("run", "")) for step in job["steps"])
    assert '.venv/bin/psychoed audit --standard "$STANDARD" --format markdown' in script
    assert job["steps"][0]["with"]["fetch-depth"] == 0  # the audit reads the history of sign-offs
