"""Safe-messaging and person-first language: the shipped rules, the corpus figures, and the check end to end."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from psychoed.checks.catalog import catalog
from psychoed.settings.language import RULE_IDS, shipped_entries

from .conftest import LANGUAGE_FIGURES, article_text, run_cli, write_site
from .language_corpus import CLINICAL, FLAGGED
from .language_corpus_es import CLINICAL as CLINICAL_ES
from .language_corpus_es import FLAGGED as FLAGGED_ES

pytestmark = pytest.mark.usefixtures("on_test_day")


def _rules(sentence: str) -> set[str]:
    return {entry.rule for entry in shipped_entries() if entry.matches(sentence)}


CORPORA = {"en": (FLAGGED, CLINICAL, 60), "es": (FLAGGED_ES, CLINICAL_ES, 40)}
"""Each language's corpus (sentences to flag with their rule, clinical sentences) and its least size."""


def _rules_in(language: str, sentence: str) -> set[str]:
    return {entry.rule for entry in shipped_entries(language) if entry.matches(sentence)}


@pytest.mark.parametrize("language", sorted(CORPORA))
def test_the_shipped_rules_file_is_valid_and_every_entry_cites_guidance(language: str) -> None:
    entries = shipped_entries(language)  # raises on any problem in the file
    assert len(entries) >= 8
    assert len({entry.id for entry in entries}) == len(entries)
    for entry in entries:
        assert entry.rule in catalog(), entry.id
        assert entry.source.url.startswith("https://"), entry.id
        assert entry.suggestion, entry.id
        assert entry.reason.endswith("."), entry.id
    assert {entry.rule for entry in entries} == set(RULE_IDS) - {"language.site"}
    assert set(RULE_IDS) <= set(catalog())


@pytest.mark.parametrize("language", sorted(CORPORA))
def test_the_corpus_is_flagged_with_full_precision_and_high_recall(language: str) -> None:
    flagged, clinical, least = CORPORA[language]
    assert len(flagged) >= least
    assert len(clinical) >= least
    found = sum(rule in _rules_in(language, sentence) for sentence, rule in flagged)
    false_alarms = [sentence for sentence in clinical if _rules_in(language, sentence)]
    flagged_any = found + len(false_alarms)
    precision = found / flagged_any if flagged_any else 1.0
    recall = found / len(flagged)
    LANGUAGE_FIGURES.append((language, len(flagged), len(clinical), precision, recall))
    assert false_alarms == []
    assert precision == 1.0
    assert recall >= 0.9, [s for s, r in flagged if r not in _rules_in(language, s)]


@pytest.mark.parametrize("sentence", CLINICAL)
def test_clinical_language_is_never_flagged(sentence: str) -> None:
    assert _rules(sentence) == set()


def test_check_flags_committed_suicide_with_a_suggestion_and_a_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Her uncle committed suicide when she was twelve.\n\nHis friend died by suicide.\n"
    root = write_site(tmp_path / "site", {"loss": article_text(body)})
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    findings = [f for f in json.loads(out)["findings"] if f["rule"].startswith("language.")]
    assert code == 1
    assert [(f["rule"], f["line"]) for f in findings] == [("language.suicide-crime", 9)]
    message = findings[0]["message"]
    assert message.startswith("“committed suicide”: ")
    assert '"died by suicide"' in message
    assert "(Guidance: Recommendations for Reporting on Suicide, https://reportingonsuicide.org/" in message


def test_a_quotation_can_be_allowed_once_with_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = (
        "<!-- psychoed: allow language.slur: the article explains why this word hurts -->\n"
        "Calling someone crazy is hurtful.\n\nIt is crazy to think so.\n"
    )
    root = write_site(tmp_path / "site", {"words": article_text(body)})
    _, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    document = json.loads(out)
    assert [f["rule"] for f in document["findings"] if f["rule"].startswith("language.")] == ["language.slur"]
    assert [a["rule"] for a in document["allowed"]] == ["language.slur"]


