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


@pytest.fixture(scope="session")
def sphinx_cluster(tmp_path_factory):
    """Two shard searchd and one searchd holding the distributed table, on free
    loopback ports, started by papersearch's own 'cluster up' and stopped at
    the end. Without searchd the tests that need it skip, loudly."""
    from types import SimpleNamespace

    if shutil.which("searchd") is None:
        pytest.skip("SPHINX MISSING: no searchd on PATH, the sphinxql engine tests did not run (apt-get install sphinxsearch)")
    from papersearch.engines.cluster import down, up

    data = tmp_path_factory.mktemp("cluster")
    port = free_ports(6)
    processes = up(2, data, port)
    try:
        yield SimpleNamespace(url=f"sphinxql://127.0.0.1:{port}/articles", data=data, port=port, processes=processes)
    finally:
        down(data)


def free_ports(span: int) -> int:
    """The first of span consecutive loopback ports nothing listens on."""
    import random
    import socket

    rng = random.Random()
    for _ in range(200):
        base = rng.randrange(20000, 60000)
        taken = []
        for port in range(base, base + span):
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    taken.append(port)
        if not taken:
            return base
    raise RuntimeError("no free loopback ports")


# the queries of ../shared/eval/queries.json
EVAL_QUERIES = [
    "二十条措施",
    "文明城市",
    "杂交水稻",
    "孙大军",
    "核酸检测",
    "复工复产",
    "粮食安全",
    "摄影作品",
    "疫苗",
    "二十大精神",
]
