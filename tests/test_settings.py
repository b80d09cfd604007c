"""The clinic's settings in mkdocs.yml: defaults, and a clear error for each bad value."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from psychoed import SettingsError, load_settings, settings_from_mapping
from psychoed.settings import docs as settings_docs
from psychoed.settings.contrast import contrast_ratio
from psychoed.settings.model import Settings
from psychoed.settings.read import declared, section_type
from tests.conftest import REPO

YML = Path("mkdocs.yml")


CRISIS = {"services": ["test-line"]}


def test_defaults_other_than_crisis_lines() -> None:
    settings = settings_from_mapping({"crisis": CRISIS}, path=YML, site_name="Riverside Clinic")
    assert settings.clinic_name == "Riverside Clinic"
    assert settings.review_interval_months == 36
    assert settings.reviewed_by_label == "Medically reviewed by"
    assert settings.crisis.services == ("test-line",)
    assert settings.call_to_action is None


@pytest.mark.parametrize("raw", [None, {}, {"crisis": {"heading": "Help"}}, {"crisis": {"services": []}}])
def test_crisis_lines_have_no_default_and_are_required(raw: object) -> None:
    """Any default would be one country's numbers, shown to readers in another."""
    [(_, rule, message)] = problems_of(raw)
    assert rule == "settings.crisis-lines"
    assert "crisis" in message
    assert "for your readers' country" in message or "cannot be turned off" in message


def test_crisis_services_from_settings() -> None:
    settings = settings_from_mapping(
        {"crisis": {"heading": "Urgent help", "services": ["gb-samaritans", "gb-999"], "note": "Or see your GP."}},
        path=YML, site_name="S",
    )  # fmt: skip
    assert (settings.crisis.heading, settings.crisis.services, settings.crisis.note) == (
        "Urgent help", ("gb-samaritans", "gb-999"), "Or see your GP.",
    )  # fmt: skip


def test_crisis_lines_in_the_settings_say_how_to_move_them() -> None:
    [(_, rule, message)] = problems_of({"crisis": {"lines": [{"name": "X", "number": "1", "call": True}]}})
    assert rule == "settings.crisis-lines"
    assert message.startswith("crisis lines now live in content/crisis.yml, one entry per service")
    assert "list their ids under `crisis.services` instead of `lines`" in message


