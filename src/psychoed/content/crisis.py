"""Crisis services as data: ``content/crisis.yml``, one entry per service, with how to reach it and where
its details were checked.

Crisis help is on every page, so a wrong number is the most harmful mistake the
site can make. Each service names its source and the date someone last checked
the details against it (``verified``); the check warns once that is more than a
year ago. The site shows the services ``mkdocs.yml`` chooses
(``crisis.services``), and a chosen service missing from the file stops the build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import ada_url

from psychoed.content.model import Contact, CrisisService, ServiceText
from psychoed.content.registries import RegistryRules, load_entries, per_language
from psychoed.findings import Problem, Rule, loader_rule
from psychoed.settings.model import Settings
from psychoed.source.fields import FieldRules, Fields

CRISIS_FILE = "crisis.yml"
FIELDS = ("name", "country", "contacts", "hours", "languages", "note", "source", "verified", "chat_hosts",
          "translations")  # fmt: skip
TEXT_FIELDS = ("name", "hours", "note", "answers")
"""A service's words in another language (``translations: {es: {…}}``), and whether it answers in it."""
WAYS = ("call", "text", "chat")
STALE_AFTER_DAYS = 365
"""A service verified longer ago than this is a warning: numbers and hours change."""

CRISIS_RULES = RegistryRules(
    no_file=loader_rule(
        "crisis.no-file",
        "`content/crisis.yml` is missing, so the crisis help on every page would have no service to show.",
        'Create `content/crisis.yml` with the services your readers can reach (README, "Crisis help").',
    ),
    not_mapping=loader_rule(
        "crisis.not-mapping",
        "`crisis.yml` is not a mapping from each service's id to its details.",
        "Write each service as `my-service:` followed by indented `key: value` lines.",
    ),
    id=loader_rule(
        "crisis.id",
        "A crisis service's id is how mkdocs.yml chooses it, so it must be plain lowercase words.",
        "Use lowercase words joined by hyphens, as the message suggests.",
    ),
    markup=loader_rule(
        "crisis.markup",
        "A crisis service's name, hours or note is shown as plain text on every page, so Markdown or HTML in "
        "it would show as stray symbols.",
        "Write plain words.",
    ),
    fields=FieldRules.declare("crisis", "of a service in `crisis.yml`", values=True),
)
CONTACT = loader_rule(
    "crisis.contact",
    "A way to reach a crisis service cannot be used: a call or text without a phone number, or a chat "
    "without a secure web address.",
    "Give `way: call` or `way: text` a `number` (digits, spaces, + and -), and `way: chat` a `url` starting "
    "with https://.",
)
MISSING = loader_rule(
    "crisis.missing",
    "mkdocs.yml chooses a crisis service that is not in `content/crisis.yml`, so a page would show no way to reach it.",
    "Add the service to `content/crisis.yml`, or choose one that is there.",
)
STALE = Rule(
    "crisis.stale",
    "warning",
    "A crisis service shown on every page was last checked more than 12 months ago; numbers and hours change.",
    "Check its details against its `source`, correct them, and set `verified` to today's date.",
)
RULES = (*CRISIS_RULES.all(), CONTACT, MISSING, STALE)

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*$")


def load_crisis(path: Path, problems: list[Problem], ids: set[str] | None = None) -> dict[str, CrisisService]:
    """The services in ``content/crisis.yml``, by id; problems are appended."""
    return load_entries(path, CRISIS_RULES, "crisis service", problems, _service, ids)


def _service(fields: Fields, entry_id: str, line: int) -> CrisisService | None:
    fields.reject_unknown(FIELDS)
    markup = CRISIS_RULES.markup
    name = fields.plain_text("name", markup, required=True, example="Samaritans")
    country = fields.plain_text("country", markup, required=True, example="GB")
    hours = fields.plain_text("hours", markup, required=True, example="24 hours a day, every day")
    languages = fields.text_list("languages", required=True, example="[English]")
    note = fields.plain_text("note", markup, required=False)
    source = fields.text("source", required=True, example="https://www.samaritans.org/")
    verified = fields.date("verified", required=True)
    if source is not None and not source.startswith("https://"):
        fields.value_problem(
            "source", f"`source` must be the service's own page, starting with https://, not `{source}`."
        )
        source = None
    hosts = (*fields.text_list("chat_hosts", required=False, example="[chat.example.org]"), _host(source))
    contacts = tuple(
        contact for entry in fields.mapping_list("contacts", required=True) if (contact := _contact(entry, hosts))
    )
    translations = per_language(fields, CRISIS_RULES, TEXT_FIELDS, _service_text)
    if name is None or country is None or hours is None or source is None or verified is None or not contacts:
        return None
    return CrisisService(
        entry_id, name, country, contacts, hours, languages, source, verified, note, line, translations
    )


