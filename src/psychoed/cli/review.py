"""The review commands of the command line: ``review sign``, ``review diff``, ``reviews``, ``new``,
``codeowners`` and ``sources checked``. Each loads the site as ``check`` does and turns the engine's errors
into a message and an exit code here, so ``cli.py`` only dispatches."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import TextIO

from psychoed.content.dates import format_date
from psychoed.content.library import ARTICLES_DIR
from psychoed.errors import ExitCode, PsychoedError, SettingsError
from psychoed.findings import printable, shown_path
from psychoed.formats import markdown_text, plural, problem_lines
from psychoed.review import calendar as review_calendar
from psychoed.review.fingerprint import ClinicalText
from psychoed.review.history import signed_version
from psychoed.review.new_article import new_article, new_translation
from psychoed.review.owners import codeowners
from psychoed.review.sign import find_article, sign
from psychoed.review.sources_checked import mark_sources_checked
from psychoed.review.state import is_stale
from psychoed.review.text_diff import SectionChange, section_changes
from psychoed.site import Site

_BACKTICKS = re.compile(r"`+")
CODEOWNERS = Path(".github") / "CODEOWNERS"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The review commands' arguments."""
    review = commands.add_parser("review", help="sign off an article, or show what changed since sign-off")
    steps = review.add_subparsers(dest="step")
    sign_ = steps.add_parser(
        "sign",
        help="record a reviewer's sign-off of an article's text",
        description="Set `reviewer` and `reviewed` and record a fingerprint of the clinical text (title, "
        "description, body, sources). `--all --existing` signs every article with its own reviewer and date.",
    )
    sign_.add_argument("slug", nargs="?", help="the article's file name without .md")
    sign_.add_argument("--by", metavar="REVIEWER", help="the reviewer's id in reviewers.yml")
    sign_.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="default: today")
    sign_.add_argument("--all", action="store_true", help="every article (with --existing)")
    sign_.add_argument("--existing", action="store_true", help="keep each article's reviewer and date")
    diff = steps.add_parser("diff", help="show, word by word, what changed since the reviewer signed")
    diff.add_argument("slug", help="the article's file name without .md")
    diff.add_argument("--format", choices=("text", "markdown"), default="text")
    reviews = commands.add_parser("reviews", help="list reviews overdue, due soon, unsigned or changed")
    reviews.add_argument("--within", type=int, default=None, metavar="DAYS", help="default: check.due_soon_days")
    reviews.add_argument("--format", choices=("human", "json", "markdown"), default="human")
    new = commands.add_parser(
        "new",
        help="start a draft article (or a translation of one) in the right format",
        description="A draft article: psychoed new TITLE --topic TOPIC --reviewer REVIEWER. A translation: "
        "psychoed new --translation-of SLUG --language es --translator NAME --reviewer REVIEWER, which copies the "
        "source's text into SLUG.es.md to translate in place, and records which signed text it translates.",
    )
    new.add_argument("title", nargs="?")
    new.add_argument("--topic", help="a topic id from topics.yml")
    new.add_argument("--reviewer", required=True, help="a reviewer id from reviewers.yml")
    new.add_argument("--translation-of", metavar="SLUG", help="the article to translate")
    new.add_argument("--language", metavar="CODE", help="the translation's language, one of the site's `languages`")
    new.add_argument("--translator", metavar="NAME", help="who translates it, as the page will name them")
    owners = commands.add_parser("codeowners", help="write .github/CODEOWNERS from the reviewers and settings")
    owners.add_argument("--check", action="store_true", help="exit 1 if the file is not up to date; write nothing")
    sources = commands.add_parser("sources", help="record that an article's sources were checked")
    source_steps = sources.add_subparsers(dest="step")
    checked = source_steps.add_parser(
        "checked",
        help="set `checked` on every source of an article, once someone has checked them",
        description="After checking that each source still says what the article says (and looking for a "
        "newer version), record it: `checked: DATE` on every source. The sign-off stays valid.",
    )
    checked.add_argument("slug", help="the article's file name without .md")
    checked.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="default: today")
    for sub in (sign_, diff, reviews, new, owners, checked):
        sub.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")


