"""The standards a clinic's health information is assessed against, criterion by criterion.

Each criterion is summarised in psychoed's own words (the standards' texts are their owners'; follow the
source for the wording an assessor uses) and names the kinds of evidence (:mod:`psychoed.audit.evidence`)
that speak to it. A criterion no evidence in a repository can show says so: ``outside`` names what the
clinic keeps elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    asks: str
    """What the criterion asks, in psychoed's words."""
    evidence: tuple[str, ...] = ()
    """Keys of the evidence that speaks to it."""
    outside: str | None = None
    """What only the clinic can show, kept outside the repository."""


@dataclass(frozen=True)
class Standard:
    id: str
    name: str
    source: str
    """Where the standard is published."""
    criteria: tuple[Criterion, ...]


PIF_TICK = Standard(
    "pif-tick",
    "PIF TICK (Patient Information Forum), criteria for organisations",
    "https://pifonline.org.uk/pif-tick/",
    (
        Criterion("1", "Systems", "A consistent process for making information, written down and followed.",
                  ("process", "sign-off", "review-cycle"),
                  "The written production process itself, if it says more than the repository's checks."),
        Criterion("2", "Training", "The people who make the information are trained and supported.", (),
                  "Training records for editors and reviewers."),
        Criterion("3", "Need", "Each resource meets a real need of the people it is for.", ("testing",),
                  "How the need for each article was found (enquiries, clinicians, service data)."),
        Criterion("4", "Evidence", "Information rests on reliable, current evidence, explained clearly.",
                  ("evidence", "sign-off")),
        Criterion("5", "Involving users", "The people it is for help to make it.", ("testing",)),
        Criterion("6", "Health inequalities",
                  "Information fits the reading, language and access needs of the people it is for.",
                  ("reading", "definitions", "accessibility"), "Translations and other formats, if any."),
        Criterion("7", "Content and design", "Information is clear, and easy to find and to move around in.",
                  ("reading", "accessibility", "withdrawn")),
        Criterion("8", "Feedback", "Readers can easily give feedback.", ("feedback",),
                  "What was changed because of feedback."),
        Criterion("9", "Disseminating", "Information is promoted so it reaches the people who need it.", (),
                  "How the clinic promotes its articles; the site itself publishes a sitemap and search."),
        Criterion("10", "Impact", "The difference the information makes is measured.", ("feedback",),
                  "Measures of impact beyond page feedback."),
    ),
)  # fmt: skip

NHS = Standard(
    "nhs",
    "NHS England, Standard for creating health content",
    "https://www.england.nhs.uk/tis/",
    (
        Criterion("1", "A clear process, followed",
                  "Content is checked and approved, clinically too; every item has a planned review; the "
                  "publisher, advertising and conflicts of interest are clear; the dates last checked and next "
                  "due are shown; feedback is invited and handled.",
                  ("process", "sign-off", "review-cycle", "disclosures", "feedback", "withdrawn"),
                  "Training for the team, and objectives each article is evaluated against."),
        Criterion("2", "Recognised, current clinical evidence",
                  "Content uses high-quality evidence, approved by clinical experts, checked again at every "
                  "review, with a record of the sources; translations stay clinically accurate.",
                  ("evidence", "sign-off")),
        Criterion("3", "Laws and regulation", "Content follows the law: copyright, data protection, advertising.",
                  ("disclosures", "accessibility"),
                  "Copyright clearance for what the articles quote or show, and the clinic's privacy notice."),
        Criterion("4", "Easy to understand and to use",
                  "Content is written for the people who use it, in plain words with hard terms explained, "
                  "accessible, and tested with them.",
                  ("reading", "definitions", "accessibility", "testing")),
    ),
)  # fmt: skip

STANDARDS = {standard.id: standard for standard in (PIF_TICK, NHS)}
