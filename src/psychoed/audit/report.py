"""An audit report: each criterion of a standard with the evidence found and what is missing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from psychoed.audit.evidence import Finding
from psychoed.audit.standards import Criterion, Standard
from psychoed.formats import markdown_text

FORMATS = ("human", "markdown", "json")


@dataclass(frozen=True)
class Assessed:
    """One criterion, and what the repository shows for it."""

    criterion: Criterion
    findings: tuple[Finding, ...]

    @property
    def status(self) -> str:
        """``evidence``: every finding shows it; ``partial``: some is missing; ``missing``: nothing shown;
        ``outside``: nothing a repository can show."""
        if not self.findings:
            return "outside"
        statuses = {f.status for f in self.findings}
        if statuses == {"evidence"}:
            return "partial" if self.criterion.outside else "evidence"
        return "missing" if statuses == {"missing"} else "partial"


def assess(standard: Standard, found: dict[str, Finding]) -> list[Assessed]:
    return [Assessed(c, tuple(found[key] for key in c.evidence)) for c in standard.criteria]


LABELS = {"evidence": "evidence found", "partial": "partly shown", "missing": "missing",
          "outside": "kept outside the repository"}  # fmt: skip


def as_json(standard: Standard, assessed: list[Assessed], site_name: str, today: dt.date) -> str:
    document = {
        "standard": {"id": standard.id, "name": standard.name, "source": standard.source},
        "site": site_name,
        "date": today.isoformat(),
        "criteria": [
            {
                "id": a.criterion.id,
                "title": a.criterion.title,
                "asks": a.criterion.asks,
                "status": a.status,
                "evidence": [
                    {"about": f.title, "shown": list(f.shown), "missing": list(f.missing)} for f in a.findings
                ],
                "outside": a.criterion.outside,
            }
            for a in assessed
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_markdown(standard: Standard, assessed: list[Assessed], site_name: str, today: dt.date) -> str:
    lines = [
        f"# {markdown_text(standard.name)}: evidence for {markdown_text(site_name)}",
        "",
        f"Found by `psychoed audit --standard {standard.id}` on {today.isoformat()}, from the repository's content, "
        f"settings and history. The criteria are summarised in psychoed's words; the standard is at "
        f"<{standard.source}>.",
        "",
        "| Criterion | Status |",
        "| --- | --- |",
        *(f"| {a.criterion.id}. {markdown_text(a.criterion.title)} | {LABELS[a.status]} |" for a in assessed),
    ]
    for a in assessed:
        lines += [
            "",
            f"## {a.criterion.id}. {markdown_text(a.criterion.title)}",
            "",
            markdown_text(a.criterion.asks),
            "",
        ]
        lines.append(f"**Status:** {LABELS[a.status]}.")
        for finding in a.findings:
            lines += ["", f"**{markdown_text(finding.title)}**", ""]
            lines += [f"- {markdown_text(text)}" for text in finding.shown]
            lines += [f"- Missing: {markdown_text(text)}" for text in finding.missing]
        if a.criterion.outside:
            lines += ["", f"Kept outside the repository: {markdown_text(a.criterion.outside)}"]
    return "\n".join(lines) + "\n"


def as_human(standard: Standard, assessed: list[Assessed], site_name: str, today: dt.date) -> str:
    lines = [f"{standard.name}: evidence for {site_name}, {today.isoformat()} ({standard.source})", ""]
    for a in assessed:
        lines.append(f"{a.criterion.id}. {a.criterion.title}: {LABELS[a.status]}")
        for finding in a.findings:
            lines.append(f"   {finding.title}:")
            lines += [f"   + {text}" for text in finding.shown]
            lines += [f"   - missing: {text}" for text in finding.missing]
        if a.criterion.outside:
            lines.append(f"   . outside: {a.criterion.outside}")
    counts = {status: sum(a.status == status for a in assessed) for status in LABELS}
    lines += ["", ", ".join(f"{count} {LABELS[status]}" for status, count in counts.items() if count) + "."]
    return "\n".join(lines) + "\n"
