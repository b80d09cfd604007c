"""The engine loads and checks content without MkDocs, so moving off MkDocs touches only hooks/ and overrides/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import article_text, run_offline, write_site

EASY = "Sleep helps you feel well. Go to bed at the same time.\n"

SCRIPT = """
import sys
from pathlib import Path
sys.modules["mkdocs"] = None  # any `import mkdocs...` now fails
sys.modules["material"] = None
from pathlib import Path
import psychoed, psychoed.cli.app
from psychoed.content.dates import today
settings = psychoed.load_settings(Path("mkdocs.yml"))
library = psychoed.load_library(Path(settings.content_dir), settings, today())
print(len(library.articles))
"""


def test_engine_loads_content_with_mkdocs_unavailable(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"one": article_text(EASY), "two": article_text(EASY, status="draft")})
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 2


CHECK_OFFLINE = """
import sys
sys.modules["mkdocs"] = None
sys.modules["material"] = None
from psychoed.cli.app import run
sys.exit(run(["check", "--no-links", "--format", "json"]))
"""


def test_check_runs_without_mkdocs_and_without_the_network(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"one": article_text(EASY), "two": article_text(EASY)})
    done = run_offline(CHECK_OFFLINE, tmp_path / "home", cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(json.loads(done.stdout)["articles"]) == 2


CHECK_ONE_WITH_LINKS = """
import sys
sys.modules["mkdocs"] = None
sys.modules["material"] = None
from psychoed.cli.app import run
sys.exit(run(["check", "--format", "json", "content/articles/one.md"]))
"""


def test_a_pull_requests_link_check_runs_without_mkdocs(tmp_path: Path) -> None:
    """One changed article's links are followed from its text: no build, so no MkDocs."""
    body = EASY + "\nSee [the other](two.md#nowhere).\n"
    root = write_site(tmp_path / "site", {"one": article_text(body), "two": article_text(EASY)})
    done = run_offline(CHECK_ONE_WITH_LINKS, tmp_path / "home", cwd=root)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [f["rule"] for f in report["findings"]] == ["links.anchor"]
    assert report["summary"]["links_checked"] is True
