"""The rule catalog: every finding is declared once, and every declared rule is found by something.

A corpus below holds one small site for each rule in the catalog, built in a
temporary folder with its own content (never this repository's). Running
``psychoed check`` on each must report that rule, and only rules the catalog
declares. A rule added without a case here, or a case whose rule is not
declared, fails the test.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from psychoed.checks.catalog import catalog
from psychoed.cli.app import run

from .conftest import TODAY_EPOCH, article_text, spanish_site_files, translation_text, write_site
from .other_clinic import STRINGS_FR

EASY = "Sleep helps you feel well. Go to bed at the same time.\n"
HARD = (
    "Understanding the physiological consequences of insufficient sleep can motivate individuals "
    "to prioritise consistent routines and environmental adjustments every evening at home.\n"
    "Psychological interventions demonstrate considerable effectiveness regarding persistent insomnia.\n"
)
EASY_SECTION = "## Easy part\n\n" + "We go to bed. We get up. " * 12 + "\n"


SPANISH = {"languages": ["en", "es"]}
FRENCH = {
    "strings/fr.yml": STRINGS_FR,
    "content/topics.yml": "therapy-basics:\n  title: Starting therapy\n  translations: {fr: {title: Thérapie}}\n",
    "content/reviewers.yml": "real-reviewer:\n  name: Dana Example\n  credentials: LCSW\n  languages: [en, fr]\n",
    "content/articles/one.fr.md": translation_text("Bien dormir aide à se sentir mieux.\n"),
}
"""A site that also publishes in French, which psychoed has no formula and no safe-messaging entries for."""
WITHDRAWN = {"status": "withdrawn", "withdrawn_on": dt.date(2026, 3, 2), "withdrawn_reason": "Changed."}
HARD_SPANISH = (
    "La implementación sistemática de intervenciones psicoterapéuticas individualizadas proporciona considerables "
    "beneficios terapéuticos a aquellas personas que experimentan dificultades persistentes.\n"
)
FAIRLY_SPANISH = (
    "La terapia psicológica te ayuda a entender tus emociones. Puedes hablar de tus preocupaciones con "
    "tranquilidad. Tu terapeuta te escucha y te propone pequeños cambios semanales.\n"
)


def STRINGS_ES_PLUS(line: str) -> str:  # noqa: N802 - reads as the constant it extends
    return spanish_site_files()["strings/es.yml"] + line


@dataclass(frozen=True)
class Case:
    """A site that must make ``psychoed check`` report one rule."""

    articles: dict[str, str | bytes] = field(default_factory=lambda: {"one": article_text(EASY)})
    extra: dict[str, object] = field(default_factory=dict)
    """Settings under ``extra.psychoed``."""
    files: dict[str, str] = field(default_factory=dict)
    """Other files to write, by path from the site's folder ("" removes the file)."""
    links: bool = False
    setup: Callable[[Path], None] | None = None
    settings_file: bool = False
    """The problem is in a file the settings name (a language rules file): the check cannot run, exit 2."""


def _article(body: str = EASY, **front_matter: object) -> dict[str, str | bytes]:
    return {"one": article_text(body, **front_matter)}


def _dangling_link(root: Path) -> None:
    (root / "content" / "articles" / "gone.md").symlink_to(root / "nowhere.md")


def _subfolder(root: Path) -> None:
    (root / "content" / "articles" / "more").mkdir()


def _no_articles_folder(root: Path) -> None:
    for path in (root / "content" / "articles").iterdir():
        path.unlink()
    (root / "content" / "articles").rmdir()


def _outside_link(root: Path) -> None:
    outside = root.parent / "outside.md"
    outside.write_text("# Not in the repository\n", encoding="utf-8")
    (root / "docs" / "leak.md").symlink_to(outside)


def _clash(root: Path) -> None:
    clash = root / "docs" / "articles" / "one.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Hand-written\n", encoding="utf-8")


CRISIS_ENTRY = (
    "a-service:\n  name: A service\n  country: US\n  contacts: [{way: call, number: '1'}]\n  hours: Any time\n"
    "  languages: [English]\n  source: https://example.org/\n  verified: 2026-05-01\n"
)
REGISTRY = "a-reviewer:\n  name: A Reviewer\n  credentials: PhD\n"


