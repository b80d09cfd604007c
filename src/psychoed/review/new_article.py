"""``psychoed new``: a draft article in the right format, so an editor starts from something that loads.

The draft names its topic and the reviewer who is to review it, and is marked
``status: draft`` (left out of the published site, shown by ``make serve``). It has
no ``reviewed`` date and no sign-off: ``psychoed review sign`` writes both once the
reviewer has read the finished text, so nothing claims a review before it happens. Its
model text (:data:`BODY`, :data:`DESCRIPTION`) cannot be published: the
``placeholder.text`` rule finds every sentence of it left in.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from psychoed.content.model import Library
from psychoed.errors import PsychoedError
from psychoed.source.slugs import suggest_slug

DESCRIPTION = "One plain sentence that says what the reader will learn."
BODY = """\
Say in two or three short sentences what this article is about and who it is for.

## 1. The first tip

Write one idea here. Use short sentences and everyday words.

## 2. The second tip

Write the next idea here. Say what the reader can do today.
"""


class ScaffoldError(PsychoedError):
    """The draft cannot be made as asked; the message says why."""


def new_article(library: Library, articles_dir: Path, title: str, *, topic: str, reviewer: str) -> Path:
    """Write ``<slug>.md`` for ``title`` into ``articles_dir``; refuses a slug that exists, an unknown
    topic or reviewer."""
    if not title.strip():
        raise ScaffoldError('give the article\'s title, e.g. psychoed new "Sleeping better" --topic sleep ...')
    if topic not in library.topics:
        raise ScaffoldError(f"`{topic}` is not in topics.yml; use one of: {', '.join(library.topics)}.")
    if reviewer not in library.reviewers:
        raise ScaffoldError(f"`{reviewer}` is not in reviewers.yml; use one of: {', '.join(library.reviewers)}.")
    slug = suggest_slug(title)
    path = articles_dir / f"{slug}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; choose another title, or edit that article.")
    front_matter = {
        "title": " ".join(title.split()),
        "description": DESCRIPTION,
        "topics": [topic],
        "reviewer": reviewer,  # who is to review it; `review sign` writes `reviewed` when they have
        "status": "draft",
    }
    text = "---\n" + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False) + "---\n\n" + BODY
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return path


def new_translation(
    library: Library, articles_dir: Path, slug: str, *, language: str, translator: str, reviewer: str
) -> Path:
    """Write ``<slug>.<language>.md``: a draft translation holding the source's title, description and body to
    translate in place, and ``translated_from``, the source's sign-off it starts from. Refuses a language the
    site does not publish, an unsigned source, a reviewer who does not read the language, or an existing file."""
    if language not in library.languages:
        known = ", ".join(library.languages) or "none: add them to `languages` in mkdocs.yml"
        raise ScaffoldError(f"`{language}` is not one of the site's other languages ({known}).")
    try:
        source = library.article(slug)
    except KeyError:
        raise ScaffoldError(f"there is no article `{slug}`; give its file name without `.md`.") from None
    if source.fingerprint is None:
        raise ScaffoldError(f"`{slug}` is not signed yet; translate it once its reviewer has signed it.")
    person = library.reviewers.get(reviewer)
    if person is None:
        raise ScaffoldError(f"`{reviewer}` is not in reviewers.yml; use one of: {', '.join(library.reviewers)}.")
    if language not in person.languages:
        raise ScaffoldError(
            f"{person.name} does not read `{language}` (their `languages` in reviewers.yml); name a reviewer who does."
        )
    if not translator.strip():
        raise ScaffoldError("give the translator's name: --translator NAME")
    path = articles_dir / f"{slug}.{language}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; edit that translation instead.")
    front_matter = {
        "title": source.title,
        "description": source.description,
        "translator": " ".join(translator.split()),
        "translated_from": source.fingerprint,
        "reviewer": reviewer,
        "status": "draft",
    }
    head = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=10_000)
    text = "---\n" + head + "---\n\n" + source.body.lstrip("\n")
    with path.open("x", encoding="utf-8") as file:
        file.write(text)
    return path
