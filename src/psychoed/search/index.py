"""The search index of one build: each published article's words, written in parts a query fetches a few of.

Written here rather than by Pagefind, which the site used before: Pagefind's indexer holds about 0.18 MB a
page until it writes (1.8 GB at 10,000 articles, four times plain Material's whole build, and out of memory
on larger sites: Pagefind issue #842), and it parses every page again. This index takes each page's text as
the build finishes it, keeps only numbers per word and the page's text compressed, and writes the parts once:

``search-index/<language>/``
    ``meta.json``: how many pages, and the first word of each part (``w/``) and first stem of each part (``s/``),
    so a query knows which few parts to fetch.
    ``w/<n>.json``: words, in order, each with its stem (``""`` when the word is its own stem).
    ``s/<n>.json``: stems, in order, each with its pages: ``[gap, score, gap, score, …]``, where each gap is
    from the page number before it and the score is the stem's BM25 weight in the page (times 100), with the
    length of the page already counted in; the browser multiplies by the stem's rarity.
    ``d/<page>.json``: a page's address (from the site's root), title and text, for the result and its excerpt.

The browser's side is ``overrides/assets/psychoed/search.js``. A first query fetches ``meta.json``, one or two
parts of each, and the texts of the results it shows.
"""

from __future__ import annotations

import json
import shutil
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from psychoed.search.words import fold, stemmer, words

INDEX_FOLDER = "search-index"
"""Where in the built site the index is: not ``search/``, which is the search page's own folder when a site
has ``use_directory_urls``."""
FORMAT = 1
"""The index's format; ``search.js`` reads this one."""
K1 = 1.2
B = 0.75
"""BM25's settings, as most search engines use them (Lucene's defaults)."""
TITLE_WEIGHT = 5
"""A word of the title counts as five in the text: a page titled with a word is the first to show."""
PART_CHARS = 16_000
"""Rough size of one part of the words or the stems: small enough that a query fetching a few stays light on a
phone, large enough that a library of 10,000 articles has a ``meta.json`` of a few kilobytes."""
TEXT_CHARS = 20_000
"""Most characters of a page's text kept for excerpts (an article is at most ``max_article_kb``; its text
shown in a result is a sentence or two)."""


@dataclass
class _Language:
    """The index of the pages in one language."""

    stem: Callable[[str], str]
    lengths: array[int] = field(default_factory=lambda: array("I"))
    pages: list[bytes] = field(default_factory=list)
    """Each page's ``d/`` file, compressed: a tenth of the build's memory for the texts, at 10,000 articles."""
    postings: dict[str, array[int]] = field(default_factory=dict)
    """Pages of each stem: page number and count, one after the other."""
    vocabulary: dict[str, str] = field(default_factory=dict)
    """Each word as a query compares it (folded), to its stem."""
    _stems: dict[str, str] = field(default_factory=dict)
    """Stem of each word as written (lower case, accents kept): each word is stemmed once per build."""

    def add(self, url: str, title: str, text: str) -> None:
        page = len(self.lengths)
        found = words(text)
        counts: Counter[str] = Counter()
        for word, count in Counter(found).items():
            counts[self._stem_of(word)] += count
        for word in words(title):
            counts[self._stem_of(word)] += TITLE_WEIGHT
        for stem, count in counts.items():
            postings = self.postings.get(stem)
            if postings is None:
                postings = self.postings[stem] = array("I")
            postings.append(page)
            postings.append(count)
        self.lengths.append(len(found))
        entry = json.dumps({"url": url, "title": title, "text": text[:TEXT_CHARS]}, ensure_ascii=False)
        self.pages.append(zlib.compress(entry.encode("utf-8"), 1))

    def _stem_of(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = fold(self.stem(word))
            self.vocabulary.setdefault(fold(word), stem)
        return stem

    def write(self, folder: Path) -> None:
        for sub in ("w", "s", "d"):
            (folder / sub).mkdir(parents=True)
        for number, entry in enumerate(self.pages):
            (folder / "d" / f"{number}.json").write_bytes(zlib.decompress(entry))
        words_firsts = _write_parts(folder / "w", self._word_entries())
        stem_firsts = _write_parts(folder / "s", self._stem_entries())
        meta = {"format": FORMAT, "pages": len(self.lengths), "words": words_firsts, "stems": stem_firsts}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), "utf-8")

    def _word_entries(self) -> Iterator[tuple[str, str]]:
        for word in sorted(self.vocabulary):
            stem = self.vocabulary[word]
            yield word, json.dumps("" if stem == word else stem, ensure_ascii=False)

    def _stem_entries(self) -> Iterator[tuple[str, str]]:
        average = sum(self.lengths) / len(self.lengths) if self.lengths else 1.0
        # Each page's share of BM25's denominator, once per page rather than once per word of it.
        norms = [K1 * (1 - B + B * length / (average or 1.0)) for length in self.lengths]
        scale = 100 * (K1 + 1)
        for stem in sorted(self.postings):
            postings = self.postings[stem]
            out: list[str] = []
            before = 0
            for at in range(0, len(postings), 2):
                page, count = postings[at], postings[at + 1]
                out.append(f"{page - before},{round(scale * count / (count + norms[page]))}")
                before = page
            yield stem, "[" + ",".join(out) + "]"


def _write_parts(folder: Path, entries: Iterator[tuple[str, str]]) -> list[str]:
    """Write ``entries`` (key, JSON value), in order, as parts of about :data:`PART_CHARS`; the first key of
    each part, in order, which is how a query finds the part holding a key."""
    firsts: list[str] = []
    part: list[str] = []
    size = 0

    def flush() -> None:
        (folder / f"{len(firsts) - 1}.json").write_text("{" + ",".join(part) + "}", "utf-8")

    for key, value in entries:
        if not part:
            firsts.append(key)
        item = json.dumps(key, ensure_ascii=False) + ":" + value
        part.append(item)
        size += len(item)
        if size >= PART_CHARS:
            flush()
            part, size = [], 0
    if part:
        flush()
    return firsts


@dataclass
class SearchIndex:
    """The pages a build indexes, by language, written at its end into the site's :data:`INDEX_FOLDER`."""

    languages: dict[str, _Language] = field(default_factory=dict)

    def add(self, language: str, url: str, title: str, text: str) -> None:
        """Index a page at ``url`` (from the site's root) in ``language``, titled ``title``, reading ``text``."""
        index = self.languages.get(language)
        if index is None:
            index = self.languages[language] = _Language(stemmer(language))
        index.add(url, title, text)

    def write(self, folder: Path, languages: list[str]) -> None:
        """Write the index of each of ``languages`` (each gets one, with no pages if none were added) into
        ``folder``, replacing what an earlier build left there."""
        if folder.exists():
            shutil.rmtree(folder)
        for language in languages:
            index = self.languages.get(language) or _Language(stemmer(language))
            index.write(folder / language)
