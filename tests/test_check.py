"""`psychoed check`: each rule passes good content and reports bad content at its file and line."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from psychoed.checks import links
from psychoed.checks.catalog import catalog
from psychoed.content import articles
from psychoed.formats import github
from psychoed.site import Site

from .conftest import article_text, run_cli, write_site

EASY = "Sleep helps you feel well. Go to bed at the same time. Get up at the same time too.\n"
HARD_SENTENCE = (
    "Understanding the physiological consequences of insufficient sleep can motivate individuals "
    "to prioritise consistent routines and environmental adjustments every evening at home."
)
HARD = (
    f"{HARD_SENTENCE}\n"
    "Psychological interventions demonstrate considerable effectiveness regarding persistent insomnia.\n"
    "Cognitive behavioural therapy addresses maladaptive beliefs concerning sleeplessness.\n"
)


pytestmark = pytest.mark.usefixtures("on_test_day")


def check(root: Path, *argv: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """Run `psychoed check` from the project folder, as editors and CI do."""
    return run_cli(root, "check", *argv, monkeypatch=monkeypatch)


def findings(root: Path, *argv: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, object]]]:
    code, out, err = check(root, "--format", "json", *argv, monkeypatch=monkeypatch)
    assert err == ""
    return code, json.loads(out)["findings"]


def rules(items: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(f["rule"], f["severity"], f["line"]) for f in items]


# Review metadata ---------------------------------------------------------------------------------


def test_good_content_exits_0_with_no_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)})
    code, out, _ = check(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 0
    assert out.endswith("Links were not checked.\n1 article checked: 0 errors, 0 warnings, 0 notices.\n")


def test_loader_problems_are_errors_with_their_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = {"one": article_text(EASY, reviewer="nobody"), "two": article_text(EASY, reviewed=dt.date(2026, 7, 1))}
    code, found = findings(write_site(tmp_path, articles), "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["severity"], f["line"]) for f in found] == [
        ("content/articles/one.md", "article.unknown-reviewer", "error", 6),
        ("content/articles/two.md", "frontmatter.reviewed-future", "error", 7),
    ]


def test_overdue_review_is_a_warning_and_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = article_text(EASY, reviewed=dt.date(2023, 1, 10), next_review=dt.date(2026, 1, 10))
    root = write_site(tmp_path, {"one": text})
    code, out, _ = check(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 0
    assert (
        "content/articles/one.md:8: warning review.overdue: the clinical review was due on 2026-01-10, 142 days ago, "
        "and the page tells readers it is overdue; have a clinician review it, then update `reviewed`"
    ) in out


def test_overdue_review_fails_when_settings_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = article_text(EASY, reviewed=dt.date(2023, 1, 10), next_review=dt.date(2026, 1, 10))
    root = write_site(tmp_path, {"one": text}, extra={"check": {"rules": {"review.overdue": "error"}}})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert (code, rules(found)) == (1, [("review.overdue", "error", 8)])


def test_review_due_within_60_days_is_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soon = article_text(EASY, reviewed=dt.date(2024, 1, 1), next_review=dt.date(2026, 7, 31))
    later = article_text(EASY, reviewed=dt.date(2024, 1, 1), next_review=dt.date(2026, 8, 1))
    root = write_site(tmp_path, {"soon": soon, "later": later})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert (code, rules(found)) == (0, [("review.due-soon", "notice", 8)])
    assert found[0]["path"] == "content/articles/soon.md"
    assert found[0]["message"] == (
        "the next clinical review is due on 2026-07-31, in 60 days; book it with the reviewer now."
    )


def test_sample_reviewer_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, reviewer="sample-reviewer")})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert (code, rules(found)) == (0, [("review.sample-reviewer", "warning", 6)])


def test_drafts_get_no_review_timing_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = article_text(EASY, status="draft", reviewed=dt.date(2020, 1, 1), next_review=dt.date(2021, 1, 1))
    root = write_site(tmp_path, {"one": text})
    assert findings(root, "--no-links", monkeypatch=monkeypatch) == (0, [])


def test_a_draft_may_link_to_a_draft_but_a_published_article_may_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one rule on drafts, as the README gives it: drafts link to and relate to drafts freely; a published
    article's link to a draft is broken, since the draft has no page on the published site."""
    articles = {
        "first-draft": article_text(EASY + "\nSee [the next one](second-draft.md).\n", status="draft",
                                    related=["second-draft"]),
        "second-draft": article_text(EASY, status="draft"),
        "published": article_text(EASY + "\nSee [the draft](second-draft.md).\n", related=["second-draft"]),
    }  # fmt: skip
    root = write_site(tmp_path, articles)
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert sorted((f["path"], f["rule"]) for f in found) == [
        ("content/articles/published.md", "article.related-draft"),
        ("content/articles/published.md", "links.broken"),
    ]
    (root / "content" / "articles" / "published.md").write_text(
        article_text(EASY + "\nSee [the draft](second-draft.md).\n"), encoding="utf-8"
    )
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert [(f["path"], f["rule"]) for f in found] == [("content/articles/published.md", "links.broken")]
    assert "is a draft, which is not published" in str(found[0]["message"])


