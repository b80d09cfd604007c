r"""Safe-messaging and person-first language rules: data, not code.

The rules ship as ``data/language.yml``: each entry has an id, the catalog rule
it reports under (``language.*``), word patterns, a suggestion, a reason and the
published guidance it follows. A site adds entries, or replaces one by its id,
in its own file named by ``language_rules`` in ``mkdocs.yml``; a site's new
entries report under ``language.site`` unless they name a shipped rule.

Patterns are regular expressions matched case-insensitively against each
sentence readers read, so they can say "a schizophrenic" but not
"schizophrenia", "psycho" but not "psychosis". The shipped ones are Python's
(they need look-ahead, and are reviewed as code). A site's own file arrives by
pull request, and a backtracking pattern such as ``^(\w+\s?)*$`` can take
minutes on one sentence, so a site's patterns run under RE2 (``google-re2``),
which matches in linear time; what RE2 cannot run (look-around,
back-references) is refused at its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import re2

from psychoed.errors import SourceError
from psychoed.findings import Problem, Rule, Severity, loader_rule
from psychoed.source.fields import FieldRules, Fields
from psychoed.source.text import read_text
from psychoed.source.yaml_document import parse_settings_yaml

_RULES: dict[str, tuple[Severity, str]] = {
    "language.suicide-crime": (
        "error",
        'Words that make suicide a crime or a sin ("committed suicide") hurt people who are bereaved and '
        "add to stigma.",
    ),
    "language.suicide-outcome": (
        "error",
        'Calling a suicide "successful" or an attempt "failed" makes death sound like an achievement.',
    ),
    "language.sensational": (
        "error",
        'Sensational words ("suicide epidemic", "skyrocketing") present suicide as common, which can put '
        "people at risk.",
    ),
    "language.slur": (
        "error",
        'Casual and insulting words for mental illness ("crazy", "psycho", "nuts") keep stigma alive and stop '
        "people asking for help.",
    ),
    "language.identity": (
        "warning",
        'Naming a person by a diagnosis or by substance use ("a schizophrenic", "an addict") makes the '
        "illness who they are.",
    ),
    "language.suffering": (
        "warning",
        '"Suffers from", "victim of" and "afflicted with" suggest a life without quality or hope.',
    ),
    "language.casual-diagnosis": (
        "warning",
        'A diagnosis used as a casual adjective ("so OCD") trivialises it for people who live with it.',
    ),
    "language.site": ("warning", "Wording this site's own language rules ask editors to avoid."),
}
MESSAGING_RULES = tuple(
    Rule(rule_id, severity, summary, "Use the suggested wording, or allow one quotation with a reason.")
    for rule_id, (severity, summary) in _RULES.items()
)
"""The catalog rules language entries report under (the ``language`` family); ``language.site`` is for a site's
own entries."""
RULE_IDS = tuple(rule.id for rule in MESSAGING_RULES)

FIELD_RULES = FieldRules.declare("language", "of an entry in a language rules file", values=False)
PATTERN = loader_rule(
    "language.pattern",
    "A language rule's pattern is not a regular expression, or names a rule that does not exist.",
    "Fix the expression (a site's own patterns: RE2 syntax, no look-around or back-references), and use a "
    "`rule` that `psychoed rules` lists under language.",
)


class Pattern(Protocol):
    """A compiled pattern, Python's or RE2's: both search a sentence and keep their source."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> Any: ...


Compile = Callable[[str], Pattern]


def python_pattern(text: str) -> Pattern:
    """For psychoed's shipped entries."""
    return re.compile(text, re.IGNORECASE)


def linear_pattern(text: str) -> Pattern:
    """For a site's entries: RE2, linear in the sentence's length whatever the pattern."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 logs to stderr; the problem is reported at its line instead
    compiled: Pattern = re2.compile(text, options)
    return compiled


RULES = (*FIELD_RULES.all(), PATTERN)


@dataclass(frozen=True)
class Guidance:
    title: str
    url: str


@dataclass(frozen=True, eq=False)
class LanguageEntry:
    """One kind of wording to avoid."""

    id: str
    rule: str
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    suggestion: str
    reason: str
    source: Guidance
    words: tuple[str, ...] = ()
    """Lower-case stems one of which any matching sentence holds; empty: always try the patterns."""
    compile: Compile = python_pattern
    """How the entry's patterns were compiled: RE2 for a site's own."""

    @cached_property
    def combined(self) -> Pattern:
        """All the entry's patterns as one expression: one search a sentence instead of one a pattern."""
        return self.compile("|".join(f"(?:{p.pattern})" for p in self.patterns))

    def matches(self, sentence: str, lowered: str | None = None) -> str | None:
        """The words that match in ``sentence`` (``lowered``: the same, lower-cased, if already made), or None."""
        low = sentence.lower() if lowered is None else lowered
        if self.words and not any(word in low for word in self.words):
            return None
        found = self.combined.search(sentence)
        if found is None or any(pattern.search(sentence) for pattern in self.unless):
            return None
        return str(found.group(0))


