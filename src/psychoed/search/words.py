"""Words as search reads them, the same in the build and in the reader's browser.

A page's words and a reader's query are cut and folded the same way, here and in
``overrides/assets/psychoed/search.js`` (its ``fold`` and ``wordsOf``): lower case, accents taken off
("ánimo" is found by "animo"), and runs of letters and digits as words. Each word is also reduced to its
stem with the Snowball stemmer of the page's language ("sleeping", "sleeps" → "sleep"), so a query finds
the other forms of its words. The stemmer runs only here: the index maps each word it holds to its stem, so
the browser needs no stemmer of its own. A language Snowball has no stemmer for is searched by whole words
and their beginnings.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections.abc import Callable
from functools import cache

import snowballstemmer  # type: ignore[import-untyped]

SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "et": "estonian", "eu": "basque", "fa": "persian", "fi": "finnish",
    "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
"""Snowball's stemmer for each language code (ISO 639-1) it has one for."""

_WORD = re.compile(r"[^\W_]+")
_PUNCTUATION = {
    ord(c): " " for c in string.punctuation + "\u201c\u201d\u2018\u2019\u2014\u2013\u2026\u00ab\u00bb\u00bf\u00a1\u00b7"
}
"""Marks that end a word, made spaces before the text is split: half the time of finding the words with the
pattern alone, which still reads any piece that is not all letters and digits."""
_MARKS = re.compile("[\u0300-\u036f]")
_TAG = re.compile(r"<[^>]*>")


def fold(word: str) -> str:
    """``word`` in lower case without accents: what the index and a query compare."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", word.lower()))


def words(text: str) -> list[str]:
    """The words of ``text``, in lower case with accents kept (the stemmer reads them), in order: runs of
    letters and digits."""
    found: list[str] = []
    for piece in text.lower().translate(_PUNCTUATION).split():
        if piece.isalnum():
            found.append(piece)
        else:
            found += _WORD.findall(piece)
    return found


def page_text(page_html: str) -> str:
    """The text a reader reads in ``page_html``, an article's sanitised HTML (well formed: every ``<`` of
    text is escaped), as one line."""
    return " ".join(html.unescape(_TAG.sub(" ", page_html)).split())


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """The stemmer of ``language`` (a code such as ``en`` or ``pt-BR``), or no change where Snowball has none."""
    name = SNOWBALL.get(language.split("-")[0].lower())
    if name is None:
        return str
    return snowballstemmer.stemmer(name).stemWord  # type: ignore[no-any-return]
