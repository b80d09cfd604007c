"""Defence in depth: with every ``security.*`` rule set to ``off``, the build still publishes no live
payload. Each payload is built into a real site (article bodies, a bio, a topic description and a page in
``docs/``), then every built page is parsed, and opened in Chromium.

Escaped text shown as text is fine: the payloads mark themselves ``PWNED`` where they would run or load,
and the tests look for the mark only in places that run or load.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser

from psychoed.checks.catalog import catalog
from psychoed.source.urls import is_allowed, is_remote

from .conftest import REPO, BuildResult, article_text, build_site_at, build_written_site, write_site
from .hostile import BODY_PAYLOADS, MARK

RULES_OFF = {rule.id: "off" for rule in catalog().values() if rule.id.startswith("security.") and rule.configurable}
RUNS_OR_LOADS = {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "svg", "frame"}
TOPICS = (
    "therapy-basics:\n  title: Therapy basics\n  description: |\n    Start here.\n    <script>window.PWNED=1</script>\n"
)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("payloads") / "site"
    articles = {_slug(name): article_text(f"Intro.\n\n{markdown}\n") for name, (markdown, _) in BODY_PAYLOADS.items()}
    result = build_site_at(root, articles, extra={"check": {"rules": RULES_OFF}}, home=True)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def built_with_registries(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A second site: the payloads in a reviewer's bio, a topic's description and a ``docs/`` page."""
    root = tmp_path_factory.mktemp("registries") / "site"
    write_site(root, {"one": article_text("Intro.\n")}, extra={"check": {"rules": RULES_OFF}})
    payloads = "\n\n".join(markdown for markdown, _ in BODY_PAYLOADS.values() if "<!--" not in markdown)
    bio = "\n".join("    " + line for line in payloads.splitlines())
    (root / "content" / "reviewers.yml").write_text(
        f"real-reviewer:\n  name: Real Reviewer\n  credentials: PhD\n  bio: |\n{bio}\n", encoding="utf-8"
    )
    (root / "content" / "topics.yml").write_text(TOPICS, encoding="utf-8")
    title = '# About <img src="x.png" onerror="window.PWNED=1"> <script>window.PWNED=1</script>'
    (root / "docs" / "about.md").write_text(
        f"{title}\n\n## Part <svg onload=window.PWNED=1>\n\n{payloads}\n", encoding="utf-8"
    )
    return build_written_site(root)


def _pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for file in sorted(site.rglob("*.html")):
        yield file, BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _live(soup: BeautifulSoup) -> list[str]:
    """Every place in the page where a payload would run or load."""
    found = []
    for element in soup.find_all(True):
        assert isinstance(element, Tag)
        # A <meta> carries text (a description) unless it is http-equiv, which acts.
        acts = element.name != "meta" or element.has_attr("http-equiv")
        if element.name in RUNS_OR_LOADS and acts and MARK in str(element):
            found.append(f"<{element.name}> {str(element)[:80]}")
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on"):
                found.append(f"{name}= on <{element.name}>")
            if name == "style" and MARK in text:
                found.append(f"style= on <{element.name}>")
            if name in ("href", "src", "action", "formaction", "data") and not is_allowed(text):
                found.append(f"{name}={text[:60]} on <{element.name}>")
            if element.name == "img" and name == "src" and is_remote(text):
                found.append(f"third-party image {text[:60]}")
    if len(soup.find_all(id="psy-main")) > 1:
        found.append("a second #psy-main")
    return found


def test_each_payload_built_with_its_rule_off_is_not_live(built: BuildResult) -> None:
    pages = list(_pages(built.site))
    shown = 0
    for file, soup in pages:
        assert _live(soup) == [], file
        shown += file.name in {f"{_slug(name)}.html" for name in BODY_PAYLOADS}
    assert shown == len(BODY_PAYLOADS)  # every payload's page was built, none dropped


def test_payloads_in_bios_topics_and_docs_pages_are_not_live(built_with_registries: BuildResult) -> None:
    assert built_with_registries.returncode == 0, built_with_registries.output
    pages = dict(_pages(built_with_registries.site))
    assert {"reviewers/real-reviewer.html", "topics/therapy-basics.html", "about.html"} <= {
        file.relative_to(built_with_registries.site).as_posix() for file in pages
    }
    for file, soup in pages.items():
        assert _live(soup) == [], file


def test_the_build_refuses_the_payloads_while_the_rules_are_on(tmp_path: Path) -> None:
    markdown, _ = BODY_PAYLOADS["script element"]
    result = build_site_at(tmp_path / "site", {"one": article_text(f"Intro.\n\n{markdown}\n")})
    assert result.returncode != 0
    assert re.search(r"content/articles/one\.md:\d+: error security\.html: `<script>` is never allowed", result.output)


