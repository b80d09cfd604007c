"""``psychoed codeowners``: who must approve a change, written as GitHub's ``.github/CODEOWNERS``.

An article's clinical text cannot change without a new fingerprint
(:mod:`psychoed.review.fingerprint`); CODEOWNERS, with branch protection's "Require review
from Code Owners", makes sure the fingerprint cannot change without the
reviewer: each article is owned by its reviewer's GitHub account. Files that
run at build time are owned by the site's maintainers.

GitHub applies the **last** matching line, so the file goes from general to
particular: the content fallback, then each article, then code.
"""

from __future__ import annotations

from dataclasses import dataclass

from psychoed.content.model import Library
from psychoed.settings.model import Settings

CODE_PATHS = (
    "/mkdocs.yml", "/hooks/", "/overrides/", "/src/", "/.github/", "/pyproject.toml", "/Makefile", "/.ci/",
    "/docs/", "/tools/", "/tests/", "/bench/",
)  # fmt: skip
"""Files that run, choose what runs, or are published as they are (``docs/``), at build or test time
(handbook/security.md)."""


@dataclass(frozen=True)
class Ownership:
    text: str
    """The CODEOWNERS file."""
    unowned: tuple[str, ...]
    """Articles whose reviewer has no ``github`` handle: the content owners approve them."""


def codeowners(library: Library, settings: Settings) -> Ownership:
    """The CODEOWNERS file for ``library``: ``settings.owners`` for content and code, reviewers for articles."""
    owners = settings.owners
    content = settings.content_dir.strip("/")
    lines = [
        "# Written by `psychoed codeowners` from content/reviewers.yml and mkdocs.yml: do not edit by hand.",
        "# With branch protection's \"Require review from Code Owners\", an article's text cannot change",
        "# without its reviewer's approval. The last matching line applies.",
        "",
    ]
    if owners.content:
        lines.append(f"/{content}/ {' '.join(owners.content)}")
    unowned = []
    for article in sorted(library.everything, key=lambda a: (a.slug, a.language or "")):  # translations too
        reviewer = library.reviewers.get(article.reviewer)
        if reviewer is None or reviewer.github is None:
            unowned.append(article.key)
            continue
        lines.append(f"/{content}/articles/{article.path.name} {reviewer.github}")
    if owners.code:
        lines.append("")
        # reviewers.yml says who each reviewer is on GitHub: changing it changes who must approve. crisis.yml
        # holds the numbers a reader in crisis calls, and the language rules say what is safe to write.
        lines.append(f"/{content}/reviewers.yml {' '.join(owners.code)}")
        lines.append(f"/{content}/crisis.yml {' '.join(owners.code)}")
        if settings.language_rules is not None:
            lines.append(f"/{settings.language_rules.lstrip('/')} {' '.join(owners.code)}")
        # The words every page shows in each language, the crisis heading among them.
        lines.append(f"/{settings.strings_dir.strip('/')}/ {' '.join(owners.code)}")
        lines += [f"{path} {' '.join(owners.code)}" for path in CODE_PATHS]
    return Ownership("\n".join(lines) + "\n", tuple(unowned))
