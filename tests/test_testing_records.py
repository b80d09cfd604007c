"""Testing with readers: recorded as the standards ask, shown on the pages, and never anyone's personal data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import article_text, build_written_site, run_cli, write_site

ROUND = """\
sleep-round:
  date: 2026-01-10
  articles: [one]
  participants: 6
  who: Adults who had used our sleep service
  method: Read-aloud sessions
  changed: We shortened the tips and added a line on naps.
"""

pytestmark = pytest.mark.usefixtures("on_test_day")


def site(tmp_path: Path, record: str) -> Path:
    root = write_site(tmp_path, {"one": article_text("Rest helps.\n", signed=True), "two": article_text("Hi.\n")})
    (root / "content" / "testing.yml").write_text(record, encoding="utf-8")
    return root


def findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, object]]]:
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    return code, json.loads(out)["findings"]


def test_a_round_is_shown_on_the_articles_it_tested_and_on_about_this_information(tmp_path: Path) -> None:
    result = build_written_site(site(tmp_path, ROUND))
    assert result.returncode == 0, result.output
    tested = result.page("articles/one.html").select_one("[data-psychoed=testing]")
    assert tested is not None
    assert " ".join(tested.select_one("li").get_text().split()) == (
        "January 10, 2026: 6 people (Adults who had used our sleep service) read it: Read-aloud sessions. "
        "What changed: We shortened the tips and added a line on naps."
    )
    assert result.page("articles/two.html").select_one("[data-psychoed=testing]") is None
    assert result.page("about-this-information.html").select_one("[data-psychoed=testing-rounds] li") is not None


@pytest.mark.parametrize(
    ("who", "what"),
    [("Adults; contact jo.bloggs@example.org", "an email address"),
     ("Adults reached on 0161 496 0000", "a phone number"),
     ("Adults from @sleepgroup", "a handle"),
     ("Ms Patel and four others", "a name"),
     ("Six adults; one named Alex", "a name"),
     ("Sam Jones said it was clear", "a name")],
    ids=["email", "phone", "handle", "title-and-name", "named", "said"],
)  # fmt: skip
def test_a_record_with_personal_data_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, who: str, what: str
) -> None:
    root = site(tmp_path, ROUND.replace("Adults who had used our sleep service", who))
    code, found = findings(root, monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [("content/testing.yml", "testing.personal-data", 5)]
    assert f"seems to hold {what}" in str(found[0]["message"])


def test_plain_descriptions_with_ages_dates_and_counts_are_not_personal_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = "Adults aged 18-65 from our waiting list, tested on 2026-01-10 in Leeds"
    assert findings(site(tmp_path, ROUND.replace("Adults who had used our sleep service", plain)), monkeypatch) == (
        0, [])  # fmt: skip


def test_a_round_must_name_real_articles_and_say_how_many_took_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = ROUND.replace("[one]", "[one, gone]").replace("  participants: 6\n", "")
    code, found = findings(site(tmp_path, record), monkeypatch)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("testing.required", 1), ("testing.value", 3)]
