"""The fork the site tests build: made from whatever a clinic's mkdocs.yml holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from psychoed.settings.load import load_settings

from .conftest import REPO
from .other_clinic import CLINIC_NAME, _TagKeepingDumper, _TagKeepingLoader, make_other_clinic

EMOJI = """
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def test_a_clinics_tagged_settings_survive_into_the_fork_and_it_builds(tmp_path: Path) -> None:
    """Clinics add extensions configured with `!!python/name:` tags (emoji, say): the fork keeps them."""
    clinic = tmp_path / "clinic"
    shutil.copytree(REPO, clinic, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info"))
    shutil.rmtree(clinic / "site", ignore_errors=True)
    config = clinic / "mkdocs.yml"
    # Read and written as YAML, never as text: a clinic's file may be laid out any way YAML allows.
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TagKeepingLoader)
    data["markdown_extensions"] += yaml.load(EMOJI, Loader=_TagKeepingLoader)
    config.write_text(yaml.dump(data, Dumper=_TagKeepingDumper, sort_keys=False), encoding="utf-8")
    fork = make_other_clinic(clinic, tmp_path / "fork")
    written = fork.read_text(encoding="utf-8")
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    assert load_settings(fork).clinic_name == CLINIC_NAME
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(fork)],
        cwd=fork.parent, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (fork.parent / "site" / "articles" / "handling-everyday-stress" / "index.html").is_file()