def test_reviewer_without_credentials_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)})
    (root / "content" / "reviewers.yml").write_text("real-reviewer:\n  name: Dana Example\n", encoding="utf-8")
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [("content/reviewers.yml", "reviewers.required", 1)]
    assert "`credentials` is required" in str(found[0]["message"])


# Reading level -----------------------------------------------------------------------------------


def test_hard_article_fails_naming_its_hardest_sentences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"hard": article_text(EASY + "\n" + HARD)})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    grade = found[0]
    assert (grade["rule"], grade["severity"], grade["line"]) == ("reading.grade", "error", 9)
    message = str(grade["message"])
    assert message.startswith("the article reads at grade ")
    assert "the limit is 8 and the target is 6. Rewrite the hardest sentences first" in message
    assert "line 11 (21 words (aim for 20 or fewer); long words: Understanding, physiological" in message
    # Each named sentence also gets a notice on its own line, where a pull request shows it.
    assert ("reading.sentence", "notice", 11) in rules(found)


def test_easy_article_passes_and_reports_its_scores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"easy": article_text(EASY)})
    code, out, _ = check(root, "--format", "json", "--no-links", monkeypatch=monkeypatch)
    level = json.loads(out)["articles"][0]["reading_level"]
    assert code == 0
    assert set(level) == {"flesch_kincaid_grade", "smog", "flesch_reading_ease"}
    assert level["flesch_kincaid_grade"] < 3
    assert level["flesch_reading_ease"] > 90


def test_limit_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    limits = {"max_grade": 20, "warn_smog": 25, "max_smog": 25}
    root = write_site(tmp_path, {"hard": article_text(EASY + "\n" + HARD)}, extra={"check": limits})
    assert findings(root, "--no-links", monkeypatch=monkeypatch)[0] == 0


def test_hard_section_in_an_easy_article_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = EASY * 12 + "\n## A hard part\n\n" + HARD + "\n## An easy end\n\n" + EASY * 12
    root = write_site(tmp_path, {"mixed": article_text(body)}, extra={"check": {"min_section_words": 20}})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 0
    assert rules(found) == [("reading.section-grade", "warning", 22), ("reading.sentence", "notice", 25)]
    assert str(found[0]["message"]).startswith("the section “A hard part” reads at grade ")


def test_short_sections_are_not_graded_on_their_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = EASY * 12 + "\n## Short\n\nCognitive behavioural therapy addresses maladaptive beliefs.\n"
    root = write_site(tmp_path, {"mixed": article_text(body)})
    assert findings(root, "--no-links", monkeypatch=monkeypatch) == (0, [])


# Paths ------------------------------------------------------------------------------------------


def test_paths_limit_the_report_but_references_resolve_against_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(
        tmp_path,
        {"good": article_text(EASY, related=["other"]), "other": article_text(EASY, reviewer="nobody")},
    )
    (root / "README.md").write_text("Not content.\n")
    code, out, _ = check(root, "--no-links", "content/articles/good.md", "README.md", monkeypatch=monkeypatch)
    assert code == 0
    assert "Not content, so not checked: `README.md`." in out
    assert "1 more finding in files not asked for; run `psychoed check` alone to see them." in out
    assert out.endswith("1 article checked: 0 errors, 0 warnings, 0 notices.\n")


def test_checking_one_article_finds_for_it_what_checking_everything_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a pull request runs for one changed article: the same findings for that article, with links."""
    body = HARD + "\nRead [the other page](other.md), [a part of it](other.md#nowhere) and [this](gone.md).\n"
    other = article_text(HARD + "\n## Wind down\n\nDim the lights.\n")
    root = write_site(tmp_path, {"one": article_text(body, related=["other"]), "other": other})
    _, everything = findings(root, monkeypatch=monkeypatch)
    code, one = findings(root, "content/articles/one.md", monkeypatch=monkeypatch)
    assert code == 1
    assert one == [f for f in everything if f["path"] == "content/articles/one.md"]
    assert {"reading.grade", "links.broken", "links.anchor"} <= {str(f["rule"]) for f in one}


EVERY_KIND_OF_LINK = """
## Own part

