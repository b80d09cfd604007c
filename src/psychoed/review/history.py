"""The version of an article its reviewer signed, found in git history, for ``psychoed review diff``.

The fingerprint in the front matter says which text was signed, but not where
that text is: git keeps it. Walking the file's history from the newest commit,
the first version whose own text gives that fingerprint is the one signed. The
reviewer is then shown only what changed since, word by word.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from psychoed.content.articles import load_article
from psychoed.content.model import Article
from psychoed.errors import PsychoedError
from psychoed.review.fingerprint import ClinicalText
from psychoed.settings.model import Settings

MAX_COMMITS = 500
"""How far back to look: far more versions than one article ever has."""


class HistoryError(PsychoedError):
    """The signed version cannot be found; the message says why."""


@dataclass(frozen=True)
class SignedVersion:
    commit: str
    """The short id of the commit that holds the signed text."""
    text: ClinicalText


def signed_version(
    article: Article, settings: Settings, today: dt.date, scratch: Path, *, wanted: str | None = None
) -> SignedVersion:
    """The clinical text as the reviewer signed it (or as signed ``wanted``: the source's text a translation
    was made from). ``scratch`` is a folder for reading old versions."""
    wanted = article.fingerprint if wanted is None else wanted
    if wanted is None:
        raise HistoryError(
            f"`{article.key}` has never been signed, so there is no signed version to compare with; "
            f"the whole text needs review (`psychoed review sign {article.key} --by REVIEWER`)."
        )
    folder = article.path.resolve().parent
    listed = _git(folder, "log", f"-{MAX_COMMITS}", "--format=%h", "--follow", "--", article.path.name)
    if listed is None:
        raise HistoryError(
            "there is no git history here, so the signed version cannot be found; run this in a clone "
            "of the repository with its history (in CI: `fetch-depth: 0`)."
        )
    relative = (_git(folder, "ls-files", "--full-name", article.path.name) or "").strip()
    for commit in listed.split() if relative else []:
        shown = _git(folder, "show", f"{commit}:{relative}")
        if shown is None:
            continue
        old = scratch / article.path.name
        old.write_text(shown, encoding="utf-8")
        version = load_article(old, settings, today, [], language=article.language)
        if version is not None and version.fingerprint == wanted:
            if article.translation is not None:  # a translation's topics and sources are its source's
                version = replace(version, topics=article.topics, sources=article.sources, related=article.related)
            text = ClinicalText.of(version)
            if text.fingerprint() == wanted:
                return SignedVersion(commit, text)
    raise HistoryError(
        f"no commit in the history of `{article.key}` holds the text signed as {wanted}; "
        "it may have been signed in a commit that is not here (a shallow clone), or the fingerprint was "
        "written by hand. Ask the reviewer to review the whole article."
    )


def _git(folder: Path, *args: str) -> str | None:
    """Output of ``git ARGS`` in ``folder``, or None when git is missing or the folder is not a repository."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
