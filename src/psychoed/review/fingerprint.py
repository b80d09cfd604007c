"""Clinical sign-off: a fingerprint of the text a reviewer approved, kept in the article's front matter.

``reviewer:`` and ``reviewed:`` are lines anyone can type; the fingerprint ties
them to the text. It is a hash of the **clinical text** (title, description,
body and sources) together with the reviewer and the review date, so:

* changing a word, a dose, a number, a warning or a source breaks it, and so
  does changing who reviewed it or when;
* re-wrapping lines, blank lines and trailing spaces do not: whitespace is
  normalised before hashing, since it changes nothing a reader reads.

Only ``psychoed review sign`` writes the fingerprint. With CODEOWNERS and branch
protection (handbook/for-clinics.md), the text cannot change without a new
fingerprint, and the fingerprint cannot change without the reviewer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from psychoed.content.model import Article, Source
from psychoed.source.text import closing_fence

PREFIX = "sha256:"


@dataclass(frozen=True)
class ClinicalText:
    """What a reviewer signs: the text readers read, and who reviewed it when."""

    title: str
    description: str
    body: str
    sources: tuple[Source, ...]
    reviewer: str
    reviewed: dt.date
    translated_from: str | None = None
    """For a translation, the source's signed text it was checked against: part of what its reviewer signs, so
    moving it to a newer source by hand breaks the sign-off."""

    @classmethod
    def of(cls, article: Article) -> ClinicalText:
        made = article.translation.translated_from if article.translation else None
        return cls(article.title, article.description, article.body, article.sources, article.reviewer,
                   article.reviewed, made)  # fmt: skip

    def fingerprint(self) -> str:
        """``sha256:…`` of the normalised text, reviewer and date."""
        return _fingerprint_of(self)


@lru_cache(maxsize=1 << 14)
def _fingerprint_of(text: ClinicalText) -> str:
    """A build asks for each article's fingerprint more than once (its review status, whether it is signed),
    and a preview asks again at every rebuild for the articles that did not change: each text is hashed once.
    Bounded, so a long preview does not keep every version of every article."""
    canonical: dict[str, object] = {
        "title": normalise(text.title),
        "description": normalise(text.description),
        "body": normalise(text.body),
        "sources": [[normalise(s.title), s.url.strip()] for s in text.sources],
        "reviewer": text.reviewer,
        "reviewed": text.reviewed.isoformat(),
    }
    if text.translated_from is not None:  # only translations: every other fingerprint stays as it was
        canonical["translated_from"] = text.translated_from
    encoded = json.dumps(canonical, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return PREFIX + hashlib.sha256(encoded).hexdigest()[:32]


def normalise(text: str) -> str:
    """``text`` with every run of whitespace (line breaks and blank lines included) as one space."""
    return " ".join(text.split())


def fingerprint(article: Article) -> str:
    """The fingerprint the article's text would have if it were signed now, by its reviewer, on its date."""
    return ClinicalText.of(article).fingerprint()


def set_front_matter(text: str, values: Mapping[str, str]) -> str:
    """``text`` (a whole article file) with the top-level front-matter keys in ``values`` set to them:
    each existing ``key: …`` line is replaced; a missing key goes just after the key before it in
    ``values`` when the editor wrote that one (``reviewed`` after ``reviewer``), or else before the
    closing fence. Other lines, comments and their
    order are kept as the editor wrote them."""
    lines = text.splitlines(keepends=True)
    end = closing_fence(lines)
    if end is None:  # callers sign only articles that loaded, so their front matter is closed
        raise ValueError("the text has no closed front matter")
    head = lines[:end]
    at: dict[str, int] = {}
    for index in range(1, end):
        key = head[index].split(":", 1)[0]
        if key in values and not head[index].startswith((" ", "\t", "-")):
            head[index] = f"{key}: {values[key]}\n"
            at[key] = index
    written = set(at)
    previous: str | None = None
    for key, value in values.items():
        if key not in at:
            position = at[previous] + 1 if previous in written else len(head)
            head.insert(position, f"{key}: {value}\n")
            at = {k: i + (i >= position) for k, i in at.items()} | {key: position}
        previous = key
    return "".join(head + lines[end:])
