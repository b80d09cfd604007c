"""``psychoed audit``: every criterion of a standard, with the evidence the repository holds or what is missing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from psychoed.audit.standards import STANDARDS
from psychoed.site import Site

from .conftest import REPO, article_text, run_cli, write_site

SOURCE = {"title": "A guide", "url": "https://example.org/guide", "publisher": "Example Institute",
          "kind": "guideline", "published": dt.date(2024, 3, 2), "checked": dt.date(2026, 2, 1)}  # fmt: skip
ROUND = (
    "spring:\n  date: 2026-02-10\n  participants: 5\n  who: Adults from our waiting list\n  changed: Shorter tips.\n"
)


def audit(root: Path, monkeypatch: pytest.MonkeyPatch, standard: str, form: str) -> str:
    code, out, err = run_cli(root, "audit", "--standard", standard, "--format", form, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("standard", sorted(STANDARDS))
def test_the_sample_site_gets_every_criterion_with_evidence_or_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, standard: str
) -> None:
    """As a new user would run it on the sample site: Markdown an assessor reads, JSON a tool reads."""
    criteria = STANDARDS[standard].criteria
    text = audit(REPO, monkeypatch, standard, "markdown")
    for criterion in criteria:
        assert f"## {criterion.id}. {criterion.title}" in text
    document = json.loads(audit(REPO, monkeypatch, standard, "json"))
    assert [c["id"] for c in document["criteria"]] == [c.id for c in criteria]
    for item in document["criteria"]:
        assert item["status"] in ("evidence", "partial", "missing", "outside")
        assert item["status"] == "outside" or item["evidence"], item
        assert all(e["shown"] or e["missing"] for e in item["evidence"]), item
    # Honest about the site, whatever a clinic has made of it: a sample reviewer's sign-offs and a library with
    # no testing recorded are reported as missing.
    site = Site.open(REPO / "mkdocs.yml")
    sampled = any(site.library.reviewers[a.reviewer].sample for a in site.library.articles if a.is_current)
    assert ("Signed by the sample reviewer, not a real clinician" in text) is sampled
    assert ("No testing with readers recorded" in text) is (not site.library.testing)


@pytest.mark.usefixtures("on_test_day")
def test_recorded_evidence_turns_a_missing_criterion_into_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = write_site(tmp_path / "bare", {"one": article_text("Rest helps.\n", signed=True)})

    def evidence(root: Path) -> dict[str, str]:
        document = json.loads(audit(root, monkeypatch, "pif-tick", "json"))
        return {c["title"]: c["status"] for c in document["criteria"]}

    before = evidence(bare)
    assert (before["Evidence"], before["Involving users"]) == ("partial", "missing")  # signed, but no sources
    full = write_site(tmp_path / "full", {"one": article_text("Rest helps.\n", signed=True, sources=[SOURCE])})
    (full / "content" / "testing.yml").write_text(ROUND, encoding="utf-8")
    after = evidence(full)
    assert (after["Evidence"], after["Involving users"]) == ("evidence", "evidence")
    human = audit(full, monkeypatch, "pif-tick", "human")
    assert "+ 1 of 1 published article list their sources" in human
    assert "+ 1 round of testing with 5 readers, the latest on 2026-02-10" in human


@pytest.mark.usefixtures("on_test_day")
def test_an_audit_of_content_that_does_not_load_says_to_fix_it_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {"one": article_text("Rest.\n", reviewer="nobody")})
    code, out, err = run_cli(root, "audit", "--standard", "nhs", monkeypatch=monkeypatch)
    assert (code, out) == (2, "")
    assert "article.unknown-reviewer" in err
    assert "fix these first" in err
