"""How ``psychoed check`` shows what it found: for people, for GitHub, for programs.

All three forms say the same things; paths are shown relative to the folder
the check runs in (the project root), as editors and GitHub expect them.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from psychoed import formats
from psychoed.checks.review import DUE_SOON, OVERDUE
from psychoed.cli.check import ArticleResult, CheckResult
from psychoed.findings import shown_path
from psychoed.formats import markdown_text, plural
from psychoed.review.state import review_status
from psychoed.writing.readability import ReadingLevel


def _totals(result: CheckResult) -> str:
    counts = [plural(result.count(s), s) for s in ("error", "warning", "notice")]
    return f"{plural(result.files_read, 'article')} checked: {', '.join(counts)}."


def _allowed_lines(result: CheckResult, root: Path) -> list[str]:
    """Every allowance used, so reviewers see each exception and its reason."""
    if not result.allowed:
        return []
    lines = [f"Allowed by a comment in the text ({plural(len(result.allowed), 'finding')}):"]
    for granted in result.allowed:
        where = f"{shown_path(granted.path, root)}:{granted.finding.line}"
        lines.append(f"  {where}: {granted.finding.rule.id}: {granted.allowance.reason}")
    return [*lines, ""]


def _scores(level: ReadingLevel) -> str:
    return f"grade {level.flesch_kincaid_grade:4.1f}  SMOG {level.smog:4.1f}  ease {level.flesch_reading_ease:5.1f}"


def human(result: CheckResult, root: Path) -> str:
    """Findings grouped by file, one line each, then reading levels and totals."""
    lines: list[str] = []
    by_file = groupby(result.findings, key=lambda f: f.path)
    for _, findings in by_file:
        lines.extend(formats.human(finding, root) for finding in findings)
        lines.append("")
    check = result.settings.check
    if result.articles:
        lines.append(
            f"Reading level (Flesch-Kincaid grade; limit {check.max_grade}, target {check.target_grade}; "
            "SMOG; Flesch reading ease, higher is easier):"
        )
        for item in sorted(result.articles, key=lambda a: -a.reading.level.flesch_kincaid_grade):
            mark = "  over the limit" if item.reading.level.flesch_kincaid_grade > check.max_grade else ""
            lines.append(f"  {_scores(item.reading.level)}  {shown_path(item.article.path, root)}{mark}")
        lines.append("")
    lines += _allowed_lines(result, root)
    if result.ignored:
        lines.append(f"Not content, so not checked: {', '.join(f'`{p}`' for p in result.ignored)}.")
    if result.elsewhere:
        lines.append(
            f"{plural(result.elsewhere, 'more finding')} in files not asked for; "
            "run `psychoed check` alone to see them."
        )
    if not result.links_checked:
        lines.append("Links were not checked.")
    lines.append(_totals(result))
    return "\n".join(lines) + "\n"


def github(result: CheckResult, root: Path) -> str:
    """GitHub workflow commands: each finding becomes an annotation on its line of the pull request."""
    lines = [formats.github(finding, root) for finding in result.findings]
    lines.append(_totals(result))
    return "\n".join(lines) + "\n"


def step_summary(result: CheckResult, root: Path) -> str:
    """A Markdown summary for ``$GITHUB_STEP_SUMMARY``: reading levels, and reviews overdue or due soon."""
    check = result.settings.check
    lines = ["## psychoed check", "", _totals(result), ""]
    if result.articles:
        lines += [
            f"### Reading level (limit: grade {check.max_grade}, target: grade {check.target_grade})",
            "",
            "| Article | Grade | SMOG | Reading ease | Next review |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        for item in sorted(result.articles, key=lambda a: -a.reading.level.flesch_kincaid_grade):
            level = item.reading.level
            over = " ⚠️" if level.flesch_kincaid_grade > check.max_grade else ""
            lines.append(
                f"| {markdown_text(item.article.title)} (`{shown_path(item.article.path, root)}`) "
                f"| {level.flesch_kincaid_grade:.1f}{over} | {level.smog:.1f} | {level.flesch_reading_ease:.1f} "
                f"| {_review_state(item, result)} |"
            )
        lines.append("")
    reviews = [f for f in result.findings if f.rule in (OVERDUE, DUE_SOON)]
    if reviews:
        lines += ["### Reviews overdue or due soon", ""]
        lines += [f"- `{shown_path(f.path, root)}`: {markdown_text(f.message)}" for f in reviews]
        lines.append("")
    if result.allowed:
        lines += ["### Allowed by a comment in the text", "", "| Where | Rule | Reason |", "| --- | --- | --- |"]
        for granted in result.allowed:
            where = f"{shown_path(granted.path, root)}:{granted.finding.line}"
            lines.append(f"| `{where}` | `{granted.finding.rule.id}` | {markdown_text(granted.allowance.reason)} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _review_state(item: ArticleResult, result: CheckResult) -> str:
    if item.article.is_draft:
        return "draft"
    status = review_status(item.article, result.today, result.settings.check.due_soon_days)
    when = item.article.next_review.isoformat()
    if status.overdue:
        return f"**overdue** since {when}"
    if "due-soon" in status.states:
        return f"due soon: {when}"
    return when


def as_json(result: CheckResult, root: Path) -> str:
    """The result as one JSON document, for other tools."""
    document = {
        "articles": [_article_json(item, root) for item in result.articles],
        "findings": [formats.as_json(f, root) for f in result.findings],
        "allowed": [
            {**formats.as_json(g.finding, root), "reason": g.allowance.reason, "allowance_line": g.allowance.line}
            for g in result.allowed
        ],
        "summary": {
            "articles": result.files_read,
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "notices": result.count("notice"),
            "links_checked": result.links_checked,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _level_json(level: ReadingLevel) -> dict[str, float]:
    return {
        "flesch_kincaid_grade": round(level.flesch_kincaid_grade, 1),
        "smog": round(level.smog, 1),
        "flesch_reading_ease": round(level.flesch_reading_ease, 1),
    }


def _article_json(item: ArticleResult, root: Path) -> dict[str, object]:
    article = item.article
    return {
        "path": shown_path(article.path, root),
        "title": article.title,
        "reviewer": article.reviewer,
        "reviewed": article.reviewed.isoformat(),
        "next_review": article.next_review.isoformat(),
        "status": article.status,
        "reading_level": _level_json(item.reading.level),
        "sections": [
            {"heading": s.heading, "line": s.line, "reading_level": _level_json(s.level)} for s in item.reading.sections
        ],
    }
