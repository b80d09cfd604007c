"""Another clinic's fork of this repository: the proof that a fork stays green.

:func:`make_other_clinic` copies the repository the tests run in (its templates,
hooks, docs/ and mkdocs.yml, whatever a clinic has made of them), replaces the
library with a small one of its own and configures another clinic: another
name and colours, crisis lines from another country (the UK) with a text-only
line, another call to action, and directory addresses. The site tests then run
on it exactly as on the repository's own site.

The articles below are test data, written for these tests; the reviewers are
examples (``Example`` surnames), one of them marked ``sample: true``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from psychoed.settings.load import load_settings

SITE_NAME = "Harbour Lane Wellbeing Guides"
CLINIC_NAME = "Harbour Lane Wellbeing"

SETTINGS: dict[str, Any] = {
    "clinic_name": CLINIC_NAME,
    "reviewed_by_label": "Clinically reviewed by",
    "date_format": "{day} {month_name} {year}",
    "footer_note": "Our guides support care from a professional; they do not replace it.",
    "colors": {"primary": "#7a2048", "primary_dark": "#f4a7c6"},
    "feedback": {"form": "https://guides.example.net/wellbeing-feedback"},
    "crisis": {"heading": "Urgent support", "services": ["samaritans", "shout", "nhs-111", "gb-999"]},
    "call_to_action": {
        "title": "Book a first conversation",
        "text": "If this sounds familiar, we can talk it through with you.",
        "link_text": "Contact Harbour Lane",
        "url": "https://guides.example.net/contact",
    },
}

CRISIS = """\
samaritans:
  name: Samaritans
  country: GB
  contacts: [{way: call, number: "116 123"}]
  hours: Day or night
  languages: [English]
  note: Free, day or night.
  source: https://www.samaritans.org/how-we-can-help/contact-samaritan/
  verified: 2026-05-20
shout:
  name: Shout
  country: GB
  contacts: [{way: text, number: "85258"}]
  hours: Any time
  languages: [English]
  note: Text SHOUT. Free, any time.
  source: https://giveusashout.org/
  verified: 2026-05-20
nhs-111:
  name: NHS 111
  country: GB
  contacts: [{way: call, number: "111"}, {way: chat, url: "https://111.nhs.uk/"}]
  hours: Day or night
  languages: [English]
  source: https://111.nhs.uk/
  verified: 2026-05-20
gb-999:
  name: Emergency services
  country: GB
  contacts: [{way: call, number: "999"}]
  hours: Day or night
  languages: [English]
  note: If someone is in danger now.
  source: https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/
  verified: 2026-05-20
"""
"""The fork's own crisis services (its crisis.yml replaces ours), with a text-only one. Test data: the
fork's own clinic would check each against its source."""

REVIEWERS = """\
robin-example:
  name: Robin Example
  credentials: LPC
  role: Counsellor
  bio: Robin is an example reviewer for psychoed's tests.
sample-reviewer:
  name: Sample Reviewer
  credentials: Placeholder
  sample: true
"""

TOPICS = """\
stress:
  title: Stress and pressure
  description: Guides on noticing stress and easing it.
relationships:
  title: Family and friends
  sensitive: true
"""

STRESS = """\
---
title: Handling everyday stress
description: Small, steady ways to notice stress early and ease it before it builds up.
topics: [stress]
reviewer: robin-example
reviewed: 2026-09-01
---

Stress is how your body gets ready for a hard moment. A little of it can help you act. Too much,
for too long, can wear you down. These tips can help you spot it early and let it go.

## 1. Notice the first signs

Stress often starts in the body. You might clench your jaw or hold your breath.

- Your shoulders feel tight.
- Your sleep is lighter than usual.
- Small things make you snap.

When you see a sign, pause for a moment. Naming it can take some of its power away.

## 2. Breathe out slowly

Breathe in through your nose for a count of four. Then breathe out for a count of six.

A long breath out tells your body it is safe to slow down. Try it five times in a row.

## 3. Move a little every day

A short walk can clear your head. So can a stretch at your desk.

You do not need a gym. Ten minutes of moving is a good start.

## 4. Share the load

Tell someone you trust how you feel. You do not need to have the answers.

Ask for help with one task this week. Saying yes to help is a strength.

## 5. Plan some rest

Put rest in your diary, as you would a meeting. Keep that time for yourself.

Rest can be a bath, a book or a quiet cup of tea. What matters is that you enjoy it.

## When to get more help

If stress stays with you for weeks, or you feel you cannot cope, talk to a professional. You
can also read [how to talk to family about how you feel](talking-to-family.md).
"""

