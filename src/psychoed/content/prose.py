"""The prose a reader sees in an article body, as sentences with their source lines.

Reading level must be measured on what the reader reads, not on the Markdown:
no code, URLs, HTML or markup. And an editor needs the *line* of a hard
sentence. The sentences come from the body's one parse (:mod:`psychoed.content.body`,
markdown-it-py tokens with their line ranges).

What counts (documented in the README under "Reading level"):

- paragraphs, list items, block quotes, table body cells and admonition bodies;
- link text (the reader reads it), but not the address;
- not headings, admonition titles or table header cells: they are labels, not
  sentences, and short labels would make every article look easier than it is;
- not code, HTML, images, bare or angle-bracket URLs.

Each paragraph, list item or cell ends a sentence even without a full stop,
so a list of short items counts as short sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose and where it starts in the file."""

    text: str
    line: int
    """1-based file line of the sentence's first word."""
    section: int
    """Index of the ``## `` section it is in; 0 is the introduction before the first one."""


@dataclass(frozen=True)
class Prose:
    """The readable text of an article body."""

    sentences: tuple[Sentence, ...] = ()
    section_lines: tuple[int, ...] = ()
    """File line of each ``## `` heading, in order (section ``i + 1`` starts at ``section_lines[i]``)."""

    def in_section(self, index: int) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.section == index)


_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# A sentence ends at . ! or ? (and any closing quotes or brackets) followed by
# a space and a capital, digit or opening quote. Hand-written because the
# sentence splitters that handle more (NLTK's punkt, spaCy) download models
# at run time; the abbreviations below are the ones patient text uses.
_BOUNDARY = re.compile(r"(?<=[.!?])(?P<close>[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "vs", "etc", "e.g", "i.e", "approx", "no", "jr", "sr"}
)
_COUNTED_INLINE_PARENTS = frozenset({"paragraph_open", "td_open"})
_SKIPPED_CONTAINERS = {"heading_open": "heading_close", "admonition_title_open": "admonition_title_close"}


def extract_prose(tokens: Sequence[Token], first_line: int) -> Prose:
    """The sentences in the tokens of a body that starts at file line ``first_line``."""
    sentences: list[Sentence] = []
    section_lines: list[int] = []
    skip_until: str | None = None
    parent = ""
    for token in tokens:
        if skip_until is not None:
            if token.type == skip_until:
                skip_until = None
            continue
        if token.type == "heading_open" and token.tag == "h2" and token.map is not None:
            section_lines.append(first_line + token.map[0])
        if token.type in _SKIPPED_CONTAINERS:
            skip_until = _SKIPPED_CONTAINERS[token.type]
            continue
        if token.type == "inline" and parent in _COUNTED_INLINE_PARENTS and token.map is not None:
            start = first_line + token.map[0]
            for text, line in _split_sentences(_inline_text(token.children or [], start)):
                sentences.append(Sentence(text, line, len(section_lines)))
        parent = token.type
    return Prose(tuple(sentences), tuple(section_lines))


def _inline_text(children: Sequence[Token], line: int) -> list[tuple[str, int]]:
    """The visible text of an inline run, as pieces each tagged with its file line."""
    pieces: list[tuple[str, int]] = []
    in_autolink = False
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            pieces.append((" ", line))
        elif child.type == "link_open" and child.markup == "autolink":
            in_autolink = True
        elif child.type == "link_close" and in_autolink:
            in_autolink = False
        elif child.type == "text" and not in_autolink:
            pieces.append((_URL.sub("", child.content), line))
        # code_inline, html_inline and image are not prose the reader reads as sentences.
    return pieces


def _split_sentences(pieces: list[tuple[str, int]]) -> Iterator[tuple[str, int]]:
    """Sentences of one block with the line each starts on."""
    text = ""
    line_at: list[int] = []  # file line of each character of ``text``
    for piece, line in pieces:
        text += piece
        line_at.extend([line] * len(piece))
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group("close"))
        if _ends_with_abbreviation(text[start:end]):
            continue
        yield from _sentence(text, start, end, line_at)
        start = match.end()
    yield from _sentence(text, start, len(text), line_at)


def _ends_with_abbreviation(candidate: str) -> bool:
    words = candidate.rstrip(".").rsplit(None, 1)
    return bool(words) and words[-1].lower().strip("(\"'") in _ABBREVIATIONS


def _sentence(text: str, start: int, end: int, line_at: list[int]) -> Iterator[tuple[str, int]]:
    chunk = text[start:end]
    stripped = " ".join(chunk.split())
    if not any(c.isalnum() for c in stripped):
        return
    first = start + (len(chunk) - len(chunk.lstrip()))
    yield stripped, line_at[first]
