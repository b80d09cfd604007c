"""``psychoed sources checked``: record that someone checked an article's sources, as ``review sign`` records
a sign-off.

At each review the standards ask that the evidence be looked at again: does each source still say what the
article says, and is there a newer version? Once someone has done that, this writes ``checked: DATE`` into
every source of the article, and leaves the rest of the file exactly as it was written. The ``checked`` date
is not part of the sign-off's fingerprint (:mod:`psychoed.review.fingerprint` hashes each source's title and
address), so recording it does not undo the sign-off.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from psychoed.content.model import Article
from psychoed.errors import PsychoedError, SourceError
from psychoed.source.text import replace_text, split_front_matter
from psychoed.source.yaml_document import parse_yaml

_CHECKED = re.compile(r"^(?P<lead>\s*(?:-\s+)?checked:)[ \t]*(?P<value>[^#\n]*?)(?P<tail>[ \t]*(?:#.*)?)$")
_ITEM = re.compile(r"^(?P<lead>\s*-\s+)\S")


class SourcesCheckedError(PsychoedError):
    """The sources cannot be marked as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Checked:
    article: Article
    on: dt.date
    changed: int
    """Sources whose ``checked`` date this changed (0 when every one already had it)."""


def mark_sources_checked(article: Article, on: dt.date, today: dt.date) -> Checked:
    """Set ``checked: on`` on every source of ``article`` and write the file; a
    :class:`SourcesCheckedError` when there is nothing to mark or the sources are not written one key a line."""
    if on > today:
        raise SourcesCheckedError(f"{on.isoformat()} is in the future; give the date the sources were checked.")
    if not article.sources:
        raise SourcesCheckedError(f"`{article.slug}` lists no `sources`; add them to its front matter first.")
    text = article.path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    split = split_front_matter(text, article.path)
    try:
        document = parse_yaml(split.front_matter, article.path, first_line=split.front_matter_line)
    except SourceError as error:
        raise SourcesCheckedError(f"{error.problem.message} Fix it first (`psychoed validate`).") from None
    entries = document.data.get("sources") if isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        raise SourcesCheckedError(f"`{article.slug}`'s `sources` is not a list; fix it first (`psychoed validate`).")
    changed = 0
    # From the last entry up, so an added line never moves the lines still to change.
    for index in reversed(range(len(entries))):
        entry = entries[index]
        if not isinstance(entry, dict):
            continue
        if entry.get("checked") == on:
            continue
        changed += 1
        if "checked" in entry:
            number = document.lines[("sources", index, "checked")] - 1
            found = _CHECKED.match(lines[number].rstrip("\n"))
            if found is None:
                raise _not_one_a_line(article)
            lines[number] = f"{found['lead']} {on.isoformat()}{found['tail']}\n"
            continue
        first = document.lines.get(("sources", index))
        item = _ITEM.match(lines[first - 1]) if first is not None else None
        one_line = all(document.text_lines.get(("sources", index, key)) == document.lines.get(("sources", index, key))
                       for key in entry)  # fmt: skip
        if first is None or item is None or not one_line:
            raise _not_one_a_line(article)
        indent = " " * len(item["lead"].expandtabs())
        lines.insert(first, f"{indent}checked: {on.isoformat()}\n")
    if changed:
        replace_text(article.path, "".join(lines))
    return Checked(article, on, changed)


def _not_one_a_line(article: Article) -> SourcesCheckedError:
    return SourcesCheckedError(
        f"`{article.slug}`'s sources are not written one `key: value` a line under `- `, so this cannot add the "
        "dates without changing how they are written; add `checked: YYYY-MM-DD` to each source by hand."
    )
