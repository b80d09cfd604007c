"""The registries: ``content/reviewers.yml``, ``content/topics.yml`` and the optional ``content/glossary.yml``.

Each is a mapping from an id to a few fields. Articles refer to reviewers' and topics' ids, so the ids
double as page slugs and must be URL-safe; a glossary's ids follow the same form, for its anchors.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from psychoed.content.body import bracket_problem
from psychoed.content.model import GlossaryTerm, Reviewer, Topic, TopicText
from psychoed.errors import SourceError
from psychoed.findings import Problem, Rule, loader_rule
from psychoed.source.fields import MARKUP, FieldRules, Fields
from psychoed.source.slugs import GITHUB_HANDLE, is_slug, suggest_slug
from psychoed.source.text import read_text
from psychoed.source.yaml_document import parse_yaml

REVIEWER_FIELDS = ("name", "credentials", "role", "bio", "license", "sample", "github", "languages")
TOPIC_FIELDS = ("title", "description", "sensitive", "content_note", "translations")
TOPIC_TEXT_FIELDS = ("title", "description", "content_note")
"""A topic's words in another language: plain text, all three (its page in that language shows no Markdown)."""
GLOSSARY_FIELDS = ("term", "definition", "synonyms")

T = TypeVar("T")


@dataclass(frozen=True)
class RegistryRules:
    """The rules of one registry file, declared alike for reviewers and topics."""

    no_file: Rule
    not_mapping: Rule
    id: Rule
    markup: Rule
    fields: FieldRules
    addressed: bool = True
    """The ids are page addresses (reviewers, topics), not only names for the entries."""

    @classmethod
    def declare(cls, kind: str, noun: str, *, values: bool = False, addressed: bool = True) -> RegistryRules:
        """The rules of ``kind``.yml, whose entries are each a ``noun``; ``addressed`` when its ids are page
        addresses (reviewers, topics), not only names for the entries (the glossary, testing rounds)."""
        why = "used in page addresses, so it must be safe in links" if addressed else (
            "how findings and editors name the entry, so it must be written one way")  # fmt: skip
        return cls(
            no_file=loader_rule(
                f"{kind}.no-file",
                f"The {noun} registry `{kind}.yml` is missing, so no article can name a {noun}.",
                f"Create `content/{kind}.yml` (see the README).",
            ),
            not_mapping=loader_rule(
                f"{kind}.not-mapping",
                f"`{kind}.yml` is not a mapping from each {noun} id to its fields.",
                f"Write each {noun} as `my-{noun}:` followed by indented `key: value` lines.",
            ),
            id=loader_rule(
                f"{kind}.id",
                f"A {noun} id is {why}.",
                "Use lowercase words joined by hyphens, as the message suggests.",
            ),
            markup=loader_rule(
                f"{kind}.markup",
                f"A {noun}'s name or title is shown as plain text everywhere, the navigation included, so "
                "Markdown or HTML in it would show as stray symbols.",
                "Write plain words; the Markdown goes in the longer text fields.",
            ),
            fields=FieldRules.declare(kind, f"of an entry in `{kind}.yml`", values=values),
            addressed=addressed,
        )

    def all(self) -> tuple[Rule, ...]:
        return (self.no_file, self.not_mapping, self.id, self.markup, *self.fields.all())


REVIEWER_RULES = RegistryRules.declare("reviewers", "reviewer")
TOPIC_RULES = RegistryRules.declare("topics", "topic")
GLOSSARY_RULES = RegistryRules.declare("glossary", "term", addressed=False)
GITHUB = loader_rule(
    "reviewers.github",
    "A reviewer's `github` is not a GitHub user or team, so CODEOWNERS could not ask them to approve changes.",
    "Write the reviewer's GitHub user name, such as `@jordan-rivera`, or a team such as `@clinic/psychology`.",
)
# The glossary is optional: a site without glossary.yml has no terms, which is not a problem.
RULES = (
    *REVIEWER_RULES.all(),
    GITHUB,
    *TOPIC_RULES.all(),
    *(r for r in GLOSSARY_RULES.all() if r.id != "glossary.no-file"),
)


def load_reviewers(path: Path, problems: list[Problem], ids: set[str] | None = None) -> dict[str, Reviewer]:
    """Reviewers by id, in file order; problems are appended to ``problems``.

    ``ids`` receives every id in the file, valid or not, so that an article naming a
    reviewer whose entry has a problem is not also reported as naming an unknown one.
    """
    return load_entries(path, REVIEWER_RULES, "reviewer", problems, _reviewer, ids)


def load_topics(path: Path, problems: list[Problem], ids: set[str] | None = None) -> dict[str, Topic]:
    """Topics by id, in file order; problems are appended to ``problems``; ``ids`` as for reviewers."""
    return load_entries(path, TOPIC_RULES, "topic", problems, _topic, ids)


def load_glossary(path: Path, problems: list[Problem]) -> dict[str, GlossaryTerm]:
    """Glossary terms by id, in file order. The glossary is optional: no file, no terms."""
    if not path.is_file():
        return {}
    return load_entries(path, GLOSSARY_RULES, "term", problems, _glossary_term, None)


