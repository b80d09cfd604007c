"""Benchmark `psychoed check` on a generated library of many articles.

    .venv/bin/python bench/check.py [--articles 1000]

Reports, from one run on one machine:

- `psychoed check --no-links`, the whole command as an editor or CI runs it, start-up
  included, as a ratio of the time the site takes to build, measured side by side (goal:
  0.5 or less: the gate on every pull request costs less than half a build), and in
  milliseconds per article for reference;
- the link check (LinkChecker over the built site) as a ratio of the time the
  site takes to build (goal: 1.0 or less), both measured here side by side.

The articles are written from a few plain sentences with numbered tips and links
to each other's tips, so the link check follows about as many links per page as
a real library has.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from psychoed.checks.linkchecker import run_linkchecker, site_pages  # noqa: E402

SENTENCES = (
    "Small steps add up over time.",
    "Try this for a week and see how you feel.",
    "It is fine to start slowly.",
    "Ask someone you trust to help you keep going.",
    "Notice what helps, and do more of it.",
    "Be kind to yourself on hard days.",
)


def article(index: int, total: int, topic: str) -> str:
    other = (index + 1) % total
    tips = []
    for tip in range(1, 6):
        text = " ".join(SENTENCES[(index + tip + n) % len(SENTENCES)] for n in range(4))
        tips.append(f"## {tip}. Tip number {tip}\n\n{text}\n")
    return (
        "---\n"
        f"title: Generated article {index}\n"
        "description: A generated article for the benchmark.\n"
        f"topics: [{topic}]\n"
        "reviewer: sample-reviewer\n"
        "reviewed: 2026-01-15\n"
        "---\n\n"
        f"{' '.join(SENTENCES)}\n\n"
        f"See also [the next article](article-{other:04d}.md) and "
        f"[its second tip](article-{other:04d}.md#2-tip-number-2).\n\n"
        + "\n".join(tips)
        + "\n## When to ask for help\n\nTalk to your doctor if things do not get better.\n"
    )


def make_project(root: Path, count: int) -> None:
    for name in ("mkdocs.yml", "docs", "overrides", "hooks", "src"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for name in ("reviewers.yml", "topics.yml", "crisis.yml"):
        shutil.copy(REPO / "content" / name, content / name)
    topics = [
        line.split(":")[0] for line in (content / "topics.yml").read_text().splitlines() if line and line[0].isalpha()
    ]
    for index in range(count):
        text = article(index, count, topics[index % len(topics)])
        (content / "articles" / f"article-{index:04d}.md").write_text(text, encoding="utf-8")


def timed(command: list[str], cwd: Path, *, ok: tuple[int, ...] = (0, 1)) -> float:
    """Seconds ``command`` took; stops the benchmark if it exits otherwise than ``ok`` (a build that fails
    early would otherwise look fast)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="psychoed-bench-") as folder:
        root = Path(folder)
        root.chmod(0o755)  # LinkChecker, run as root, reads the site as `nobody`
        make_project(root, args.articles)
        check = timed([sys.executable, "-m", "psychoed", "check", "--no-links"], root)
        site = root / "site"
        build = timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], root, ok=(0,))
        links = _link_check(site, site_pages(site))
        changed = _link_check(site, [f"articles/article-{i:04d}.html" for i in range(5)])
    per_article = check * 1000 / args.articles
    print(f"articles: {args.articles}")
    print(f"psychoed check --no-links: {check:.2f} s, {per_article:.2f} ms per article")
    print(f"site build: {build:.2f} s")
    print(f"check / build = {check / build:.2f} (goal <= 0.5)")
    print(f"link check, whole site: {links:.2f} s; / build = {links / build:.2f} (goal <= 1.0; {os.cpu_count()} CPUs)")
    print(f"link check, 5 changed articles (a pull request): {changed:.2f} s; / build = {changed / build:.2f}")


def _link_check(site: Path, pages: list[str]) -> float:
    start = time.perf_counter()
    broken, failure = run_linkchecker(site, pages, external=False)
    elapsed = time.perf_counter() - start
    if failure or broken:
        sys.exit(f"the link check failed: {failure or broken[:3]}")
    return elapsed


if __name__ == "__main__":
    main()