def _service_text(words: Fields) -> ServiceText | None:
    """The service's name, hours and note in one language, as its own pages give them, and whether it answers
    in it (checked against the same ``source`` on the same ``verified`` day)."""
    markup = CRISIS_RULES.markup
    name = words.plain_text("name", markup, required=True, example="Línea 988 de Prevención del Suicidio y Crisis")
    hours = words.plain_text("hours", markup, required=True, example="Las 24 horas, todos los días")
    note = words.plain_text("note", markup, required=False)
    answers = words.boolean("answers", default=False)
    return ServiceText(name, hours, note, answers) if name is not None and hours is not None else None


def _host(url: str | None) -> str:
    try:
        return ada_url.URL(url).host.lower() if url else ""
    except ValueError:
        return ""


def _on_hosts(url: str, hosts: tuple[str, ...]) -> bool:
    """True when ``url``'s host is one of ``hosts`` or a subdomain of one (or one of theirs: www.x and x)."""
    host = _host(url)
    return bool(host) and any(h and (host == h or host.endswith("." + h) or h.endswith("." + host)) for h in hosts)


def _contact(entry: Fields, hosts: tuple[str, ...]) -> Contact | None:
    entry.reject_unknown(("way", "number", "url"))
    way = entry.choice("way", WAYS, default="")
    number = entry.text("number", required=False)
    url = entry.text("url", required=False)
    if way in ("call", "text") and (number is None or not _PHONE.match(number)):
        entry.problem("number", CONTACT, f"`way: {way}` needs a `number` with digits, spaces, + and - only.")
        return None
    if way == "chat" and (url is None or not url.startswith("https://")):
        entry.problem("url", CONTACT, "`way: chat` needs a `url` starting with https://.")
        return None
    if way == "chat" and url is not None and not _on_hosts(url, hosts):
        # A reader in crisis taps this link: it must go to the service, not to a look-alike site.
        entry.problem(
            "url",
            CONTACT,
            f"the chat address `{url[:60]}` is not on the host of the service's `source`; link to the service's "
            "own chat, or list its host under the service's `chat_hosts`.",
        )
        return None
    if not way:
        entry.problem("way", CONTACT, "say how readers reach the service: `way: call`, `way: text` or `way: chat`.")
        return None
    return Contact(way, number if way != "chat" else None, url if way == "chat" else None)


def chosen(
    services: Mapping[str, CrisisService], settings: Settings, path: Path
) -> tuple[list[CrisisService], list[Problem]]:
    """The services ``settings`` chooses, in its order, and a problem for each one the file lacks."""
    found, problems = [], []
    for service_id in settings.crisis.services:
        if service_id in services:
            found.append(services[service_id])
        else:
            known = ", ".join(f"`{s}`" for s in services) or "none"
            problems.append(
                MISSING.at(
                    path,
                    None,
                    f"mkdocs.yml chooses the crisis service `{service_id}` (under `crisis.services`), but this file "
                    f"has no such entry; add it, or choose one of: {known}.",
                )
            )
    return found, problems


def stale(services: list[CrisisService], path: Path, today: dt.date) -> Iterator[Problem]:
    """A warning for each chosen service verified more than :data:`STALE_AFTER_DAYS` ago."""
    for service in services:
        age = (today - service.verified).days
        if age > STALE_AFTER_DAYS:
            yield STALE.at(
                path,
                service.line,
                f"{service.name} was last verified on {service.verified.isoformat()}, {age} days ago; check its "
                f"details against {service.source} and set `verified` to the day you checked.",
            )