FAMILY = """\
---
title: Talking to family about how you feel
description: How to start a hard conversation with someone close, and what to do if it goes badly.
topics: [relationships, stress]
reviewer: sample-reviewer
reviewed: 2026-08-15
related: [handling-everyday-stress]
---

It can be hard to tell the people close to you that you are struggling. You might worry about
how they will react. This guide can help you start.

## Pick a calm moment

Choose a time when you are both free and not rushed. A walk or a drive can make it easier to
talk.

## Start small

You do not have to say everything at once. You could start with "I have not felt like myself
lately."

## If it does not go well

Some people need time to take in what you said. Give them a few days, then try again. You can
also talk to someone outside the family.
"""

OLD = """\
---
title: Resting well after a busy week
description: Simple ideas for a restful weekend after a hard week.
topics: [stress]
reviewer: robin-example
reviewed: 2021-03-01
next_review: 2023-03-01
---

A busy week can leave you tired and on edge. Rest helps your mind and body recover.

## Slow your weekend down

Leave some time with no plans. Spend a little time outside if you can.
"""

WITHDRAWN = """\
---
title: Quick fixes for a stressful day
description: Short tips for getting through a stressful day.
topics: [stress]
reviewer: robin-example
reviewed: 2024-05-10
status: withdrawn
withdrawn_on: 2025-02-03
withdrawn_reason: We wrote a fuller guide with advice we have checked again.
replaced_by: handling-everyday-stress
---

Take a breath and step away for a minute.

## 1. Breathe out slowly

Count to four as you breathe out.
"""

GLOSSARY = """\
stress:
  term: stress
  definition: How your body and mind react to pressure. A little can help you act. A lot, for a long time, wears you down.
"""

ARTICLES = {
    "handling-everyday-stress": STRESS,
    "talking-to-family": FAMILY,
    "resting-after-a-busy-week": OLD,
    "quick-fixes-for-stress": WITHDRAWN,
}

_CACHES = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".mypy_cache")


def make_other_clinic(repo: Path, dest: Path) -> Path:
    """Copy ``repo`` to ``dest`` as another clinic's fork, and return the fork's mkdocs.yml."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        # The checkout's own build output and tools, only at the top: a `site` folder inside docs/ is content.
        top = {".git", ".venv", "site"} if Path(folder) == repo else set()
        return _CACHES(folder, names) | (top & set(names))

    shutil.copytree(repo, dest, ignore=ignored, symlinks=True)
    config = dest / "mkdocs.yml"
    content = dest / load_settings(config).content_dir
    shutil.rmtree(content)
    (content / "articles").mkdir(parents=True)
    (content / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    (content / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (content / "crisis.yml").write_text(CRISIS, encoding="utf-8")
    (content / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    for slug, text in ARTICLES.items():
        (content / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TagKeepingLoader)
    data.update(
        site_name=SITE_NAME,
        site_description="Plain guides on stress and relationships.",
        site_url="https://guides.example.net/wellbeing/",
        repo_url="https://github.com/example-harbour/wellbeing-guides",
        use_directory_urls=True,
    )
    data.pop("copyright", None)
    psychoed = data.setdefault("extra", {}).setdefault("psychoed", {})
    psychoed.update(SETTINGS)
    config.write_text(yaml.dump(data, Dumper=_TagKeepingDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _sign(dest)
    return config


def _sign(fork: Path) -> None:
    """Sign the fork's articles as its clinic would, with `psychoed review sign` on the real date: one by its
    reviewer today, the others as they were reviewed (one of those is overdue)."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    for args in (
        ["handling-everyday-stress", "--by", "robin-example"],
        ["resting-after-a-busy-week", "--existing"],
        ["talking-to-family", "--existing"],
    ):
        subprocess.run(
            [sys.executable, "-m", "psychoed", "review", "sign", *args],
            cwd=fork, env=env, capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip


class _Tagged:
    """A YAML value with a tag MkDocs reads (``!ENV``, ``!!python/name:``), kept as written."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag = tag
        self.node = node


class _TagKeepingLoader(yaml.SafeLoader):
    """Reads a clinic's mkdocs.yml without running or dropping its tags, so the fork keeps them."""


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node.tag, node)


_TagKeepingLoader.add_multi_constructor("!", _keep)
_TagKeepingLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)


class _TagKeepingDumper(yaml.SafeDumper):
    """Writes the kept tags back as they were."""


def _write_tagged(dumper: yaml.SafeDumper, value: _Tagged) -> yaml.Node:
    node = value.node
    node.tag = value.tag
    return node


_TagKeepingDumper.add_representer(_Tagged, _write_tagged)
