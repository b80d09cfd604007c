"""Files in ``docs/`` that are not pages: published only if they are images, judged by what they are.

MkDocs copies every other file in ``docs/`` to the site as it is. A
``docs/x.html`` with a script is served with no policy; an SVG runs its
script when opened; a ``docs/assets/psychoed/psychoed.js`` replaces the script
every page loads (``'self'`` in the policy allows it) and could rewrite the
crisis numbers. So a file there is accepted only when its first bytes say it
is a raster image (PNG, JPEG, GIF, WebP or AVIF), its name ends as that kind
of image does (hosts pick the content type from the name), it is not too
large for a phone, and it does not sit where the theme or ``overrides/`` keeps
a file. Everything else is refused at its path with the reason.

PDF is refused too: a PDF can carry scripts, forms and links, and a handout is
better as a page, which prints (decided in issue 16).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from psychoed.findings import Problem, Rule

STATIC_FILE = Rule(
    "security.static-file",
    "error",
    "A file in `docs/` is published as it is: HTML, SVG, scripts and styles in it would run on readers' "
    "screens, so only images are published.",
    "Keep only PNG, JPEG, GIF, WebP or AVIF images (under the size limit) beside the pages; write pages in Markdown.",
    configurable=False,
)
RESERVED_PATH = Rule(
    "security.reserved-path",
    "error",
    "A file in `docs/` at a path the theme uses would replace the theme's own script, style or image on every page.",
    "Move the file to another folder, such as `docs/images/`.",
    configurable=False,
)
RULES = (STATIC_FILE, RESERVED_PATH)

MAX_IMAGE_BYTES = 2 * 1024 * 1024
"""Largest image published: 2 MB already takes seconds on a slow phone connection."""

_SIGNATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PNG", (".png",)),
    ("JPEG", (".jpg", ".jpeg")),
    ("GIF", (".gif",)),
    ("WebP", (".webp",)),
    ("AVIF", (".avif",)),
)
_REFUSED_KINDS = {
    ".svg": "an SVG image, which can run scripts",
    ".pdf": "a PDF, which can carry scripts and forms",
    ".html": "an HTML page, which can run scripts",
    ".htm": "an HTML page, which can run scripts",
    ".js": "a script",
    ".css": "a style sheet, which can hide or cover the crisis help",
}
THEME_FOLDERS = ("assets/", "search/", "search-index/")
"""Folders of the built site that belong to the theme (Material's scripts, styles, images) and to psychoed's
search index (``search-index/``, which every search reads)."""
THEME_FILES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "_headers"})
"""Files psychoed and MkDocs write at the site's top."""


def image_kind(head: bytes) -> str | None:
    """The kind of raster image whose file starts with ``head`` (its first 16 bytes), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    return None


def published_files(docs_dir: Path) -> Iterator[Path]:
    """Every file MkDocs would publish from ``docs_dir``, pages included (MkDocs leaves out names starting
    with a dot and the ``templates/`` folder)."""
    if not docs_dir.is_dir():
        return
    for current, folders, files in os.walk(docs_dir):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        if Path(current) == docs_dir and "templates" in folders:
            folders.remove("templates")
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(current, name)


def static_file_problems(docs_dir: Path, reserved: Iterable[str] = ()) -> list[Problem]:
    """A problem for each file in ``docs_dir`` that is not a page or an image a page may show, and for each
    file (page or not) at a path the theme uses: ``THEME_FOLDERS``, ``THEME_FILES`` or ``reserved``
    (paths relative to the built site, such as the files in ``overrides/``). One walk of the folder."""
    problems = []
    taken = THEME_FILES | set(reserved)
    for path in published_files(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        page = relative.endswith(".md")
        published = relative.removesuffix(".md") + ".html" if page else relative
        if relative.startswith(THEME_FOLDERS) or published in taken or relative in taken:
            problems.append(
                RESERVED_PATH.at(
                    path,
                    None,
                    f"`{relative}` is where the theme keeps its own files, so it would replace them on every "
                    "page; move it to another folder, such as `docs/images/`.",
                )
            )
        problem = None if page else _image_problem(path)
        if problem is not None:
            problems.append(problem)
    return problems


def _image_problem(path: Path) -> Problem | None:
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(16)
    except OSError as error:
        return STATIC_FILE.at(path, None, f"cannot be read ({error.strerror}); replace it with an image file.")
    kind = image_kind(head)
    suffix = path.suffix.lower()
    if kind is None:
        what = _REFUSED_KINDS.get(suffix, f"not an image (`{suffix or path.name}`)")
        return STATIC_FILE.at(
            path,
            None,
            f"is {what}; only PNG, JPEG, GIF, WebP and AVIF images are published from `docs/`. Write a page in "
            "Markdown instead, or save the picture as PNG.",
        )
    extensions = dict(_SIGNATURES)[kind]
    if suffix not in extensions:
        return STATIC_FILE.at(
            path,
            None,
            f"holds a {kind} image but its name ends in `{suffix or '(nothing)'}`, so a browser could read it as "
            f"something else; rename it to end in `{extensions[0]}`.",
        )
    if size > MAX_IMAGE_BYTES:
        return STATIC_FILE.at(
            path,
            None,
            f"is {size / 1024 / 1024:.1f} MB, more than the {MAX_IMAGE_BYTES // 1024 // 1024} MB a reader's phone "
            "should load for one picture; save it smaller.",
        )
    return None