Links: [fine](other.md), [a part](other.md#wind-down), [no part](other.md#nowhere), [gone](gone.md).

Here: [this part](#own-part), [no such part](#nowhere-here), [a theme part](#psy-main).

Pages: [about](../about.md#what-we-do), [about, no part](../about.md#nope), [a topic](../topics/therapy-basics.md).

Files: [a chart](../chart.png), [no chart](../missing.png), ![a picture](../images/calm.png).

Addresses: [as built](other.html), [a folder](../other/), [from the root](/about/), [up](../../outside.html).

Other sites: [mail](mailto:help@example.org), [web](https://example.org/x).
"""


@pytest.mark.parametrize("directory_urls", [False, True], ids=["page-addresses", "directory-addresses"])
def test_one_articles_links_followed_from_its_text_are_what_the_whole_site_crawl_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    """A pull request's check follows one article's links without building the site: the same findings."""
    other = article_text(EASY + "\n## Wind down\n\nDim the lights.\n")
    config = {"use_directory_urls": directory_urls}
    root = write_site(tmp_path, {"one": article_text(EASY + EVERY_KIND_OF_LINK), "other": other}, config=config)
    (root / "docs" / "about.md").write_text("# About\n\n## What we do\n\nWe help.\n")
    (root / "docs" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "docs" / "images").mkdir()
    (root / "docs" / "images" / "calm.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _, everything = findings(root, monkeypatch=monkeypatch)
    built: list[object] = []
    monkeypatch.setattr(links, "build_site", lambda *args: built.append(args))
    _, one = findings(root, "content/articles/one.md", monkeypatch=monkeypatch)
    assert built == []  # followed from the text
    mine = [f for f in everything if f["path"] == "content/articles/one.md"]
    assert one == mine
    found = {(f["rule"], str(f["message"]).split("`")[1]) for f in mine}
    # `other.html` and `../other/` work in one address style each; `/about/` leaves the site's folder, where
    # what it reaches depends on the host (MkDocs warns of it).
    one_style = {("links.broken", "other.html"), ("links.broken", "../../outside.html")} if directory_urls else {
        ("links.broken", "../other/")}  # fmt: skip
    assert found == {("links.anchor", "other.md#nowhere"), ("links.anchor", "#nowhere-here"),
                     ("links.anchor", "../about.md#nope"), ("links.broken", "gone.md"),
                     ("links.broken", "../missing.png"), *one_style}  # fmt: skip


def test_checking_a_changed_article_finds_the_links_to_a_part_of_it_that_the_change_broke(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A heading renamed in a pull request breaks another article's link to it: the check of that one
    file says so, at the other file's line, as the whole-site run would."""
    changed = article_text(EASY + "\n## Settle down\n\nDim the lights.\n")  # was "Wind down"
    linking = article_text(EASY + "\nSee [winding down](one.md#wind-down) and [the page](one.md).\n")
    root = write_site(tmp_path, {"one": changed, "two": linking, "three": article_text(EASY)})
    _, everything = findings(root, monkeypatch=monkeypatch)
    code, one = findings(root, "content/articles/one.md", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["line"]) for f in one] == [("content/articles/two.md", "links.anchor", 11)]
    assert one == [f for f in everything if str(f["rule"]).startswith("links.")]
    assert "use one of its headings' anchors (`#settle-down`)" in str(one[0]["message"])


def test_a_link_to_a_reviewers_numbered_page_is_checked_against_the_pages_the_build_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer named on 210 articles who signed 110 has two pages: a pull request's check of one article
    that links to a third finds it broken, as the whole-site run does, though it fingerprints nothing else."""
    notes = {f"note-{n:03d}": article_text(EASY, title=f"Note {n:03d}", signed=n < 110) for n in range(210)}
    linking = "\nSee [page two](../reviewers/real-reviewer/2.md) and [page three](../reviewers/real-reviewer/3.md).\n"
    root = write_site(tmp_path, {**notes, "one": article_text(EASY + linking)})
    _, everything = findings(root, monkeypatch=monkeypatch)
    _, one = findings(root, "content/articles/one.md", monkeypatch=monkeypatch)
    broken = [(f["rule"], f["line"]) for f in one if str(f["rule"]).startswith("links.")]
    assert len(broken) == 1
    assert "real-reviewer/3.md" in str(next(f["message"] for f in one if f["rule"] == broken[0][0]))
    assert [f for f in one if str(f["rule"]).startswith("links.")] == [
        f for f in everything if f["path"] == "content/articles/one.md" and str(f["rule"]).startswith("links.")
    ]


def test_checking_one_article_reads_the_others_front_matter_but_not_their_bodies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY), "other": article_text(EASY + "\n## Wind down\n\nDim.\n")})
    parsed: list[int] = []
    in_full, later = articles.read_body, articles.parse_body
    monkeypatch.setattr(articles, "read_body", lambda *args: parsed.append(args[1]) or in_full(*args))
    monkeypatch.setattr(articles, "parse_body", lambda *args: parsed.append(args[1]) or later(*args))
    site = Site.open(root / "mkdocs.yml", paths=[root / "content" / "articles" / "one.md"])
    assert len(parsed) == 1  # `one`, in full while loading, with its problems
    other = site.library.article("other")
    assert [s.heading for s in other.parsed.sections] == ["Wind down"]  # `other` when something asks
    assert len(parsed) == 2


def test_a_changed_registry_checks_every_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY), "two": article_text(EASY)})
    (root / "content" / "reviewers.yml").write_text("someone-else:\n  name: A B\n  credentials: PhD\n")
    code, found = findings(root, "--no-links", "content/reviewers.yml", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"]) for f in found] == [
        ("content/articles/one.md", "article.unknown-reviewer"),
        ("content/articles/two.md", "article.unknown-reviewer"),
    ]


def test_missing_path_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "README.md").write_text("hi")
    root = write_site(tmp_path, {"good": article_text(EASY)})
    code, out, err = check(root, "content/articles/gone.md", monkeypatch=monkeypatch)
    assert (code, out) == (2, "")
    assert err.startswith("psychoed: content/articles/gone.md: no such file or folder;")


# Bad input --------------------------------------------------------------------------------------

BAD_INPUT = [
    pytest.param("---\ntitle: [unclosed\n---\nBody.\n", "yaml.syntax", 3, id="malformed-yaml"),
    pytest.param(article_text(EASY, title=["a", "list"]), "frontmatter.type", 2, id="wrong-type"),
    pytest.param("---\ntitle: No end\nreviewer: x\n\nBody.\n", "frontmatter.unclosed", 1, id="unclosed-front-matter"),
    pytest.param("", "source.empty", None, id="empty-file"),
    pytest.param(b"---\ntitle: caf\xe9\n---\n", "source.encoding", 2, id="non-utf8"),
    pytest.param(
        "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nBody.\n", "yaml.tag", 2, id="python-tag"
    ),
    pytest.param(
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nBody.\n",
        "yaml.alias",
        3,
        id="alias-bomb",
    ),
]


@pytest.mark.parametrize(("text", "rule", "line"), BAD_INPUT)
def test_bad_input_is_a_finding_naming_the_file_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes, rule: str, line: int | None
) -> None:
    root = write_site(tmp_path, {"good": article_text(EASY)})
    bad = root / "content" / "articles" / "bad.md"
    if isinstance(text, bytes):
        bad.write_bytes(text)
    else:
        bad.write_text(text, encoding="utf-8")
    code, out, err = check(root, "--no-links", monkeypatch=monkeypatch)
    assert (code, err) == (1, "")
    first = out.splitlines()[0]
    assert first.startswith(f"content/articles/bad.md{'' if line is None else f':{line}'}: error {rule}: "), out
    assert "Traceback" not in out
    assert not (root / "pwned").exists()


def test_bad_settings_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(
        tmp_path, {"good": article_text(EASY)}, extra={"check": {"rules": {"review.overdue": "sometimes"}}}
    )
    code, out, err = check(root, monkeypatch=monkeypatch)
    assert (code, out) == (2, "")
    assert "`review.overdue: sometimes` is not a level; set a rule to off, notice, warning or error." in err


def test_external_needs_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"good": article_text(EASY)})
    assert check(root, "--no-links", "--external", monkeypatch=monkeypatch)[0] == 2


# Links ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("directory_urls", [False, True], ids=["page-addresses", "directory-addresses"])
def test_broken_links_and_anchors_are_reported_at_their_source_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    """Both of MkDocs' address styles: `other.html`, and `other/` with `use_directory_urls: true`."""
    body = EASY + "\nRead [the other page](other.md), [a part of it](other.md#nowhere) and [this](gone.md).\n"
    other = article_text(EASY + "\n## Wind down\n\nDim the lights.\n")
    config = {"use_directory_urls": directory_urls}
    root = write_site(tmp_path, {"one": article_text(body), "other": other}, config=config)
    (root / "docs" / "about.md").write_text("# About\n\nSee [a missing page](articles/missing.md).\n")
    code, found = findings(root, monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [
        ("content/articles/one.md", "links.broken", 11),
        ("content/articles/one.md", "links.anchor", 11),
        ("docs/about.md", "links.broken", 3),
    ]
    assert found[1]["message"] == (
        "the link `other.md#nowhere` points to `#nowhere`, which is not on that page; "
        "use one of its headings' anchors (`#wind-down`) or link to the page alone."
    )
    assert str(found[0]["message"]).startswith(
        "the link `gone.md` is not a page of the site (did you mean `one.md`?); fix the address"
    )


def test_a_broken_link_in_several_articles_is_reported_in_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    same = article_text(EASY + "\n[Gone](gone.md)\n")
    root = write_site(tmp_path, {"one": same, "two": same, "three": article_text(EASY)})
    code, found = findings(root, monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [
        ("content/articles/one.md", "links.broken", 11),
        ("content/articles/two.md", "links.broken", 11),
    ]


def test_with_paths_only_the_links_on_those_articles_are_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = {"one": article_text(EASY + "\n[Gone](gone.md)\n"), "two": article_text(EASY + "\n[Lost](lost.md)\n")}
    root = write_site(tmp_path, articles)
    code, found = findings(root, "content/articles/two.md", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [("content/articles/two.md", "links.broken", 11)]


def test_links_are_not_checked_while_content_cannot_be_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, reviewer="nobody")})
    code, found = findings(root, monkeypatch=monkeypatch)
    assert code == 1
    # The note sits with the error that stops the build, in the editor's own file, not on mkdocs.yml.
    assert rules(found) == [("article.unknown-reviewer", "error", 6), ("links.not-checked", "warning", 6)]


class _Status(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404 if "gone" in self.path else 200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>ok</body></html>")

    do_HEAD = do_GET  # noqa: N815 - the name http.server looks up

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def other_site() -> Iterator[str]:
    """A local stand-in for other websites: addresses with "gone" in them answer 404, others 200."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_external_links_are_checked_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_site: str
) -> None:
    body = EASY + f"\nSee [a fine page]({other_site}/fine) and [a gone page]({other_site}/gone).\n"
    # Every address the templates add (canonical, repository) is local too, and there is no call
    # to action (whose address must be https): tests never reach the internet.
    config = {"site_url": f"{other_site}/library/", "repo_url": f"{other_site}/repo"}
    root = write_site(tmp_path, {"one": article_text(body)}, extra={"call_to_action": None}, config=config)
    assert findings(root, monkeypatch=monkeypatch) == (0, [])
    code, found = findings(root, "--external", monkeypatch=monkeypatch)
    assert (code, rules(found)) == (1, [("links.broken", "error", 11)]), [f["message"] for f in found]
    assert f"the link `{other_site}/gone` is broken (404" in str(found[0]["message"])


# Output -----------------------------------------------------------------------------------------


def test_github_format_annotates_lines_and_writes_a_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    overdue = article_text(
        EASY, title="Old, but: good", reviewed=dt.date(2023, 1, 10), next_review=dt.date(2026, 1, 10)
    )
    fk_only = {"check": {"max_smog": 25, "warn_smog": 25}}
    root = write_site(tmp_path / "site", {"hard": article_text(EASY + "\n" + HARD), "old": overdue}, extra=fk_only)
    code, out, _ = check(root, "--format", "github", "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(
        "::error file=content/articles/hard.md,line=9,title=psychoed reading.grade::the article reads at grade "
    )
    assert lines[1].startswith("::notice file=content/articles/hard.md,line=11,title=psychoed reading.sentence::")
    assert lines[-2].startswith("::warning file=content/articles/old.md,line=8,title=psychoed review.overdue::")
    assert lines[-1] == "2 articles checked: 1 error, 1 warning, 3 notices."
    text = summary.read_text(encoding="utf-8")
    assert "| Article | Grade | SMOG | Reading ease | Next review |" in text
    assert "| Old, but\\: good (`content/articles/old.md`) |" in text  # content is escaped for Markdown
    assert "**overdue** since 2026-01-10" in text
    assert "### Reviews overdue or due soon" in text


@pytest.mark.parametrize(
    "title",
    [
        '<img src=x onerror="alert(1)">',
        "![pixel](https://tracker.example/p.gif) and [a link](https://evil.example)",
        "A | B | C",
        "www.evil.example and someone@evil.example",
        "**bold** _and_ `code` # and <!-- comment",
    ],
)
def test_the_step_summary_shows_content_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    """A title is content: in GitHub's job summary it is text, never an element, an image, a link or a new
    table cell."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    root = write_site(tmp_path / "site", {"one": article_text(EASY, title=title)})
    check(root, "--format", "github", "--no-links", monkeypatch=monkeypatch)
    rendered = MarkdownIt("commonmark").enable("table").render(summary.read_text(encoding="utf-8"))
    row = next(tr for tr in BeautifulSoup(rendered, "html.parser").find_all("tr") if "one.md" in tr.get_text())
    first = row.find("td")
    assert first is not None
    assert len(row.find_all("td")) == 5  # no extra cell
    assert [el.name for el in first.find_all(True)] == ["code"], first  # only the path, as code
    assert title in first.get_text(), first


def test_a_failed_build_is_reported_once_in_its_own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)}, config={"theme": "no-such-theme"})
    code, out, _ = check(root, "--format", "github", monkeypatch=monkeypatch)
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=mkdocs.yml,title=psychoed links.build::the site could not be built, so links were not checked: "
        "Config value 'theme': Unrecognised theme name: 'no-such-theme'. The available installed themes are: "
        "mkdocs, readthedocs, material"
    ]


