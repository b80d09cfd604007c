"""The reviewer and topic registries: good entries load, bad ones are reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from psychoed import Problem
from psychoed.content.registries import load_reviewers, load_topics


def reviewers(tmp_path: Path, text: str) -> tuple[dict[str, object], list[Problem]]:
    path = tmp_path / "reviewers.yml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return dict(load_reviewers(path, problems)), problems


def test_reviewer_with_all_fields(tmp_path: Path) -> None:
    found, problems = reviewers(
        tmp_path,
        "dana:\n  name: Dana Example\n  credentials: LCSW\n  role: Therapist\n  bio: Hi.\n"
        "  license: CA LCSW 123\n  sample: false\n",
    )
    assert problems == []
    dana = found["dana"]
    assert dana.display_name == "Dana Example, LCSW"  # type: ignore[attr-defined]
    assert dana.license == "CA LCSW 123"  # type: ignore[attr-defined]
    assert dana.page_path == "reviewers/dana.md"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "line", "rule", "message"),
    [
        ("dana:\n  name: Dana Example\n", 1, "reviewers.required",
         "reviewer `dana`: `credentials` is required; add a line such as `credentials: PhD`."),
        ("dana:\n  name: Dana\n  credentials: PhD\n  credential: LCSW\n", 4, "reviewers.unknown-key",
         "reviewer `dana`: `credential` is not a known field (did you mean `credentials`?); known fields are "
         "`name`, `credentials`, `role`, `bio`, `license`, `sample`, `github`, `languages`."),
        ("Dana Example:\n  name: Dana\n  credentials: PhD\n", 1, "reviewers.id",
         "reviewer `Dana Example`: ids are used in page addresses and must be lowercase words joined by hyphens, "
         "e.g. `dana-example`."),
        ("dana: Dana Example, PhD\n", 1, "reviewers.not-mapping", "reviewer `dana`: give its fields as indented `key: value` lines."),
        ("dana:\n  name: Dana\n  credentials: PhD\n  sample: maybe\n", 4, "reviewers.type",
         "reviewer `dana`: `sample` must be true or false, not text."),
        ("- dana\n", 1, "reviewers.not-mapping",
         "reviewers.yml must map each reviewer id to its fields, e.g. `my-reviewer:` followed by indented "
         "`key: value` lines."),
    ],
)  # fmt: skip
def test_bad_reviewer_entry(tmp_path: Path, text: str, line: int, rule: str, message: str) -> None:
    _, problems = reviewers(tmp_path, text)
    assert [(p.line, p.rule.id, p.message) for p in problems] == [(line, rule, message)]


def test_entry_with_a_problem_still_counts_as_known(tmp_path: Path) -> None:
    """A typo in one field must not also make every article's `reviewer: dana` unknown."""
    found, problems = reviewers(tmp_path, "dana:\n  name: Dana\n  credentials: PhD\n  sample: maybe\n")
    assert list(found) == ["dana"]
    assert len(problems) == 1


def test_missing_registry_is_reported(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert load_topics(tmp_path / "topics.yml", problems) == {}
    assert [(p.rule.id, p.message) for p in problems] == [
        ("topics.no-file", "the topic registry is missing; create topics.yml (see the README).")
    ]


def test_topics_keep_file_order(tmp_path: Path) -> None:
    path = tmp_path / "topics.yml"
    path.write_text("sleep:\n  title: Sleep\nanxiety:\n  title: Anxiety\n  description: Worry.\n", encoding="utf-8")
    problems: list[Problem] = []
    topics = load_topics(path, problems)
    assert problems == []
    assert list(topics) == ["sleep", "anxiety"]
    assert topics["anxiety"].description == "Worry."
    assert topics["anxiety"].line == 3


def test_duplicate_reviewer_id_is_an_error(tmp_path: Path) -> None:
    _, problems = reviewers(tmp_path, "dana:\n  name: A\n  credentials: PhD\ndana:\n  name: B\n  credentials: PhD\n")
    assert [(p.line, p.rule.id) for p in problems] == [(4, "yaml.duplicate-key")]
