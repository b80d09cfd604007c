"""The reviewer and topic registries: ``content/reviewers.yml`` and ``content/topics.yml``.

Both are mappings from an id to a few fields. Articles refer to the ids, so the
ids double as page slugs and must be URL-safe.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import Problem, SourceError
from .fields import Fields
from .model import Reviewer, Topic
from .slugs import is_slug, suggest_slug
from .source_text import read_text
from .yaml_source import parse_yaml

REVIEWER_FIELDS = ("name", "credentials", "role", "bio", "license", "sample")
TOPIC_FIELDS = ("title", "description")

T = TypeVar("T")


def load_reviewers(path: Path, problems: list[Problem], ids: set[str] | None = None) -> dict[str, Reviewer]:
    """Reviewers by id, in file order; problems are appended to ``problems``.

    ``ids`` receives every id in the file, valid or not, so that an article naming a
    reviewer whose entry has a problem is not also reported as naming an unknown one.
    """
    return _load_registry(path, "reviewers", "reviewer", problems, _reviewer, ids)


def load_topics(path: Path, problems: list[Problem], ids: set[str] | None = None) -> dict[str, Topic]:
    """Topics by id, in file order; problems are appended to ``problems``; ``ids`` as for reviewers."""
    return _load_registry(path, "topics", "topic", problems, _topic, ids)


def _reviewer(fields: Fields, entry_id: str, line: int) -> Reviewer | None:
    fields.reject_unknown(REVIEWER_FIELDS)
    name = fields.text("name", required=True, example="Jordan Rivera")
    credentials = fields.text("credentials", required=True, example="PhD")
    role = fields.text("role", required=False)
    bio = fields.text("bio", required=False)
    license_ = fields.text("license", required=False)
    sample = fields.boolean("sample", default=False)
    if name is None or credentials is None:
        return None
    return Reviewer(entry_id, name, credentials, role, bio, license_, sample, line)


def _topic(fields: Fields, entry_id: str, line: int) -> Topic | None:
    fields.reject_unknown(TOPIC_FIELDS)
    title = fields.text("title", required=True, example="Sleep")
    description = fields.text("description", required=False)
    if title is None:
        return None
    return Topic(entry_id, title, description, line)


def _load_registry(
    path: Path,
    kind: str,
    noun: str,
    problems: list[Problem],
    build: Callable[[Fields, str, int], T | None],
    ids: set[str] | None,
) -> dict[str, T]:
    if not path.is_file():
        problems.append(
            Problem(
                path, None, f"{kind}.missing", f"the {noun} registry is missing; create {path.name} (see the README)."
            )
        )
        return {}
    try:
        document = parse_yaml(read_text(path), path)
    except SourceError as error:
        problems.append(error.problem)
        return {}
    if not isinstance(document.data, dict) or not document.data:
        problems.append(
            Problem(
                path,
                1,
                f"{kind}.type",
                f"{path.name} must map each {noun} id to its fields, e.g. `my-{noun}:` "
                "followed by indented `key: value` lines.",
            )
        )
        return {}
    entries: dict[str, T] = {}
    for raw_id, raw in document.data.items():
        entry_id = str(raw_id)
        if ids is not None:
            ids.add(entry_id)
        line = document.line_of(entry_id)
        label = f"{noun} `{entry_id}`: "
        if not isinstance(raw_id, str) or not is_slug(entry_id):
            problems.append(
                Problem(
                    path,
                    line,
                    f"{kind}.id",
                    f"{label}ids are used in page addresses and must be lowercase words joined "
                    f"by hyphens, e.g. `{suggest_slug(entry_id)}`.",
                )
            )
            continue
        if not isinstance(raw, dict):
            problems.append(
                Problem(path, line, f"{kind}.type", f"{label}give its fields as indented `key: value` lines.")
            )
            continue
        fields = Fields(document, raw, path, problems, rule_prefix=kind, at=(entry_id,), label=label)
        entry = build(fields, entry_id, line)
        if entry is not None:
            entries[entry_id] = entry
    return entries
