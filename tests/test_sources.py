"""Sources as evidence: recorded with who, what kind and when, re-checked at each review, shown to readers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from .conftest import SiteBuilder, article_text, run_cli, write_site

EASY = "Sleep helps you feel well. Go to bed at the same time. Get up at the same time too.\n"
GUIDE = {
    "title": "Insomnia care guide",
    "url": "https://example.org/insomnia",
    "publisher": "Example Health Institute",
    "kind": "guideline",
    "published": dt.date(2024, 3, 2),
    "checked": dt.date(2026, 1, 20),
}

pytestmark = pytest.mark.usefixtures("on_test_day")


def findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, object]]]:
    code, out, err = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    assert err == ""
    return code, json.loads(out)["findings"]


def source_findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, object, object]]:
    return [(f["rule"], f["line"], f["message"]) for f in findings(root, monkeypatch)[1] if
            str(f["rule"]).startswith("sources.")]  # fmt: skip


def test_a_complete_source_checked_at_the_review_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True, sources=[GUIDE])})
    assert findings(root, monkeypatch) == (0, [])


def test_a_source_last_checked_before_the_review_is_named_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early = {**GUIDE, "checked": dt.date(2025, 6, 1)}  # the article was reviewed on 2026-01-15
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True, sources=[early])})
    [(rule, line, message)] = source_findings(root, monkeypatch)
    assert (rule, line) == ("sources.unchecked", 9)
    assert str(message).startswith("the source “Insomnia care guide” was last checked on 2025-06-01, before the ")
    assert "run `psychoed sources checked one`" in str(message)


def test_a_source_without_its_details_or_an_old_guideline_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = {"title": "A leaflet", "url": "https://example.org/leaflet", "checked": dt.date(2026, 1, 20)}
    old = {**GUIDE, "title": "An old guideline", "published": dt.date(2015, 5, 1), "checked": dt.date(2026, 1, 21)}
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True, sources=[bare, old])})
    found = source_findings(root, monkeypatch)
    assert [(rule, line) for rule, line, _ in found] == [("sources.incomplete", 9), ("sources.old-guideline", 12)]
    assert "“A leaflet” has no `publisher`, `kind`, `published`; add them." in str(found[0][2])
    assert "a guideline from 2015-05-01, more than 5 years ago" in str(found[1][2])


def test_a_drafts_sources_wait_for_its_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = {"title": "A leaflet", "url": "https://example.org/leaflet"}
    root = write_site(tmp_path, {"one": article_text(EASY, status="draft", sources=[bare])})
    assert source_findings(root, monkeypatch) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [({"kind": "blog"}, "`kind` must be `guideline`, `systematic-review`, `trial`, `patient-organisation` or "
      "`other`, not `blog`"),
     ({"checked": dt.date(2027, 1, 1)}, "`checked` is 2027-01-01, which is in the future")],
    ids=["unknown-kind", "checked-in-the-future"],
)  # fmt: skip
def test_a_source_field_with_an_impossible_value_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: dict[str, object], message: str
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True, sources=[{**GUIDE, **value}])})
    code, found = findings(root, monkeypatch)
    assert code == 1
    assert [f["rule"] for f in found] == ["frontmatter.value"]
    assert message in str(found[0]["message"])


def test_marking_sources_checked_writes_the_date_and_keeps_the_sign_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once someone has checked the sources, one command records it on each; nothing else in the file moves."""
    unchecked = {key: value for key, value in GUIDE.items() if key != "checked"}
    early = {**GUIDE, "title": "Second", "published": dt.date(2024, 3, 3), "checked": dt.date(2025, 6, 1)}
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True, sources=[unchecked, early])})
    path = root / "content" / "articles" / "one.md"
    before = path.read_text(encoding="utf-8")
    assert [rule for rule, _, _ in source_findings(root, monkeypatch)] == ["sources.unchecked"] * 2
    code, out, err = run_cli(root, "sources", "checked", "one", "--date", "2026-02-01", monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert out == "content/articles/one.md: 2 sources marked as checked on February 1, 2026.\n"
    lines = before.splitlines()
    lines[lines.index("  checked: 2025-06-01")] = "  checked: 2026-02-01"
    lines.insert(lines.index("- title: Insomnia care guide") + 1, "  checked: 2026-02-01")
    assert path.read_text(encoding="utf-8").splitlines() == lines
    assert findings(root, monkeypatch) == (0, [])  # still signed: `checked` is not part of the fingerprint
    code, out, _ = run_cli(root, "sources", "checked", "one", "--date", "2026-02-01", monkeypatch=monkeypatch)
    assert out == "content/articles/one.md: every source was already marked as checked on February 1, 2026.\n"


def test_sources_written_in_one_line_are_not_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = article_text(EASY, signed=True).replace(
        "---\nSleep", "sources: [{title: A guide, url: 'https://example.org/g'}]\n---\nSleep"
    )
    root = write_site(tmp_path, {"one": text})
    before = (root / "content" / "articles" / "one.md").read_text(encoding="utf-8")
    code, _, err = run_cli(root, "sources", "checked", "one", monkeypatch=monkeypatch)
    assert code == 2
    assert "add `checked: YYYY-MM-DD` to each source by hand" in err
    assert (root / "content" / "articles" / "one.md").read_text(encoding="utf-8") == before


def test_the_page_and_its_json_ld_show_each_source_as_evidence(build_site: SiteBuilder) -> None:
    result = build_site({"one": article_text(EASY, signed=True, sources=[GUIDE])})
    assert result.returncode == 0, result.output
    page = result.page("articles/one.html")
    item = page.select_one("[data-psychoed=source]")
    assert item is not None
    text = " ".join(item.get_text().split())
    assert text == (
        "Insomnia care guide, Example Health Institute. Clinical guideline. Published or updated March 2, 2024. "
        "Last checked January 20, 2026."
    )
    [data] = [json.loads(s.get_text()) for s in page.select('script[type="application/ld+json"]')]
    assert data["citation"] == [{
        "@type": "CreativeWork", "name": "Insomnia care guide", "url": "https://example.org/insomnia",
        "publisher": {"@type": "Organization", "name": "Example Health Institute"},
        "datePublished": "2024-03-02", "genre": "Clinical guideline",
    }]  # fmt: skip
