"""What the repository shows about how its information is made: one :class:`Finding` per kind of evidence.

Each finding says what psychoed found (``shown``) and what is missing (``missing``), in sentences an
assessor can read, from the content, the settings and git. Nothing here judges a standard: the criteria in
:mod:`psychoed.audit.standards` pick the findings that speak to them.
"""

from __future__ import annotations

import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from psychoed.checks.base import ArticleContext
from psychoed.checks.glossary import check_undefined
from psychoed.checks.sources import INCOMPLETE, OLD_GUIDELINE, UNCHECKED, check_sources
from psychoed.content.model import Article
from psychoed.formats import plural
from psychoed.pages.site_map import SiteMap
from psychoed.site import Site


@dataclass(frozen=True)
class Finding:
    """One kind of evidence: what is there, and what is not."""

    key: str
    title: str
    shown: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``evidence`` (shown, nothing missing), ``partial``, or ``missing`` (nothing shown)."""
        if not self.shown:
            return "missing"
        return "partial" if self.missing else "evidence"


@dataclass
class _Library:
    """The per-article results the findings share, each worked out once."""

    site: Site
    contexts: dict[str, ArticleContext] = field(default_factory=dict)

    @property
    def current(self) -> list[Article]:
        return [a for a in self.site.library.articles if a.is_current]

    @cached_property
    def site_map(self) -> SiteMap:
        return self.site.site_map()

    def context(self, article: Article) -> ArticleContext:
        if article.slug not in self.contexts:
            site = self.site
            self.contexts[article.slug] = ArticleContext(
                article, site.settings, site.library, site.today, self.site_map
            )
        return self.contexts[article.slug]


def gather(site: Site) -> dict[str, Finding]:
    """Every kind of evidence for ``site``, by key."""
    shared = _Library(site)
    findings = [gatherer(shared) for gatherer in GATHERERS]
    return {finding.key: finding for finding in findings}


def _sign_off(shared: _Library) -> Finding:
    site, articles = shared.site, shared.current
    reviewers = site.library.reviewers
    signed = [a for a in articles if site.reviews[a.key].signed]
    real = [a for a in signed if not reviewers[a.reviewer].sample]
    shown = []
    if real:
        names = sorted({f"{reviewers[a.reviewer].display_name}" for a in real})
        shown.append(f"{len(real)} of {plural(len(articles), 'published article')} signed off by a named, qualified "
                     f"clinician, tied to the exact text by a fingerprint: {', '.join(names)}.")  # fmt: skip
        latest = max(real, key=lambda a: a.reviewed)
        shown.append(f"Latest sign-off: “{latest.title}”, {latest.reviewed.isoformat()}.")
    missing = []
    unsigned = [a.slug for a in articles if not site.reviews[a.key].signed]
    if unsigned:
        missing.append(f"Not signed, or changed since signing: {', '.join(unsigned)}.")
    sample = [a.slug for a in signed if reviewers[a.reviewer].sample]
    if sample:
        missing.append(f"Signed by the sample reviewer, not a real clinician: {', '.join(sample)}.")
    return Finding("sign-off", "Clinical sign-off", tuple(shown), tuple(missing))


def _review_cycle(shared: _Library) -> Finding:
    site, articles = shared.site, shared.current
    settings = site.settings
    overdue = [a.slug for a in articles if site.reviews[a.key].overdue]
    shown = [
        f"Every article is due for review within {settings.review_interval_months} months of its last review "
        f"(at most {settings.max_review_years} years); each page shows when it was last reviewed and when it is "
        "next due, and says so if the review is late.",
        "A weekly job lists reviews overdue, due soon, unsigned or changed (`psychoed reviews`).",
    ]
    history = _sign_off_history(site.root)
    if history:
        shown.append(history)
    missing = [f"Overdue for review: {', '.join(overdue)}."] if overdue else []
    return Finding("review-cycle", "Review cycle", tuple(shown), tuple(missing))


def _sign_off_history(root: Path) -> str | None:
    """Sign-offs recorded in git: commits that wrote a fingerprint into an article."""
    try:
        done = subprocess.run(
            ["git", "log", "-G^fingerprint:", "--format=%ad", "--date=short", "--", "."],
            cwd=root, capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    dates = done.stdout.split() if done.returncode == 0 else []
    if not dates:
        return None
    return f"Git holds {plural(len(dates), 'commit')} that recorded a sign-off, from {min(dates)} to {max(dates)}."


def _evidence(shared: _Library) -> Finding:
    articles = shared.current
    with_sources = [a for a in articles if a.sources]
    counts = {UNCHECKED.id: 0, INCOMPLETE.id: 0, OLD_GUIDELINE.id: 0}
    for article in with_sources:
        for problem in check_sources(article, shared.context(article)):
            counts[problem.rule.id] += 1
    total = sum(len(a.sources) for a in with_sources)
    shown = []
    if with_sources:
        kinds = sorted({s.kind_label for a in with_sources for s in a.sources if s.kind_label})
        shown.append(f"{len(with_sources)} of {plural(len(articles), 'published article')} list their sources "
                     f"({plural(total, 'source')}; kinds: {', '.join(kinds) or 'not recorded'}), shown on the page "
                     "and cited in the page's structured data.")  # fmt: skip
        checked = total - counts[UNCHECKED.id]
        shown.append(f"{checked} of {plural(total, 'source')} checked again at or after their article's last review.")
    missing = []
    without = [a.slug for a in articles if not a.sources]
    if without:
        missing.append(f"No sources listed: {', '.join(without)}.")
    if counts[UNCHECKED.id]:
        missing.append(f"{plural(counts[UNCHECKED.id], 'source')} not checked since the article's last review.")
    if counts[INCOMPLETE.id]:
        missing.append(f"{plural(counts[INCOMPLETE.id], 'source')} without publisher, kind or date.")
    if counts[OLD_GUIDELINE.id]:
        missing.append(f"{plural(counts[OLD_GUIDELINE.id], 'guideline')} older than the site's limit.")
    return Finding("evidence", "Evidence and sources", tuple(shown), tuple(missing))


def _reading(shared: _Library) -> Finding:
    settings = shared.site.settings.check
    levels = [shared.context(a).reading.level for a in shared.current]
    levels = [level for level in levels if level.words]
    if not levels:
        return Finding("reading", "Reading level", (), ("No published article to measure.",))
    grades = [level.flesch_kincaid_grade for level in levels]
    smogs = [level.smog for level in levels]
    shown = (
        f"Flesch-Kincaid grade across {plural(len(levels), 'article')}: median {statistics.median(grades):.1f}, "
        f"highest {max(grades):.1f} (limit {settings.max_grade}, target {settings.target_grade}).",
        f"SMOG grade: median {statistics.median(smogs):.1f}, highest {max(smogs):.1f} (warning above "
        f"{settings.warn_smog}, limit {settings.max_smog}).",
        "Every pull request is checked against these limits, and the check names the hardest sentences.",
    )
    over = sum(g > settings.max_grade for g in grades) + sum(s > settings.max_smog for s in smogs)
    missing = (f"{plural(over, 'score')} above the site's limits.",) if over else ()
    return Finding("reading", "Reading level", shown, missing)


def _definitions(shared: _Library) -> Finding:
    library, settings = shared.site.library, shared.site.settings
    shown, missing = [], []
    if library.glossary:
        shown.append(f"{plural(len(library.glossary), 'term')} defined in plain words where readers meet them "
                     "(content/glossary.yml), each definition within the reading limit.")  # fmt: skip
    else:
        missing.append("No glossary (content/glossary.yml): no term is defined on the pages.")
    if settings.check.words_to_define:
        undefined = sum(len(list(check_undefined(a, shared.context(a)))) for a in shared.current)
        shown.append(f"The site lists {plural(len(settings.check.words_to_define), 'word')} to define "
                     "(`check.words_to_define`).")  # fmt: skip
        if undefined:
            missing.append(f"{plural(undefined, 'use')} of a listed word with no definition.")
    else:
        missing.append("No list of words to define (`check.words_to_define`).")
    return Finding("definitions", "Plain definitions", tuple(shown), tuple(missing))


def _disclosures(shared: _Library) -> Finding:
    disclosures = shared.site.settings.disclosures
    if disclosures is None:
        return Finding("disclosures", "Who publishes it, funding and interests", (),
                       ("No `disclosures` in the settings: publisher, funding, conflicts of interest and advertising "
                        "are not stated.",))  # fmt: skip
    return Finding("disclosures", "Who publishes it, funding and interests", (
        f"Published by {disclosures.legal_name} ({disclosures.contact}), on “About this information”, linked from "
        "every article, and in each article's structured data.",
        f"Funding: {disclosures.funding} Conflicts of interest: {disclosures.conflicts_of_interest} "
        f"Advertising: {disclosures.advertising}",
    ))  # fmt: skip


def _testing(shared: _Library) -> Finding:
    rounds = shared.site.library.testing
    if not rounds:
        return Finding(
            "testing", "Testing with readers", (), ("No testing with readers recorded (content/testing.yml).",)
        )
    people = sum(r.participants for r in rounds)
    whole = any(not r.articles for r in rounds)
    covered = {a.slug for a in shared.current if any(r.covers(a.slug) for r in rounds)}
    shown = (
        f"{plural(len(rounds), 'round')} of testing with {people} readers, the latest on {rounds[0].on.isoformat()} "
        f"({rounds[0].who}); what changed is recorded for each, and shown on the articles tested.",
    )
    untested = [a.slug for a in shared.current if a.slug not in covered]
    missing = () if whole or not untested else (f"Not yet tested with readers: {', '.join(untested)}.",)
    return Finding("testing", "Testing with readers", shown, missing)


def _feedback(shared: _Library) -> Finding:
    feedback = shared.site.settings.feedback
    if feedback is None:
        return Finding("feedback", "Reader feedback", (), ("No feedback channel set (`feedback` in the settings).",))
    where = {"email": feedback.email, "form": feedback.form, "issues": feedback.issues}[feedback.channel]
    return Finding("feedback", "Reader feedback", (
        f"“Was this page helpful?” on every article, sent by {feedback.channel} to {where}, with no tracking.",
    ), ("What was done with the feedback is recorded outside psychoed.",))  # fmt: skip


def _withdrawn(shared: _Library) -> Finding:
    withdrawn = [a for a in shared.site.library.articles if a.withdrawal is not None]
    shown = ["An article taken down stays at its address with the date, the reason and what to read instead, "
             "and leaves lists, search and the sitemap."]  # fmt: skip
    shown += [f"“{a.title}”, withdrawn {a.withdrawal.on.isoformat()}: {a.withdrawal.reason}" for a in withdrawn
              if a.withdrawal is not None]  # fmt: skip
    return Finding("withdrawn", "Withdrawn information", tuple(shown))


def _accessibility(shared: _Library) -> Finding:
    docs = shared.site.layout.docs_dir
    statement = next((p for p in sorted(docs.glob("accessib*.md"))), None) if docs.is_dir() else None
    shown = [
        "The theme's pages are tested against WCAG 2.2 AA with axe-core, in light and dark colours, at desktop "
        "and phone widths, and from the keyboard (psychoed's test suite).",
        "The pages make no request to another site, set no tracking cookie, and leak no page address.",
    ]
    missing = []
    if statement is not None:
        shown.append(f"An accessibility statement is published ({statement.relative_to(shared.site.root).as_posix()}).")
    else:
        missing.append("No accessibility statement page in docs/.")
    return Finding("accessibility", "Accessible pages", tuple(shown), tuple(missing))


def _process(shared: _Library) -> Finding:
    root = shared.site.root
    shown = [
        "Every change is a pull request: `psychoed check` reports each problem at its line, clinical text "
        "cannot be published unsigned, and the site is built and deployed only when every check passes."
    ]
    missing = []
    owners = root / ".github" / "CODEOWNERS"
    if owners.is_file():
        shown.append("CODEOWNERS asks each article's reviewer to approve changes to it.")
    else:
        missing.append("No .github/CODEOWNERS: reviewers are not asked to approve changes (`psychoed codeowners`).")
    handbook = root / "handbook"
    if handbook.is_dir() and any(handbook.glob("*.md")):
        shown.append("Staff guidance for editing and reviewing is written down (handbook/).")
    else:
        missing.append("No written guidance for editors and reviewers (handbook/).")
    return Finding("process", "A documented process", tuple(shown), tuple(missing))


GATHERERS: tuple[Callable[[_Library], Finding], ...] = (
    _process, _sign_off, _review_cycle, _evidence, _reading, _definitions, _disclosures, _testing, _feedback,
    _withdrawn, _accessibility,
)  # fmt: skip
"""Every kind of evidence, in the order a report lists them."""
