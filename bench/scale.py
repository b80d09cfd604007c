"""psychoed at scale, side by side with plain Material on the same Markdown.

    .venv/bin/python bench/scale.py [--articles 1000 10000] [--runs 3] [--links] [--translated 0.5]

For each library size it generates that many signed articles (600–900 words, numbered tips, links
to each other's tips, 20 topics), then measures, ``--runs`` times, alternating the two builds so
that a noisy machine hurts both alike:

- the psychoed build and a plain Material build of the same articles (Material's theme, search
  and Markdown extensions, nothing of psychoed's): wall time, CPU time and peak memory, and
  their ratios;
- ``psychoed check --no-links`` of the whole library, and of one changed article as a pull
  request checks it (with ``--links``, also with the link check);
- the largest page, the search index on disk, and what a first query fetches and how long it takes
  to show results in headless Chromium (when Playwright is installed, as ``make test`` does);
- Lighthouse's mobile audit (a phone on simulated slow 4G) of psychoed's home page and an article, and of
  plain Material's page for the same article, served gzip-compressed as hosts serve them
  (``tools/lighthouse.py``; when ``make test`` has installed Lighthouse);
- ``mkdocs serve --dirty`` (``make serve``): seconds from saving one article to the served page showing the
  change, of those the seconds after MkDocs noticed the save, and the whole as a share of a cold build.

With ``--translated F``, that share of the articles also has a signed Spanish translation (the site
publishes in English and Spanish), and the build's time per page shows whether the cost grows with the
pages in all languages. Without it, the site publishes in English only.

It prints a Markdown table of min–max ranges over the runs, for the README. Each command runs in
its own process; its peak memory is the ``ru_maxrss`` of that process and its children.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from tools import lighthouse  # noqa: E402
from tools.loopback import QuietHandler, loopback  # noqa: E402

from psychoed.content.model import Source  # noqa: E402
from psychoed.review.fingerprint import ClinicalText  # noqa: E402
from psychoed.search.index import INDEX_FOLDER  # noqa: E402

TOPICS = 20
REVIEWED = dt.date(2026, 6, 15)
WORDS = (
    "Small steps add up over time, and nobody has to get this right on the first day.",
    "Try one change for a week, then notice how your body and your mood respond to it.",
    "It is fine to start slowly, to stop for a while, and to begin again when you are ready.",
    "Ask someone you trust to help you keep going when a plan starts to feel like hard work.",
    "Notice what helps you feel a little calmer, and make a little more room for it each day.",
    "Be kind to yourself on the hard days, because they come to everyone from time to time.",
    "Write down one thing that went well today, even if it was only a short walk or a call.",
    "Sleep, food and daylight all shape how you feel, so small changes to them can matter.",
)


def _paragraph(seed: int, sentences: int) -> str:
    return " ".join(WORDS[(seed + n * 3) % len(WORDS)] for n in range(sentences))


def article_text(index: int, total: int) -> str:
    """A signed article of about 750 words: an introduction, six numbered tips, links to the next article."""
    other = (index + 1) % total
    title = f"Generated article {index}"
    description = "A generated article for measuring the build."
    tips = "".join(f"## {tip}. Tip number {tip}\n\n{_paragraph(index + tip, 9)}\n\n" for tip in range(1, 7))
    body = (
        f"\n{_paragraph(index, 8)}\n\n"
        f"See also [the next article](article-{other:05d}.md) and "
        f"[its second tip](article-{other:05d}.md#2-tip-number-2).\n\n"
        f"{tips}## When to ask for help\n\n{_paragraph(index + 7, 4)}\n"
    )
    topic = f"topic-{index % TOPICS:02d}"
    signed = ClinicalText(title, description, body, tuple[Source, ...](), "sample-reviewer", REVIEWED).fingerprint()
    return (
        f"---\ntitle: {title}\ndescription: {description}\ntopics: [{topic}]\nreviewer: sample-reviewer\n"
        f"reviewed: {REVIEWED.isoformat()}\nfingerprint: {signed}\n---\n{body}"
    )


SPANISH = (
    "Los pasos pequeños suman con el tiempo, y nadie tiene que hacerlo bien el primer día.",
    "Prueba un cambio durante una semana, y fíjate en cómo responden tu cuerpo y tu ánimo.",
    "Está bien empezar despacio, parar un tiempo y volver a empezar cuando estés listo.",
    "Pide a alguien de confianza que te ayude a seguir cuando un plan se haga cuesta arriba.",
)


def translation_text(index: int, total: int) -> str:
    """A signed Spanish translation of article ``index``: the same six tips, translated from its signed text."""
    source = article_text(index, total)
    made_from = source.split("fingerprint: ", 1)[1].split("\n", 1)[0]
    title, description = f"Artículo generado {index}", "Un artículo generado para medir la compilación."
    tips = "".join(
        f"## {tip}. Consejo número {tip}\n\n{' '.join(SPANISH[(index + tip + n) % len(SPANISH)] for n in range(9))}\n\n"
        for tip in range(1, 7)
    )
    body = f"\n{' '.join(SPANISH[(index + n) % len(SPANISH)] for n in range(8))}\n\n{tips}"
    signed = ClinicalText(
        title, description, body, tuple[Source, ...](), "sample-reviewer", REVIEWED, made_from
    ).fingerprint()
    return (
        f"---\ntitle: {title}\ndescription: {description}\ntranslator: Bench\ntranslated_from: {made_from}\n"
        f"reviewer: sample-reviewer\nreviewed: {REVIEWED.isoformat()}\nfingerprint: {signed}\n---\n{body}"
    )


def make_psychoed(root: Path, count: int, translated: float = 0.0) -> None:
    """This repository's site, its articles replaced by ``count`` generated ones in 20 topics; with
    ``translated``, that share of them translated into Spanish."""
    for name in ("mkdocs.yml", "docs", "overrides", "hooks", "src", "strings"):  # mkdocs.yml watches src/
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    config = root / "mkdocs.yml"
    languages = "[en, es]" if translated else "[en]"
    config.write_text(re.sub(r"(?m)^(\s+languages:) \[.*\]$", rf"\1 {languages}", config.read_text()), "utf-8")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for name in ("reviewers.yml", "crisis.yml"):
        shutil.copy(REPO / "content" / name, content / name)
    (content / "topics.yml").write_text(
        "".join(
            f"topic-{n:02d}:\n  title: Topic {n}\n  description: Articles about topic {n}.\n"
            f"  translations: {{es: {{title: Tema {n}}}}}\n"
            for n in range(TOPICS)
        ),
        encoding="utf-8",
    )
    for index in range(count):
        (content / "articles" / f"article-{index:05d}.md").write_text(article_text(index, count), encoding="utf-8")
        if index < round(count * translated):
            (content / "articles" / f"article-{index:05d}.es.md").write_text(
                translation_text(index, count), encoding="utf-8"
            )


def make_plain(root: Path, psychoed: Path) -> None:
    """Plain Material on the same Markdown: its theme, search and the same Markdown extensions."""
    docs = root / "docs"
    shutil.copytree(psychoed / "content" / "articles", docs / "articles")
    (docs / "index.md").write_text("# Health library\n\nPlain Material, for comparison.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        # Articles are built but kept out of the navigation, as psychoed keeps them (topic pages list
        # them): with every article in it, each page would carry the whole library.
        "site_name: Plain Material\nuse_directory_urls: false\nnav:\n  - index.md\nnot_in_nav: /articles/\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n"
        "markdown_extensions:\n  - toc:\n      permalink: false\n  - attr_list\n  - admonition\n"
        "  - md_in_html\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measure(command: list[str], cwd: Path, *, ok: tuple[int, ...] = (0,)) -> Run:
    """Wall time, CPU time and peak memory of ``command`` and its children; stops the benchmark if it fails
    (a build that fails early would otherwise look fast)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as process:
        output = process.stdout.read() if process.stdout else b""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode not in ok:
        sys.exit(f"{' '.join(command)} exited {process.returncode}:\n{output.decode(errors='replace')[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def first_query(site: Path, word: str) -> tuple[float, float] | None:
    """Kilobytes fetched and seconds from typing ``word`` on the search page to its results, in headless
    Chromium (``CHROMIUM``, else /usr/bin/chromium); None without Playwright (``make test`` installs it)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    fetched: list[int] = []
    with loopback(partial(QuietHandler, directory=str(site))) as port, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/search.html")
        page.on(
            "response",
            lambda response: fetched.append(len(response.body())) if f"/{INDEX_FOLDER}/" in response.url else None,
        )
        start = time.perf_counter()
        page.get_by_role("searchbox").fill(word)
        page.locator('[data-psychoed="search-results"] li').first.wait_for(timeout=60_000)
        elapsed = time.perf_counter() - start - 0.25  # search.js waits 250 ms for the reader to stop typing
        browser.close()
    return sum(fetched) / 1024, elapsed


def lighthouse_reports(mine: Path, plain: Path, article: str) -> dict[str, float]:
    """Lighthouse's scores and weights for psychoed's home page and ``article``, and plain Material's page of
    the same article; empty without Lighthouse (``make test`` installs it)."""
    if not lighthouse.LIGHTHOUSE.exists():
        return {}
    found: dict[str, float] = {}
    with lighthouse.served(mine / "site") as top:
        for label, page in (("home", "index.html"), ("article", article)):
            report = lighthouse.audit(top + page)
            found[f"Lighthouse, psychoed {label}: performance"] = report.scores["performance"]
            others = ("accessibility", "best-practices", "seo")
            found[f"Lighthouse, psychoed {label}: lowest of accessibility, best practices, SEO"] = min(
                report.scores[name] for name in others
            )
            found[f"Lighthouse, psychoed {label}: transferred (KB)"] = report.transferred_kb
    with lighthouse.served(plain / "site") as top:
        report = lighthouse.audit(top + article)
        found["Lighthouse, plain Material article: performance"] = report.scores["performance"]
        found["Lighthouse, plain Material article: transferred (KB)"] = report.transferred_kb
    return found


def serve_rebuild(mine: Path, article: Path, page: str) -> tuple[float, float]:
    """Seconds from saving ``article`` to ``mkdocs serve --dirty`` (``make serve``) serving its page changed, and
    of those, the seconds after MkDocs noticed the save (its log's "Detected file changes").

    The article is saved as soon as the server answers, just after MkDocs has looked at the files: it looks
    every half second, so this is the slowest moment to save, by up to half a second."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    base = re.sub(r"^https?://[^/]+", "", re.search(r"(?m)^site_url: (\S+)", (mine / "mkdocs.yml").read_text())[1])
    url = f"http://127.0.0.1:{port}{base.rstrip('/')}/{page}"
    original = article.read_text(encoding="utf-8")
    noticed: list[float] = []
    server = subprocess.Popen(
        command, cwd=mine, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace"
    )

    def read_log(log: IO[str]) -> None:
        for line in log:  # read to the end, so the server never waits on a full pipe
            if "Detected file changes" in line:
                noticed.append(time.perf_counter())

    reader = threading.Thread(target=read_log, args=(server.stderr,), daemon=True)
    reader.start()
    try:
        _wait_for(url, lambda body: True, timeout=1200)
        word = f"Rebuilt{time.time_ns()}"
        start = time.perf_counter()
        article.write_text(original.rstrip("\n") + f"\n\n{word} is a new sentence.\n", encoding="utf-8")
        _wait_for(url, lambda body: word in body, timeout=300)
        shown = time.perf_counter()
        after = [moment for moment in noticed if moment >= start]
        return shown - start, shown - (after[0] if after else start)
    finally:
        server.terminate()
        server.wait(timeout=60)
        reader.join(timeout=10)
        article.write_text(original, encoding="utf-8")


def _wait_for(url: str, ready: Callable[[str], bool], *, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:  # the loopback preview only
                if ready(answer.read().decode("utf-8", errors="replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"{url} did not show the change within {timeout:.0f} s")


def span(values: list[float], form: str = "{:.2f}") -> str:
    low, high = min(values), max(values)
    return form.format(low) if form.format(low) == form.format(high) else f"{form.format(low)}–{form.format(high)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--links", action="store_true", help="also time one changed article with the link check")
    parser.add_argument("--translated", type=float, default=0.0, help="share of articles translated into Spanish")
    args = parser.parse_args()
    python = sys.executable
    rows: dict[str, dict[int, str]] = {}
    for count in args.articles:
        found: dict[str, list[float]] = {}

        def add(name: str, value: float, found: dict[str, list[float]] = found) -> None:
            found.setdefault(name, []).append(value)

        with tempfile.TemporaryDirectory(prefix="psychoed-scale-") as folder:
            mine, plain = Path(folder, "psychoed"), Path(folder, "plain")
            mine.mkdir()
            plain.mkdir()
            make_psychoed(mine, count, args.translated)
            article_pages = count + round(count * args.translated)
            make_plain(plain, mine)
            build = [python, "-m", "mkdocs", "build", "--quiet", "--site-dir"]
            one = "content/articles/article-00000.md"
            for _ in range(args.runs):
                ours = measure([*build, str(mine / "site")], mine)
                theirs = measure([*build, str(plain / "site")], plain)
                add("build, psychoed (s)", ours.wall)
                add("build, plain Material (s)", theirs.wall)
                add("build per article page, psychoed (ms)", 1000 * ours.wall / article_pages)
                add("build CPU, psychoed / plain", ours.cpu / theirs.cpu)
                add("peak memory, psychoed (MB)", ours.peak_mb)
                add("peak memory, plain Material (MB)", theirs.peak_mb)
                add("peak memory, psychoed / plain", ours.peak_mb / theirs.peak_mb)
                add(
                    "check --no-links, whole library (s)",
                    measure([python, "-m", "psychoed", "check", "--no-links"], mine, ok=(0, 1)).wall,
                )
                add(
                    "check --no-links, one article (s)",
                    measure([python, "-m", "psychoed", "check", "--no-links", one], mine, ok=(0, 1)).wall,
                )
                if args.links:
                    add(
                        "check, one article, with links (s)",
                        measure([python, "-m", "psychoed", "check", one], mine, ok=(0, 1)).wall,
                    )
            pages = [p for p in (mine / "site").rglob("*.html")]
            largest = max(pages, key=lambda p: p.stat().st_size)
            add(f"largest page (KB; {largest.relative_to(mine / 'site')})", largest.stat().st_size / 1024)
            bundle = mine / "site" / INDEX_FOLDER
            add(
                "search index on disk, all parts (KB)",
                sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) / 1024,
            )
            for _ in range(args.runs):
                cost = first_query(mine / "site", "calmer")
                if cost is not None:
                    add("search, first query: fetched (KB)", cost[0])
                    add("search, first query: to results (s)", cost[1])
                for name, value in lighthouse_reports(mine, plain, "articles/article-00001.html").items():
                    add(name, value)
            cold = sum(found["build, psychoed (s)"]) / len(found["build, psychoed (s)"])
            for _ in range(args.runs):
                seconds, rebuilt = serve_rebuild(mine, mine / one, "articles/article-00000.html")
                add("serve --dirty: one article saved to page shown (s)", seconds)
                add("serve --dirty: of that, after MkDocs noticed the save (s)", rebuilt)
                add("serve --dirty: that / a cold build", seconds / cold)
        for name, values in found.items():
            rows.setdefault(name.split(" (KB; ")[0] + (" (KB)" if " (KB; " in name else ""), {})[count] = span(
                values, "{:.0f}" if "MB" in name or "KB" in name else "{:.2f}"
            )
    counts = args.articles
    share = f", {args.translated:.0%} translated into Spanish" if args.translated else ", English only"
    print(f"{os.cpu_count()} CPUs, {args.runs} runs, min–max{share}\n")
    print("| | " + " | ".join(f"{c:,} articles" for c in counts) + " |")
    print("|---|" + "---|" * len(counts))
    for name, by_count in rows.items():
        print(f"| {name} | " + " | ".join(by_count.get(c, "") for c in counts) + " |")


if __name__ == "__main__":
    main()
