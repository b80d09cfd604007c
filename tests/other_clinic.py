"""Another clinic's fork of this repository: the proof that a fork stays green.

:func:`make_other_clinic` copies the repository the tests run in (its templates,
hooks, docs/ and mkdocs.yml, whatever a clinic has made of them), replaces the
library with a small one of its own and configures another clinic: another
name and colours, crisis lines from another country (the UK) with a text-only
line, another call to action, and directory addresses. The site tests then run
on it exactly as on the repository's own site.

The fork publishes in a second language of its own, French, which psychoed ships no words or
readability formula for: its own ``strings/fr.yml`` gives every word, and its French article is
reported as not measured. Nothing may assume English or Spanish.

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
    "languages": ["en", "fr"],
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
  languages: [en, fr]
sample-reviewer:
  name: Sample Reviewer
  credentials: Placeholder
  sample: true
"""

TOPICS = """\
stress:
  title: Stress and pressure
  description: Guides on noticing stress and easing it.
  translations: {fr: {title: Stress et pression, description: Des guides pour repérer le stress et l'apaiser.}}
relationships:
  title: Family and friends
  sensitive: true
  translations: {fr: {title: Famille et amis}}
"""

STRINGS_FR = """\
# Harbour Lane's words in French: psychoed ships none, so every key is here.
language_name: Français
in_language: en {language}
language_names: {en: anglais, fr: français}
date_format: "{day} {month_name} {year}"
months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
skip_to_main: Aller au contenu principal
crisis_heading: Besoin d'aide tout de suite ?
crisis_in_article: (dans cet article)
crisis_or: ou
crisis_call: Appeler le {number}
crisis_text: "SMS au {number}"
crisis_chat: discuter en ligne
crisis_speaks: Répond en français.
reviewed_by: Relu par
last_reviewed: Dernière relecture
next_review_due: Prochaine relecture
awaiting_review: En attente de relecture clinique.
awaiting_review_text: Aucun clinicien n'a encore relu cette version du texte.
written_by: Écrit par
translated_by: Traduit par
topic: Thème
topics: Thèmes
draft: Brouillon.
draft_text: Cet article n'est pas publié ; seul l'aperçu le montre.
draft_badge: Brouillon
sample_title: Contenu d'exemple, sans relecture clinique.
sample_article: Cet article est un exemple. La personne nommée comme relectrice n'est pas un vrai clinicien.
overdue_title: Cet article doit être relu.
overdue_text: Sa relecture clinique était prévue le {date}. Demandez l'avis d'un professionnel avant de suivre ces conseils.
content_note: Cet article parle de {topic}. Lisez-le à votre rythme. Si vous avez besoin d'aide maintenant, elle est ici.
in_this_article: Dans cet article
sources: Sources
source_published: Publiée ou mise à jour le {date}.
source_checked: Vérifiée le {date}.
related: Articles liés
call_to_action_title: Parler avec {clinic}
call_to_action_text: Si cela vous parle, nous pouvons en discuter avec vous.
call_to_action_link_text: Contacter Harbour Lane
about_information: À propos de ces informations
about_information_text: "{link} : qui les écrit, qui les relit et qui les finance."
print_address: "Cette page :"
footer_note: Nos guides accompagnent les soins d'un professionnel ; ils ne les remplacent pas.
stale_title: L'article d'origine a changé.
stale_text: L'original a été mis à jour le {date}, après cette traduction. Cette page n'a peut-être pas encore les derniers conseils.
read_original: "Lire l'original ({language})"
other_languages: Autres langues
translation_of: Ceci est une traduction de {link}.
home: Accueil
search: Rechercher
articles: Articles
no_articles: Il n'y a pas encore d'article sur ce thème.
article_count_one: 1 article
article_count: "{count} articles"
recently_reviewed: Relus récemment
search_title: Rechercher dans les articles
search_label: Cherchez un mot ou un thème
search_none: Aucun article ne contient {query}. Essayez un autre mot, ou parcourez les thèmes.
search_one: 1 article contient {query}.
search_many: "{count} articles contiennent {query}."
search_first: "{count} articles contiennent {query} ; voici les {shown} premiers."
search_needs_script: La recherche a besoin de JavaScript. Vous pouvez aussi parcourir les thèmes, dans le menu.
search_failed: La recherche n'a pas pu se charger. Vous pouvez parcourir les thèmes.
feedback_heading: Cette page vous a-t-elle aidé ?
feedback_privacy: N'écrivez ni votre nom ni des détails sur votre santé. Si vous avez besoin d'aide maintenant, utilisez l'aide en haut de la page.
feedback_yes: Oui, elle m'a aidé
feedback_no: Non, elle ne m'a pas aidé
feedback_answer: Votre réponse
feedback_comment: Que pourrions-nous améliorer ? (facultatif)
feedback_send: Envoyer
feedback_form_where: Votre réponse et l'adresse de cette page vont à {host}, et nulle part ailleurs.
feedback_email_where: Ouvre votre messagerie, avec l'adresse de cette page déjà écrite.
feedback_issues_where: Ouvre un formulaire sur GitHub, avec l'adresse de cette page déjà écrite.
palette_to_dark: Passer au mode sombre
palette_to_light: Passer au mode clair
list_pages: Pages de cette liste
kind_guideline: Recommandation clinique
kind_systematic_review: Revue systématique
kind_trial: Essai clinique
kind_patient_organisation: Association de patients
kind_other: Autre
testing_heading: Testé avec des lecteurs
nav_a_z: Tous les articles, de A à Z
nav_reviewers: Nos relecteurs
list_part: "{title} (page {part} sur {parts})"
role: Fonction
credentials: Diplômes
licence: Inscription
articles_reviewed: Articles relus
no_published_articles: Pas encore d'article publié.
sample_badge: Exemple
sample_reviewer: Cette personne est un exemple, pas un vrai clinicien.
reviewers_title: Nos relecteurs cliniques
reviewers_intro: Un clinicien relit chaque article avant sa publication, puis avant sa date de relecture.
a_z_title: Tous les articles, de A à Z
letters: Lettres
no_articles_yet: Il n'y a pas encore d'article.
not_found_title: Page introuvable
not_found_text: Nous n'avons pas trouvé cette page. Elle a peut-être changé d'adresse.
not_found_way: "{home} pour trouver des articles par thème, ou {search}."
not_found_home: Allez à l'accueil
not_found_search: cherchez dans les articles
withdrawn_title: Cet article a été retiré.
withdrawn_text: "Nous l'avons retiré le {date}."
withdrawn_instead: "Lisez plutôt {link}."
withdrawn_others: "Vous trouverez nos autres articles dans la {link}."
withdrawn_list: liste de tous les articles
testing_people_one: 1 personne
testing_people: "{count} personnes"
testing_read: "{people} ({who}) l'ont lu"
testing_changed: "Ce qui a changé : {changed}"
search_description: Trouvez un article par un mot ou un thème.
about_title: À propos de ces informations
about_description: Qui écrit et relit nos articles, qui les finance, et comment nous joindre.
about_who_publishes: Qui les publie
about_published_by: Publié par
about_contact: Nous contacter
about_who_pays: Qui les finance
about_conflicts: Conflits d'intérêts
about_advertising: Publicité
about_publishes: "{clinic} publie ces articles."
about_how_checked: Comment nous les écrivons et les relisons
about_review_first: Un clinicien relit chaque article avant sa publication. Chaque article nomme son relecteur et la date.
about_review_again: Nous relisons chaque article dans un délai de {months} mois. Si une relecture est en retard, l'article le dit.
about_plain_words: Nous écrivons avec des mots simples.
about_sources: Chaque article donne ses sources, avec leur date et la date de notre dernière vérification.
about_changes: Quand les conseils changent, nous mettons l'article à jour.
about_meet_reviewers: Nos relecteurs cliniques
about_testing: Comment nous les testons avec des lecteurs
about_testing_intro: "Des personnes comme nos lecteurs lisent les articles avant leur publication. Le plus récent :"
about_not_care: Cela ne remplace pas des soins
about_not_care_text: Ces articles donnent des informations générales. Si votre santé vous inquiète, parlez à un professionnel.
"""
"""Every word of the fork's French pages: psychoed ships no French, so a key left out is a settings error."""