def _registry_cases(kind: str, good: str, field_name: str, wrong_type: str) -> dict[str, Case]:
    path = f"content/{kind}.yml"
    return {
        f"{kind}.no-file": Case(files={path: ""}),
        f"{kind}.not-mapping": Case(files={path: "- just a list\n"}),
        f"{kind}.id": Case(files={path: good.replace("a-", "A ", 1)}),
        f"{kind}.unknown-key": Case(files={path: good + "  colour: blue\n"}),
        f"{kind}.required": Case(files={path: good.replace(f"  {field_name}: ", "  unused: ", 1)}),
        f"{kind}.type": Case(files={path: good + wrong_type}),
        f"{kind}.empty": Case(files={path: re.sub(f"  {field_name}: .*", f'  {field_name}: "  "', good, count=1)}),
        f"{kind}.markup": Case(
            files={path: re.sub(f"  {field_name}: .*", f"  {field_name}: <b>Bold</b>", good, count=1)}
        ),
    }


TESTING_ENTRY = (
    "a-round:\n  date: 2026-01-10\n  participants: 6\n  who: Adults from our waiting list\n  changed: Shorter tips.\n"
)
GLOSSARY_ENTRY = "a-term:\n  term: A term\n  definition: A talking therapy.\n"
LANGUAGE_FILE = "sources:\n  ours: {title: Our guide, url: 'https://example.org/guide'}\nentries:\n"
LANGUAGE_ENTRY = (
    "  - id: x\n    patterns: ['\\bservice users\\b']\n    suggestion: a\n    reason: b.\n    source: ours\n"
)


def _language(entries: str, body: str = EASY, *, broken: bool = True) -> Case:
    return Case(
        articles=_article(body),
        extra={"language_rules": "language.yml"},
        files={"language.yml": LANGUAGE_FILE + entries},
        settings_file=broken,
    )