def test_github_format_escapes_newlines_and_percent(tmp_path: Path) -> None:
    problem = catalog()["links.build"].at(tmp_path / "one.md", 3, "first line\nsecond line, 100% sure")
    assert github(problem, tmp_path) == (
        "::error file=one.md,line=3,title=psychoed links.build::first line%0Asecond line, 100%25 sure"
    )


def test_json_format_has_the_documented_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, reviewer="sample-reviewer")})
    code, out, _ = check(root, "--format", "json", "--no-links", monkeypatch=monkeypatch)
    document = json.loads(out)
    assert code == 0
    article = document["articles"][0]
    assert {k: article[k] for k in ("path", "title", "reviewer", "reviewed", "next_review")} == {
        "path": "content/articles/one.md",
        "title": "A plain title",
        "reviewer": "sample-reviewer",
        "reviewed": "2026-01-15",
        "next_review": "2029-01-15",
    }
    assert document["findings"] == [
        {
            "path": "content/articles/one.md",
            "line": 6,
            "rule": "review.sample-reviewer",
            "severity": "warning",
            "message": "`sample-reviewer` is a placeholder (`sample: true`), so the page says it is not clinically "
            "reviewed; have a clinician review it and name them in `reviewer`.",
        }
    ]


def test_reading_level_and_broken_links_are_found_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reading-level error does not stop the link check: the editor sees both at once."""
    root = write_site(tmp_path, {"hard": article_text(HARD + "\nSee [this](gone.md) and [that](gone.html).\n")})
    code, found = findings(root, monkeypatch=monkeypatch)
    assert code == 1
    assert {"reading.grade", "links.broken"} <= {f["rule"] for f in found}
    assert [(f["rule"], f["line"]) for f in found if "gone" in str(f["message"])] == [("links.broken", 13)] * 2


def test_articles_with_front_matter_errors_are_counted_as_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {"good": article_text(EASY), "bad": article_text(EASY, title=None)})
    code, out, _ = check(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert out.endswith("2 articles checked: 1 error, 0 warnings, 0 notices.\n")


def test_reading_grade_points_at_the_first_line_of_prose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not at the blank line after the front matter, where an editor would find nothing to fix."""
    root = write_site(tmp_path, {"hard": article_text("\n\n<!-- a comment -->\n\n" + HARD)})
    _, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    [grade] = [f for f in found if f["rule"] == "reading.grade"]
    lines = (root / "content" / "articles" / "hard.md").read_text(encoding="utf-8").splitlines()
    assert lines[int(grade["line"]) - 1] == HARD_SENTENCE


