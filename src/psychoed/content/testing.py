"""Testing with readers: ``content/testing.yml``, the record of user involvement the standards ask for.

PIF TICK and NHS England's standard ask that information be tested with the people it is for, and that
what changed be recorded. Each round is an entry: when, which articles (none listed: the whole site), how
many took part, who they were in plain words, and what changed. A public repository is no place for anyone's
personal data, so a record that holds an email address, a phone number, a social handle or a person's name
(after a title such as "Ms", or as "named …", or before "said") is refused. A name written with no such
sign cannot be told from a place or a service by its letters alone; the README says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from psychoed.content.model import TestingRound
from psychoed.content.registries import RegistryRules, load_entries
from psychoed.findings import Problem, loader_rule
from psychoed.source.fields import Fields

TESTING_FILE = "testing.yml"
TESTING_FIELDS = ("date", "articles", "participants", "who", "method", "changed")
TESTING_RULES = RegistryRules.declare("testing", "round", values=True, addressed=False)
PERSONAL_DATA = loader_rule(
    "testing.personal-data",
    "A testing record holds what looks like someone's personal data (an email address, a phone number, a "
    "handle or a name), which must never be published or kept in the repository.",
    'Describe who took part in plain words ("six adults who had used our sleep service"), with no names or '
    "contact details.",
)
RULES = (*(r for r in TESTING_RULES.all() if r.id != "testing.no-file"), PERSONAL_DATA)
"""The file is optional: a site that has not recorded testing has no rounds (the audit says so)."""

_PERSONAL = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    ("a phone number", re.compile(r"(?<![\w-])\+?\(?\d[\d ()-]{6,}\d(?![\w-])")),  # 9 digits or more
    ("a handle", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,}")),
    ("a name", re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][a-z]+")),
    ("a name", re.compile(r"\b(?:named|called)\s+[A-Z][a-z]+")),
    ("a name", re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:said|told us|wrote|suggested)\b")),
)


def load_testing(path: Path, problems: list[Problem], articles: set[str]) -> tuple[TestingRound, ...]:
    """Every round in ``path``, newest first; none when there is no file. ``articles`` are the slugs that
    exist, which a round's ``articles`` must name."""
    if not path.is_file():
        return ()

    def read(fields: Fields, entry_id: str, line: int) -> TestingRound | None:
        return _round(fields, entry_id, line, articles)

    rounds = load_entries(path, TESTING_RULES, "round", problems, read, None)
    return tuple(sorted(rounds.values(), key=lambda r: (r.on, r.id), reverse=True))


def _round(fields: Fields, entry_id: str, line: int, articles: set[str]) -> TestingRound | None:
    fields.reject_unknown(TESTING_FIELDS)
    markup = TESTING_RULES.markup
    on = fields.date("date", required=True)
    tested = fields.text_list("articles", required=False, example="[sleep-and-mood]")
    participants = fields.integer("participants", default=0, minimum=1, maximum=100_000)
    if "participants" not in fields.data:
        fields.problem("participants", TESTING_RULES.fields.required, "`participants` is required: how many took part.")
    who = fields.plain_text("who", markup, required=True, example="Adults who had used our sleep service")
    method = fields.plain_text("method", markup, required=False)
    changed = fields.plain_text("changed", markup, required=True, example="We shortened the tips.")
    for index, slug in enumerate(tested):
        if slug not in articles:
            fields.value_problem(
                "articles", f"`articles` item {index + 1}, `{slug}`, is not an article; use file names without `.md`."
            )
    for key, value in (("who", who), ("method", method), ("changed", changed)):
        for what, pattern in _PERSONAL:
            found = pattern.search(value or "")
            if found and (what != "a phone number" or sum(c.isdigit() for c in found.group()) >= 9):
                fields.problem(
                    key,
                    PERSONAL_DATA,
                    f"`{key}` seems to hold {what}; testing records are public, so describe who took part in "
                    "plain words, with no names or contact details.",
                )
                break
    if on is None or who is None or changed is None or participants == 0:
        return None
    return TestingRound(entry_id, on, participants, who, changed, tested, method, line)
