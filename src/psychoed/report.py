"""How ``psychoed check`` shows what it found: for people, for GitHub, for programs.

All three forms say the same things; paths are shown relative to the folder
the check runs in (the project root), as editors and GitHub expect them.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from .check import ArticleResult, CheckResult
from .errors import Problem, shown_path
from .readability import ReadingLevel

FORMATS = ("human", "github", "json")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _totals(result: CheckResult) -> str:
    counts = [_plural(result.count(s), s) for s in ("error", "warning", "notice")]
    return f"{_plural(len(result.articles), 'article')} checked: {', '.join(counts)}."


def _scores(level: ReadingLevel) -> str:
    return f"grade {level.flesch_kincaid_grade:4.1f}  SMOG {level.smog:4.1f}  ease {level.flesch_reading_ease:5.1f}"


def human(result: CheckResult, root: Path) -> str:
    """Findings grouped by file, one line each, then reading levels and totals."""
    lines: list[str] = []
    by_file = groupby(result.findings, key=lambda f: shown_path(f.path, root))
    for path, findings in by_file:
        for finding in findings:
            where = f"{path}:{finding.line}" if finding.line is not None else path
            lines.append(f"{where}: {finding.severity} {finding.rule}: {finding.message}")
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
    if result.ignored:
        lines.append(f"Not content, so not checked: {', '.join(str(p) for p in result.ignored)}.")
    if result.elsewhere:
        lines.append(
            f"{_plural(result.elsewhere, 'more finding')} in files not asked for; "
            "run `psychoed check` alone to see them."
        )
    if not result.links_checked:
        lines.append("Links were not checked.")
    lines.append(_totals(result))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(result: CheckResult, root: Path) -> str:
    """GitHub workflow commands: each finding becomes an annotation on its line of the pull request."""
    lines = []
    for finding in result.findings:
        properties = [f"file={_escape_property(shown_path(finding.path, root))}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_escape_property(f'psychoed {finding.rule}')}")
        lines.append(f"::{finding.severity} {','.join(properties)}::{_escape_data(finding.message)}")
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
                f"| {_cell(item.article.title)} (`{shown_path(item.article.path, root)}`) "
                f"| {level.flesch_kincaid_grade:.1f}{over} | {level.smog:.1f} | {level.flesch_reading_ease:.1f} "
                f"| {_review_state(item, result)} |"
            )
        lines.append("")
    reviews = [f for f in result.findings if f.rule in ("review.overdue", "review.due-soon")]
    if reviews:
        lines += ["### Reviews overdue or due soon", ""]
        lines += [f"- `{shown_path(f.path, root)}`: {f.message}" for f in reviews]
        lines.append("")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _review_state(item: ArticleResult, result: CheckResult) -> str:
    if item.article.is_draft:
        return "draft"
    days = (item.article.next_review - result.today).days
    when = item.article.next_review.isoformat()
    if days < 0:
        return f"**overdue** since {when}"
    if days <= result.settings.check.due_soon_days:
        return f"due soon: {when}"
    return when


def as_json(result: CheckResult, root: Path) -> str:
    """The result as one JSON document, for other tools."""
    document = {
        "articles": [_article_json(item, root) for item in result.articles],
        "findings": [_finding_json(f, root) for f in result.findings],
        "summary": {
            "articles": len(result.articles),
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


def _finding_json(finding: Problem, root: Path) -> dict[str, object]:
    return {
        "path": shown_path(finding.path, root),
        "line": finding.line,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
    }
