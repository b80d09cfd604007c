"""Translations, end to end as a translator, a reviewer and a reader meet them: ``psychoed new
--translation-of``, ``review sign``, ``check``, ``review diff`` through real git history, ``reviews``,
``codeowners``, and the built pages in both languages.

Every site here is written in a temporary folder with its own content, reviewers and words.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import (
    SPANISH_EASY,
    article_text,
    build_written_site,
    run_cli,
    spanish_site_files,
    translation_text,
    write_site,
)

pytestmark = pytest.mark.usefixtures("on_test_day")

SPANISH = {"languages": ["en", "es"], "check": {"rules": {"signoff.unsigned": "warning"}}}
SOURCE = """\
Sleep helps you feel well. Go to bed at the same time each night.

## 1. Keep a routine

Wake up at the same time every day, even at weekends.

## 2. Dim the lights

Turn the lights down an hour before bed.
"""
SPANISH_BODY = """\
Dormir bien te ayuda a sentirte mejor. Acuéstate a la misma hora cada noche.

## 1. Ten una rutina

Levántate a la misma hora todos los días, también el fin de semana.

## 2. Baja las luces

Baja las luces una hora antes de acostarte.
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def _commit(root: Path, message: str) -> None:
    if not (root / ".git").exists():
        _git(root, "init", "-q", "-b", "main")
        _git(root, "config", "user.email", "editor@example.org")
        _git(root, "config", "user.name", "Editor")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _cli(root: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    code, out, err = run_cli(root, *argv, monkeypatch=monkeypatch)
    assert code == 0, err + out
    return out


def _findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    return code, json.loads(out)["findings"]


@pytest.fixture
def translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site in English and Spanish: `sleep-well` signed, translated with `psychoed new --translation-of`,
    the translation signed by a reviewer who reads Spanish and published; all committed."""
    root = write_site(tmp_path / "site", {"sleep-well": article_text(SOURCE, title="Sleep well")}, extra=SPANISH)
    for relative, text in spanish_site_files().items():
        _write(root, relative, text)
    _cli(root, monkeypatch, "review", "sign", "sleep-well", "--by", "real-reviewer")
    out = _cli(
        root, monkeypatch, "new", "--translation-of", "sleep-well", "--language", "es", "--translator", "Ana Example",
        "--reviewer", "real-reviewer",
    )  # fmt: skip
    assert out.startswith("content/articles/sleep-well.es.md: a draft translation")
    path = root / "content" / "articles" / "sleep-well.es.md"
    started = path.read_text(encoding="utf-8")
    assert "translated_from: sha256:" in started
    assert "Sleep helps you feel well." in started
    head, _, _ = started.partition("\n---\n")
    head = head.replace("title: Sleep well", "title: Dormir bien").replace(
        "description: One plain sentence.", "description: Una frase sencilla."
    )
    path.write_text(head + "\n---\n\n" + SPANISH_BODY, encoding="utf-8")
    _cli(root, monkeypatch, "review", "sign", "sleep-well.es", "--by", "real-reviewer")
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    _commit(root, "A Spanish translation")
    return root


def _rules(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f["path"], f["rule"]) for f in findings if f["rule"] != "review.sample-reviewer"]


def test_a_signed_translation_passes_the_check(translated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, findings = _findings(translated, monkeypatch)
    assert (code, _rules(findings)) == (0, [])


def test_a_translation_builds_at_its_own_address_in_its_language_with_hreflang_both_ways(translated: Path) -> None:
    built = build_written_site(translated)
    assert built.returncode == 0, built.output
    spanish = built.page("es/articles/sleep-well.html")
    english = built.page("articles/sleep-well.html")
    assert spanish.html is not None
    assert spanish.html["lang"] == "es"
    assert english.html is not None
    assert english.html["lang"] == "en"
    pairs = {
        "en": "https://example.org/library/articles/sleep-well.html",
        "es": "https://example.org/library/es/articles/sleep-well.html",
        "x-default": "https://example.org/library/articles/sleep-well.html",
    }
    # hreflang, both ways, with x-default: in the sitemap (Material's script fetches the sitemap of every
    # `<link rel="alternate">` in a page's head, on every page load).
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(built.site / "sitemap.xml").getroot()
    for url in (pairs["en"], pairs["es"]):
        entry = next(u for u in sitemap.findall("s:url", names) if u.findtext("s:loc", namespaces=names) == url)
        links = entry.findall("x:link[@rel='alternate']", names)
        assert {link.attrib["hreflang"]: link.attrib["href"] for link in links} == pairs
    for page in (spanish, english):
        assert page.select('link[rel="alternate"][hreflang]') == []
    switch = spanish.select_one('[data-psychoed="languages"] a')
    assert switch is not None
    assert switch.get_text(strip=True) == "English"
    assert (switch["hreflang"], switch["lang"], switch["href"]) == ("en", "en", "../../articles/sleep-well.html")
    back = english.select_one('[data-psychoed="languages"] a')
    assert back is not None
    assert back.get_text(strip=True) == "Español"
    assert back["href"] == "../es/articles/sleep-well.html"
    byline = spanish.select_one('[data-psychoed="byline"]')
    assert byline is not None
    text = " ".join(byline.get_text(" ").split())
    assert "Revisado por Dana Example, LCSW" in text
    assert re.search(r"Última revisión \d+ de junio de 2026", text), text
    assert "Traducido por Ana Example." in text
    contents = spanish.select_one('[data-psychoed="in-this-article"] h2')
    assert contents is not None
    assert contents.get_text(strip=True) == "En este artículo"
    data = json.loads(spanish.select_one('script[type="application/ld+json"]').string)  # type: ignore[union-attr]
    assert data["inLanguage"] == "es"
    assert data["translationOfWork"] == {"@type": "MedicalWebPage", "inLanguage": "en", "url": pairs["en"]}
    source_data = json.loads(english.select_one('script[type="application/ld+json"]').string)  # type: ignore[union-attr]
    assert source_data["workTranslation"] == [{"@type": "MedicalWebPage", "inLanguage": "es", "url": pairs["es"]}]


def _english_outside_lang(page: BeautifulSoup, english: set[str]) -> list[str]:
    """Text nodes of the page that are one of the ``english`` strings with no ``lang="en"`` around them."""
    found = []
    for node in page.find_all(string=True):
        text = " ".join(str(node).split())
        if text not in english:
            continue
        marked = any(isinstance(parent, Tag) and parent.get("lang") == "en" for parent in node.parents)
        if not marked:
            found.append(text)
    return found


def test_spanish_pages_list_untranslated_articles_marked_as_english(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(translated, "content/articles/wind-down.md", article_text(SPANISH_EASY.replace("Dormir", "Rest"),
           title="Winding down", topics=["therapy-basics"], signed=True))  # fmt: skip
    built = build_written_site(translated)
    assert built.returncode == 0, built.output
    topic = built.page("es/topics/therapy-basics.html")
    assert topic.html is not None
    assert topic.html["lang"] == "es"
    items = {a.get_text(strip=True): a for a in topic.select('[data-psychoed="article-link"] a')}
    assert set(items) == {"Dormir bien", "Winding down"}
    untranslated = items["Winding down"]
    assert (untranslated["lang"], untranslated["hreflang"]) == ("en", "en")
    assert "en inglés" in untranslated.parent.get_text(" ")  # type: ignore[union-attr]
    assert "lang" not in items["Dormir bien"].attrs
    english = {"Winding down", "One plain sentence.", "Sleep well", "Starting therapy", "Need help now?",
               "Medically reviewed by", "Skip to main content", "In this article"}  # fmt: skip
    for page in ("es/topics/therapy-basics.html", "es/articles/sleep-well.html", "es/index.html", "es/search.html"):
        assert _english_outside_lang(built.page(page), english) == [], page


def test_a_hard_spanish_text_fails_on_its_inflesz_score_with_its_lines_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hard = (
        "La implementación sistemática de intervenciones psicoterapéuticas individualizadas proporciona "
        "considerables beneficios terapéuticos.\n\nLas investigaciones contemporáneas demuestran consistentemente "
        "la efectividad de estas aproximaciones metodológicas.\n"
    )
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    for relative, text in spanish_site_files(**{"content/articles/one.es.md": translation_text(hard)}).items():
        _write(root, relative, text)
    code, findings = _findings(root, monkeypatch)
    assert code == 1
    score = next(f for f in findings if f["rule"] == "reading.inflesz")
    assert score["path"] == "content/articles/one.es.md"
    assert score["line"] == 8
    assert "INFLESZ scale" in score["message"]
    assert "the minimum is 55" in score["message"]
    assert re.search(r"line 8 \(.*long words: implementación", score["message"]), score["message"]
    assert "line 10" in score["message"]
    english = [f for f in findings if f["path"].endswith(".es.md") and f["rule"] in ("reading.grade", "reading.smog")]
    assert english == []  # never scored with English formulas


def test_committed_suicide_in_spanish_is_flagged_with_a_suggestion_and_a_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Su tío cometió suicidio el año pasado.\n\nSu amigo murió por suicidio.\n"
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    for relative, text in spanish_site_files(**{"content/articles/one.es.md": translation_text(body)}).items():
        _write(root, relative, text)
    code, findings = _findings(root, monkeypatch)
    language = [f for f in findings if f["rule"].startswith("language.")]
    assert code == 1
    assert [(f["rule"], f["line"]) for f in language] == [("language.suicide-crime", 8)]
    assert language[0]["message"].startswith("“cometió suicidio”: ")
    assert "«murió por suicidio»" in language[0]["message"]
    assert "(Guidance: Fundéu BBVA" in language[0]["message"]
    assert "https://" in language[0]["message"]


def test_re_signing_the_source_after_an_edit_makes_the_translation_stale(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = translated / "content" / "articles" / "sleep-well.md"
    source.write_text(source.read_text(encoding="utf-8").replace("an hour before bed", "two hours before bed"))
    _cli(translated, monkeypatch, "review", "sign", "sleep-well", "--by", "real-reviewer", "--date", "2026-05-30")
    _commit(translated, "The source changed")
    code, findings = _findings(translated, monkeypatch)
    assert code == 0  # a warning: the translation is still published, and says so
    stale = [f for f in findings if f["rule"] == "translation.stale"]
    assert [(f["path"], f["line"], f["severity"]) for f in stale] == [
        ("content/articles/sleep-well.es.md", 5, "warning")
    ]
    assert "psychoed review diff sleep-well.es" in stale[0]["message"]
    built = build_written_site(translated)
    assert built.returncode == 0, built.output
    notice = built.page("es/articles/sleep-well.html").select_one('[data-psychoed="stale-notice"]')
    assert notice is not None
    said = " ".join(notice.get_text(" ").split())
    assert "El original se actualizó el 30 de mayo de 2026" in said
    original = notice.select_one('[data-psychoed="original"]')
    assert original is not None
    assert original["href"] == "../../articles/sleep-well.html"
    assert built.page("articles/sleep-well.html").select_one('[data-psychoed="stale-notice"]') is None

    out = _cli(translated, monkeypatch, "review", "diff", "sleep-well.es")
    assert "The source, `content/articles/sleep-well.md`, changed since this translation was made" in out
    assert "- Turn the lights down an hour before bed." in out
    assert "+ Turn the lights down two hours before bed." in out

    reviews = json.loads(_cli(translated, monkeypatch, "reviews", "--format", "json"))
    stale_rows = [row for row in reviews["articles"] if row["article"] == "sleep-well.es"]
    assert [row["states"] for row in stale_rows] == [["stale"]]

    _cli(translated, monkeypatch, "review", "sign", "sleep-well.es", "--by", "real-reviewer")
    code, findings = _findings(translated, monkeypatch)
    assert not [f for f in findings if f["rule"] == "translation.stale"]


def test_moving_translated_from_by_hand_breaks_the_translations_sign_off(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = translated / "content" / "articles" / "sleep-well.es.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"translated_from: sha256:\w+", "translated_from: sha256:" + "1" * 32, text))
    _code, findings = _findings(translated, monkeypatch)
    assert ("content/articles/sleep-well.es.md", "signoff.changed") in _rules(findings)


def test_a_reviewer_who_does_not_read_the_language_cannot_sign_and_is_reported(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewers = translated / "content" / "reviewers.yml"
    reviewers.write_text(reviewers.read_text(encoding="utf-8").replace("  languages: [en, es]\n", ""))
    code, _out, err = run_cli(translated, "review", "sign", "sleep-well.es", "--by", "real-reviewer",
                             monkeypatch=monkeypatch)  # fmt: skip
    assert code == 2
    assert "Dana Example does not read `es`" in err
    code, findings = _findings(translated, monkeypatch)
    wrong = [f for f in findings if f["rule"] == "translation.reviewer-language"]
    assert code == 1
    assert [(f["path"], f["line"]) for f in wrong] == [("content/articles/sleep-well.es.md", 7)]


def test_a_translation_with_a_tip_left_out_is_an_error(translated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = translated / "content" / "articles" / "sleep-well.es.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## 2.")], encoding="utf-8")
    code, findings = _findings(translated, monkeypatch)
    tips = [f for f in findings if f["rule"] == "translation.tips"]
    assert code == 1
    assert "1 numbered tips and `sleep-well.md` has 2" in tips[0]["message"]


def test_new_translation_refuses_what_it_cannot_start(translated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = {
        ("--translation-of", "sleep-well", "--language", "fr"): "`fr` is not one of the site's other languages (es)",
        ("--translation-of", "nothing", "--language", "es"): "there is no article `nothing`",
        ("--translation-of", "sleep-well", "--language", "es"): "sleep-well.es.md already exists",
    }
    for args, said in cases.items():
        code, _, err = run_cli(translated, "new", *args, "--translator", "Ana", "--reviewer", "real-reviewer",
                               monkeypatch=monkeypatch)  # fmt: skip
        assert code == 2, err
        assert said in err, err


def test_a_file_in_a_language_the_site_does_not_publish_or_translating_nothing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    files = spanish_site_files(**{"content/articles/one.fr.md": translation_text(),
                                  "content/articles/two.es.md": translation_text()})  # fmt: skip
    for relative, text in files.items():
        _write(root, relative, text)
    code, out, _err = run_cli(root, "validate", monkeypatch=monkeypatch)
    assert code == 1
    assert (
        "content/articles/one.fr.md: error translation.language: this file is named as a translation into `fr`" in out
    )
    assert "add `fr` there to publish it" in out
    assert "content/articles/two.es.md: error translation.unknown-source: there is no article `two.md`" in out


def test_a_missing_word_for_a_language_is_a_settings_error_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    for relative, text in spanish_site_files(**{"strings/es.yml": "call_to_action_text: Podemos ayudarte.\n"}).items():
        _write(root, relative, text)
    code, _, err = run_cli(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert (
        "strings/es.yml: error strings.required: the site publishes in `es`, but no words are given for "
        "`call_to_action_link_text`; add `call_to_action_link_text:` to strings/es.yml" in err
    )
    assert "Traceback" not in err


def test_a_topic_with_no_title_in_a_site_language_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    for relative, text in spanish_site_files().items():
        _write(root, relative, text)
    topics = root / "content" / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("  translations: {es: {title: Sueño}}\n", ""))
    code, out, _ = run_cli(root, "validate", monkeypatch=monkeypatch)
    assert code == 1
    assert "content/topics.yml:5: error translation.topic: topic `sleep` has no title in `es`" in out


def test_a_one_language_site_has_no_language_folders_switcher_or_alternates(build_site: Any) -> None:
    built = build_site({"one": article_text()})
    assert built.returncode == 0, built.output
    assert not (built.site / "es").exists()
    page = built.page("articles/one.html")
    assert page.select('link[rel="alternate"][hreflang]') == []
    assert page.select_one('[data-psychoed="languages"]') is None


def test_codeowners_assigns_each_translation_to_its_reviewer(translated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reviewers = translated / "content" / "reviewers.yml"
    reviewers.write_text(reviewers.read_text(encoding="utf-8").replace(
        "  languages: [en, es]\n", "  languages: [en, es]\n  github: '@dana-example'\n"))  # fmt: skip
    _cli(translated, monkeypatch, "codeowners")
    owners = (translated / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/content/articles/sleep-well.es.md @dana-example" in owners


def test_a_sites_words_fill_in_only_what_englishs_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    own = spanish_site_files()["strings/es.yml"] + "overdue_text: Vencida el {fecha}.\nhome: Inicio {\n"
    for relative, text in spanish_site_files(**{"strings/es.yml": own}).items():
        _write(root, relative, text)
    code, _, err = run_cli(root, "check", "--no-links", monkeypatch=monkeypatch)
    assert code == 2
    assert "strings/es.yml:3: error strings.value: `overdue_text` may fill in only `{date}`" in err
    assert "strings/es.yml:4: error strings.value: `home` fills in nothing" in err


def test_a_clinics_own_title_with_braces_is_shown_as_written(tmp_path: Path) -> None:
    extra = {**SPANISH, "call_to_action": {"title": "Talk {now}", "text": "We can help.", "link_text": "Contact us",
                                           "url": "https://example.org/contact"}}  # fmt: skip
    root = write_site(tmp_path / "site", {"one": article_text(signed=True)}, extra=extra)
    for relative, text in spanish_site_files().items():
        _write(root, relative, text)
    built = build_written_site(root)
    assert built.returncode == 0, built.output
    heading = built.page("articles/one.html").select_one("#psy-cta-heading")
    assert heading is not None
    assert heading.get_text(strip=True) == "Talk {now}"


def test_a_translation_published_with_its_sources_text_is_an_error(
    translated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`psychoed new --translation-of` copies the source's text to translate in place: publishing it as it was
    copied would serve English under `lang="es"`."""
    path = translated / "content" / "articles" / "sleep-well.es.md"
    source = (translated / "content" / "articles" / "sleep-well.md").read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\n---\n", 1)[0] + "\n---\n" + source.split("\n---\n", 1)[1], encoding="utf-8")
    code, findings = _findings(translated, monkeypatch)
    found = [(f["rule"], f["message"]) for f in findings if f["rule"] == "translation.untranslated"]
    assert code == 1
    assert found == [
        ("translation.untranslated", "the text is still the source's, word for word; translate it into `es`, or "
         "keep `status: draft` until done.")
    ]  # fmt: skip


def test_unsafe_markup_in_a_translation_stops_the_build_as_in_any_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = SPANISH_EASY + "\n<script>window.PWNED = 1</script>\n\n[Pulsa aquí](javascript:alert(1))\n"
    root = write_site(tmp_path / "site", {"one": article_text(signed=True)}, extra=SPANISH)
    for relative, text in spanish_site_files(**{"content/articles/one.es.md": translation_text(body)}).items():
        _write(root, relative, text)
    code, findings = _findings(root, monkeypatch)
    unsafe = {(f["path"], f["rule"]) for f in findings if f["rule"].startswith("security.")}
    assert code == 1
    assert {path for path, _ in unsafe} == {"content/articles/one.es.md"}
    assert len(unsafe) == 2
    built = build_written_site(root)
    assert built.returncode != 0
    assert "content/articles/one.es.md" in built.output
    assert "Traceback" not in built.output


def test_a_translations_block_that_is_not_a_mapping_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "site", {"one": article_text()}, extra=SPANISH)
    topics = spanish_site_files()["content/topics.yml"].replace("{es: {title: Sueño}}", "{es: Sueño, fr: {titel: x}}")
    for relative, text in spanish_site_files(**{"content/topics.yml": topics}).items():
        _write(root, relative, text)
    code, out, _ = run_cli(root, "validate", monkeypatch=monkeypatch)
    assert code == 1
    assert "content/topics.yml:7: error topics.type: topic `sleep`: `es` needs `key: value` lines, of `title`" in out
    assert "topics.unknown-key" in out
    assert "Traceback" not in out


def test_a_clinics_own_pages_in_another_language_go_in_its_folder_of_docs(translated: Path) -> None:
    _write(translated, "docs/es/index.md", "---\ntemplate: home.html\n---\n\n# Nuestra biblioteca\n\nBienvenida.\n")
    _write(translated, "docs/es/sobre.md", "# Sobre nosotros\n\nSomos una clínica.\n")
    built = build_written_site(translated)
    assert built.returncode == 0, built.output
    home = built.page("es/index.html")
    own = built.page("es/sobre.html")
    assert home.html is not None
    assert home.html["lang"] == "es"
    assert "Bienvenida." in home.get_text()  # the clinic's own Spanish home, not the generated one
    assert own.html is not None
    assert own.html["lang"] == "es"
    switch = home.select_one('[data-psychoed="languages"] a')
    assert switch is not None
    assert switch["href"] == "../index.html"
    menu = [" ".join(a.get_text().split()) for a in own.select(".md-nav--primary a")]
    assert "Inicio" in menu
    assert "Home" not in menu  # the English navigation is never shown under lang="es"
