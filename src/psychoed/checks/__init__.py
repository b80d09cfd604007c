"""Checks: everything ``psychoed check`` finds beyond what the loader refuses, one family per module.

Which kind of rule belongs where:

- **The loader** (``articles``, ``body``, ``registries``, ``library``,
  ``source_text``, ``yaml_source``, ``settings``) declares the rules whose
  findings stop the build: content the site cannot be built from correctly (a
  missing reviewer, a misspelt field, tips out of order). They are always errors
  and not configurable.
- **An article check** here takes ``(article, context)`` and yields findings
  about one article, reading only the context (settings, library, today's date,
  the parsed body, the site's pages). One module per family: ``review`` (review
  dates), ``reading`` (reading level), ``links`` (links between articles),
  ``headings``, ``security`` (unsafe markup; it also reads bios, topic
  descriptions and ``docs/`` pages, see :func:`security.site_findings`);
  ``signoff`` (has the text changed since the reviewer signed it?), ``sources`` (evidence recorded and
  re-checked at each review),
  ``language`` (safe messaging and person-first words, as data in
  :mod:`psychoed.settings.language`), ``crisis`` (an article about suicide or
  self-harm is in a sensitive topic, so crisis help shows at its top), ``placeholder`` (model text
  from ``psychoed new``, and the sample site's names in a fork). To add a family,
  write its module with its ``RULES``, its check and its ``FAMILY``, and list the family below.
- **The site check** in ``links`` needs the built site: it is the one check that
  is not per article.
- ``allowances`` holds the rules of the ``<!-- psychoed: allow … -->`` comments,
  applied to every finding before severities.

:mod:`psychoed.checks.catalog` gathers every module's ``RULES`` into the catalog.
"""

from __future__ import annotations

from psychoed.checks import (
    allowances,
    crisis,
    disclosures,
    glossary,
    headings,
    language,
    links,
    placeholder,
    reading,
    review,
    security,
    signoff,
    sources,
    translation,
)
from psychoed.checks.base import ArticleCheck, ArticleContext, Family, run_checks

FAMILIES: tuple[Family, ...] = (
    review.FAMILY,
    sources.FAMILY,
    reading.FAMILY,
    glossary.FAMILY,
    links.FAMILY,
    headings.FAMILY,
    security.FAMILY,
    signoff.FAMILY,
    translation.FAMILY,
    language.FAMILY,
    crisis.FAMILY,
    placeholder.FAMILY,
    disclosures.FAMILY,
    allowances.FAMILY,
)
"""Every check family, in the order their findings and rules are listed. Adding a family is its module, with
its ``FAMILY``, and one line here."""

ARTICLE_CHECKS: tuple[ArticleCheck, ...] = tuple(f.check for f in FAMILIES if f.check is not None)
"""Every article check, in the order their findings are listed."""
WITHDRAWN_CHECKS: tuple[ArticleCheck, ...] = tuple(f.check for f in FAMILIES if f.check is not None and f.withdrawn_too)
"""The checks a withdrawn article still gets."""
TRANSLATION_CHECKS: tuple[ArticleCheck, ...] = tuple(
    f.check for f in FAMILIES if f.check is not None and f.translations_too
)
"""The checks a translation gets: not those about what it takes from its source."""

__all__ = [
    "ARTICLE_CHECKS",
    "FAMILIES",
    "TRANSLATION_CHECKS",
    "WITHDRAWN_CHECKS",
    "ArticleCheck",
    "ArticleContext",
    "Family",
    "run_checks",
]
