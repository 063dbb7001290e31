"""The code's layout: the modules that read inputs (ingest, fetch, sources) do not import each other in a
circle; the decoding they share lives in its own low module."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "armswatch"


def imports_of(path: Path) -> set[str]:
    """The armswatch modules a file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("armswatch"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("armswatch"))
    return found


def test_the_input_modules_import_no_circle() -> None:
    graph = {name: imports_of(PACKAGE / f"{name}.py") for name in ("decode", "ingest", "fetch", "sources")}
    assert not any(f"armswatch.{m}" in graph["decode"] for m in ("ingest", "fetch", "sources"))
    assert "armswatch.ingest" not in graph["fetch"] | graph["sources"]
    assert "armswatch.sources" not in graph["fetch"]
