"""Lighthouse, as a phone on a slow connection sees the site: accessibility, best practices and SEO all
pass on the home page, an article and a translation.

axe (test_accessibility.py) covers WCAG on every page kind; Lighthouse adds what a phone's browser reports:
console errors, a page that cannot be crawled or indexed, links without names. Its performance score is a
speed goal, measured side by side with plain Material in ``bench/scale.py``, not asserted here.
"""

from __future__ import annotations

import pytest
from tools.lighthouse import audit, served

from ..conftest import chromium_path
from .conftest import SiteUnderTest

MUST_PASS = ("accessibility", "best-practices", "seo")


def _pages(site: SiteUnderTest) -> list[str]:
    wanted = ["home", "article", *(kind for kind in site.pages if kind.startswith("translation ("))]
    return [site.pages[kind] for kind in wanted]


def test_lighthouse_finds_nothing_to_fix_in_accessibility_best_practices_or_seo(site: SiteUnderTest) -> None:
    """Each of the pages scores 1.00 in the three categories; a lower score names the audits that failed."""
    browser = chromium_path()
    below: list[str] = []
    with served(site.built) as top:
        for page in _pages(site):
            report = audit(top + page, browser=browser)
            low = [f"{name} {report.scores[name]:.2f}" for name in MUST_PASS if report.scores[name] < 1]
            if low:
                audits = "; ".join(f"{name}: {said}" for name, said in report.failed.items())
                below.append(f"{page}: {', '.join(low)} (audits not passed: {audits})")
    if below:
        pytest.fail(f"Lighthouse on {site.label}:\n" + "\n".join(below))