def run_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run a review command; every error the engine raises on purpose becomes a message and exit 2."""
    config = Path(args.config)
    if not config.is_file():
        err.write(f"psychoed: {config} not found; run from the site's folder or pass --config PATH.\n")
        return ExitCode.CANNOT_RUN
    try:
        return _COMMANDS[_name(args)](args, Site.open(config), out)
    except SettingsError as error:
        err.write(problem_lines(error.problems, Path.cwd(), "human"))
    except PsychoedError as error:
        err.write(f"psychoed: {error}\n")
    return ExitCode.CANNOT_RUN


def _name(args: argparse.Namespace) -> str:
    return f"{args.command} {args.step}" if args.command in ("review", "sources") else str(args.command)


def _sign(args: argparse.Namespace, site: Site, out: TextIO) -> int:
    settings, library = site.settings, site.library
    if args.all:
        if not args.existing or args.slug or args.by:
            raise PsychoedError("`--all` signs each article with its own reviewer and date: use `--all --existing`.")
        slugs = [a.key for a in library.everything]  # sources first: a translation is signed against its source
    elif args.slug is None:
        raise PsychoedError("name the article: psychoed review sign SLUG --by REVIEWER")
    elif args.by is None and not args.existing:
        raise PsychoedError("say who reviewed it: --by REVIEWER (or --existing to keep the article's reviewer).")
    else:
        slugs = [args.slug]
    for slug in slugs:
        signed = sign(library, slug, by=args.by, on=args.date, today=site.today)
        reviewer = library.reviewers[signed.article.reviewer].display_name
        when = format_date(signed.article.reviewed, settings)
        verb = "already signed" if signed.unchanged else "signed"
        out.write(f"{shown_path(signed.article.path, Path.cwd())}: {verb} by {reviewer} on {when} "
                  f"({signed.fingerprint}).\n")  # fmt: skip
    if args.all:
        out.write(f"{plural(len(slugs), 'article')} signed, each with its text as it is today.\n")
        skipped = len(library.files) - len(library.articles)
        if skipped:
            out.write(
                f"{plural(skipped, 'article')} could not be loaded, so {'was' if skipped == 1 else 'were'} not "
                "signed; fix them (`psychoed validate`) and sign again.\n"
            )
            return ExitCode.PROBLEMS
    return ExitCode.OK


def _diff(args: argparse.Namespace, site: Site, out: TextIO) -> int:
    settings, library = site.settings, site.library
    article = find_article(library, args.slug)
    markdown = args.format == "markdown"
    heading = f"### {markdown_text(article.title)} (`{shown_path(article.path, Path.cwd())}`)\n\n" if markdown else ""
    source = library.article(article.translation.source) if article.translation else None
    if source is not None and is_stale(article, source):
        made = article.translation.translated_from if article.translation else None
        if made is None:
            raise PsychoedError(
                f"`{article.key}` does not record which signed text of `{source.slug}` it translates "
                "(`translated_from`), so there is nothing to compare with: check the whole translation against "
                f"the source, then sign it (`psychoed review sign {article.key} --by REVIEWER`)."
            )
        with tempfile.TemporaryDirectory() as scratch:
            version = signed_version(source, settings, site.today, Path(scratch), wanted=made)
        out.write(heading)
        out.write(
            f"The source, `{shown_path(source.path, Path.cwd())}`, changed since this translation was made "
            f"(from the version signed in commit {version.commit}), by section:\n"
        )
        _write_changes(section_changes(version.text, ClinicalText.of(source)), out, markdown=markdown)
        return ExitCode.OK
    if site.reviews[article.key].signed:
        out.write(f"{heading}No change since it was signed off on {format_date(article.reviewed, settings)}.\n")
        return ExitCode.OK
    with tempfile.TemporaryDirectory() as scratch:
        version = signed_version(article, settings, site.today, Path(scratch))
    changes = section_changes(version.text, ClinicalText.of(article))
    out.write(heading)
    out.write(f"Changed since the version signed in commit {version.commit}, by section:\n")
    _write_changes(changes, out, markdown=markdown)
    return ExitCode.OK


def _write_changes(changes: list[SectionChange], out: TextIO, *, markdown: bool) -> None:
    for change in changes:
        if markdown:
            # A fenced `diff` block: GitHub colours it, and nothing in it is read as Markdown. The fence is
            # longer than any run of backticks in the text, so the text cannot close it.
            fence = "`" * max(3, 1 + max((len(r) for _, t in change.lines for r in _BACKTICKS.findall(t)), default=0))
            out.write(f"\n#### {markdown_text(change.section)}\n\n{fence}diff\n")
            out.write("".join(f"{mark}{printable(text)}\n" for mark, text in change.lines))
            out.write(f"{fence}\n")
        else:
            out.write(f"\n{change.section}:\n")
            out.write("".join(f"  {mark} {printable(text)}\n" for mark, text in change.lines))


def _reviews(args: argparse.Namespace, site: Site, out: TextIO) -> int:
    settings, library = site.settings, site.library
    within = settings.check.due_soon_days if args.within is None else args.within
    if within < 0:
        raise PsychoedError("--within is a number of days, 0 or more.")
    due = review_calendar.due_reviews(library, site.today, within)
    write = {"json": review_calendar.as_json, "markdown": review_calendar.as_markdown}.get(
        args.format, review_calendar.as_human
    )
    out.write(write(due, library, Path.cwd(), site.today, within))
    return ExitCode.OK


def _new(args: argparse.Namespace, site: Site, out: TextIO) -> int:
    library = site.library
    folder = site.layout.content_dir / ARTICLES_DIR
    if args.translation_of is not None:
        if args.language is None or args.translator is None or args.title is not None or args.topic is not None:
            raise PsychoedError(
                "a translation takes its title and topics from its source: psychoed new --translation-of SLUG "
                "--language CODE --translator NAME --reviewer REVIEWER"
            )
        path = new_translation(
            library, folder, args.translation_of, language=args.language, translator=args.translator,
            reviewer=args.reviewer,
        )  # fmt: skip
        out.write(
            f"{shown_path(path, Path.cwd())}: a draft translation, with the source's text to translate in place. "
            f"Translate it, run `psychoed check`, then ask the reviewer to sign it: "
            f"`psychoed review sign {path.stem} --by {args.reviewer}`.\n"
        )
        return ExitCode.OK
    if args.title is None or args.topic is None:
        raise PsychoedError('give the title and topic: psychoed new "TITLE" --topic TOPIC --reviewer REVIEWER')
    path = new_article(library, folder, args.title, topic=args.topic, reviewer=args.reviewer)
    out.write(
        f"{shown_path(path, Path.cwd())}: a draft. Write it, run `psychoed check`, then ask the reviewer to sign it: "
        f"`psychoed review sign {path.stem} --by {args.reviewer}`.\n"
    )
    return ExitCode.OK


def _codeowners(args: argparse.Namespace, site: Site, out: TextIO) -> int:
    settings, library = site.settings, site.library
    ownership = codeowners(library, settings)
    path = site.root / CODEOWNERS
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current == ownership.text:
            out.write(f"{shown_path(path, Path.cwd())} is up to date.\n")
            return ExitCode.OK
        out.write(f"{shown_path(path, Path.cwd())} is out of date; run `psychoed codeowners` and commit it.\n")
        return ExitCode.PROBLEMS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ownership.text, encoding="utf-8")
    out.write(f"{shown_path(path, Path.cwd())} written.\n")
    if ownership.unowned:
        out.write(
            f"{plural(len(ownership.unowned), 'article')} fall back to `owners.content`, because the reviewer "
            f"has no `github` in reviewers.yml: {', '.join(ownership.unowned)}.\n"
        )
    return ExitCode.OK


def _sources_checked(args: argparse.Namespace, site: Site, out: TextIO) -> int:
    article = find_article(site.library, args.slug)
    done = mark_sources_checked(article, args.date or site.today, site.today)
    when = format_date(done.on, site.settings)
    shown = shown_path(article.path, Path.cwd())
    if done.changed:
        out.write(f"{shown}: {plural(done.changed, 'source')} marked as checked on {when}.\n")
    else:
        out.write(f"{shown}: every source was already marked as checked on {when}.\n")
    return ExitCode.OK


_COMMANDS = {
    "review sign": _sign,
    "review diff": _diff,
    "reviews": _reviews,
    "new": _new,
    "codeowners": _codeowners,
    "sources checked": _sources_checked,
}
COMMANDS = frozenset(name.split()[0] for name in _COMMANDS)
"""The commands this module runs (``cli.py`` dispatches them here)."""
