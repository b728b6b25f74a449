"""No test touches a private name of Whoosh: a test that reaches into
Whoosh's internals (``ix._segments()``, ``info._minlength``) breaks on a
Whoosh upgrade that changes nothing a user sees, and passes on internals
instead of behaviour. The same rule test_wall applies to the package."""

from __future__ import annotations

import ast
from pathlib import Path

from test_wall import SRC, own_names, private, trees, whoosh_private_names

TESTS = Path(__file__).resolve().parent


def private_names_touched(tree: ast.Module) -> set[str]:
    """Private attributes read or written, and private names handed to
    setattr / getattr / monkeypatch.setattr as strings."""
    touched = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and private(n.attr)}
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if name in ("setattr", "getattr", "hasattr", "delattr"):
            touched |= {
                a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and private(a.value)
            }
    return touched


def test_no_test_touches_a_private_name_of_whoosh():
    tests = trees(sorted(TESTS.glob("*.py")))
    assert len(tests) > 30
    ours = set().union(*(own_names(t) for t in [*trees(SRC.rglob("*.py")).values(), *tests.values()]))
    theirs = whoosh_private_names()
    offenders = {path.name: sorted((private_names_touched(tree) & theirs) - ours) for path, tree in tests.items()}
    assert {name: names for name, names in offenders.items() if names} == {}


def test_the_check_sees_a_private_name_of_whoosh():
    theirs = whoosh_private_names()
    caught = private_names_touched(ast.parse("ix._segments()\nmonkeypatch.setattr(writer, '_check_state', None)"))
    assert caught & theirs == {"_segments", "_check_state"}
    assert not private_names_touched(ast.parse("ix.reader().doc_count()\nsetattr(x, 'public', 1)"))
