"""schema.org ``MedicalWebPage`` data for an article, embedded as JSON-LD.

Search engines and health-information tools read it to learn who reviewed the
page and when; it says nothing a reader cannot see on the page itself. Content
credited to a placeholder (``sample: true``) reviewer, and text its reviewer has
not signed (unsigned, or changed since), claims no medical review at all: no
``reviewedBy`` and no ``lastReviewed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from psychoed.content.model import Article, Reviewer, Source, Topic
from psychoed.settings.model import Disclosures


def medical_web_page(
    article: Article,
    reviewer: Reviewer,
    topics: list[Topic],
    url: str | None,
    *,
    signed: bool,
    publisher: Disclosures | None = None,
    language: str | None = None,
    alternates: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON-LD object for ``article``; ``url`` is the page's canonical address if known, ``signed`` whether
    the reviewer signed this text (:attr:`psychoed.review.state.ReviewStatus.signed`), ``publisher`` the
    site's disclosures, if it has written them. ``language`` is the page's, and ``alternates`` the addresses of
    the same article in each language (the source's first): a translation names its source
    (``translationOfWork``), and a source its translations (``workTranslation``)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.description,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": [{"@type": "Thing", "name": topic.in_language(article.language).title} for topic in topics],
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
    if publisher is not None:
        data["publisher"] = _organisation(publisher)
    if language:
        data["inLanguage"] = language
    others = [(code, url) for code, url in (alternates or {}).items() if code != language]
    if article.translation is not None and others:
        code, url = others[0]  # the source language comes first
        data["translationOfWork"] = {"@type": "MedicalWebPage", "inLanguage": code, "url": url}
    elif others:
        data["workTranslation"] = [{"@type": "MedicalWebPage", "inLanguage": c, "url": u} for c, u in others]
    return data


def _organisation(publisher: Disclosures) -> dict[str, Any]:
    """The publisher as schema.org ``Organization``, reached the way the settings give."""
    contact = publisher.contact
    scheme, _, rest = contact.partition(":")
    reached = {"mailto": ("email", rest), "tel": ("telephone", rest)}.get(scheme.lower(), ("url", contact))
    return {"@type": "Organization", "name": publisher.legal_name, reached[0]: reached[1]}


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
