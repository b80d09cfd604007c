"""Build the site into a folder, for checks that need the rendered pages.

The engine never imports the site generator: it runs it as a separate
process, so loading and checking content keeps working without it. This is
the one place in ``src/`` that names MkDocs; moving to another generator
changes the command below, with ``hooks/`` and ``overrides/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUILD_TIMEOUT_SECONDS = 600


def build_site(config: Path, site_dir: Path) -> BuildFailure | None:
    """Build the site of ``config`` (a ``mkdocs.yml``) into ``site_dir``; what went wrong if it fails.

    Not ``--strict``: a link MkDocs only warns about is left in the page, where
    the link checker finds it and reports it against its source line.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)]
    command += ["--site-dir", str(site_dir)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        done = subprocess.run(
            command,
            cwd=config.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return BuildFailure(f"building the site took over {BUILD_TIMEOUT_SECONDS} s; links were not checked.")
    if done.returncode == 0:
        return None
    return build_failure(done.stderr) or BuildFailure(f"the site could not be built (exit code {done.returncode}).")


_PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?:error|warning|notice) [a-z]+\.[a-z0-9-]+: ")


@dataclass(frozen=True)
class BuildFailure:
    """Why a build failed, in the build's own words, and the file it names first (if any)."""

    message: str
    path: str | None = None
    line: int | None = None


def build_failure(output: str) -> BuildFailure | None:
    """The first error in a failed build's ``output``: a psychoed problem line (``path:line: error …``) with
    its file, or MkDocs' own error line; None when there is neither."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        found = _PROBLEM_LINE.match(line)
        if found:
            number = found.group("line")
            return BuildFailure(line[found.end() :], found.group("path"), int(number) if number else None)
    errors = [line.removeprefix("ERROR").strip(" -") for line in lines if line.startswith("ERROR")]
    first = next((e for e in errors if not e.startswith("psychoed found")), None)
    return BuildFailure(first) if first else None