STRESS_FR = """\
---
title: Faire face au stress de tous les jours
description: Des façons simples de repérer le stress tôt et de l'apaiser avant qu'il ne s'installe.
translator: Camille Exemple
reviewer: robin-example
status: draft
---

Le stress, c'est votre corps qui se prépare à un moment difficile. Un peu de stress aide à agir.
Trop de stress, trop longtemps, vous épuise. Ces conseils aident à le repérer tôt et à le relâcher.

## 1. Repérez les premiers signes

Le stress commence souvent dans le corps. Vous serrez peut-être la mâchoire, ou vous retenez
votre souffle.

- Vos épaules sont tendues.
- Votre sommeil est plus léger.
- Un rien vous agace.

Quand vous voyez un signe, faites une courte pause. Le nommer lui enlève un peu de sa force.

## 2. Soufflez lentement

Inspirez par le nez en comptant jusqu'à quatre. Puis soufflez en comptant jusqu'à six.

Une longue expiration dit à votre corps qu'il peut ralentir. Essayez cinq fois de suite.

## 3. Bougez un peu chaque jour

Une courte marche peut vous vider la tête. Vous étirer à votre bureau aussi.

Pas besoin de salle de sport. Dix minutes de mouvement, c'est un bon début.

## 4. Partagez la charge

Dites à une personne de confiance ce que vous ressentez. Vous n'avez pas besoin d'avoir les
réponses.

Demandez de l'aide pour une tâche cette semaine. Accepter de l'aide est une force.

## 5. Prévoyez du repos

Notez du repos dans votre agenda, comme un rendez-vous. Gardez ce temps pour vous.

Le repos peut être un bain, un livre ou un thé au calme. L'important, c'est que cela vous plaise.

## Quand demander plus d'aide

Si le stress reste là pendant des semaines, ou si vous sentez que vous n'y arrivez plus, parlez-en
à un professionnel.
"""
"""The fork's French translation: no readability formula for French, so it is reported as not measured."""

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
    (content / "articles" / "handling-everyday-stress.fr.md").write_text(STRESS_FR, encoding="utf-8")
    strings = dest / "strings"
    shutil.rmtree(strings, ignore_errors=True)  # our Spanish words: the fork publishes in French
    strings.mkdir()
    (strings / "fr.yml").write_text(STRINGS_FR, encoding="utf-8")
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
        ["handling-everyday-stress.fr", "--by", "robin-example"],  # against the source as just signed
    ):
        subprocess.run(
            [sys.executable, "-m", "psychoed", "review", "sign", *args],
            cwd=fork, env=env, capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip
    translation = fork / "content" / "articles" / "handling-everyday-stress.fr.md"
    translation.write_text(translation.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")


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