def problems_of(raw: object) -> list[tuple[int | None, str, str]]:
    with pytest.raises(SettingsError) as caught:
        settings_from_mapping(raw, path=YML, site_name="S")
    return [(p.line, p.rule.id, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("raw", "rule", "message"),
    [
        ({"review_intervl_months": 12}, "settings.unknown-key",
         "`review_intervl_months` is not a known field (did you mean `review_interval_months`?); known fields are "
         "`clinic_name`, `content_dir`, `review_interval_months`, `max_review_years`, `max_article_kb`, "
         "`reviewed_by_label`, `date_format`, `allowed_html`, `allowed_classes`, `owners`, `language_rules`, "
         "`month_names`, `recent_count`, `crisis`, `call_to_action`, `feedback`, `disclosures`, `footer_note`, `colors`, `check`, `languages`, `strings_dir`."),
        ({"review_interval_months": 0}, "settings.value", "`review_interval_months` must be from 1 to 120, not 0."),
        ({"review_interval_months": 10**400}, "settings.value",
         "`review_interval_months` must be from 1 to 120, not a number 401 digits long."),
        ({"recent_count": -10**15}, "settings.value", "`recent_count` must be from 0 to 100, not a number 16 digits long."),
        ({"review_interval_months": 72}, "settings.review-interval",
         "`review_interval_months` is 72, longer than `max_review_years` (5 years); set it to at most 60."),
        ({"max_article_kb": 0}, "settings.value", "`max_article_kb` must be from 1 to 10240, not 0."),
        ({"call_to_action": {"text": "Hi.", "link_text": "Go", "url": " JaVa&#x53;cript:alert(1)"}}, "settings.url",
         "`url` must start with https://, mailto:, tel: or sms:, not `JaVa&#x53;cript:alert(1)`; every page links to it."),
        ({"call_to_action": {"text": "Hi.", "link_text": "Go", "url": "http://example.org/"}}, "settings.url",
         "`url` must start with https://, mailto:, tel: or sms:, not `http://example.org/`; every page links to it."),
        ({"review_interval_months": "three years"}, "settings.type",
         "`review_interval_months` must be a whole number, not text."),
        ({"crisis": {"services": []}}, "settings.crisis-lines",
         "`crisis.services` must name at least one service (a list of service ids from content/crisis.yml, such "
         "as `services: [us-988, us-911]`): crisis help is shown on every page and cannot be turned off."),
        ({"date_format": "{day} {monthname}"}, "settings.date-format",
         "`date_format` cannot be used ('monthname'); use the fields {year}, {month}, {month_name} and {day}, "
         'e.g. "{day} {month_name} {year}".'),
        ({"month_names": ["Jan", "Feb"]}, "settings.month-names",
         "`month_names` must list 12 names, January first; it lists 2."),
        ({"call_to_action": {"text": "Hi", "url": "https://x.org"}}, "settings.required",
         "`link_text` is required; add a line such as `link_text: Book a first appointment`."),
        ({"colors": {"primary": "#7fb3d5"}}, "settings.contrast",
         "`colors.primary` #7fb3d5 has a contrast of 2.26:1 with white text and a white page; readers need at "
         "least 4.5:1 (WCAG AA). Choose a darker colour."),
        ({"colors": {"primary_dark": "#1d5a8c"}}, "settings.contrast",
         "`colors.primary_dark` #1d5a8c has a contrast of 2.22:1 with the dark palette's background; readers need "
         "at least 4.5:1 (WCAG AA). Choose a lighter colour."),
        ({"colors": {"primary": "blue"}}, "settings.color",
         "`colors.primary` must be a colour written #rrggbb, such as #1d5a8c, not `blue`."),
    ],
)  # fmt: skip
def test_bad_setting(raw: dict[str, object], rule: str, message: str) -> None:
    assert [(r, m) for _, r, m in problems_of({"crisis": CRISIS, **raw})] == [(rule, message)]


def test_settings_problem_names_the_line_in_mkdocs_yml(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        "site_name: S\ntheme:\n  name: !ENV [THEME, material]\nextra:\n  psychoed:\n"
        "    clinic_name: C\n    crisis:\n      services: [test-line]\n"
        "    colors:\n      primary: '#eeeeee'\n",
        encoding="utf-8",
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert [(p.path, p.line, p.rule.id) for p in caught.value.problems] == [(path, 10, "settings.contrast")]


def test_default_colours_pass_their_own_contrast_check() -> None:
    settings = settings_from_mapping({"crisis": CRISIS}, path=YML, site_name="S")
    assert contrast_ratio(settings.colors.primary, "#ffffff") >= 4.5
    assert contrast_ratio(settings.colors.primary_dark, "#1e2129") >= 4.5


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_ratio_matches_wcag_reference_values(first: str, second: str, expected: float) -> None:
    assert round(contrast_ratio(first, second), 2) == expected


def test_check_settings_have_defaults_and_can_be_changed(tmp_path: Path) -> None:
    default = settings_from_mapping({"crisis": CRISIS}, path=tmp_path / "mkdocs.yml", site_name="S").check
    assert (default.max_grade, default.target_grade, default.rules, default.due_soon_days) == (8, 6, (), 60)
    changed = settings_from_mapping(
        {"crisis": CRISIS, "check": {"max_grade": 10, "rules": {"review.overdue": "error", "reading.sentence": False}}},
        path=tmp_path / "mkdocs.yml",
        site_name="S",
    ).check
    assert changed.max_grade == 10
    assert [(r.rule, r.level) for r in changed.rules] == [("review.overdue", "error"), ("reading.sentence", "off")]


def test_the_old_overdue_setting_says_what_replaced_it(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_mapping({"crisis": CRISIS, "check": {"overdue": "error"}}, path=tmp_path / "m.yml", site_name="S")
    assert [(p.rule.id, p.message) for p in raised.value.problems] == [
        ("settings.rules", "`check.overdue` is now a rule level: write `rules:` with `review.overdue: error` "
         "under `check` instead.")
    ]  # fmt: skip


def test_target_grade_above_the_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_mapping(
            {"crisis": CRISIS, "check": {"max_grade": 6, "target_grade": 8}}, path=tmp_path / "m.yml", site_name="S"
        )
    assert [p.rule.id for p in raised.value.problems] == ["settings.target-grade"]


# Declared once ---------------------------------------------------------------------------------


def test_the_readme_settings_table_is_generated_from_the_declarations() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- settings:start -->\n(.*?)<!-- settings:end -->", readme, re.DOTALL)
    assert found is not None, "README.md has no <!-- settings:start --> ... <!-- settings:end --> block"
    assert found.group(1) == settings_docs.as_markdown(), (
        "README's settings table is out of date: replace it with `psychoed settings`"
    )


def test_every_whole_number_setting_declares_its_bounds_and_every_setting_says_what_it_does() -> None:
    found = list(settings_docs.rows())
    unbounded: list[str]
    sections: list[type[Any]]
    assert len(found) > 30
    assert all(row.doc.endswith((".", ")")) for row in found), [row.key for row in found if not row.doc.endswith(".")]
    unbounded, sections = [], [Settings]
    while sections:
        for key, kind, setting, _ in declared(sections.pop()):
            nested = section_type(kind)
            sections += [nested] if nested else []
            unbounded += [key] if kind is int and setting.bounds is None else []
    assert unbounded == []


def test_every_declared_setting_is_a_known_key_and_a_typo_suggests_it() -> None:
    for row in settings_docs.rows():
        *section, key = row.key.split(".")
        misspelt = key[:-1] + ("x" if key[-1] != "x" else "y")
        raw: dict[str, object] = {"crisis": CRISIS}
        inner = raw
        for name in section:
            inner[name] = dict(CRISIS) if name == "crisis" else {}
            inner = inner[name]  # type: ignore[assignment]
        inner[misspelt] = "x"
        messages = [m for _, r, m in problems_of(raw) if r == "settings.unknown-key"]
        assert len(messages) == 1, (row.key, messages)
        assert f"(did you mean `{key}`?)" in messages[0], (row.key, messages)


def test_the_sites_languages_are_language_codes_each_listed_once() -> None:
    settings = settings_from_mapping(
        {"crisis": CRISIS, "languages": ["en", "es", "fr-CA"]}, path=Path("m.yml"), site_name="S"
    )
    assert settings.languages == ("en", "es", "fr-CA")
    assert settings_from_mapping({"crisis": CRISIS}, path=Path("m.yml"), site_name="S").languages == ()
    found = problems_of({"crisis": CRISIS, "languages": ["en", "Spanish", "en", 7]})
    assert [(r, m) for _, r, m in found] == [
        ("settings.value", "`Spanish` is not a language code; write codes such as `en`, `es` or `fr-CA`."),
        ("settings.value", "`en` is listed twice; list it once."),
        ("settings.type", "`languages` item 4 must be text, not a number (7)."),
    ]


def test_a_moved_key_says_where_it_went_and_is_not_reported_as_unknown() -> None:
    found = problems_of({"crisis": {**CRISIS, "lines": []}, "check": {"overdue": "error"}})
    assert sorted(r for _, r, _ in found) == ["settings.crisis-lines", "settings.rules"]
    assert any("`check.overdue` is now a rule level" in m for _, _, m in found)
