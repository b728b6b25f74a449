"""The architecture as the README draws it: stages import only the stages
before them, and no module imports itself back through others."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "papersearch"
# The order data flows in; shared foundations first.
STAGES = {
    "model": 0,
    "errors": 0,
    "paths": 0,
    "text": 0,
    "reader": 1,
    "split": 2,
    # a page's place in its paper's run, read while splitting (furniture, datelines)
    # and from paths; its filters, joins and timelines take a searcher from their caller
    "archive": 2,
    "analysis": 3,
    "index": 4,
    "search": 5,
    "engines": 5,  # an index and its search, in a folder or on a cluster
    "cli": 6,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every papersearch module the file imports, at its top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("papersearch"):
            found.add(node.module)
            found |= {
                f"{node.module}.{a.name}"
                for a in node.names
                if (PACKAGE.parent / node.module.replace(".", "/") / a.name).exists()
            }
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import (the architecture test reads absolute ones)")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("papersearch")}
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: {m for m in imports_of(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.count(".") >= 1 and not m.endswith("__main__")))
def test_a_module_imports_no_stage_after_its_own(module):
    own = stage(module)
    assert own is not None, f"{module}: a package the architecture does not place (add it to STAGES and the README)"
    later = sorted(m for m in GRAPH[module] if (stage(m) or 0) > own)
    assert not later, f"{module} (stage {own}) imports {later}"


def test_no_import_cycles():
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(name, path):
        state[name] = 1
        for nxt in sorted(GRAPH[name]):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt) :] + [nxt] if nxt in path else [name, nxt])
                return True
            if nxt not in state and visit(nxt, path + [nxt]):
                return True
        state[name] = 2
        return False

    for name in sorted(MODULES):
        if name not in state and name != "papersearch" and visit(name, [name]):
            break
    assert not cycle, " -> ".join(cycle)


def test_the_checks_read_the_real_graph():
    # the checks above would pass on an empty graph: make sure imports are read,
    # function-level ones included
    assert "papersearch.index.format" in GRAPH["papersearch.search.searcher"]
    assert "papersearch.index.indexer" in GRAPH["papersearch.engines"]
    assert stage("papersearch.cli.main") > stage("papersearch.search.query") > stage("papersearch.split.layout")