def test_no_payload_runs_in_chromium(built: BuildResult, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for name in BODY_PAYLOADS:
        page.goto((built.site / "articles" / f"{_slug(name)}.html").as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.PWNED") is None, name
    assert dialogs == []
    context.close()


# docs/ pages, their front matter, static files and theme classes --------------------------------------

CLASS_PAYLOADS = 'Tap here.\n{: .md-consent__overlay }\n\n<abbr class="md-consent__inner psy-crisis">PWNED</abbr>\n'


@pytest.fixture(scope="module")
def built_with_site_pages(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Every configurable security rule off: a heading that would close `<title>`, theme classes in an article
    and a page, and front matter whose values need escaping."""
    root = tmp_path_factory.mktemp("site-pages") / "site"
    write_site(root, {"one": article_text(f"Intro.\n\n{CLASS_PAYLOADS}")}, extra={"check": {"rules": RULES_OFF}})
    (root / "docs" / "team.md").write_text(
        '---\ntitle: Our "team"\ndescription: \'Who we are: "quoted" & plain\'\n---\n\n'
        "# Our `</title><script>window.PWNED=1</script>` team\n\n" + CLASS_PAYLOADS,
        encoding="utf-8",
    )
    (root / "docs" / "code.md").write_text(
        "# Heading `</title><img src=x onerror=window.PWNED=1>`\n\nText.\n", encoding="utf-8"
    )
    return build_written_site(root)


def test_titles_front_matter_and_theme_classes_are_inert_with_the_rules_off(
    built_with_site_pages: BuildResult,
) -> None:
    result = built_with_site_pages
    assert result.returncode == 0, result.output
    for file, soup in _pages(result.site):
        assert _live(soup) == [], file
        title = soup.find("title")
        assert title is not None
        assert not title.find_all(True), file  # the title holds text only
        content = soup.find(id="psy-main")
        assert content is not None
        themed = [
            c for el in content.find_all(class_=True) for c in el["class"] if c.startswith(("md-consent", "psy-crisis"))
        ]
        assert themed == [], file
    team = BeautifulSoup((result.site / "team.html").read_text(encoding="utf-8"), "html.parser")
    meta = team.find("meta", attrs={"name": "description"})
    assert meta is not None
    assert meta["content"] == 'Who we are: "quoted" & plain'
    code = BeautifulSoup((result.site / "code.html").read_text(encoding="utf-8"), "html.parser")
    assert code.title is not None
    assert "</title><img src=x onerror=window.PWNED=1>" in code.title.get_text()  # shown as text


def test_no_theme_class_covers_the_crisis_help_in_chromium(
    built_with_site_pages: BuildResult, browser: Browser
) -> None:
    """A tap on a crisis link lands on the crisis link, at phone and desktop widths; nothing ran."""
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for name in ("team.html", "code.html", "articles/one.html"):
            page.goto((built_with_site_pages.site / name).as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("() => window.PWNED") is None, name
            link = page.locator("[data-psychoed=crisis] a").first
            box = link.bounding_box()
            assert box is not None
            hit = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).closest('[data-psychoed=crisis] a') !== null",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit, f"something covers the crisis link on {name} at {width} px"
        context.close()


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("docs/team.md", "---\ntemplate: redirect.html\nlocation: https://phish.example/PWNED\n---\n# Team\n"),
        ("docs/team.md", "---\ntitle: 'Team</title><script>window.PWNED=1</script><title>'\n---\n# Team\n"),
        ("docs/team.md", "---\na: &a [x, x]\nb: [*a, *a]\n---\n# Team\n"),
        ("docs/x.html", "<script>window.PWNED=1</script>\n"),
        ("docs/img/x.svg", "<svg onload='window.PWNED=1'/>\n"),
        ("docs/assets/psychoed/psychoed.js", "window.PWNED = 1;\n"),
        ("docs/psychoed-extra.css", ".psy-crisis { display: none }\n"),
    ],
)
def test_site_pages_and_files_that_cannot_be_made_safe_stop_the_build_with_the_rules_off(
    tmp_path: Path, path: str, content: str
) -> None:
    """Front matter that redirects or breaks out of `<title>`, and files that are not images, cannot be
    sanitised: the build refuses them at their path whatever the site's levels, and publishes nothing."""
    root = write_site(tmp_path / "site", {"one": article_text("Intro.\n")}, extra={"check": {"rules": RULES_OFF}})
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(content, encoding="utf-8")
    result = build_written_site(root)
    assert result.returncode != 0
    assert re.search(rf"^{re.escape(path)}(:\d+)?: error (security|yaml)\.", result.output, re.MULTILINE), result.output
    assert "Traceback" not in result.output
    assert not (root / "site" / "index.html").exists()


def test_the_policy_allows_only_the_inline_scripts_the_theme_writes(tmp_path: Path) -> None:
    """A template that puts page text into an inline script (a theme change, or a value that slipped through)
    makes a script no theme render has: the build stops, naming the page, instead of hashing it."""
    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    main = overrides / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}\n  {{ super() }}",
            "{% block extrahead %}\n  {{ super() }}\n  <script>/* {{ page.title if page else '' }} */</script>",
            1,
        ),
        encoding="utf-8",
    )
    root = write_site(tmp_path / "site", {"one": article_text("Intro.\n")})
    config = root / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["custom_dir"] = str(overrides)
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build_written_site(root)
    assert result.returncode != 0
    assert "carries an inline script that the theme does not write" in result.output, result.output
