"""The ``psychoed`` command line.

``run(argv)`` returns the exit code instead of exiting, so tests call it
directly: 0 all good, 1 the content has problems, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TextIO

from psychoed.audit import report as audit_report
from psychoed.audit.evidence import gather
from psychoed.audit.standards import STANDARDS
from psychoed.checks import rule_docs
from psychoed.checks.catalog import Severities, catalog
from psychoed.cli import report
from psychoed.cli import review as cli_review
from psychoed.cli.check import run_check
from psychoed.content.selection import SelectionError
from psychoed.errors import ExitCode, SettingsError
from psychoed.findings import Problem, shown_path, sort_problems
from psychoed.formats import FORMATS, plural, problem_lines
from psychoed.settings import docs as settings_docs
from psychoed.site import Site


def run(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (without the program name)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on bad arguments
        return ExitCode.OK if exit_.code == 0 else ExitCode.CANNOT_RUN
    if args.command == "validate":
        return _validate(Path(args.config), out, err)
    if args.command == "check":
        return _check(args, out, err)
    if args.command == "rules":
        return _rules(args, out, err)
    if args.command == "audit":
        return _audit(args, out, err)
    if args.command == "settings":
        out.write(settings_docs.as_markdown())
        return ExitCode.OK
    # `psychoed review` alone names no step (sign or diff): it gets the help below.
    if args.command in cli_review.COMMANDS and getattr(args, "step", "") is not None:
        return cli_review.run_command(args, out, err)
    parser.print_help(out)
    return ExitCode.CANNOT_RUN


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="psychoed", description="Clinically reviewed psychoeducation sites.")
    parser.add_argument("--version", action="version", version=f"psychoed {version('psychoed')}")
    commands = parser.add_subparsers(dest="command")
    validate = commands.add_parser(
        "validate",
        help="load content/ and report every problem in it",
        description="Load the articles, reviewers and topics and report every problem, as path:line: message.",
    )
    validate.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    check = commands.add_parser(
        "check",
        help="check review dates, reading level and links: the gate on every pull request",
        description="Check articles: review metadata and dates, reading level, and links in the built site. "
        "Exit 0: no errors (warnings allowed); 1: at least one error; 2: the check could not run.",
    )
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="articles (or content folders) to report on; default: all of content/",
    )  # fmt: skip
    check.add_argument("--format", choices=FORMATS, default="human", help="output form (default: %(default)s)")
    check.add_argument("--no-links", action="store_true", help="skip building the site and checking its links")
    check.add_argument("--external", action="store_true", help="also check links to other sites (uses the network)")
    check.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    rules = commands.add_parser(
        "rules",
        help="list every rule, with the severity in force on this site",
        description="List every rule psychoed checks: its id, severity (as this site sets it), whether a site "
        "may change it, what it means and how to fix it. The markdown form shows default severities.",
    )
    rules.add_argument(
        "--format", choices=rule_docs.RULE_FORMATS, default="human", help="output form (default: %(default)s)"
    )
    rules.add_argument(
        "--config", default="mkdocs.yml", help="the site's mkdocs.yml, for its rule levels (default: %(default)s)"
    )
    commands.add_parser(
        "settings",
        help="list every setting of extra.psychoed in mkdocs.yml, with its default",
        description="List every setting psychoed reads from `extra.psychoed` in mkdocs.yml, as a Markdown table: "
        "its key, default, bounds and what it does (the README's settings table).",
    )
    audit = commands.add_parser(
        "audit",
        help="the evidence for each criterion of a health-information standard, for an assessor",
        description="For each criterion of the standard, the evidence psychoed finds in the repository (sign-offs, "
        "review dates, sources, reading levels, definitions, disclosures, testing, feedback, withdrawn articles, "
        "git history) and what is missing. Exit 0 when the report was written.",
    )
    audit.add_argument("--standard", choices=sorted(STANDARDS), required=True, help="which standard")
    audit.add_argument(
        "--format", choices=audit_report.FORMATS, default="human", help="output form (default: %(default)s)"
    )
    audit.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    cli_review.add_commands(commands)
    return parser


def _audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config = Path(args.config)
    if not config.is_file():
        err.write(f"psychoed: {config} not found; run from the site's folder or pass --config PATH.\n")
        return ExitCode.CANNOT_RUN
    try:
        site = Site.open(config, keep_tokens=True)
    except SettingsError as error:
        _print_problems(error.problems, err)
        return ExitCode.CANNOT_RUN
    if site.problems:
        _print_problems(list(site.problems), err)
        err.write("psychoed: fix these first (`psychoed validate`); the audit reads content that loads.\n")
        return ExitCode.CANNOT_RUN
    standard = STANDARDS[args.standard]
    assessed = audit_report.assess(standard, gather(site))
    write = {"human": audit_report.as_human, "markdown": audit_report.as_markdown, "json": audit_report.as_json}
    out.write(write[args.format](standard, assessed, site.settings.clinic_name, site.today))
    return ExitCode.OK


def _validate(config: Path, out: TextIO, err: TextIO) -> int:
    if not config.is_file():
        err.write(f"psychoed: {config} not found; run from the site's folder or pass --config PATH.\n")
        return ExitCode.CANNOT_RUN
    try:
        site = Site.open(config)
    except SettingsError as error:
        _print_problems(error.problems, err)
        return ExitCode.CANNOT_RUN
    content_dir, library, problems = site.layout.content_dir, site.library, list(site.problems)
    if problems:
        _print_problems(problems, out)
        out.write(f"{plural(len(problems), 'problem')} in `{shown_path(content_dir, Path.cwd())}`.\n")
        return ExitCode.PROBLEMS
    drafts = sum(a.is_draft for a in library.articles)
    out.write(
        f"{plural(len(library.articles), 'article')} ({plural(drafts, 'draft')}), "
        f"{plural(len(library.reviewers), 'reviewer')}, {plural(len(library.topics), 'topic')}: no problems.\n"
    )
    return ExitCode.OK


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config = Path(args.config)
    if not config.is_file():
        err.write(f"psychoed: {config} not found; run from the site's folder or pass --config PATH.\n")
        return ExitCode.CANNOT_RUN
    if args.no_links and args.external:
        err.write("psychoed: --external checks links, so it cannot be used with --no-links.\n")
        return ExitCode.CANNOT_RUN
    try:
        # Only the articles asked for are read in full, and their parser tokens kept for the checks.
        site = Site.open(config, paths=args.paths, keep_tokens=True)
        result = run_check(site, links=not args.no_links, external=args.external)
    except SettingsError as error:
        _print_problems(error.problems, err)
        return ExitCode.CANNOT_RUN
    except SelectionError as error:
        err.write(f"psychoed: {error}\n")
        return ExitCode.CANNOT_RUN
    root = Path.cwd()
    if args.format == "json":
        out.write(report.as_json(result, root))
    elif args.format == "github":
        out.write(report.github(result, root))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as stream:
                stream.write(report.step_summary(result, root))
    else:
        out.write(report.human(result, root))
    return result.exit_code


def _rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rules = catalog()
    if args.format == "markdown":
        out.write(rule_docs.as_markdown(rules))
        return ExitCode.OK
    config = Path(args.config)
    severities = Severities({})
    if config.is_file():  # outside a site, the defaults
        try:
            severities = Site.open(config).severities
        except SettingsError as error:
            _print_problems(error.problems, err)
            return ExitCode.CANNOT_RUN
    write = rule_docs.as_json if args.format == "json" else rule_docs.as_human
    out.write(write(rules, severities))
    return ExitCode.OK


def _print_problems(problems: list[Problem], stream: TextIO) -> None:
    stream.write(problem_lines(sort_problems(problems), Path.cwd(), "human"))


def run_main() -> None:
    """Console-script entry point: run and exit with the code."""
    sys.exit(run())
