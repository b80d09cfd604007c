"""The GitHub workflows a clinic runs: valid, pinned, least-privileged, and no deploy without every gate."""

from __future__ import annotations

import re
import shutil
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