def test_a_site_adds_its_own_wording_and_replaces_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = """\
sources:
  ours: {title: Our clinic's style guide, url: "https://example.org/style"}
entries:
  - id: service-users
    patterns: ['\\bservice\\s+users?\\b']
    suggestion: '"people who use our services"'
    reason: Our readers told us they dislike it.
    source: ours
  - id: suffering-and-victims
    rule: language.suffering
    patterns: ['\\bsuffers\\b']
    suggestion: '"has"'
    reason: Replaced by the site.
    source: ours
"""
    body = "Service users can ask for a copy.\n\nShe suffers from anxiety.\n\nHe is suffering from grief.\n"
    root = write_site(tmp_path / "site", {"one": article_text(body)}, extra={"language_rules": "language.yml"})
    (root / "language.yml").write_text(own, encoding="utf-8")
    _, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    found = [(f["rule"], f["line"]) for f in json.loads(out)["findings"] if f["rule"].startswith("language.")]
    assert found == [("language.site", 9), ("language.suffering", 11)]


def test_a_broken_site_file_is_a_settings_error_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra={"language_rules": "language.yml"})
    (root / "language.yml").write_text(
        "sources: {}\nentries:\n  - id: x\n    patterns: ['(unclosed']\n    suggestion: a\n    reason: b.\n"
        "    source: ours\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert "language.yml:4: error language.pattern: `entries` item 1: `(unclosed` is not a regular expression" in err


SITE_RULES = """\
sources:
  ours: {{title: Ours, url: "https://example.org/style"}}
entries:
  - id: own
    patterns: ['{pattern}']
    suggestion: a
    reason: b.
    source: ours
"""


def test_a_backtracking_site_pattern_runs_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`^(\\w+\\s?)*$` takes minutes under Python's engine on one 25-word sentence ending in `!`; a site's
    patterns run under RE2, so the check takes as long as the sentence, not the pattern."""
    sentence = " ".join(["word"] * 25) + "!"
    root = write_site(
        tmp_path / "site", {"one": article_text(f"{sentence}\n")}, extra={"language_rules": "language.yml"}
    )
    (root / "language.yml").write_text(SITE_RULES.format(pattern="^(\\w+\\s?)*$"), encoding="utf-8")
    started = time.perf_counter()
    code, out, err = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    assert time.perf_counter() - started < 5, "the pattern backtracked"
    assert code == 0, out + err


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(a)\\1", "invalid escape sequence"),
        ("(?<=a)b", "invalid perl operator"),
        ("a(?!b)", "invalid perl operator"),
    ],
)
def test_site_patterns_that_need_backtracking_are_refused_at_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, why: str
) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra={"language_rules": "language.yml"})
    (root / "language.yml").write_text(SITE_RULES.format(pattern=pattern), encoding="utf-8")
    code, _, err = run_cli(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert f"language.yml:5: error language.pattern: `entries` item 1: `{pattern}`" in err
    assert why in err
    assert "use `unless:` for exceptions" in err


def test_rules_lists_the_language_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()})
    _, out, _ = run_cli(root, "rules", "--format", "json", monkeypatch=monkeypatch)
    listed = {rule["id"] for rule in json.loads(out)["rules"]}
    assert set(RULE_IDS) <= listed


def test_an_entrys_words_are_in_every_sentence_its_patterns_match() -> None:
    """The `words` screen only skips work: a sentence the patterns match always holds one of the words."""
    sentences = [sentence for sentence, _ in FLAGGED] + CLINICAL
    for entry in shipped_entries():
        for sentence in sentences:
            if entry.words and entry.combined.search(sentence):
                assert any(word in sentence.lower() for word in entry.words), (entry.id, sentence)


def test_english_rules_never_run_on_spanish_text_nor_spanish_rules_on_english() -> None:
    """Each language's wording is checked with its own entries: "loco" is not an English word to avoid, and
    "crazy" is not a Spanish one."""
    assert _rules_in("es", "That plan is crazy.") == set()
    assert _rules("Mi vecino está loco.") == set()
