"""Build the site into a folder, for checks that need the rendered pages.

The engine never imports the site generator: it runs it as a separate
process, so loading and checking content keeps working without it. This is
the one place in ``src/`` that names MkDocs; moving to another generator
changes the command below, with ``hooks/`` and ``overrides/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUILD_TIMEOUT_SECONDS = 600


def build_site(config: Path, site_dir: Path) -> str | None:
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
        return f"building the site took over {BUILD_TIMEOUT_SECONDS} s; links were not checked."
    if done.returncode == 0:
        return None
    errors = [line for line in done.stderr.splitlines() if line.strip() and "DEBUG" not in line]
    detail = "\n".join(errors[-20:]) or f"exit code {done.returncode}"
    return f"the site could not be built, so links were not checked; fix what the build says:\n{detail}"
