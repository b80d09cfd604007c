"""One article file becomes an Article, or every problem in it is reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psychoed import Article, Problem, Settings
from psychoed.content.articles import load_article
from psychoed.source.slugs import is_slug

from .conftest import TODAY, article_text


def load(
    tmp_path: Path, text: str | bytes, settings: Settings, slug: str = "an-article"
) -> tuple[Article | None, list[Problem]]:
    path = tmp_path / f"{slug}.md"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return load_article(path, settings, TODAY, problems), problems


def only(problems: list[Problem]) -> tuple[int | None, str, str]:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0].line, problems[0].rule.id, problems[0].message


def test_good_article_loads_with_all_fields(tmp_path: Path, settings: Settings) -> None:
    text = article_text(
        "Intro line.\n\n## 1. First tip\n\nText.\n\n## 2. Second tip\n\nText.\n\n## Closing\n\nBye.\n",
        next_review=dt.date(2027, 1, 15),
        authors=["Alex Morgan"],
        sources=[{"title": "A guideline", "url": "https://example.org/g"}],
        related=["other-article"],
        status="draft",
    )
    article, problems = load(tmp_path, text, settings)
    assert problems == []
    assert article is not None
    assert (article.slug, article.title, article.reviewer) == ("an-article", "A plain title", "real-reviewer")
    assert article.topics == ("therapy-basics",)
    assert article.next_review == dt.date(2027, 1, 15)
    assert article.authors == ("Alex Morgan",)
    assert article.sources[0].url == "https://example.org/g"
    assert article.is_draft
    assert [(s.heading, s.tip_number) for s in article.sections] == [
        ("1. First tip", 1),
        ("2. Second tip", 2),
        ("Closing", None),
    ]
    assert [s.line for s in article.tips] == [article.body_line + 2, article.body_line + 6]


def test_next_review_defaults_to_reviewed_plus_interval(tmp_path: Path) -> None:
    article, _ = load(tmp_path, article_text(), Settings(clinic_name="C", review_interval_months=24))
    assert article is not None
    assert article.next_review == dt.date(2028, 1, 15)


def test_unknown_key_suggests_the_intended_one(tmp_path: Path, settings: Settings) -> None:
    """A typo never silently drops a review field: `reviwer` is an error naming `reviewer`."""
    text = "---\ntitle: T\ndescription: D.\ntopics: [sleep]\nreviwer: real-reviewer\nreviewed: 2026-01-01\n---\nBody\n"
    article, problems = load(tmp_path, text, settings)
    assert article is None
    messages = {(p.line, p.rule.id, p.message) for p in problems}
    assert (5, "frontmatter.unknown-key", "`reviwer` is not a known field (did you mean `reviewer`?); known fields are "
            "`title`, `description`, `topics`, `reviewer`, `reviewed`, `next_review`, `authors`, `status`, "
            "`sources`, `related`, `fingerprint`, `withdrawn_on`, `withdrawn_reason`, `replaced_by`.") in messages  # fmt: skip
    assert (
        2,
        "frontmatter.required",
        "`reviewer` is required; add a line such as `reviewer: a-reviewer-id`.",
    ) in messages


@pytest.mark.parametrize(
    ("changes", "line", "rule", "message"),
    [
        ({"title": None}, 2, "frontmatter.required",
         "`title` is required; add a line such as `title: Getting ready for your first session`."),
        ({"title": 2024}, 2, "frontmatter.type",
         '`title` must be text (put it in "quotes" if it looks like a number or date), not a number (2024).'),
        ({"title": "  "}, 2, "frontmatter.empty", "`title` is empty; write a value or remove the line."),
        ({"description": "x" * 201}, 3, "frontmatter.description-length",
         "`description` is 201 characters; keep it to 200 or fewer (one or two plain sentences)."),
        ({"description": "One. Two. Three."}, 3, "frontmatter.description-sentences",
         "`description` has 3 sentences; keep it to one or two."),
        ({"description": "See [this](https://x.org)."}, 3, "frontmatter.description-markup",
         "`description` is shown as plain text in search results and link previews; remove Markdown or HTML from it."),
        ({"topics": "sleep"}, 4, "frontmatter.type",
         "`topics` must be a list, such as `topics: [a-topic-id]`, not text."),
        ({"topics": []}, 4, "frontmatter.empty",
         "`topics` needs at least one item, such as `topics: [a-topic-id]`."),
        ({"topics": ["sleep", 3]}, 6, "frontmatter.type", "`topics` item 2 must be text, not a number (3)."),
        ({"reviewed": "last June"}, 7, "frontmatter.value",
         "`reviewed` must be a date written year-month-day, such as 2024-05-31, not 'last June'."),
        ({"reviewed": dt.datetime(2026, 1, 1, 9, 30)}, 7, "frontmatter.type",
         "`reviewed` must be a date without a time, such as 2024-05-31, not a date and time."),
        ({"reviewed": dt.date(2026, 7, 1)}, 7, "frontmatter.reviewed-future",
         "`reviewed` is 2026-07-01, which is in the future; give the date the clinical review actually took place."),
        ({"next_review": dt.date(2026, 1, 15)}, 8, "frontmatter.next-review-order",
         "`next_review` (2026-01-15) must be after `reviewed` (2026-01-15)."),
        ({"status": "publshed"}, 8, "frontmatter.value",
         "`status` must be `published`, `draft` or `withdrawn`, not `publshed` (did you mean `published`?)."),
        ({"sources": [{"title": "Guide", "url": "example.org"}]}, 10, "frontmatter.source-url",
         "`sources` item 1: `url` must be a full web address starting with https://, not `example.org`."),
        ({"sources": [{"title": "Guide"}]}, 9, "frontmatter.required",
         "`sources` item 1: `url` is required; add a line such as `url: https://example.org/guideline`."),
        ({"related": ["an-article"]}, 8, "frontmatter.related-self", "`related` lists this article itself; remove it."),
    ],
)  # fmt: skip
def test_bad_front_matter_field(
    tmp_path: Path, settings: Settings, changes: dict[str, object], line: int, rule: str, message: str
) -> None:
    article, problems = load(tmp_path, article_text(**changes), settings)
    assert article is None
    assert only(problems) == (line, rule, message)


@pytest.mark.parametrize(
    ("body", "line", "rule", "message"),
    [
        ("\n\n", 9, "body.empty", "the article has no text after the front matter; write an introduction and sections."),
        ("Intro.\n\n# Another title\n", 11, "body.h1",
         "this is a level-1 heading, but the page title comes from `title:` and must be the only one; "
         "start sections with `## `."),
        ("Intro.\n\nAnother title\n=====\n", 11, "body.h1",
         "this is a level-1 heading, but the page title comes from `title:` and must be the only one; "
         "start sections with `## `."),
        ("Intro.\n\n## 1. One\n\n## 3. Two\n", 13, "body.tip-order",
         "this tip is numbered 3 but is tip 2; number tips 1, 2, 3, … in order (change it to `## 2.`)."),
        ("Intro.\n\n## 2. One\n", 11, "body.tip-order",
         "this tip is numbered 2 but is tip 1; number tips 1, 2, 3, … in order (change it to `## 1.`)."),
        ("Intro.\n\n##\n", 11, "body.heading-empty", "this heading has no text; write one or remove the `#` marks."),
    ],
)  # fmt: skip
def test_bad_body_structure(tmp_path: Path, settings: Settings, body: str, line: int, rule: str, message: str) -> None:
    article, problems = load(tmp_path, article_text(body), settings)
    assert article is None
    assert only(problems) == (line, rule, message)


def test_headings_inside_fenced_code_are_not_sections(tmp_path: Path, settings: Settings) -> None:
    body = "Intro.\n\n```\n# not a title\n## 5. not a tip\n```\n\n## 1. Real tip\n"
    article, problems = load(tmp_path, article_text(body), settings)
    assert problems == []
    assert article is not None
    assert [s.heading for s in article.sections] == ["1. Real tip"]


def test_slug_must_be_url_safe(tmp_path: Path, settings: Settings) -> None:
    _, problems = load(tmp_path, article_text(), settings, slug="My Tips")
    assert only(problems) == (
        None,
        "article.slug",
        "the file name is the page address and must be lowercase words joined by hyphens; rename it to `my-tips.md`.",
    )


@pytest.mark.parametrize(
    ("text", "line", "rule"),
    [
        (b"", None, "source.empty"),
        (b"---\ntitle: caf\xe9\n---\n", 2, "source.encoding"),
        (b"---\ntitle: A\n", 1, "frontmatter.unclosed"),
        (b"Just text\n", 1, "frontmatter.no-fence"),
        (b"---\n- a list\n---\nBody\n", 2, "frontmatter.not-mapping"),
        (b"---\ntitle: [unclosed\n---\nBody\n", 3, "yaml.syntax"),
        (b"---\ntitle: !!python/object/apply:os.getcwd []\n---\nBody\n", 2, "yaml.tag"),
        (b"---\ntitle: &t A\ndescription: *t\n---\nBody\n", 3, "yaml.alias"),
    ],
)
def test_unreadable_article_names_file_and_line(
    tmp_path: Path, settings: Settings, text: bytes, line: int | None, rule: str
) -> None:
    """Bad input gives one problem naming the file, never an exception."""
    article, problems = load(tmp_path, text, settings)
    assert article is None
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line, problems[0].rule.id) == (tmp_path / "an-article.md", line, rule)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path, settings: Settings) -> None:
    text = article_text("Intro\n\n# Second title\n", title=None, reviewed="soon", status="gone")
    _, problems = load(tmp_path, text, settings)
    assert sorted(p.rule.id for p in problems) == [
        "body.h1",
        "frontmatter.required",
        "frontmatter.value",
        "frontmatter.value",
    ]


@pytest.mark.parametrize("name", ["name\n", "name\r", "name\t", "two-words\n", "ok\x00"])
def test_a_slug_is_the_whole_name_not_a_prefix(name: str) -> None:
    """`$` in a pattern also matches before a final newline: `name\\n.md` must not pass as a slug."""
    assert not is_slug(name)
    assert is_slug(name.strip("\n\r\t\x00"))
