"""Words as the search index reads them: the same words, however the text is cut, and the same as search.js."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from psychoed.content.body import markdown_tokens
from psychoed.pages.article_html import prepare_body
from psychoed.search.words import fold, page_text, stemmer, words


@given(st.text())
def test_the_words_of_any_text_are_its_runs_of_letters_and_digits(text: str) -> None:
    """The quick path (punctuation to spaces, then split) finds what the one pattern finds, which is what
    search.js's `[\\p{L}\\p{N}]+` finds in a query."""
    assert words(text) == re.findall(r"[^\W_]+", text.lower())


def test_words_are_folded_and_stemmed_as_a_query_meets_them() -> None:
    assert words("Don't stop—“sleeping” well…") == ["don", "t", "stop", "sleeping", "well"]
    assert fold("Ánimo") == "animo"
    assert stemmer("en")("sleeping") == "sleep"
    assert stemmer("es")("respiración") == stemmer("es")("respirar")
    assert stemmer("xx")("sleeping") == "sleeping", "a language without a stemmer keeps whole words"


def test_a_pages_text_is_what_the_reader_reads() -> None:
    assert page_text("<p>Fish &amp; chips</p>\n<ul>\n<li>Salt</li></ul>") == "Fish & chips Salt"


def _seen(tokens: list[Token]) -> list[object]:
    """What the checks read of tokens: types, addresses, ids and text (markdown-it's own renderer fills an
    image's `alt` from its text, which changes nothing a check reads)."""
    kept = ("href", "src", "id")
    return [
        (t.type, {k: v for k, v in t.attrs.items() if k in kept}, t.content,
         [(c.type, {k: v for k, v in c.attrs.items() if k in kept}, c.content) for c in t.children or ()])
        for t in tokens
    ]  # fmt: skip


def test_preparing_an_articles_html_leaves_the_parse_as_the_checks_read_it() -> None:
    tokens = markdown_tokens("## Calm {#calm}\n\nSee [b](b.md) and ![a](a.png).\n")
    before = _seen(tokens)
    prepared = prepare_body(tokens)
    assert _seen(tokens) == before
    assert prepared.addresses == ("b.md", "a.png")
    assert [h.id for h in prepared.headings] == ["calm"]
