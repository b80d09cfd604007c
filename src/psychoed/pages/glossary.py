"""Plain definitions where the reader meets a word: the first use of each glossary term on an article page.

The first time an article uses a term from ``content/glossary.yml`` (its name or a synonym, as a whole
word, in running text: not in a heading, link, code or quote of a definition), the word is marked as the
term being defined (``<dfn>``) and a native disclosure follows the paragraph or list item it is in:
"What “CBT” means", which opens on a tap, a click, Enter or Space, and which screen readers announce as a
collapsed button. Nothing depends on hovering, and nothing on script.

This runs on the sanitised HTML of the article's text (the sanitiser's output is well formed, and the
inserted markup is built here from escaped glossary text), so nothing an editor writes can turn it into
markup. The HTML is read with the standard library's parser, for the offset of each run of text; the
edits are made from the end of the page backwards, so each offset stays true.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from psychoed.content.model import GlossaryTerm

SKIPPED = frozenset({"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "dfn", "summary",
                     "details", "abbr", "script", "style", "blockquote", "th"})  # fmt: skip
"""Elements whose text is never marked: headings, links, code, and what is already a definition."""
BLOCKS = frozenset({"p", "li", "dd", "td"})
"""Where a definition can follow: after a paragraph, at the end of a list item or table cell."""


@dataclass(frozen=True)
class _Use:
    term: GlossaryTerm
    start: int
    end: int
    block: str
    block_end: int
    """Offset of the block's end tag."""


def define_terms(page: str, terms: Iterable[GlossaryTerm]) -> str:
    """``page`` (an article's sanitised HTML) with the first use of each of ``terms`` marked and defined."""
    glossary = list(terms)
    if not glossary:
        return page
    uses = _first_uses(page, glossary)
    edits: list[tuple[int, int, str]] = []
    for number, use in enumerate(sorted(uses, key=lambda u: u.start), start=1):
        word = page[use.start : use.end]
        edits.append((use.start, use.end, f'<dfn class="psy-term" id="psy-term-{number}">{word}</dfn>'))
        definition = (
            f'<details class="psy-definition" data-psychoed="definition"><summary>What “{word}” means</summary>'
            f"<p>{html.escape(use.term.definition)}</p></details>"
        )
        after = use.block_end + len(f"</{use.block}>") if use.block == "p" else use.block_end
        edits.append((after, after, definition))
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        page = page[:start] + text + page[end:]
    return page


@cache
def _pattern(names: frozenset[str]) -> re.Pattern[str]:
    """Any of ``names`` as whole words, longest first, in any letter case: compiled once per glossary, not
    once per page."""
    ordered = sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(name) for name in ordered) + r")(?![\w-])", re.IGNORECASE)


class _Reader(HTMLParser):
    """Finds the first use of each term in running text, with offsets into the page."""

    def __init__(self, page: str, terms: list[GlossaryTerm]) -> None:
        super().__init__(convert_charrefs=False)  # each run of text is then exactly as written, offsets true
        self.lines = [0]
        for line in page.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.open: list[str] = []
        self.pending: list[tuple[GlossaryTerm, int, int, int]] = []
        """Uses found in the block still open: (term, start, end, depth of the block)."""
        self.uses: list[_Use] = []
        self.done: set[str] = set()
        self.by_name = {name.casefold(): term for term in terms for name in term.names}
        self.pattern = _pattern(frozenset(self.by_name))

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "img", "hr", "input", "wbr"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            depth = len(self.open)
            if closed in BLOCKS:
                for term, start, end, _ in [p for p in self.pending if p[3] == depth]:
                    self.uses.append(_Use(term, start, end, closed, self.position()))
                self.pending = [p for p in self.pending if p[3] != depth]
            if closed == tag:
                return

    def handle_data(self, data: str) -> None:
        if any(tag in SKIPPED for tag in self.open):
            return
        block = next((depth for depth in range(len(self.open) - 1, -1, -1) if self.open[depth] in BLOCKS), None)
        if block is None:
            return
        base = self.position()
        for found in self.pattern.finditer(data):
            term = self.by_name[found.group(0).casefold()]
            if term.id in self.done:
                continue
            self.done.add(term.id)
            self.pending.append((term, base + found.start(), base + found.end(), block))


def _first_uses(page: str, terms: list[GlossaryTerm]) -> list[_Use]:
    reader = _Reader(page, terms)
    reader.feed(page)
    reader.close()
    return reader.uses
