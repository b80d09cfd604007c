"""`psychoed rules`, per-site rule levels, and allowances written in the text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from psychoed.checks.catalog import catalog
from psychoed.checks.rule_docs import as_markdown

from .conftest import REPO, SiteBuilder, article_text, run_cli, write_site

EASY = "Sleep helps you feel well. Go to bed at the same time.\n"
HARD_SENTENCE = (
    "Understanding the physiological consequences of insufficient sleep can motivate individuals "
    "to prioritise consistent routines and environmental adjustments every evening at home."
)
HARD = f"{HARD_SENTENCE}\nPsychological interventions demonstrate considerable effectiveness regarding insomnia.\n"


pytestmark = pytest.mark.usefixtures("on_test_day")
call = run_cli


def line_of(root: Path, text: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# psychoed rules ----------------------------------------------------------------------------------


def test_rules_json_lists_every_rule_with_the_severity_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {}, extra={"check": {"rules": {"review.overdue": "error", "headings.length": "off"}}})
    code, out, err = call(root, "rules", "--format", "json", monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    rules = json.loads(out)["rules"]
    assert len(rules) == len(catalog()) >= 15
    assert len({rule["id"] for rule in rules}) == len(rules)
    assert all(set(rule) == {"id", "severity", "default_severity", "summary", "help", "configurable"} for rule in rules)
    by_id = {rule["id"]: rule for rule in rules}
    assert (by_id["review.overdue"]["severity"], by_id["review.overdue"]["default_severity"]) == ("error", "warning")
    assert by_id["headings.length"]["severity"] == "off"
    assert (by_id["links.broken"]["configurable"], by_id["reading.grade"]["configurable"]) == (False, True)


def test_rules_outside_a_site_shows_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = call(tmp_path, "rules", monkeypatch=monkeypatch)
    assert code == 0
    assert "review.overdue: warning\n" in out
    assert "links.broken: error, not configurable\n" in out


def test_the_readme_rule_table_is_generated_from_the_catalog() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.DOTALL)
    assert found is not None, "README.md has no <!-- rules:start --> ... <!-- rules:end --> block"
    assert found.group(1) == as_markdown(catalog()), (
        "README's rule table is out of date: replace it with `psychoed rules --format markdown`"
    )


# Levels per site ---------------------------------------------------------------------------------


def test_a_rule_set_off_no_longer_fails_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = {"hard": article_text(HARD)}
    strict = write_site(tmp_path / "strict", article)
    assert call(strict, "check", "--no-links", monkeypatch=monkeypatch)[0] == 1
    off = {"reading.grade": "off", "reading.smog": "off"}
    relaxed = write_site(tmp_path / "relaxed", article, extra={"check": {"rules": off}})
    code, out, _ = call(relaxed, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)
    assert code == 0
    assert not {"reading.grade", "reading.smog"} & {f["rule"] for f in json.loads(out)["findings"]}


def test_a_rule_can_be_raised_to_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_heading = "Intro.\n\n## " + "word " * 13 + "\n\nText.\n"
    root = write_site(
        tmp_path, {"one": article_text(long_heading)}, extra={"check": {"rules": {"headings.length": "error"}}}
    )
    code, out, _ = call(root, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in json.loads(out)["findings"]] == [("headings.length", "error")]


def test_an_unknown_rule_id_is_a_settings_error_naming_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY)}, extra={"check": {"rules": {"reading.grde": "off"}}})
    code, out, err = call(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert (code, out) == (2, "")
    assert err == (
        f"mkdocs.yml:{line_of(root, 'reading.grde')}: error settings.rules: `reading.grde` is not a rule "
        "(did you mean `reading.grade`?); `psychoed rules` lists them.\n"
    )


def test_a_rule_that_keeps_the_site_correct_cannot_be_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build_site: SiteBuilder
) -> None:
    extra = {"check": {"rules": {"links.broken": "warning"}}}
    root = write_site(tmp_path / "check", {"one": article_text(EASY)}, extra=extra)
    code, _, err = call(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert err.startswith(f"mkdocs.yml:{line_of(root, 'links.broken')}: error settings.rules: `links.broken` cannot be")
    assert "keeps the site correct" in err
    built = build_site({"one": article_text(EASY)}, extra=extra)  # the build refuses it too
    assert built.returncode == 1
    assert "error settings.rules: `links.broken` cannot be changed" in built.output


# Allowances --------------------------------------------------------------------------------------


def test_an_allowance_silences_one_finding_and_the_report_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "Intro.\n\n<!-- psychoed: allow headings.length: the guideline's own title, quoted -->\n"
        "## " + "word " * 13 + "\n\nText.\n\n## " + "other " * 13 + "\n\nMore.\n"
    )
    root = write_site(tmp_path, {"one": article_text(body)})
    code, out, _ = call(root, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)
    document = json.loads(out)
    assert code == 0
    assert [(f["rule"], f["line"]) for f in document["findings"]] == [("headings.length", 16)]  # the other one
    assert [(a["rule"], a["line"], a["reason"]) for a in document["allowed"]] == [
        ("headings.length", 12, "the guideline's own title, quoted")
    ]
    _, human, _ = call(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert (
        "Allowed by a comment in the text (1 finding):\n"
        "  content/articles/one.md:12: headings.length: the guideline's own title, quoted\n"
    ) in human


def test_an_allowance_needs_a_reason_and_a_configurable_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = (
        "Intro.\n\n<!-- psychoed: allow headings.length -->\n## " + "word " * 13 + "\n\n"
        "<!-- psychoed: allow article.unknown-topic: we know -->\nText.\n"
    )
    root = write_site(tmp_path, {"one": article_text(body)})
    code, out, _ = call(root, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in json.loads(out)["findings"]] == [
        ("allowances.no-reason", 11),
        ("headings.length", 12),  # not allowed without a reason
        ("allowances.not-allowed", 14),
    ]


def test_an_allowance_that_allows_nothing_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Intro.\n\n<!-- psychoed: allow reading.sentence: a quoted line -->\nShort text.\n"
    root = write_site(tmp_path, {"one": article_text(body)})
    code, out, _ = call(root, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)
    assert code == 0
    [finding] = json.loads(out)["findings"]
    assert (finding["rule"], finding["severity"], finding["line"]) == ("allowances.unused", "warning", 11)
    assert finding["message"].startswith("this allowance of `reading.sentence` allows nothing")


def test_an_allowance_inside_code_is_an_example_not_an_allowance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = EASY + "\n```\n<!-- psychoed: allow nonsense -->\n```\n"
    root = write_site(tmp_path, {"one": article_text(body)})
    assert call(root, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)[0] == 0


# One form of a problem ---------------------------------------------------------------------------


def matcher() -> re.Pattern[str]:
    document = json.loads((REPO / ".github" / "psychoed-problems.json").read_text(encoding="utf-8"))
    return re.compile(document["problemMatcher"][0]["pattern"][0]["regexp"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (str(catalog()["links.broken"].at(Path("content/articles/a.md"), 12, "the link `x.md` is broken.")),
         ("content/articles/a.md", "12", "error", "links.broken", "the link `x.md` is broken.")),
        (str(catalog()["links.build"].at(Path("mkdocs.yml"), None, "the site could not be built.")),
         ("mkdocs.yml", None, "error", "links.build", "the site could not be built.")),
        ("WARNING -  " + str(catalog()["review.overdue"].at(Path("docs/about.md"), 3, "due.", severity="warning")),
         ("docs/about.md", "3", "warning", "review.overdue", "due.")),
        ("INFO    -  Building documentation to directory: /tmp/site", None),
    ],
)  # fmt: skip
def test_the_github_problem_matcher_reads_the_one_printed_form(line: str, expected: tuple[str, ...] | None) -> None:
    """Every problem printed by the build or a command becomes an annotation; a problem without a
    line is annotated on its file."""
    found = matcher().match(line)
    assert (found.groups() if found else None) == expected


@pytest.mark.parametrize(
    ("body", "rule", "line", "message"),
    [
        ("Text <!-- psychoed: allow reading.sentence: a quote --> more.\n", "allowances.unused", 10,
         "this allowance is inside a paragraph, so it allows nothing; put it alone on the line just before the "
         "finding it allows."),
        ("<!-- psychoed: allow -->\nText.\n", "allowances.unknown-rule", 10,
         "this allowance names no rule; write `<!-- psychoed: allow RULE_ID: reason -->` with an id that "
         "`psychoed rules` lists."),
        ("<!-- psychoed: allow <script>: x -->\nText.\n", "allowances.unknown-rule", 10,
         "`<script>` is not a rule; write `<!-- psychoed: allow RULE_ID: reason -->` with an id that "
         "`psychoed rules` lists."),
    ],
)  # fmt: skip
def test_a_misplaced_or_malformed_allowance_says_what_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, rule: str, line: int, message: str
) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY + body)})
    _, out, _ = call(root, "check", "--format", "json", "--no-links", monkeypatch=monkeypatch)
    assert [(f["rule"], f["line"], f["message"]) for f in json.loads(out)["findings"]] == [(rule, line, message)]


@pytest.mark.parametrize("key", ["12", "null"])
def test_a_rule_id_that_is_not_text_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    rule_id = yaml.safe_load(key)  # 12 or None: YAML reads both as keys that are not text
    root = write_site(tmp_path, {"one": article_text(EASY)}, extra={"check": {"rules": {rule_id: "off"}}})
    code, _, err = call(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert "is not a rule id; write ids as `psychoed rules` lists them, e.g. `reading.grade: off`." in err
