"""Search results do not change when the way the index is written changes.

tests/expected_hits.json holds, for a fixed corpus (the seed pages, the test
pages and ten pages of the real-vocabulary benchmark corpus) and fixed
queries, the ids of the top 20 hits in order, as the index written by
Whoosh's own term table and posting blocks gave them (first at 63200e0,
recorded again at 84e06a2 when splitting and ranking had changed: the hits
of the writer before the compact term table; and after the third round of
splitting rules, with the writer unchanged). Every index writer since must
give the same; re-record them only when splitting or ranking changes, with
the writer of the commit before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from papersearch.index.indexer import build_index
from papersearch.search.searcher import Index

HERE = Path(__file__).resolve().parent
CORPUS = [HERE.parent / "seeds", HERE / "pages", HERE / "realtext_pages"]
EXPECTED = HERE / "expected_hits.json"


def hits_of(folder: Path, queries: list[str]) -> dict[str, list[str]]:
    with Index(folder) as index:
        return {q: [h.article.id for h in index.search(q, limit=20)] for q in queries}


@pytest.mark.parametrize("jobs", [1, 2])
def test_hits_are_the_recorded_ones(tmp_path, jobs):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    folder = tmp_path / "index"
    build_index(folder, CORPUS, jobs=jobs)
    got = hits_of(folder, list(expected))
    assert sum(map(len, got.values())) > 200  # the queries do find things
    for query, ids in expected.items():
        assert got[query] == ids, query