@pytest.mark.parametrize("folder", [".", "content"])
def test_a_folder_that_holds_the_content_checks_all_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    """`psychoed check .` checks every article, and never reports `.` as "not content"."""
    root = write_site(tmp_path, {"one": article_text(EASY), "two": article_text(EASY, reviewer="nobody")})
    code, out, _ = check(root, "--no-links", folder, monkeypatch=monkeypatch)
    assert code == 1
    assert "Not content" not in out
    assert out.endswith("2 articles checked: 1 error, 0 warnings, 0 notices.\n")


def test_a_missing_reviewer_is_explained_with_the_sites_own_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clinic that deleted the sample reviewer and topics is never told to use them."""
    root = write_site(tmp_path, {"one": article_text(EASY).replace("reviewer: real-reviewer\n", "")})
    (root / "content" / "reviewers.yml").write_text(
        "robin-lee:\n  name: Robin Lee\n  credentials: LPC\n", encoding="utf-8"
    )
    (root / "content" / "topics.yml").write_text("stress:\n  title: Stress\n", encoding="utf-8")
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    messages = [str(f["message"]) for f in found if f["rule"] == "frontmatter.required"]
    assert messages == ["`reviewer` is required; add a line such as `reviewer: robin-lee`."]
    assert not any("sample-reviewer" in str(f["message"]) for f in found)


# Withdrawn articles ------------------------------------------------------------------------------


def withdrawn(body: str = EASY, **front_matter: object) -> str:
    fields: dict[str, object] = {"status": "withdrawn", "withdrawn_on": dt.date(2026, 3, 2),
                                 "withdrawn_reason": "The advice changed.", **front_matter}  # fmt: skip
    return article_text(body, **fields)


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ({"withdrawn_reason": None}, ("frontmatter.required", "withdrawn_reason")),
        ({"withdrawn_on": dt.date(2027, 1, 1)}, ("frontmatter.value", "withdrawn_on")),
        ({"replaced_by": "nowhere"}, ("article.replacement", "replaced_by")),
        ({"replaced_by": "old"}, ("article.replacement", "replaced_by")),
        ({"replaced_by": "draft"}, ("article.replacement", "replaced_by")),
    ],
    ids=["no-reason", "future-date", "unknown-replacement", "replaced-by-itself", "replaced-by-a-draft"],
)
def test_a_withdrawal_must_say_when_why_and_a_real_replacement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, front_matter: dict[str, object], expected: tuple[str, str]
) -> None:
    articles = {"old": withdrawn(**front_matter), "draft": article_text(EASY, status="draft")}
    code, found = findings(write_site(tmp_path, articles), "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    rule, key = expected
    assert [(f["rule"], key in str(f["message"])) for f in found] == [(rule, True)], found


def test_withdrawal_fields_on_an_article_that_is_not_withdrawn_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True, withdrawn_reason="Old.")})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert (code, [f["rule"] for f in found]) == (1, ["frontmatter.withdrawal"])
    assert "set `status: withdrawn`" in str(found[0]["message"])


def test_a_withdrawn_article_is_not_reviewed_read_or_signed_but_links_to_it_are_redirected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its page shows only why it was withdrawn: its reading level and sign-off no longer matter, and the
    review calendar stops asking for it; links and "related" entries that lead to it name the replacement."""
    articles = {
        "old": withdrawn(HARD, replaced_by="new", reviewed=dt.date(2020, 1, 1)),  # hard, unsigned, overdue
        "new": article_text(EASY + "\nSee [the old page](old.md).\n", signed=True),
        "other": article_text(EASY, signed=True, related=["old"]),
    }
    root = write_site(tmp_path, articles)
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert [(f["path"], f["rule"]) for f in found] == [
        ("content/articles/new.md", "links.withdrawn"),
        ("content/articles/other.md", "article.related-withdrawn"),
    ]
    assert "link to `new.md`, which replaces it" in str(found[0]["message"])
    assert "replace it with `new`, which replaces it" in str(found[1]["message"])
    (root / "content" / "articles" / "other.md").write_text(article_text(EASY, signed=True))
    code, out, _ = run_cli(root, "reviews", "--format", "json", monkeypatch=monkeypatch)
    assert code == 0
    assert "old" not in [a["slug"] for a in json.loads(out)["articles"]]


