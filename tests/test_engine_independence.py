"""The engine loads and checks content without MkDocs, so moving off MkDocs touches only hooks/ and overrides/."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO

SCRIPT = """
import sys
sys.modules["mkdocs"] = None  # any `import mkdocs...` now fails
sys.modules["material"] = None
from pathlib import Path
import psychoed, psychoed.cli
from psychoed.dates import today
settings = psychoed.load_settings(Path("mkdocs.yml"))
library = psychoed.load_library(Path(settings.content_dir), settings, today())
print(len(library.articles))
"""


def test_engine_loads_content_with_mkdocs_unavailable() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(list((REPO / "content" / "articles").glob("*.md")))
