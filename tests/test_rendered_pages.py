"""A page's text rendered without a build has the build's anchors, with the extensions mkdocs.yml lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from psychoed.pages.rendered import MKDOCS_BUILTINS, MarkdownSetup, RenderedPages, UnrenderableError, markdown_setup
from psychoed.site import Site

from .conftest import article_text, write_site


def test_extensions_are_read_as_mkdocs_reads_them() -> None:
    config = {"markdown_extensions": ["attr_list", {"toc": {"permalink": False}}, {"admonition": None}, "toc"]}
    setup = markdown_setup(config)
    assert setup == MarkdownSetup((*MKDOCS_BUILTINS, "attr_list", "admonition"), {"toc": {"permalink": False}})
    assert markdown_setup({}) == MarkdownSetup()


@pytest.mark.parametrize(
    "written",
    [{"markdown_extensions": "toc"}, {"markdown_extensions": [{"toc": object()}]}, {"markdown_extensions": [3]}],
    ids=["not-a-list", "a-python-object", "not-a-name"],
)
def test_extensions_only_mkdocs_can_read_leave_the_check_to_a_build(written: dict[str, object]) -> None:
    assert markdown_setup(written) is None


def test_custom_ids_and_repeated_headings_get_the_builds_anchors(tmp_path: Path) -> None:
    body = "Intro.\n\n## Wind down\n\nA.\n\n## Wind down\n\nB.\n\n## Calm {#calm-part}\n\nC.\n"
    root = write_site(tmp_path, {"one": article_text(body)})
    site = Site.open(root / "mkdocs.yml")
    setup = markdown_setup(site.document.data)
    assert setup is not None
    html = RenderedPages(site.site_map(), setup, site.settings.html_policy).html("articles/one.md")
    for anchor in ("wind-down", "wind-down_1", "calm-part"):
        assert f'id="{anchor}"' in html


def test_an_extension_that_is_not_installed_is_reported_to_the_caller(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"one": article_text("Intro.\n")})
    site = Site.open(root / "mkdocs.yml")
    pages = RenderedPages(site.site_map(), MarkdownSetup(("no_such_extension",)), site.settings.html_policy)
    assert "Intro." in pages.html("articles/one.md")  # an article is rendered by psychoed, not Python-Markdown
    with pytest.raises(UnrenderableError):
        pages.html("topics/therapy-basics.md")