def _glossary_term(fields: Fields, entry_id: str, line: int) -> GlossaryTerm | None:
    fields.reject_unknown(GLOSSARY_FIELDS)
    markup = GLOSSARY_RULES.markup
    term = fields.plain_text("term", markup, required=True, example="Cognitive behavioural therapy")
    definition = fields.plain_text(
        "definition", markup, required=True, example="A talking therapy that looks at how thoughts and actions link."
    )
    synonyms = fields.text_list("synonyms", required=False, example="[CBT]")
    for index, synonym in enumerate(synonyms):
        if MARKUP.search(synonym):
            fields.problem("synonyms", markup, "write each synonym as plain words.", index=index)
    if term is None or definition is None:
        return None
    definition = " ".join(definition.split())
    return GlossaryTerm(entry_id, term, definition, synonyms, line, fields.text_line("definition"))


def _reviewer(fields: Fields, entry_id: str, line: int) -> Reviewer | None:
    fields.reject_unknown(REVIEWER_FIELDS)
    markup = REVIEWER_RULES.markup
    name = fields.plain_text("name", markup, required=True, example="Jordan Rivera")
    credentials = fields.plain_text("credentials", markup, required=True, example="PhD")
    role = fields.plain_text("role", markup, required=False)
    bio = _markdown(fields, "bio")
    license_ = fields.plain_text("license", markup, required=False)
    sample = fields.boolean("sample", default=False)
    github = fields.text("github", required=False, example="@jordan-rivera")
    languages = fields.text_list("languages", required=False, example="[en, es]")
    if github is not None and not GITHUB_HANDLE.fullmatch(github):
        fields.problem("github", GITHUB, f"`github` must be a GitHub user such as `@jordan-rivera`, not `{github}`.")
        github = None
    if name is None or credentials is None:
        return None
    handle = None if github is None else "@" + github.lstrip("@")
    return Reviewer(
        entry_id, name, credentials, role, bio, license_, sample, line, fields.text_line("bio"), handle, languages
    )


def _topic(fields: Fields, entry_id: str, line: int) -> Topic | None:
    fields.reject_unknown(TOPIC_FIELDS)
    title = fields.plain_text("title", TOPIC_RULES.markup, required=True, example="Sleep")
    description = _markdown(fields, "description")
    sensitive = fields.boolean("sensitive", default=False)
    note = fields.plain_text("content_note", TOPIC_RULES.markup, required=False)
    translations = per_language(fields, TOPIC_RULES, TOPIC_TEXT_FIELDS, _topic_text)
    if title is None:
        return None
    return Topic(entry_id, title, description, line, fields.text_line("description"), sensitive, note, translations)


def per_language(
    fields: Fields, rules: RegistryRules, keys: Collection[str], read: Callable[[Fields], T | None]
) -> dict[str, T]:
    """An entry's ``translations: {es: {…}, fr: {…}}``: what ``read`` makes of each language's block, whose
    keys must be among ``keys``. A block that is not a mapping, or a key not among them, is reported."""
    block = fields.mapping("translations")
    found: dict[str, T] = {}
    if block is None:
        return found
    for code, value in block.data.items():
        if not isinstance(value, dict):
            needed = ", ".join(f"`{key}`" for key in keys)
            block.problem(str(code), rules.fields.type, f"`{code}` needs `key: value` lines, of {needed}.")
            continue
        words = block.nested(value, (str(code),), label=f"translation `{code}`: ")
        words.reject_unknown(keys)
        made = read(words)
        if made is not None:
            found[str(code)] = made
    return found


def _topic_text(words: Fields) -> TopicText | None:
    """A topic's words in one language: plain text, title required."""
    markup = TOPIC_RULES.markup
    title = words.plain_text("title", markup, required=True, example="Sueño")
    description = words.plain_text("description", markup, required=False)
    note = words.plain_text("content_note", markup, required=False)
    return TopicText(title, description, note) if title is not None else None


def _markdown(fields: Fields, key: str) -> str | None:
    """A Markdown field, rendered on the entry's page: the security check reads it; here, only its
    size in brackets is bounded, as an article's is, so the build stays fast."""
    text = fields.text(key, required=False)
    if text is not None:
        problem = bracket_problem(text, fields.text_line(key), fields.path)
        if problem is not None:
            fields.problems.append(problem)
            return None
    return text


def load_entries(
    path: Path,
    rules: RegistryRules,
    noun: str,
    problems: list[Problem],
    build: Callable[[Fields, str, int], T | None],
    ids: set[str] | None,
) -> dict[str, T]:
    if not path.is_file():
        problems.append(
            rules.no_file.at(path, None, f"the {noun} registry is missing; create {path.name} (see the README).")
        )
        return {}
    try:
        document = parse_yaml(read_text(path), path)
    except SourceError as error:
        problems.append(error.problem)
        return {}
    if not isinstance(document.data, dict) or not document.data:
        problems.append(
            rules.not_mapping.at(
                path,
                1,
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
                rules.id.at(
                    path,
                    line,
                    f"{label}ids {'are used in page addresses and ' if rules.addressed else ''}must be lowercase "
                    f"words joined by hyphens, e.g. `{suggest_slug(entry_id)}`.",
                )
            )
            continue
        if not isinstance(raw, dict):
            problems.append(rules.not_mapping.at(path, line, f"{label}give its fields as indented `key: value` lines."))
            continue
        fields = Fields(document, raw, path, problems, rules=rules.fields, at=(entry_id,), label=label)
        entry = build(fields, entry_id, line)
        if entry is not None:
            entries[entry_id] = entry
    return entries
