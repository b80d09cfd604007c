"""``psychoed review sign``: record a reviewer's sign-off in an article's front matter.

Signing sets ``reviewer`` and ``reviewed`` and writes the fingerprint of the
clinical text as it is now (:mod:`psychoed.review.fingerprint`). The file is rewritten
only once the new text loads cleanly; the rest of the front matter and the
body stay exactly as the editor wrote them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from psychoed.content.model import Article, Library
from psychoed.errors import PsychoedError
from psychoed.review.fingerprint import fingerprint, set_front_matter
from psychoed.source.text import replace_text, split_front_matter

_DATED = re.compile(r"^reviewed:", re.MULTILINE)
"""A ``reviewed`` line in the front matter: a draft from ``psychoed new`` has none until it is signed."""


class SignError(PsychoedError):
    """The article cannot be signed as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Signed:
    article: Article
    fingerprint: str
    unchanged: bool
    """True when the article already carried this exact sign-off."""


def find_article(library: Library, slug: str) -> Article:
    """The article ``slug`` (or the translation ``slug.es``), or a :class:`SignError` that says why there is
    none."""
    try:
        return library.by_key(slug)
    except KeyError:
        pass
    if any(path.stem == slug for path in library.files):
        raise SignError(f"`{slug}` has problems that stop it loading; fix them first (`psychoed validate`).")
    known = ", ".join(a.slug for a in library.articles[:3])
    raise SignError(f"there is no article `{slug}`; give its file name without `.md` (such as {known}).")


def sign(library: Library, slug: str, *, by: str | None, on: dt.date | None, today: dt.date) -> Signed:
    """Sign ``slug`` for reviewer ``by`` on ``on`` (default: today); with neither, keep the article's own
    reviewer and date (adopting sign-off for text reviewed before). Writes the file."""
    article = find_article(library, slug)
    reviewer = article.reviewer if by is None else by
    if reviewer not in library.reviewers:
        raise SignError(f"`{reviewer}` is not in reviewers.yml; add the reviewer there first.")
    front_matter = split_front_matter(article.path.read_text(encoding="utf-8"), article.path).front_matter
    if by is None and on is None and not _DATED.search(front_matter):
        raise SignError(
            f"`{slug}` has no `reviewed` date, so there is no earlier review to keep; the reviewer signs it "
            f"with `psychoed review sign {slug} --by {reviewer}`."
        )
    date = (today if by is not None else article.reviewed) if on is None else on
    if date > today:
        raise SignError(f"{date.isoformat()} is in the future; give the date the review took place.")
    made = _translated_from(library, article, reviewer)
    translation = replace(article.translation, translated_from=made) if article.translation else None
    signed = replace(article, reviewer=reviewer, reviewed=date, translation=translation)
    value = fingerprint(signed)
    unchanged = (
        article.fingerprint == value
        and article.reviewer == reviewer
        and article.reviewed == date
        and article.translation == translation
    )
    if not unchanged:
        text = article.path.read_text(encoding="utf-8")
        values = {"reviewer": reviewer, "reviewed": date.isoformat()}
        if made is not None:
            values["translated_from"] = made
        values["fingerprint"] = value
        replace_text(article.path, set_front_matter(text, values))
    return Signed(signed, value, unchanged)


def _translated_from(library: Library, article: Article, reviewer: str) -> str | None:
    """For a translation, the source's sign-off it is signed against: the reviewer signs that the translation
    says what the source says now. A source whose text is not signed as it stands, or a reviewer who does not
    read the language, is refused."""
    if article.translation is None or article.language is None:
        return None
    source = library.article(article.translation.source)
    if source.fingerprint is None or fingerprint(source) != source.fingerprint:
        raise SignError(
            f"`{source.slug}` is not signed as it stands, so there is no reviewed text to sign this translation "
            f"against; its reviewer signs it first (`psychoed review sign {source.slug} --by REVIEWER`)."
        )
    person = library.reviewers[reviewer]
    if article.language not in person.languages:
        raise SignError(
            f"{person.name} does not read `{article.language}` (their `languages` in reviewers.yml); a "
            f"reviewer who reads it signs the translation, or add `{article.language}` to their `languages`."
        )
    return source.fingerprint
