"""schema.org ``MedicalWebPage`` data for an article, embedded as JSON-LD.

Search engines and health-information tools read it to learn who reviewed the
page and when; it says nothing a reader cannot see on the page itself. Content
credited to a placeholder (``sample: true``) reviewer, and text its reviewer has
not signed (unsigned, or changed since), claims no medical review at all: no
``reviewedBy`` and no ``lastReviewed``.
"""

from __future__ import annotations

from typing import Any

from psychoed.content.model import Article, Reviewer, Source, Topic


def medical_web_page(
    article: Article, reviewer: Reviewer, topics: list[Topic], url: str | None, *, signed: bool
) -> dict[str, Any]:
    """The JSON-LD object for ``article``; ``url`` is the page's canonical address if known, ``signed`` whether
    the reviewer signed this text (:attr:`psychoed.review.state.ReviewStatus.signed`)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.description,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": [{"@type": "Thing", "name": topic.title} for topic in topics],
    }
    if signed and not reviewer.sample:
        data["lastReviewed"] = article.reviewed.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": reviewer.name, "honorificSuffix": reviewer.credentials}
        if reviewer.role:
            data["reviewedBy"]["jobTitle"] = reviewer.role
    if url:
        data["url"] = url
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.sources:
        data["citation"] = [_citation(source) for source in article.sources]
    return data


def _citation(source: Source) -> dict[str, Any]:
    """A source as schema.org ``CreativeWork``: what it is, who published it, and when."""
    found: dict[str, Any] = {"@type": "CreativeWork", "name": source.title, "url": source.url}
    if source.publisher:
        found["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        found["datePublished"] = source.published.isoformat()
    if source.kind_label:
        found["genre"] = source.kind_label
    return found
