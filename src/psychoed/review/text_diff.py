"""What changed in an article since its reviewer signed it, section by section and line by line.

A reviewer asked to sign again should read only the change, with enough of the
text around it to judge it: the section it is in (title, description, each
``##`` section of the body, sources) and a line either side. The same
comparison tells ``signoff.changed`` which lines of the file changed, so a
pull request's note sits on the edited line rather than on the fingerprint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from psychoed.review.fingerprint import ClinicalText

CONTEXT = 1
"""Unchanged lines shown either side of a change."""


@dataclass(frozen=True)
class SectionChange:
    """One section of the text that changed."""

    section: str
    """"Title", "Description", "Sources", "Introduction", or the section's heading."""
    lines: tuple[tuple[str, str], ...]
    """The diff: ``(" ", line)`` unchanged context, ``("-", line)`` removed, ``("+", line)`` added."""


def changed_body_lines(before: str, after: str) -> list[int]:
    """0-based indexes of the lines of ``after`` that are new or changed since ``before`` (a removed line is
    reported at the line that now follows it). Re-wrapping and blank lines count as no change only where the
    fingerprint also ignores them, so a line whose words differ is always reported."""
    old, new = _normalised(before), _normalised(after)
    found: list[int] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            found += [j for j in range(j1, j2) if new[j]]
        elif tag == "delete":
            found.append(min(j1, max(len(new) - 1, 0)))
    return sorted(set(found))


def section_changes(before: ClinicalText, after: ClinicalText) -> list[SectionChange]:
    """Every section whose words changed, with its diff and :data:`CONTEXT` lines around each change."""
    old, new = dict(_sections(before)), dict(_sections(after))
    names = list(dict.fromkeys([*new, *old]))
    changes = []
    for name in names:
        a, b = old.get(name, []), new.get(name, [])
        if [" ".join(x.split()) for x in a] == [" ".join(x.split()) for x in b]:
            continue
        changes.append(SectionChange(name, tuple(_diff(a, b))))
    return changes


def _diff(a: list[str], b: list[str]) -> Iterator[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(a=[" ".join(x.split()) for x in a], b=[" ".join(x.split()) for x in b])
    for group in matcher.get_grouped_opcodes(CONTEXT):
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from ((" ", line) for line in b[j1:j2])
                continue
            yield from (("-", line) for line in a[i1:i2])
            yield from (("+", line) for line in b[j1:j2])


def _sections(text: ClinicalText) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = [("Title", [text.title]), ("Description", [text.description])]
    name = "Introduction"
    lines: list[str] = []
    for line in text.body.splitlines():
        if line.startswith("## "):
            found.append((name, lines))
            name, lines = line[3:].strip(), []
        lines.append(line)
    found.append((name, lines))
    found.append(("Sources", [f"{s.title} <{s.url}>" for s in text.sources]))
    return [(n, [line for line in ls if line.strip()]) for n, ls in found]


def _normalised(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]
