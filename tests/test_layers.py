"""The engine's folders are its layers: each imports only those before it, never MkDocs.

The order is the one the README's "How it is built" and the package docstring give. A module that
needs something from a later layer is in the wrong folder, and this test says which import breaks it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

ENGINE = REPO / "src" / "psychoed"

LAYERS = (
    ("findings", "errors", "formats"),
    ("source",),
    ("settings",),
    ("content",),
    ("writing",),
    ("search",),
    ("review",),
    ("pages",),
    ("checks",),
    ("site",),
    ("audit",),
    ("build",),
    ("cli", "__main__"),
)
"""Earliest first. The package's ``__init__`` re-exports the model and is not a layer."""


def _layer(part: str) -> int:
    for index, names in enumerate(LAYERS):
        if part in names:
            return index
    raise AssertionError(f"`{part}` is in no layer: add it to LAYERS and to the README's layout")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module)] + [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_every_engine_module_imports_only_its_own_layer_and_those_before_it() -> None:
    wrong = []
    for path in sorted(ENGINE.rglob("*.py")):
        relative = path.relative_to(ENGINE)
        if relative.parts == ("__init__.py",):
            continue
        own = _layer(relative.parts[0].removesuffix(".py"))
        for line, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "psychoed" or len(parts) < 2 or (ENGINE / parts[1]).suffix or parts[1] == "data":
                continue
            if not ((ENGINE / parts[1]).is_dir() or (ENGINE / f"{parts[1]}.py").is_file()):
                continue  # `from psychoed import x`: a name of the package itself
            if _layer(parts[1]) > own:
                wrong.append(f"src/psychoed/{relative}:{line} imports {module}, from a later layer")
    assert wrong == []


def test_no_engine_module_imports_mkdocs_or_material() -> None:
    found = [
        f"src/psychoed/{path.relative_to(ENGINE)}:{line} imports {module}"
        for path in sorted(ENGINE.rglob("*.py"))
        for line, module in _imports(path)
        if module.split(".")[0] in ("mkdocs", "material")
    ]
    assert found == []


def test_every_layer_named_exists_and_every_folder_is_a_layer() -> None:
    folders = {p.name for p in ENGINE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    modules = {p.stem for p in ENGINE.glob("*.py")} - {"__init__"}
    named = {name for names in LAYERS for name in names}
    assert named == folders | modules
