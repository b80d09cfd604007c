"""Benchmark pathological article bodies: does every article check and build in bounded time?

    .venv/bin/python bench/pathological.py [--size 100000] [--runs 3]

Each body is a run of one character pattern (brackets, emphasis, quotes, ...) of ``--size`` bytes. For each,
side by side in one run and on one machine:

- ``psychoed check --no-links`` on a site holding that article, as a ratio of the same check on a site
  whose article is ordinary prose of the same size (goal: 3 or less);
- ``mkdocs build`` on the same site, as a ratio of the build of the ordinary site (goal: 6 or less: the
  worst, runs of ``*_``, make Python-Markdown nest emphasis deeply, in time that grows in step with the
  size). A body over a bound is refused before Python-Markdown reads it, so its build ends early with the
  error. Before the bound, 20,000 ``[`` took a build 84 s;
- the same two ratios for a body just under the bracket bound (``MAX_BRACKETS`` ``[``), which is built.

Times are the best of ``--runs`` runs. Output is a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.conftest import TODAY_EPOCH, article_text, write_site  # noqa: E402

from psychoed.content.body import MAX_BRACKETS  # noqa: E402

PATTERNS = {
    "open brackets `[`": "[",
    "image openers `![`": "![",
    "unclosed links `[a](`": "[a](",
    "nested `[[…]]`": None,
    "emphasis `*a `": "*a ",
    "mixed `*_`": "*_",
    "underscores `_`": "_",
    'quotes `"`': '"',
    "backticks `` ` ``": "`",
    "angle brackets `<`": "<",
}
PROSE = "We sleep better with a routine. Go to bed at the same time each night. "


def body(pattern: str | None, size: int) -> str:
    if pattern is None:
        return "[" * (size // 2) + "]" * (size // 2)
    return pattern * (size // len(pattern))


def timed(command: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    best, code = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600)
        best, code = min(best, time.perf_counter() - started), done.returncode
        if "Traceback" in done.stdout + done.stderr:
            raise SystemExit(f"a traceback in {command}:\n{done.stdout}{done.stderr}")
    return best, code


def measure(text: str, folder: Path, runs: int) -> tuple[float, int, float, int]:
    root = write_site(folder, {"one": article_text("Intro.\n\n" + text + "\n")})
    check = timed([str(REPO / ".venv/bin/psychoed"), "check", "--no-links"], root, runs)
    build = timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], root, runs)
    return (*check, *build)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        prose = PROSE * (args.size // len(PROSE))
        check_base, _, build_base, _ = measure(prose, base / "prose", args.runs)
        print(f"Ordinary prose, {args.size:,} bytes: check {check_base:.2f} s, build {build_base:.2f} s\n")
        print("| Body | Check ratio | Check exit | Build ratio | Build exit |")
        print("| --- | --- | --- | --- | --- |")
        rows = {f"{name}, {args.size:,} bytes": body(p, args.size) for name, p in PATTERNS.items()}
        rows[f"{MAX_BRACKETS:,} `[` (at the bound)"] = "[" * MAX_BRACKETS
        for index, (name, text) in enumerate(rows.items()):
            check, check_code, build, build_code = measure(text, base / f"case-{index}", args.runs)
            print(f"| {name} | {check / check_base:.2f} | {check_code} | {build / build_base:.2f} | {build_code} |")


if __name__ == "__main__":
    main()
