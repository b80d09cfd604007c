"""Lighthouse on a built site, as a phone on a slow connection sees it, served as a static host serves it.

    .venv/bin/python -m tools.lighthouse SITE_DIR PAGE [PAGE ...]

Used by the site tests (accessibility, best practices and SEO on every kind of page) and by
``bench/scale.py`` (performance and page weight, side by side with plain Material). Lighthouse 12.2.3 is
pinned in ``tools/npm/package-lock.json`` and installed by ``make test`` with ``npm ci``; it drives the
machine's Chromium (``$CHROMIUM``), never a browser of its own, and reaches nothing but the loopback server.

Why a server of our own: Lighthouse weighs what crosses the wire, and hosts such as GitHub Pages send text
gzip-compressed. Python's ``http.server`` sends it as it is on disk, which would make every page look three
times heavier than a reader's phone fetches.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, BinaryIO

from tools.loopback import loopback

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "tools" / "npm" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# As the browser tests start Chromium (tests/conftest.py): its background services would try to reach Google.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
    "--disable-component-update --disable-sync --disable-default-apps --no-first-run --disable-domain-reliability"
)
_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class CompressingHandler(SimpleHTTPRequestHandler):
    """Serves a built site as a static host does: text gzip-compressed when the browser asks for it, with
    the 404 page for a missing address."""

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in _COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged."""


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """``site_dir`` on a loopback address, compressed as a host serves it; yields the address of its top."""
    with loopback(partial(CompressingHandler, directory=str(site_dir))) as port:
        yield f"http://127.0.0.1:{port}/"


@dataclass(frozen=True)
class Report:
    """What Lighthouse found on one page."""

    url: str
    scores: dict[str, float]
    """Each category's score, 0 to 1."""
    transferred_kb: float
    """Everything the page fetched, as it crossed the wire (Lighthouse's total byte weight)."""
    failed: dict[str, str]
    """Audits that did not pass, with what Lighthouse says of them: the reason a score is below 1."""


def chromium() -> str:
    """The Chromium to drive: ``$CHROMIUM``, else the first on the ``PATH``."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
    if not found:
        raise SystemExit("Lighthouse needs Chromium: set CHROMIUM, or install Debian's chromium (make test does).")
    return found


def audit(url: str, *, browser: str | None = None) -> Report:
    """Lighthouse's mobile audit of ``url`` (a phone on simulated slow 4G, its default), every category."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make test` (or `npm ci --prefix tools/npm`) first.")
    with tempfile.TemporaryDirectory(prefix="psychoed-lighthouse-") as folder:
        out = Path(folder, "report.json")
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]  # fmt: skip
        # HOME: Chromium writes a profile, and a CI user's home may not be writable.
        env = {**os.environ, "CHROME_PATH": browser or chromium(), "HOME": folder}
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, env=env)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"Lighthouse failed on {url}:\n{(done.stderr or done.stdout)[-3000:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    return _report(url, data)


def _report(url: str, data: dict[str, Any]) -> Report:
    audits: dict[str, dict[str, Any]] = data["audits"]
    failed = {
        name: str(found.get("displayValue") or found.get("title") or "")
        for name, found in audits.items()
        if found.get("score") is not None
        and found["score"] < 1
        and found.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    }
    return Report(
        url,
        {name: float(found["score"]) for name, found in data["categories"].items()},
        float(audits["total-byte-weight"]["numericValue"]) / 1024,
        failed,
    )


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    site_dir, pages = Path(sys.argv[1]), sys.argv[2:]
    with served(site_dir) as top:
        for page in pages:
            report = audit(top + page)
            scores = ", ".join(f"{name} {report.scores[name]:.2f}" for name in CATEGORIES)
            print(f"{page}: {scores}; {report.transferred_kb:.0f} KB transferred")
            for name, said in report.failed.items():
                print(f"  {name}: {said}")


if __name__ == "__main__":
    main()
