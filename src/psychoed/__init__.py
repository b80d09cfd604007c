"""psychoed: clinically reviewed, readable, accessible psychoeducation sites.

The engine loads and validates ``content/`` into typed objects without MkDocs;
the MkDocs hooks in ``hooks/`` turn those objects into pages. :class:`psychoed.site.Site`
is where every command and the build start; the packages show the layers, each importing
only those before it (``tests/test_layers.py`` holds them to it): ``source`` (files),
``settings``, ``content`` (the model and its loader), ``writing`` (reading level), ``review``
(sign-off), ``pages``, ``checks``, then ``site``, ``build`` and ``cli``.
"""

from __future__ import annotations

from psychoed.content.library import collect_library, load_library
from psychoed.content.model import Article, Library, Reviewer, Section, Source, Topic
from psychoed.errors import ContentError, PsychoedError, SettingsError, SourceError
from psychoed.findings import Problem
from psychoed.settings.load import load_settings, settings_from_mapping
from psychoed.settings.model import Settings

__all__ = [
    "Article",
    "ContentError",
    "Library",
    "Problem",
    "PsychoedError",
    "Reviewer",
    "Section",
    "Settings",
    "SettingsError",
    "Source",
    "SourceError",
    "Topic",
    "collect_library",
    "load_library",
    "load_settings",
    "settings_from_mapping",
]