# SMOG -------------------------------------------------------------------------------------------

WORDY = (
    "We think that your cognitive therapy can help you a lot with the way you feel and the anxiety you get at home.\n"
    "You and your therapist can look at the interpretations you make of the things that happen on a bad day.\n"
    "It is not a quick fix, but the evidence shows that it can work well for a lot of the people who try it.\n"
    "Ask what the alternatives are and talk through your medication with the team if you are not sure.\n"
)


@pytest.mark.parametrize(
    ("limits", "expected"),
    [({"warn_smog": 9, "max_smog": 10}, ("reading.smog", "error")),
     ({"warn_smog": 10, "max_smog": 14}, ("reading.smog-high", "warning")),
     ({"warn_smog": 12, "max_smog": 14}, None)],
    ids=["above-the-limit", "above-the-warning", "within-both"],
)  # fmt: skip
def test_smog_is_a_gate_of_its_own_with_the_sites_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limits: dict[str, int], expected: tuple[str, str] | None
) -> None:
    """Short words around a few long ones keep Flesch-Kincaid in bounds (grade 8); the long words SMOG counts
    (grade 11.2) fail it on their own, and the finding names the sentences with the most of them."""
    extra = {"check": limits}
    root = write_site(tmp_path, {"wordy": article_text(WORDY)}, extra=extra)
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    smog = [(f["rule"], f["severity"]) for f in found if str(f["rule"]).startswith("reading.smog")]
    assert smog == ([expected] if expected else [])
    if expected:
        message = str(next(f["message"] for f in found if f["rule"] == expected[0]))
        assert "SMOG grade is " in message
        assert "line 9 (cognitive, therapy, anxiety)" in message
    assert code == (1 if expected and expected[1] == "error" else 0)


