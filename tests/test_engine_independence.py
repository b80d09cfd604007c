"""The engine loads and checks content without MkDocs, so moving off MkDocs touches only hooks/ and overrides/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, run_offline

SCRIPT = """
import sys
from pathlib import Path
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


CHECK_OFFLINE = """
import sys
sys.modules["mkdocs"] = None
sys.modules["material"] = None
from psychoed.cli import run
sys.exit(run(["check", "--no-links", "--format", "json"]))
"""


def test_check_runs_without_mkdocs_and_without_the_network(tmp_path: Path) -> None:
    done = run_offline(CHECK_OFFLINE, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(json.loads(done.stdout)["articles"]) == len(list((REPO / "content" / "articles").glob("*.md")))