CASES: dict[str, Case] = {
    # Reading files
    "source.unreadable": Case(setup=_dangling_link),
    "source.encoding": Case(articles={"one": b"---\ntitle: caf\xe9\n---\n"}),
    "source.empty": Case(articles={"one": ""}),
    "source.too-large": Case(articles=_article(EASY * 200), extra={"max_article_kb": 1}),
    "source.outside-link": Case(setup=_outside_link),
    "source.file-name": Case(files={"docs/two\nlines.md": "# Two lines\n\nText.\n"}),
    "security.front-matter": Case(files={"docs/team.md": "---\ntemplate: redirect.html\n---\n# Team\n"}),
    "security.static-file": Case(files={"docs/images/map.svg": "<svg onload='alert(1)'/>\n"}),
    "security.reserved-path": Case(files={"docs/assets/psychoed/psychoed.js": "alert(1)\n"}),
    "yaml.depth": Case(articles={"one": "---\ntitle: " + "[" * 30 + "]" * 30 + "\n---\nBody.\n"}),
    "yaml.merge-key": Case(articles={"one": "---\n<<: {title: A}\ntitle: B\n---\nBody.\n"}),
    "yaml.impossible-value": Case(articles={"one": article_text(EASY).replace("2026-01-15", "2026-13-15")}),
    "yaml.alias": Case(articles={"one": "---\ntitle: &t A\ndescription: *t\n---\nBody.\n"}),
    "yaml.duplicate-key": Case(articles={"one": "---\ntitle: A\ntitle: B\n---\nBody.\n"}),
    "yaml.syntax": Case(articles={"one": "---\ntitle: [unclosed\n---\nBody.\n"}),
    "yaml.tag": Case(articles={"one": "---\ntitle: !!python/object/apply:os.getcwd []\n---\nBody.\n"}),
    # Front matter
    "frontmatter.no-fence": Case(articles={"one": "Just text.\n"}),
    "frontmatter.unclosed": Case(articles={"one": "---\ntitle: A\n"}),
    "frontmatter.not-mapping": Case(articles={"one": "---\n- a list\n---\nBody.\n"}),
    "frontmatter.unknown-key": Case(articles=_article(reviwer="x")),
    "frontmatter.required": Case(articles=_article(title=None)),
    "frontmatter.type": Case(articles=_article(title=2024)),
    "frontmatter.empty": Case(articles=_article(title="  ")),
    "frontmatter.value": Case(articles=_article(status="publshed")),
    "frontmatter.description-length": Case(articles=_article(description="x" * 201)),
    "frontmatter.description-sentences": Case(articles=_article(description="One. Two. Three.")),
    "frontmatter.description-markup": Case(articles=_article(description="See **this**.")),
    "frontmatter.reviewed-future": Case(articles=_article(reviewed=dt.date(2026, 7, 1))),
    "frontmatter.next-review-order": Case(articles=_article(next_review=dt.date(2025, 1, 1))),
    "frontmatter.next-review-far": Case(articles=_article(next_review=dt.date(9999, 12, 31))),
    "frontmatter.fingerprint": Case(articles=_article(fingerprint="approved by Dana")),
    "frontmatter.related-self": Case(articles=_article(related=["one"])),
    "frontmatter.withdrawal": Case(articles=_article(withdrawn_reason="Changed.")),
    "frontmatter.source-url": Case(articles=_article(sources=[{"title": "A guide", "url": "example.org"}])),
    # Body
    "body.empty": Case(articles=_article("\n")),
    "body.h1": Case(articles=_article("Intro.\n\n# Second title\n")),
    "body.heading-empty": Case(articles=_article("Intro.\n\n##\n")),
    "body.heading-space": Case(articles=_article("Intro.\n\n##1. Tip\n")),
    "body.too-many-brackets": Case(articles=_article("Intro.\n\n" + "[" * 1001 + "\n")),
    "body.tip-order": Case(articles=_article("Intro.\n\n## 2. Tip\n")),
    # Articles and the content folder
    "article.slug": Case(articles={"My Tips": article_text(EASY)}),
    "article.unknown-reviewer": Case(articles=_article(reviewer="nobody")),
    "article.unknown-topic": Case(articles=_article(topics=["nothing"])),
    "article.unknown-related": Case(articles=_article(related=["nothing"])),
    "article.related-draft": Case(
        articles={"one": article_text(EASY, related=["two"]), "two": article_text(EASY, status="draft")}
    ),
    "article.related-withdrawn": Case(
        articles={
            "one": article_text(EASY, related=["two"]),
            "two": article_text(
                EASY, **{"status": "withdrawn", "withdrawn_on": dt.date(2026, 3, 2), "withdrawn_reason": "Changed."}
            ),
        }
    ),
    "article.replacement": Case(
        articles={
            "one": article_text(
                EASY,
                replaced_by="nowhere",
                **{"status": "withdrawn", "withdrawn_on": dt.date(2026, 3, 2), "withdrawn_reason": "Changed."},
            )
        }
    ),
    "content.missing": Case(setup=_no_articles_folder),
    "content.subfolder": Case(setup=_subfolder),
    "content.hidden": Case(files={"content/articles/.draft.md": article_text(EASY)}),
    "content.not-markdown": Case(files={"content/articles/notes.txt": "Notes.\n"}),
    # Registries
    **_registry_cases("reviewers", REGISTRY, "name", "  sample: maybe\n"),
    "reviewers.github": Case(files={"content/reviewers.yml": REGISTRY + "  github: not a handle\n"}),
    **_registry_cases("topics", "a-topic:\n  title: A topic\n", "title", "  description: [a, list]\n"),
    **_registry_cases("crisis", CRISIS_ENTRY, "name", "  note: [a, list]\n"),
    **{
        rule: case
        for rule, case in _registry_cases("glossary", GLOSSARY_ENTRY, "term", "  synonyms: {a: b}\n").items()
        if rule != "glossary.no-file"
    },  # an optional file: no glossary is no problem
    **{
        rule: case
        for rule, case in _registry_cases("testing", TESTING_ENTRY, "who", "  articles: {a: b}\n").items()
        if rule != "testing.no-file"
    },  # an optional file
    "testing.value": Case(files={"content/testing.yml": TESTING_ENTRY.replace("participants: 6", "participants: 0")}),
    "testing.personal-data": Case(
        files={"content/testing.yml": TESTING_ENTRY.replace("Adults", "Adults such as jo@example.org")}
    ),
    "glossary.undefined": Case(
        articles=_article("Intro.\n\nPsychosis is treatable.\n"), extra={"check": {"words_to_define": ["psychosis"]}}
    ),
    "glossary.definition-grade": Case(
        files={
            "content/glossary.yml": GLOSSARY_ENTRY.replace(
                "A talking therapy.",
                "Psychotherapeutic interventions systematically restructure maladaptive cognitions.",
            )
        }
    ),
    "crisis.value": Case(files={"content/crisis.yml": CRISIS_ENTRY.replace("2026-05-01", "soon")}),
    "crisis.contact": Case(
        files={"content/crisis.yml": CRISIS_ENTRY.replace("{way: call, number: '1'}", "{way: call}")}
    ),
    "crisis.sensitive-topic": Case(
        articles=_article("We talk about suicide here. Asking about suicide is safe.\n"),
    ),
    "crisis.missing": Case(extra={"crisis": {"services": ["test-line", "nowhere"]}}),
    "crisis.stale": Case(
        files={
            "content/crisis.yml": CRISIS_ENTRY.replace("a-service", "test-line").replace("2026-05-01", "2024-01-01")
        },
        extra={"crisis": {"services": ["test-line"]}},
    ),
    # Settings
    "settings.unknown-key": Case(extra={"clinc_name": "X"}),
    "settings.required": Case(extra={"call_to_action": {"text": "Hi.", "url": "https://example.org/"}}),
    "settings.type": Case(extra={"review_interval_months": "soon"}),
    "settings.empty": Case(extra={"clinic_name": "  "}),
    "settings.value": Case(extra={"review_interval_months": 0}),
    "settings.not-mapping": Case(extra={"__replace__": ["a", "list"]}),
    "settings.date-format": Case(extra={"date_format": "{weekday}"}),
    "settings.month-names": Case(extra={"month_names": ["Jan"]}),
    "settings.crisis-lines": Case(extra={"crisis": {"lines": []}}),
    "settings.color": Case(extra={"colors": {"primary": "blue"}}),
    "settings.contrast": Case(extra={"colors": {"primary": "#ffff00"}}),
    "settings.target-grade": Case(extra={"check": {"max_grade": 6, "target_grade": 8}}),
    "settings.url": Case(extra={"call_to_action": {"text": "Hi.", "link_text": "Go", "url": "javascript:alert(1)"}}),
    "settings.review-interval": Case(extra={"review_interval_months": 100}),
    "settings.allowed-html": Case(extra={"allowed_html": ["kbd", "script"]}),
    "settings.allowed-classes": Case(extra={"allowed_classes": ["callout", "md-consent__overlay"]}),
    "settings.owner": Case(extra={"owners": {"code": ["maintainers team"]}}),
    "settings.rules": Case(extra={"check": {"rules": {"reading.grde": "off"}}}),
    # Article checks
    "review.overdue": Case(articles=_article(reviewed=dt.date(2020, 1, 1), next_review=dt.date(2021, 1, 1))),
    "review.due-soon": Case(articles=_article(reviewed=dt.date(2024, 1, 1), next_review=dt.date(2026, 6, 30))),
    "review.sample-reviewer": Case(articles=_article(reviewer="sample-reviewer")),
    "reading.grade": Case(articles=_article(HARD)),
    "reading.section-grade": Case(articles=_article(EASY_SECTION * 4 + "## Hard part\n\n" + HARD * 4)),
    "reading.sentence": Case(articles=_article(HARD)),
    "reading.smog": Case(articles=_article(HARD)),
    "disclosures.missing": Case(extra={"disclosures": None}),
    "settings.feedback": Case(extra={"feedback": {}}),
    "sources.unchecked": Case(articles=_article(sources=[{"title": "A guide", "url": "https://example.org/g"}])),
    "sources.incomplete": Case(articles=_article(sources=[{"title": "A guide", "url": "https://example.org/g"}])),
    "sources.old-guideline": Case(
        articles=_article(
            sources=[
                {
                    "title": "A guide",
                    "url": "https://example.org/g",
                    "kind": "guideline",
                    "published": dt.date(2001, 1, 1),
                }
            ]
        )
    ),
    "reading.smog-high": Case(articles=_article(HARD), extra={"check": {"max_grade": 20, "max_smog": 25}}),
    "security.html": Case(articles=_article("Intro.\n\n<script>alert(1)</script>\n")),
    "security.attribute": Case(articles=_article('Intro <abbr title="x" onclick="alert(1)">AB</abbr>.\n')),
    "security.url": Case(articles=_article("Intro.\n\n[Click](javascript:alert(1))\n")),
    "security.remote-image": Case(articles=_article("Intro.\n\n![Pixel](https://tracker.example/p.gif)\n")),
    "security.attribute-list": Case(articles=_article('Intro.\n{: onclick="alert(1)" }\n')),
    "security.reserved-id": Case(files={"docs/about.md": "# About\n\nText.\n{: #psy-main }\n"}),
    "security.unclosed-html": Case(articles=_article("Intro <abbr>AB and the rest.\n")),
    "security.class": Case(articles=_article("Intro.\n{: .md-consent__overlay }\n")),
    "security.nesting": Case(articles=_article("Intro.\n\n" + "- " * 300 + "Go to bed.\n")),
    "signoff.changed": Case(articles={"one": article_text(EASY, signed=True) + "One more sentence.\n"}),
    "signoff.unsigned": Case(extra={"check": {"rules": {"signoff.unsigned": "error"}}}),
    "placeholder.text": Case(articles=_article("Intro.\n\n## 1. The first tip\n\nWrite one idea here.\n")),
    "placeholder.sample": Case(
        extra={"check": {"rules": {"placeholder.sample": "warning"}}},
        files={"docs/about.md": "# About\n\nWrite to us at hello@example.org.\n"},
    ),
    "language.suicide-crime": Case(articles=_article("Her uncle committed suicide last year.\n")),
    "language.suicide-outcome": Case(articles=_article("It was a failed suicide attempt.\n")),
    "language.sensational": Case(articles=_article("They spoke of a suicide epidemic.\n")),
    "language.slur": Case(articles=_article("That plan is crazy.\n")),
    "language.identity": Case(articles=_article("My brother is a schizophrenic.\n")),
    "language.suffering": Case(articles=_article("She suffers from anxiety.\n")),
    "language.casual-diagnosis": Case(articles=_article("I am so OCD about my desk.\n")),
    "language.site": _language(LANGUAGE_ENTRY, "Service users can ask for help.\n", broken=False),
    "language.pattern": _language(LANGUAGE_ENTRY.replace("\\bservice users\\b", "(unclosed")),
    "language.unknown-key": _language(LANGUAGE_ENTRY + "    colour: blue\n"),
    "language.required": _language(LANGUAGE_ENTRY.replace("    reason: b.\n", "")),
    "language.type": _language(LANGUAGE_ENTRY.replace("suggestion: a", "suggestion: [a, list]")),
    "language.empty": _language(LANGUAGE_ENTRY.replace("suggestion: a", "suggestion: ' '")),
    "reading.long-sentence": Case(articles=_article("We go to bed " + "and we get up " * 12 + "again.\n")),
    "headings.length": Case(articles=_article("Intro.\n\n## " + "word " * 13 + "\n\nText.\n")),
    "allowances.unknown-rule": Case(articles=_article("<!-- psychoed: allow reading.grde: quoted -->\nText.\n")),
    "allowances.not-allowed": Case(articles=_article("<!-- psychoed: allow links.broken: reason -->\nText.\n")),
    "allowances.no-reason": Case(articles=_article("<!-- psychoed: allow reading.sentence -->\nText.\n")),
    "allowances.unused": Case(articles=_article("<!-- psychoed: allow reading.sentence: a quote -->\nText.\n")),
    # The site's links (these build the site)
    "links.broken": Case(articles=_article("Intro.\n\nSee [gone](gone.md).\n"), links=True),
    "links.anchor": Case(articles=_article("Intro.\n\nSee [here](one.md#nowhere).\n"), links=True),
    "links.withdrawn": Case(
        articles={
            "one": article_text("Intro.\n\nSee [old](two.md).\n"),
            "two": article_text(
                EASY, **{"status": "withdrawn", "withdrawn_on": dt.date(2026, 3, 2), "withdrawn_reason": "Changed."}
            ),
        }
    ),
    "links.build": Case(setup=_clash, links=True),
    "links.cannot-run": Case(links=True, files={"broken-install/linkcheck/__init__.py": "raise ImportError('gone')\n"}),
    "links.not-checked": Case(articles=_article(reviewer="nobody"), links=True),
    # Translations
    "translation.language": Case(files={"content/articles/one.es.md": translation_text()}),
    "translation.unknown-source": Case(
        extra=SPANISH, files=spanish_site_files(**{"content/articles/two.es.md": translation_text()})
    ),
    "translation.source-withdrawn": Case(
        articles={"one": article_text(EASY, **WITHDRAWN)},
        extra=SPANISH,
        files=spanish_site_files(**{"content/articles/one.es.md": translation_text()}),
    ),
    "translation.topic": Case(extra=SPANISH, files={"strings/es.yml": spanish_site_files()["strings/es.yml"]}),
    "translation.stale": Case(
        articles={"one": article_text(EASY, signed=True)},
        extra=SPANISH,
        files=spanish_site_files(
            **{"content/articles/one.es.md": translation_text(translated_from="sha256:" + "0" * 32)}
        ),
    ),
    "translation.reviewer-language": Case(
        extra=SPANISH,
        files={**spanish_site_files(), "content/reviewers.yml": "", "content/articles/one.es.md": translation_text()},
        setup=lambda root: (root / "content" / "reviewers.yml").write_text(
            "real-reviewer:\n  name: Dana Example\n  credentials: LCSW\n", encoding="utf-8"
        ),
    ),
    "translation.tips": Case(
        articles=_article("Intro.\n\n## 1. Sleep\n\nGo to bed.\n"),
        extra=SPANISH,
        files=spanish_site_files(**{"content/articles/one.es.md": translation_text()}),
    ),
    "translation.untranslated": Case(
        extra=SPANISH,
        files=spanish_site_files(**{"content/articles/one.es.md": translation_text(title="A plain title")}),
    ),
    "reading.inflesz": Case(
        extra=SPANISH, files=spanish_site_files(**{"content/articles/one.es.md": translation_text(HARD_SPANISH)})
    ),
    "reading.section-inflesz": Case(
        extra=SPANISH,
        files=spanish_site_files(
            **{
                "content/articles/one.es.md": translation_text(
                    "Dormir bien te ayuda. Acuéstate pronto. " * 12 + "\n\n## Más\n\n" + HARD_SPANISH * 4
                )
            }
        ),
    ),
    "reading.inflesz-low": Case(
        extra=SPANISH, files=spanish_site_files(**{"content/articles/one.es.md": translation_text(FAIRLY_SPANISH)})
    ),
    "reading.not-measured": Case(extra={"languages": ["en", "fr"]}, files=FRENCH),
    "language.not-checked": Case(extra={"languages": ["en", "fr"]}, files=FRENCH),
    # The words pages show, per language
    "strings.required": Case(
        extra=SPANISH,
        files={k: v for k, v in spanish_site_files().items() if k != "strings/es.yml"},
        settings_file=True,
    ),
    "strings.unknown-key": Case(
        extra=SPANISH, files=spanish_site_files(**{"strings/es.yml": STRINGS_ES_PLUS("bogus: x\n")}), settings_file=True
    ),
    "strings.type": Case(
        extra=SPANISH,
        files=spanish_site_files(**{"strings/es.yml": STRINGS_ES_PLUS("home: [Inicio]\n")}),
        settings_file=True,
    ),
    "strings.empty": Case(
        extra=SPANISH, files=spanish_site_files(**{"strings/es.yml": STRINGS_ES_PLUS("home: ''\n")}), settings_file=True
    ),
    "strings.value": Case(
        extra=SPANISH,
        files=spanish_site_files(**{"strings/es.yml": STRINGS_ES_PLUS("months: [enero]\n")}),
        settings_file=True,
    ),
}


