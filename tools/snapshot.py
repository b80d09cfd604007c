"""Record what psychoed says and builds, so a refactoring can show that nothing changed.

Run from a checkout: ``python -m tools.snapshot OUT``. For this repository's own site, the other
clinic's fork (tests/other_clinic.py) and every case of the hostile corpus (tests/hostile.py) it writes
the exit code and output of ``psychoed check --format json``, ``psychoed rules --format json`` and
``psychoed reviews --format json``, and the built site's pages. ``diff -r`` of two snapshots, taken
before and after a change on the same day, is the proof; ``sitemap.xml.gz`` is left out (gzip stamps
the time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import REPO, TODAY_EPOCH
from tests.hostile import CORPUS
from tests.other_clinic import make_other_clinic
from tests.test_hostile_input import _write

_ENV = {key: value for key, value in os.environ.items() if key not in ("GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH")}
_ENV["NO_MKDOCS_2_WARNING"] = "1"
_TEST_DAY = {**_ENV, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
"""The hostile cases are dated for the tests' day; the two sites are built on the real one, as clinics do."""


def _run(out: Path, name: str, cwd: Path, *argv: str, env: dict[str, str] = _ENV) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *argv], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    text = (done.stdout + done.stderr).replace(str(cwd), "<site>").replace(str(cwd.parent), "<folder>")
    (out / f"{name}.txt").write_text(f"exit {done.returncode}\n{text}", encoding="utf-8")


def _site(out: Path, root: Path, *, links: bool = True) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _run(out, "check", root, "psychoed", "check", "--format", "json", *([] if links else ["--no-links"]))
    _run(out, "rules", root, "psychoed", "rules", "--format", "json")
    _run(out, "reviews", root, "psychoed", "reviews", "--format", "json")
    built = root / "snapshot-site"
    _run(out, "build", root, "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(built))
    if built.is_dir():
        shutil.copytree(built, out / "site", ignore=shutil.ignore_patterns("*.gz"))


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve()
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        shutil.copytree(REPO, sample, ignore=shutil.ignore_patterns(".git", ".venv", "site", "__pycache__"))
        _site(out / "sample", sample)
        other = Path(tmp) / "other"
        make_other_clinic(REPO, other)
        _site(out / "other", other.parent / "other")
        for index, (name, case) in enumerate(sorted(CORPUS.items())):
            root = Path(tmp) / f"hostile-{index}" / "site"
            root.mkdir(parents=True)
            _write(root, case)
            folder = out / "hostile" / name.replace("/", "_")
            folder.mkdir(parents=True)
            _run(folder, "check", root, "psychoed", "check", "--format", "json", "--no-links", env=_TEST_DAY)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
