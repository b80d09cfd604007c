"""The policy's hashes: every inline script and style a browser would run is found and hashed as written."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psychoed.pages.csp import InlineHashes, UntrustedInlineError, inline_hashes, with_policy


def sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_inline_scripts_and_styles_are_hashed_exactly_as_written_in_any_letter_case() -> None:
    page = (
        '<html><head><meta charset="utf-8"><style>\n a { color: red }\n</style></head><body>'
        "<SCRIPT>var a = '<style>';</SCRIPT >"
        '<script src="assets/app.js"></script>'
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>'
        '<script type="module">run()</script>'
        "</body></html>"
    )
    found = inline_hashes(page)
    assert found.styles == {sha("\n a { color: red }\n")}
    assert found.scripts == {sha("var a = '<style>';"), sha("run()")}


def test_an_opening_in_a_comment_or_attribute_or_left_open_is_hashed_so_it_stops_the_build() -> None:
    page = '<html><head></head><body><!-- <script>old()</script> --><p title="<style>x</style>">t</p><script>tail()'
    found = inline_hashes(page)
    assert found.scripts == {sha("old()"), sha("tail()")}
    assert found.styles == {sha("x")}
    with pytest.raises(UntrustedInlineError):
        with_policy(page, InlineHashes())


def test_a_page_with_only_the_themes_inline_code_gets_a_policy_listing_just_those_hashes() -> None:
    page = '<html><head><meta charset="utf-8"><title>t</title></head><body><script>theme()</script></body></html>'
    html, hashes = with_policy(page, InlineHashes(scripts={sha("theme()"), sha("other()")}))
    assert hashes.scripts == {sha("theme()")}
    assert html.startswith('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    assert sha("other()") not in html


@given(st.text(alphabet="<>/=\"' scriptyleSCRIPTa-z\n", max_size=80))
def test_any_text_between_tags_is_hashed_as_the_browser_reads_it(text: str) -> None:
    body = text.replace("</", "< /")  # an end tag in the text would end the element, in a browser too
    found = inline_hashes(f"<p>x</p><script>{body}</script><p>y</p>")
    assert sha(body) in found.scripts