def _write(root: Path, case: Case) -> Path:
    extra = dict(case.extra)
    config: dict[str, object] = {}
    if "__replace__" in extra:  # extra.psychoed that is not a mapping
        config = {"extra": {"generator": False, "psychoed": extra.pop("__replace__")}}
    write_site(root, {k: v for k, v in case.articles.items() if isinstance(v, str)}, extra=extra, config=config)
    for slug, data in case.articles.items():
        if isinstance(data, bytes):
            (root / "content" / "articles" / f"{slug}.md").write_bytes(data)
    for relative, text in case.files.items():
        path = root / relative
        if not text:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if case.setup is not None:
        case.setup(root)
    return root


def _reported(root: Path, case: Case, monkeypatch: pytest.MonkeyPatch) -> tuple[int, set[str], str]:
    """The exit code, the rule ids reported, and all output, from `psychoed check` in ``root``."""
    args = ["check", "--format", "json"] + ([] if case.links else ["--no-links"])
    if "broken-install/linkcheck/__init__.py" in case.files:
        # A broken LinkChecker install: only a separate process can have one.
        env = {**os.environ, "PYTHONPATH": str(root / "broken-install"), "SOURCE_DATE_EPOCH": TODAY_EPOCH}
        done = subprocess.run(
            [sys.executable, "-m", "psychoed", *args], cwd=root, env=env, capture_output=True, text=True, check=False
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        monkeypatch.chdir(root)
        out_stream, err_stream = io.StringIO(), io.StringIO()
        code = run(args, out=out_stream, err=err_stream)
        out, err = out_stream.getvalue(), err_stream.getvalue()
    rules = {finding["rule"] for finding in json.loads(out)["findings"]} if out else set()
    rules |= set(re.findall(r"^\S+: (?:error|warning|notice) ([a-z]+\.[a-z0-9-]+):", err, re.MULTILINE))
    return code, rules, out + err


pytestmark = pytest.mark.usefixtures("on_test_day")


def test_the_corpus_has_one_case_for_each_rule_in_the_catalog() -> None:
    """A rule nothing is known to emit, or a case for a rule nobody declared, fails here."""
    assert sorted(CASES) == sorted(catalog())


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_is_reported_and_every_reported_id_is_declared(
    rule: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[rule]
    root = _write(tmp_path / "site", case)
    code, reported, output = _reported(root, case, monkeypatch)
    assert rule in reported, output
    assert reported <= set(catalog()), reported - set(catalog())
    assert "Traceback" not in output
    for line in output.splitlines():  # a sentence ends once: no "..", no "`.`."
        assert not re.search(r"(?<!\.)\.\.$|`\.`\.$|\.\)\.$", line), line
    severity = catalog()[rule].default_severity
    assert code == (2 if rule.startswith("settings.") or case.settings_file else 1 if severity == "error" else code)


def test_ids_are_unique_dotted_and_documented() -> None:
    rules = catalog()
    assert len(rules) >= 15
    for rule in rules.values():
        assert re.fullmatch(r"[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*", rule.id), rule.id
        assert rule.summary.endswith("."), rule.id
        assert rule.help.endswith("."), rule.id
        assert rule.default_severity in ("error", "warning", "notice")
        if not rule.configurable:
            assert rule.default_severity == "error" or rule.id == "links.not-checked", rule.id


def test_each_check_family_is_one_record_named_for_its_module_and_its_rules() -> None:
    """A family is declared once (``FAMILY`` in its module): the module's name, the family's name and the prefix
    of every rule id in it are the same word, so a rule id says where it lives."""
    from psychoed.checks import ARTICLE_CHECKS, FAMILIES

    assert len({family.name for family in FAMILIES}) == len(FAMILIES)
    for family in FAMILIES:
        module = importlib.import_module(f"psychoed.checks.{family.name}")
        assert module.FAMILY is family
        assert family.rules, family.name
        assert {rule.family for rule in family.rules} == {family.name}
    assert tuple(f.check for f in FAMILIES if f.check is not None) == ARTICLE_CHECKS
    assert set(catalog()) >= {rule.id for family in FAMILIES for rule in family.rules}
