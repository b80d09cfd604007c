"""Crisis resources as data (``content/crisis.yml``), and articles on sensitive topics.

Tests on this repository's own file hold in any clinic's fork: they ask only that every service loads,
names its source and a real verification date, and that every chosen service exists.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from psychoed.content.crisis import load_crisis
from psychoed.content.library import collect_library
from psychoed.findings import Problem
from psychoed.settings.load import load_settings

from .conftest import REPO, article_text, build_written_site, run_cli, write_site

pytestmark = pytest.mark.usefixtures("on_test_day")

SERVICE = """\
line:
  name: A Line
  country: GB
  contacts: [{way: call, number: "116 123"}]
  hours: Any time
  languages: [English]
  source: https://example.org/line
  verified: 2026-05-01
"""
SUICIDE = (
    "Talking about suicide can feel frightening. Asking someone about suicide does not put the idea in their head.\n"
)


def test_this_sites_crisis_services_load_and_every_chosen_one_exists() -> None:
    settings = load_settings(REPO / "mkdocs.yml")
    content = REPO / settings.content_dir
    problems: list[Problem] = []
    services = load_crisis(content / "crisis.yml", problems)
    assert problems == []
    library, found = collect_library(content, settings, dt.date.today(), root=REPO)
    assert [p for p in found if p.rule.startswith("crisis.")] == []
    assert [s.id for s in library.crisis] == list(settings.crisis.services)
    for service in services.values():
        assert service.source.startswith("https://"), service.id
        assert service.verified <= dt.date.today(), service.id
        assert service.contacts, service.id


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ("{way: call}", "`contacts` item 1: `way: call` needs a `number` with digits, spaces, + and - only."),
        ("{way: text, number: TEXT ME}", "`contacts` item 1: `way: text` needs a `number` with digits, spaces, + and - only."),
        ("{way: chat, url: 'http://example.org/chat'}", "`contacts` item 1: `way: chat` needs a `url` starting with https://."),
        ("{number: '116 123'}", "`contacts` item 1: say how readers reach the service: `way: call`, `way: text` or `way: chat`."),
    ],
)  # fmt: skip
def test_how_a_service_is_reached_is_never_assumed(tmp_path: Path, contact: str, message: str) -> None:
    path = tmp_path / "crisis.yml"
    path.write_text(SERVICE.replace('{way: call, number: "116 123"}', contact), encoding="utf-8")
    problems: list[Problem] = []
    load_crisis(path, problems)
    assert [(p.rule.id, p.line, p.message) for p in problems] == [
        ("crisis.contact", 4, f"crisis service `line`: {message}")
    ]


def test_a_text_only_service_gets_no_call_link(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra={"crisis": {"services": ["test-text"]}})
    result = build_written_site(root)
    assert result.returncode == 0, result.output
    crisis = result.page("articles/one.html").find(attrs={"data-psychoed": "crisis"})
    assert [a["href"] for a in crisis.find_all("a")] == ["sms:55123"]


def test_a_stale_service_is_a_warning_and_a_fresh_one_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    easy = article_text("Sleep helps you feel well. Go to bed at the same time.\n")
    root = write_site(tmp_path / "site", {"one": easy}, extra={"crisis": {"services": ["line"]}})
    crisis = root / "content" / "crisis.yml"
    crisis.write_text(SERVICE, encoding="utf-8")
    _, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    assert [f for f in json.loads(out)["findings"] if f["rule"] == "crisis.stale"] == []
    crisis.write_text(SERVICE.replace("2026-05-01", "2025-05-01"), encoding="utf-8")
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    [stale] = [f for f in json.loads(out)["findings"] if f["rule"] == "crisis.stale"]
    assert (code, stale["severity"], stale["path"], stale["line"]) == (0, "warning", "content/crisis.yml", 1)
    assert stale["message"].startswith("A Line was last verified on 2025-05-01, 396 days ago; check its details")


def test_a_chosen_service_missing_from_the_file_stops_the_build(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra={"crisis": {"services": ["test-line", "gone"]}})
    result = build_written_site(root)
    assert result.returncode == 1
    assert (
        "content/crisis.yml: error crisis.missing: mkdocs.yml chooses the crisis service `gone` (under "
        "`crisis.services`), but this file has no such entry; add it, or choose one of: `test-line`, `test-text`."
    ) in result.output


def _topics_with(sensitive: bool, note: str | None = None) -> str:
    text = "therapy-basics:\n  title: Suicide and self-harm\n"
    if sensitive:
        text += "  sensitive: true\n"
    if note:
        text += f"  content_note: {note}\n"
    return text + "sleep:\n  title: Sleep\n"


def test_an_article_on_a_sensitive_topic_opens_with_a_note_and_crisis_help(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"talking": article_text(SUICIDE)})
    (root / "content" / "topics.yml").write_text(_topics_with(True), encoding="utf-8")
    result = build_written_site(root)
    assert result.returncode == 0, result.output
    page = result.page("articles/talking.html")
    note = page.find(attrs={"data-psychoed": "content-note"})
    assert note.get_text().startswith("This article talks about suicide and self-harm. Read it at your own pace")
    crisis = page.find(attrs={"data-psychoed": "article-crisis"})
    assert page.find("h1").find_next(attrs={"data-psychoed": "content-note"}) is note
    assert [a["href"] for a in crisis.find_all("a")] == ["tel:5550100", "sms:5550100", "sms:55123"]


def test_an_article_about_suicide_in_no_sensitive_topic_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "site", {"talking": article_text(SUICIDE)})
    (root / "content" / "topics.yml").write_text(_topics_with(False), encoding="utf-8")
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    found = [(f["rule"], f["line"]) for f in json.loads(out)["findings"] if f["rule"] == "crisis.sensitive-topic"]
    assert (code, found) == (1, [("crisis.sensitive-topic", 9)])
    (root / "content" / "topics.yml").write_text(_topics_with(True, "We talk about suicide here."), encoding="utf-8")
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    assert [f for f in json.loads(out)["findings"] if f["rule"] == "crisis.sensitive-topic"] == []


def test_one_sentence_pointing_to_help_needs_no_sensitive_topic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Sleep helps you feel well.\n\nIf you have thoughts of suicide, call a crisis line now.\n"
    root = write_site(tmp_path / "site", {"sleep": article_text(body)})
    (root / "content" / "topics.yml").write_text(_topics_with(False), encoding="utf-8")
    _, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    assert [f for f in json.loads(out)["findings"] if f["rule"] == "crisis.sensitive-topic"] == []
