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


def top_level_names(path: Path) -> set[str]:
    """The names a module assigns or defines at its top level."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def test_each_shared_thing_has_one_home() -> None:
    """Document columns, the entity-type preference, the register request and its CSV writer, the end of a
    date period and the submit service are each defined in one module only."""
    modules = sorted(PACKAGE.rglob("*.py"))
    for name in (
        "DOC_COLUMNS",
        "TYPE_PREFERENCE",
        "ACTOR_PREFERENCE",
        "ACTOR_TYPE_ORDER",
        "RegisterParams",
        "SubmittedDocument",
        "end_of_period",
        "until_inclusive",
        "submit_document",
        "register_cases",
        "write_rows_csv",
        "PLACE_ROLES",
    ):
        homes = [m.relative_to(PACKAGE).as_posix() for m in modules if name in top_level_names(m)]
        assert len(homes) <= 1, f"{name} is defined in {homes}"
    # list roles come from the ontology, never from a literal
    for module in modules:
        text = module.read_text(encoding="utf-8")
        assert '{"parties", "participants"}' not in text, module.name
        assert '("parties", "participants")' not in text or module.name == "ontology.py", module.name


def test_the_web_layer_reads_through_the_query_layer() -> None:
    """The API and the pages build no SQL of their own and submit through the pipeline's one service."""
    for name in ("api.py", "pages.py", "submit.py"):
        path = PACKAGE / "web" / name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        sql = {
            a.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy"
            for a in node.names
        }
        assert not sql, f"web/{name} imports {sql} from sqlalchemy"
        assert "entity_aliases" not in path.read_text(encoding="utf-8"), name
        assert (
            not imports_of(path) & {"armswatch.ingest", "armswatch.fetch", "armswatch.fuse"}
            or name == "submit.py"
        )
    assert "armswatch.pipeline" in imports_of(PACKAGE / "web" / "submit.py")


def test_the_token_is_checked_in_one_place() -> None:
    """Bearer header, login form, submit form and login cookie, server token and users' tokens alike, all
    compare secrets through users.same_secret."""
    users = [
        m.relative_to(PACKAGE).as_posix()
        for m in PACKAGE.rglob("*.py")
        if "compare_digest" in m.read_text(encoding="utf-8")
    ]
    assert users == ["users.py"]