def test_a_smog_warning_above_its_limit_is_a_settings_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)}, extra={"check": {"warn_smog": 15, "max_smog": 12}})
    code, _, err = check(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert "settings.target-grade" in err
    assert "`check.warn_smog` (15) is above `check.max_smog` (12)" in err


# Disclosures ------------------------------------------------------------------------------------


def test_a_site_without_disclosures_is_told_what_to_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY, signed=True)}, extra={"disclosures": None})
    code, found = findings(root, "--no-links", monkeypatch=monkeypatch)
    assert (code, [(f["path"], f["rule"], f["severity"]) for f in found]) == (
        0, [("mkdocs.yml", "disclosures.missing", "warning")])  # fmt: skip
    assert "add `legal_name`, `contact`, `funding`, `conflicts_of_interest` and `advertising`" in str(
        found[0]["message"]
    )


@pytest.mark.parametrize(
    ("disclosures", "message"),
    [({"legal_name": "Test Clinic Ltd"}, "`contact` is required"),
     ({"legal_name": "A", "contact": "javascript:alert(1)", "funding": "F", "conflicts_of_interest": "None.",
       "advertising": "None."}, "`contact` must start with https://, mailto:, tel: or sms:")],
    ids=["incomplete", "unsafe-contact"],
)  # fmt: skip
def test_disclosures_are_all_said_and_the_contact_is_safe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, disclosures: dict[str, str], message: str
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)}, extra={"disclosures": disclosures})
    code, _, err = check(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert message in err


# Feedback ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feedback", "message"),
    [({"email": "a@clinic.example", "form": "https://clinic.example/f"},
      "`feedback` names `email` and `form`; give exactly one"),
     ({}, "`feedback` names none; give exactly one"),
     ({"email": "mailto:a@clinic.example"}, "`email` must be an email address such as feedback@clinic.example"),
     ({"form": "http://clinic.example/f"}, "`form` must be an https:// address on the clinic's own site"),
     ({"issues": "https://gitlab.com/clinic/library"}, "`issues` must be a repository's address")],
    ids=["two-channels", "no-channel", "email-as-a-link", "form-over-http", "issues-elsewhere"],
)  # fmt: skip
def test_feedback_goes_to_exactly_one_safe_channel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, feedback: dict[str, str], message: str
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)}, extra={"feedback": feedback})
    code, _, err = check(root, "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert "settings.feedback" in err
    assert message in err


def test_relating_to_the_article_you_replace_says_to_remove_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = {"old": withdrawn(replaced_by="new"), "new": article_text(EASY, signed=True, related=["old"])}
    code, found = findings(write_site(tmp_path, articles), "--no-links", monkeypatch=monkeypatch)
    assert (code, [f["rule"] for f in found]) == (1, ["article.related-withdrawn"])
    assert str(found[0]["message"]) == "related article `old` was withdrawn; remove it: this article replaces it."
