"""Whoosh's own public writer (the fallback when Whoosh is not the pinned
version, or PAPERSEARCH_WHOOSH_FALLBACK=1) finds what the bulk writer finds.

Each build runs in a process of its own: the writing path is decided once,
when the process imports papersearch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from papersearch.index.whooshfast import FALLBACK_ENV, PINNED, fallback_reason
from papersearch.search.searcher import Index

HERE = Path(__file__).resolve().parent
CORPUS = [HERE.parent / "seeds", HERE / "pages", HERE / "realtext_pages"]
QUERIES = list(json.loads((HERE / "expected_hits.json").read_text(encoding="utf-8")))

BUILD = """
import sys
import papersearch
for _ in range(int(sys.argv[2])):
    papersearch.build_index(sys.argv[3:], index=sys.argv[1], jobs=2, rebuild=True)
"""


def build(folder: Path, paths, fallback: bool, times: int = 1) -> str:
    """Build the index in a new process on one writing path; return its stderr."""
    env = {**os.environ, FALLBACK_ENV: "1" if fallback else "0", "PYTHONPATH": str(HERE.parent / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", BUILD, str(folder), str(times), *map(str, paths)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def hits(folder: Path) -> dict[str, list[tuple[str, float]]]:
    with Index(folder) as index:
        return {q: [(h.article.id, round(h.score, 4)) for h in index.search(q, limit=20)] for q in QUERIES}


def counts(folder: Path) -> dict:
    with Index(folder) as index:
        stats = index.stats()
    stats = stats if isinstance(stats, dict) else vars(stats)
    return {key: stats[key] for key in ("pages", "articles", "kinds", "terms")}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("writers")
    build(root / "bulk", CORPUS, fallback=False)
    build(root / "public", CORPUS, fallback=True)
    return root / "bulk", root / "public"


def test_the_fallback_writer_finds_the_same_articles_in_the_same_order(both):
    bulk, public = hits(both[0]), hits(both[1])
    assert sum(map(len, bulk.values())) > 200  # the queries do find things
    for query in QUERIES:
        assert public[query] == bulk[query], query


def test_the_fallback_writer_counts_the_same_pages_articles_and_terms(both):
    assert counts(both[1]) == counts(both[0])
    assert counts(both[0])["terms"]["body_ng"] > 10_000


def test_the_fallback_warns_once_per_process_and_says_why(tmp_path):
    err = build(tmp_path / "ix", [HERE.parent / "seeds"], fallback=True, times=2)
    assert err.count("warning") == 1 and f"{FALLBACK_ENV}=1" in err, err
    assert "Whoosh" in err.splitlines()[0]


def test_the_fast_path_says_nothing(tmp_path):
    if fallback_reason(environ={}):
        pytest.skip("this Whoosh is not the pinned one: every writer is the fallback")
    assert build(tmp_path / "ix", [HERE.parent / "seeds"], fallback=False) == ""


def test_an_index_the_fast_path_wrote_is_updated_by_the_fallback(tmp_path, pages_copy):
    page = pages_copy / "002_85826b4b7510fe28.txt"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    build(tmp_path / "ix", [pages_copy], fallback=False)
    with Index(tmp_path / "ix") as index:
        assert not index.search("杂交水稻")
        before = [a.id for a in index.articles()]
    page.write_text(text, encoding="utf-8")
    update = "import sys, papersearch; papersearch.build_index([sys.argv[2]], index=sys.argv[1], jobs=1)"
    env = {**os.environ, FALLBACK_ENV: "1", "PYTHONPATH": str(HERE.parent / "src")}
    subprocess.run([sys.executable, "-c", update, str(tmp_path / "ix"), str(pages_copy)], env=env, check=True, timeout=300)
    with Index(tmp_path / "ix") as index:
        assert index.search("杂交水稻")[0].article.id.startswith(page.stem)
        assert set(before) < {a.id for a in index.articles()}


def test_the_fast_path_is_for_the_pinned_whoosh_alone():
    assert fallback_reason(PINNED, {}) == ""
    assert "3.55.0" in fallback_reason((3, 55, 0), {}) and "3.54.0" in fallback_reason((3, 55, 0), {})
    assert FALLBACK_ENV in fallback_reason(PINNED, {FALLBACK_ENV: "1"})
    assert fallback_reason(PINNED, {FALLBACK_ENV: "0"}) == ""
