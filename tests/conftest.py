"""Shared fixtures: the bundled seed pages and a real index of them in a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold_seeds.json"


def _fast_path_written_for_this_whoosh() -> bool:
    from papersearch.index.whooshfast import fallback_reason

    return not fallback_reason(environ={})


# The bulk writer's and compact codec's own tests: with another Whoosh than
# the pinned one papersearch never uses them (it writes on Whoosh's public API).
collect_ignore = [] if _fast_path_written_for_this_whoosh() else ["test_bulkwriter.py", "test_termtable.py"]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the seed pages, built once through the library."""
    from papersearch.index.indexer import build_index

    folder = tmp_path_factory.mktemp("ix") / "index"
    build_index(folder, [SEEDS], jobs=1)
    return folder


@pytest.fixture
def pages_copy(tmp_path) -> Path:
    """A private copy of the seed pages that a test may change."""
    dest = tmp_path / "pages"
    shutil.copytree(SEEDS, dest)
    return dest