SHIPPED = "language.yml"


def shipped_file(language: str = "en") -> Path | None:
    """psychoed's entries for ``language``: ``language.yml`` for English, ``language.<code>.yml`` for another
    (``es-MX`` uses ``es``); None when psychoed ships none for it."""
    base = language.split("-")[0].lower()
    path = Path(str(files("psychoed") / "data" / (SHIPPED if base == "en" else f"language.{base}.yml")))
    return path if path.is_file() else None


@cache
def shipped_entries(language: str = "en") -> tuple[LanguageEntry, ...]:
    """psychoed's own entries for ``language`` (``src/psychoed/data/language*.yml``), none for a language it has
    no entries for; a problem in them is a bug, raised."""
    path = shipped_file(language)
    if path is None:
        return ()
    problems: list[Problem] = []
    entries = read_entries(path, problems)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    return entries


def site_entries(path: Path, problems: list[Problem], language: str = "en") -> tuple[LanguageEntry, ...]:
    """The shipped entries for the site's source ``language`` with a site's file applied: same id replaces, a
    new id adds."""
    own = read_entries(path, problems, default_rule="language.site", compile=linear_pattern)
    by_id = {entry.id: entry for entry in shipped_entries(language)}
    for entry in own:
        by_id[entry.id] = entry
    return tuple(by_id.values())


def read_entries(
    path: Path, problems: list[Problem], *, default_rule: str | None = None, compile: Compile = python_pattern
) -> tuple[LanguageEntry, ...]:
    """The entries in one language rules file, their patterns made by ``compile``; each problem is appended
    with its line."""
    try:
        document = parse_settings_yaml(read_text(path), path)
    except SourceError as error:
        problems.append(error.problem)
        return ()
    data = document.data if isinstance(document.data, dict) else {}
    top = Fields(document, data, path, problems, rules=FIELD_RULES)
    top.reject_unknown(("sources", "entries"))
    sources = _sources(top)
    found = []
    for entry in top.mapping_list("entries", required=True):
        entry.reject_unknown(("id", "rule", "words", "patterns", "unless", "suggestion", "reason", "source"))
        ident = entry.text("id", required=True, example="my-clinic-term")
        rule = entry.text("rule", required=default_rule is None, example="language.slur") or default_rule
        suggestion = entry.text("suggestion", required=True, example='"person with schizophrenia"')
        reason = entry.text("reason", required=True, example="It labels a person by an illness.")
        source_id = entry.text("source", required=True, example="mindframe")
        patterns = _patterns(entry, "patterns", compile, required=True)
        unless = _patterns(entry, "unless", compile, required=False)
        words = tuple(word.lower() for word in entry.text_list("words", required=False, example="[craz, psycho]"))
        if rule is not None and rule not in RULE_IDS:
            entry.problem("rule", PATTERN, f"`{rule}` is not a language rule; use one of {', '.join(RULE_IDS)}.")
            continue
        if source_id is not None and source_id not in sources:
            entry.problem("source", PATTERN, f"`{source_id}` is not under `sources`; add its title and url there.")
            continue
        if None in (ident, rule, suggestion, reason, source_id) or not patterns:
            continue
        found.append(
            LanguageEntry(
                str(ident),
                str(rule),
                patterns,
                unless,
                str(suggestion),
                str(reason),
                sources[str(source_id)],
                words,
                compile,
            )
        )
    return tuple(found)


def _sources(top: Fields) -> dict[str, Guidance]:
    sources = top.mapping("sources")
    if sources is None:
        return {}
    found = {}
    for key, value in sources.data.items():
        if not isinstance(value, dict):
            sources.problem(str(key), PATTERN, f"source `{key}` needs a `title` and a `url`.")
            continue
        source = sources.nested(value, (str(key),), label=f"source `{key}`: ")
        title = source.text("title", required=True, example="Name of the guidance")
        url = source.text("url", required=True, example="https://example.org/guidance")
        if title and url:
            found[str(key)] = Guidance(title, url)
    return found


def _patterns(entry: Fields, key: str, compile: Compile, *, required: bool) -> tuple[Pattern, ...]:
    compiled = []
    for index, text in enumerate(entry.text_list(key, required=required, example="['\\bcrazy\\b']")):
        try:
            compiled.append(compile(text))
        except (re.error, re2.error) as error:
            why = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
            extra = (
                " Look-around (`(?=`, `(?!`, `(?<`) and back-references cannot run in linear time; "
                "use `unless:` for exceptions."
                if compile is linear_pattern
                else ""
            )
            entry.problem(key, PATTERN, f"`{text}` is not a regular expression ({why}).{extra}", index=index)
    return tuple(compiled)
