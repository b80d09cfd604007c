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
  ``signoff`` (has the text changed since the reviewer signed it?),
  ``language`` (safe messaging and person-first words, as data in
  :mod:`psychoed.writing.language`), ``sensitive`` (an article about suicide or
  self-harm is in a sensitive topic, so crisis help shows at its top), ``placeholder`` (model text
  from ``psychoed new``, and the sample site's names in a fork). To add a family,
  write its module with its ``RULES`` and its check, and list both below.
- **The site check** in ``links`` needs the built site: it is the one check that
  is not per article.
- ``allowances`` holds the rules of the ``<!-- psychoed: allow … -->`` comments,
  applied to every finding before severities.

:mod:`psychoed.checks.catalog` gathers every module's ``RULES`` into the catalog.
"""

from __future__ import annotations

from psychoed.checks import (
    allowances,
    headings,
    language,
    links,
    placeholder,
    reading,
    review,
    security,
    sensitive,
    signoff,
)
from psychoed.checks.base import ArticleCheck, ArticleContext, run_checks

ARTICLE_CHECKS: tuple[ArticleCheck, ...] = (
    review.check_review,
    reading.check_reading,
    links.check_markdown_links,
    headings.check_headings,
    security.check_security,
    signoff.check_signoff,
    language.check_language,
    sensitive.check_sensitive,
    placeholder.check_placeholder,
)
"""Every article check, in the order their findings are listed."""

FAMILIES = (review, reading, links, headings, security, signoff, language, sensitive, placeholder, allowances)
"""The modules whose ``RULES`` the catalog lists, in the catalog's order."""

__all__ = ["ARTICLE_CHECKS", "FAMILIES", "ArticleCheck", "ArticleContext", "run_checks"]
