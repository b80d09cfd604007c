"""All of content/ is loaded at once, cross-checked, and nothing is silently skipped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from psychoed import ContentError, Settings, collect_library, load_library

from .conftest import TODAY, ContentDir, article_text


def test_library_loads_articles_reviewers_and_topics(content: ContentDir, settings: Settings) -> None:
    content.articles = {
        "b-article": article_text(title="Beta", reviewed=dt.date(2026, 3, 1)),
        "a-article": article_text(title="Alpha", topics=["sleep", "therapy-basics"], related=["b-article"]),
        "draft-one": article_text(title="Gamma", status="draft", topics=["sleep"]),
    }
    library = load_library(content.write(), settings, TODAY)
    assert [a.slug for a in library.articles] == ["a-article", "b-article", "draft-one"]
    assert list(library.topics) == ["therapy-basics", "sleep"]
    assert [a.title for a in library.for_topic("sleep", include_drafts=False)] == ["Alpha"]
    assert [a.title for a in library.for_topic("sleep", include_drafts=True)] == ["Alpha", "Gamma"]
    assert [a.title for a in library.recently_reviewed(2, include_drafts=False)] == ["Beta", "Alpha"]
    assert [a.title for a in library.reviewed_by("real-reviewer", include_drafts=False)] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    ("changes", "line", "rule", "message"),
    [
        ({"reviewer": "real-reviwer"}, 6, "article.unknown-reviewer",
         "reviewer `real-reviwer` is not in reviewers.yml (did you mean `real-reviewer`?); "
         "add them there or use an existing id."),
        ({"topics": ["slep"]}, 4, "article.unknown-topic",
         "topic `slep` is not in topics.yml (did you mean `sleep`?); add it there or use an existing id."),
        ({"related": ["nowhere"]}, 8, "article.unknown-related",
         "related article `nowhere` does not exist; use the file name without `.md`."),
        ({"related": ["drafty"]}, 8, "article.related-draft",
         "related article `drafty` is a draft and will not be published; remove it from `related` until it is."),
    ],
)  # fmt: skip
def test_references_to_other_files_are_checked(
    content: ContentDir, settings: Settings, changes: dict[str, object], line: int, rule: str, message: str
) -> None:
    content.articles = {"main": article_text(**changes), "drafty": article_text(status="draft")}
    _, problems = collect_library(content.write(), settings, TODAY)
    assert [(p.path.name, p.line, p.rule.id, p.message) for p in problems] == [("main.md", line, rule, message)]


def test_link_to_an_article_with_its_own_problems_is_not_also_unknown(content: ContentDir, settings: Settings) -> None:
    content.articles = {"main": article_text(related=["broken"]), "broken": article_text(title=None)}
    _, problems = collect_library(content.write(), settings, TODAY)
    assert [(p.path.name, p.rule.id) for p in problems] == [("broken.md", "frontmatter.required")]


def test_stray_files_folders_and_dotfiles_are_reported_not_skipped(content: ContentDir, settings: Settings) -> None:
    content.articles = {"good": article_text()}
    root = content.write()
    (root / "articles" / "notes.txt").write_text("x")
    (root / "articles" / "old").mkdir()
    (root / "articles" / ".DS_Store").write_text("x")
    (root / "articles" / ".coping-plan.md").write_text(article_text())
    _, problems = collect_library(root, settings, TODAY)
    assert [(p.path.name, p.rule.id, p.message) for p in problems] == [
        (".DS_Store", "content.hidden",
         "names that start with a dot are never published; rename it to `DS_Store` if it is an article, "
         "or delete it."),
        (".coping-plan.md", "content.hidden",
         "names that start with a dot are never published; rename it to `coping-plan.md` if it is an "
         "article, or delete it."),
        ("notes.txt", "content.not-markdown",
         "only `.md` files are articles; rename it to `notes.md` or move it out of articles/."),
        ("old", "content.subfolder",
         "articles cannot be in sub-folders (the address depends only on the file name); "
         "move its files up into articles/."),
    ]  # fmt: skip


def test_every_problem_in_every_file_is_reported_at_once(content: ContentDir, settings: Settings) -> None:
    content.articles = {
        "one": article_text(title=None),
        "two": article_text(reviewer="nobody"),
        "three": "no front matter\n",
    }
    root = content.write()
    (root / "topics.yml").write_text("sleep:\n  titel: Sleep\n")
    with pytest.raises(ContentError) as caught:
        load_library(root, settings, TODAY)
    assert sorted((p.path.name, p.rule.id) for p in caught.value.problems) == [
        ("one.md", "frontmatter.required"),
        ("three.md", "frontmatter.no-fence"),
        ("topics.yml", "topics.required"),
        ("topics.yml", "topics.unknown-key"),
        ("two.md", "article.unknown-reviewer"),
        ("two.md", "article.unknown-topic"),
    ]
    assert str(caught.value).startswith("6 content problems:\n  ")


def test_missing_content_folder(tmp_path: Path, settings: Settings) -> None:
    _, problems = collect_library(tmp_path / "nope", settings, TODAY)
    assert [p.rule.id for p in problems] == ["content.missing"]


def test_reviewer_with_a_problem_is_not_also_unknown_to_its_articles(content: ContentDir, settings: Settings) -> None:
    content.articles = {"main": article_text(reviewer="half-done")}
    root = content.write()
    (root / "reviewers.yml").write_text("half-done:\n  name: Half Done\n")
    _, problems = collect_library(root, settings, TODAY)
    assert [(p.path.name, p.rule.id) for p in problems] == [("reviewers.yml", "reviewers.required")]
