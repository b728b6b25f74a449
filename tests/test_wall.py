"""Whoosh's private internals are touched in index/whooshfast/ alone, and its
docstring lists exactly the ones it touches."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import whoosh

import papersearch
from papersearch.index import whooshfast

SRC = Path(papersearch.__file__).resolve().parent
WALL = Path(whooshfast.__file__).resolve().parent


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def trees(paths):
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}


def listed_surface() -> dict[str, set[str]]:
    """The docstring's list: Whoosh class path -> private names."""
    text = re.sub(r"\n\s+(?=_)", " ", whooshfast.__doc__)  # names wrapped onto the next line
    return {
        m.group(1): {name.strip() for name in m.group(2).split(",")}
        for m in re.finditer(r"^- (whoosh\.[\w.]+): (.+)$", text, flags=re.M)
    }


def whoosh_bases(tree: ast.Module) -> set[str]:
    """Names a module imports from whoosh."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh")
        for alias in node.names
    }


def defined_names(node: ast.AST) -> set[str]:
    """The functions, classes and assigned attributes defined anywhere in node."""
    names = set()
    for child in ast.walk(node):
        if isinstance(child, (ast.FunctionDef, ast.ClassDef)):
            names.add(child.name)
        elif isinstance(child, ast.Attribute) and isinstance(child.ctx, ast.Store):
            names.add(child.attr)
    return names


def own_names(tree: ast.Module) -> set[str]:
    """Private names a module defines itself: its functions and classes, and
    the methods and attributes of its classes that extend no Whoosh class."""
    from_whoosh = whoosh_bases(tree)
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    names |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        if any(isinstance(b, ast.Name) and b.id in from_whoosh for b in cls.bases):
            continue
        names |= defined_names(cls)
    return {n for n in names if private(n)}


def used_names(tree: ast.Module) -> set[str]:
    """Private attribute names a module reads, writes or overrides."""
    used = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and private(n.attr)}
    from_whoosh = whoosh_bases(tree)
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        if any(isinstance(b, ast.Name) and b.id in from_whoosh for b in cls.bases):
            used |= {f.name for f in cls.body if isinstance(f, ast.FunctionDef) and private(f.name)}
    return used


def test_the_docstring_lists_every_private_name_the_wall_uses():
    wall = trees(WALL.glob("*.py"))
    ours = set().union(*(own_names(t) for t in wall.values()))
    used = set().union(*(used_names(t) for t in wall.values())) - ours
    listed = set().union(*listed_surface().values())
    assert used == listed
    assert len(listed) > 30


def test_each_listed_name_is_the_named_whoosh_class_s_own():
    for path, names in listed_surface().items():
        module, _, name = path.rpartition(".")
        cls = getattr(importlib.import_module(module), name)
        source = "".join(inspect.getsource(c) for c in cls.__mro__ if c.__module__.startswith("whoosh"))
        for attr in names:
            assert re.search(rf"\b{attr}\b", source), f"{path}.{attr}"


def whoosh_private_names() -> set[str]:
    """Every private name Whoosh defines: functions, methods, attributes."""
    names = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= defined_names(tree)
    return {n for n in names if private(n)}


def test_no_other_module_touches_a_private_name_of_whoosh():
    outside = trees(p for p in SRC.rglob("*.py") if WALL not in p.parents)
    assert len(outside) > 30
    ours = set().union(*(own_names(t) for t in outside.values()))
    theirs = whoosh_private_names()
    for path, tree in outside.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
                assert not any(private(part) for part in node.module.split(".")), path
                assert not [a.name for a in node.names if private(a.name)], path
            if isinstance(node, ast.Import):
                assert not [a.name for a in node.names if a.name.startswith("whoosh") and "._" in a.name], path
        touched = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and private(n.attr)}
        assert not (touched & theirs) - ours, path
