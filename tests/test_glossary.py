"""Plain definitions: a glossary term is defined where the reader meets it, and the site's hard words are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from psychoed.content.model import GlossaryTerm
from psychoed.pages.glossary import define_terms

from .conftest import article_text, build_written_site, run_cli, write_site

GLOSSARY = """\
cbt:
  term: cognitive behavioural therapy
  synonyms: [CBT]
  definition: A talking therapy. It looks at how your thoughts and actions link.
panic:
  term: panic attack
  definition: A sudden rush of strong fear that passes.
"""
BODY = """\
Intro about CBT and sleep.

## What CBT is

Some people try [CBT](other.md) first. Others try CBT later, or `CBT` at home.

- A panic attack can feel frightening.
- Another panic attack is not a failure.
"""

pytestmark = pytest.mark.usefixtures("on_test_day")


def site_with_glossary(tmp_path: Path, body: str = BODY, extra: dict[str, object] | None = None) -> Path:
    articles = {"one": article_text(body, signed=True), "other": article_text("Hi.\n")}
    root = write_site(tmp_path, articles, extra=extra)
    (root / "content" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    return root


def test_the_first_use_of_each_term_is_marked_and_defined_after_its_paragraph(tmp_path: Path) -> None:
    """In running text only: not in a heading, a link or code; once per page; after a paragraph, or inside
    the list item (a list holds only items)."""
    result = build_written_site(site_with_glossary(tmp_path))
    assert result.returncode == 0, result.output
    page = result.page("articles/one.html")
    body = page.select_one("[data-psychoed=body]")
    assert body is not None
    assert [d.get_text() for d in body.select("dfn.psy-term")] == ["CBT", "panic attack"]
    first = body.select_one("dfn.psy-term").find_parent("p")
    assert first.get_text().startswith("Intro about CBT")
    definition = first.find_next_sibling()
    assert definition.name == "details"
    assert definition.select_one("summary").get_text() == "What “CBT” means"
    assert definition.select_one("p").get_text() == "A talking therapy. It looks at how your thoughts and actions link."
    assert body.select_one("h2").find("dfn") is None
    item = body.select("li")[0]
    assert item.select_one("details summary").get_text() == "What “panic attack” means"
    assert body.select("li")[1].find("details") is None
    assert len(body.select("details.psy-definition")) == 2
    assert "psy-term" not in result.page("topics/therapy-basics.html").decode()


def test_a_definition_is_escaped_text_whatever_the_glossary_holds() -> None:
    term = GlossaryTerm("x", "sleep", 'Rest <script>alert(1)</script> & "quiet".')
    out = define_terms("<p>Good sleep &amp; rest.</p>", [term])
    assert "<script>" not in out
    assert "Rest &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quiet&quot;." in out
    assert out.startswith('<p>Good <dfn class="psy-term" id="psy-term-1">sleep</dfn> &amp; rest.</p><details')


def findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, object, object]]:
    _, out, err = run_cli(root, "check", "--no-links", "--format", "json", monkeypatch=monkeypatch)
    assert err == ""
    return [(f["path"], f["rule"], f["line"]) for f in json.loads(out)["findings"]]


def test_a_word_to_define_used_without_a_definition_is_reported_at_its_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Intro.\n\nSome people feel anxiety.\n\nCBT can help with Anxiety.\n"
    extra = {"check": {"words_to_define": ["anxiety", "CBT", "psychosis"]}}
    root = site_with_glossary(tmp_path, body, extra=extra)
    assert findings(root, monkeypatch) == [("content/articles/one.md", "glossary.undefined", 12)]


def test_a_definition_harder_than_the_sites_limit_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = site_with_glossary(tmp_path)
    hard = "Psychotherapeutic interventions systematically restructure maladaptive cognitive representations."
    glossary = root / "content" / "glossary.yml"
    glossary.write_text(GLOSSARY.replace("A sudden rush of strong fear that passes.", hard), encoding="utf-8")
    assert findings(root, monkeypatch) == [("content/glossary.yml", "glossary.definition-grade", 7)]
