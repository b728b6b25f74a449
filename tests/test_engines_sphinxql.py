"""The sphinxql engine on a real two-shard Sphinx cluster (conftest's sphinx_cluster):
the same articles as the embedded index for every query, grep's recall,
a dead shard, re-indexing after changes, and the commands over it."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EVAL_QUERIES
from engine_oracle import embedded_ids, oracle, random_queries

from papersearch.engines import EngineURL, index_pages
from papersearch.engines.cluster import start
from papersearch.engines.sphinxql import SphinxEngine
from papersearch.search.searcher import Index

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def real_pages() -> list[Path]:
    return sorted(ROOT.joinpath("seeds").glob("*.txt")) + sorted(
        p for d in ("pages", "other_papers", "realtext_pages") for p in TESTS.joinpath(d).rglob("*.txt")
    )


def write_corpus(dest: Path, pages: int = 200, seed: int = 3) -> Path:
    """The real test pages, and shuffles of their blank-line separated blocks up to pages in all."""
    dest.mkdir(parents=True)
    blocks = []
    for n, page in enumerate(real_pages()):
        data = page.read_bytes()
        (dest / f"real{n:03d}.txt").write_bytes(data)
        text = data.decode("utf-8", errors="ignore") if "big5" not in page.name else ""
        blocks += [b for b in text.split("\n\n") if b.strip()]
    rng = random.Random(seed)
    for n in range(len(real_pages()), pages):
        (dest / f"mix{n:03d}.txt").write_text("\n\n".join(rng.sample(blocks, 12)) + "\n", encoding="utf-8")
    return dest


def engine(url: str, index_folder: Path) -> SphinxEngine:
    parsed = EngineURL.parse(url)
    return SphinxEngine(parsed, parsed.state_file(index_folder))


def cli(*args, env_extra=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "papersearch", *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sphinx_cluster):
    """200 pages indexed into the cluster and into an embedded index, once."""
    work = tmp_path_factory.mktemp("engines")
    pages = write_corpus(work / "pages")
    index_pages(None, work / "ix", [pages], jobs=2)
    index_pages(sphinx_cluster.url, work / "ix", [pages], rebuild=True, jobs=2)
    return work


def test_eval_and_random_queries_find_the_same_articles_as_the_embedded_index_and_grep(corpus, sphinx_cluster):
    with Index(corpus / "ix") as embedded, engine(sphinx_cluster.url, corpus / "ix") as sphinx:
        articles = embedded.articles()
        queries = EVAL_QUERIES + random_queries(articles, 150)
        assert any(q.startswith("author:") for q in queries) and any(" OR " in q for q in queries)
        nonempty = 0
        for q in queries:
            truth = oracle(articles, q)
            assert embedded_ids(embedded, q) == truth, q
            assert sphinx.matching_ids(q) == truth, q
            nonempty += bool(truth)
        assert nonempty > len(queries) // 2


def test_top_hits_are_the_matching_articles_ranked_kind_first(corpus, sphinx_cluster):
    with Index(corpus / "ix") as embedded, engine(sphinx_cluster.url, corpus / "ix") as sphinx:
        for q in EVAL_QUERIES:
            everything = embedded_ids(embedded, q)
            hits = sphinx.search(q, limit=10)
            assert [h.article.id for h in hits] == [h.article.id for h in sphinx.search(q, limit=10)]  # stable
            assert {h.article.id for h in hits} <= everything
            assert len(hits) == min(10, len(everything)), q
            scores = [h.score for h in hits]
            assert scores == sorted(scores, reverse=True)
            assert all(h.snippet.text for h in hits if h.article.text)


def test_the_commands_work_over_the_engine(corpus, sphinx_cluster):
    env = {"PAPERSEARCH_ENGINE": sphinx_cluster.url}
    ix = str(corpus / "ix")
    found = cli("--index", ix, "query", "杂交水稻", "--json", env_extra=env)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits and all("partial" not in h for h in hits)
    shown = cli("--index", ix, "show", hits[0]["id"], "--json", env_extra=env)
    assert json.loads(shown.stdout)["id"] == hits[0]["id"]
    listed = cli("--index", ix, "list", "--json", "--engine", sphinx_cluster.url)
    with Index(corpus / "ix") as embedded:
        assert sorted(a["id"] for a in json.loads(listed.stdout)) == sorted(a.id for a in embedded.articles())
    exported = cli("--index", ix, "export", "--engine", sphinx_cluster.url)
    assert len(exported.stdout.splitlines()) == len(json.loads(listed.stdout))
    stats = cli("--index", ix, "stats", "--json", env_extra=env)
    data = json.loads(stats.stdout)
    assert data["articles"] == len(json.loads(listed.stdout)) and data["pages"] == 200
    assert cli("--index", ix, "query", "这串字不在任何文章里ZZQ", env_extra=env).returncode == 1
    unknown = cli("--index", ix, "show", "nope-1", env_extra=env)
    assert unknown.returncode == 2 and "no article" in unknown.stderr


def test_a_dead_shard_gives_the_live_shards_hits_marked_partial_and_loses_nothing(corpus, sphinx_cluster):
    env = {"PAPERSEARCH_ENGINE": sphinx_cluster.url}
    ix = str(corpus / "ix")
    whole = {h["id"] for h in json.loads(cli("--index", ix, "query", "的", "-n", "10000", "--json", env_extra=env).stdout)}
    conf = sphinx_cluster.data / "articles_1.conf"
    pid = int((sphinx_cluster.data / "articles_1" / "searchd.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    try:
        while Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z":
            time.sleep(0.05)
        res = cli("--index", ix, "query", "的", "-n", "10000", "--json", env_extra=env)
        assert res.returncode == 0
        warning = [line for line in res.stderr.splitlines() if line]
        assert len(warning) == 1 and "partial" in warning[0] and "articles_1" in warning[0], res.stderr
        hits = json.loads(res.stdout)
        assert hits and all(h["partial"] == [f"articles_1 at 127.0.0.1:{sphinx_cluster.port + 5}"] for h in hits)
        assert 0 < len(hits) < len(whole) and {h["id"] for h in hits} <= whole
        status = cli("--index", ix, "cluster", "status", env_extra=env)
        assert status.returncode == 1 and "DOWN" in status.stdout
    finally:
        start(conf, "127.0.0.1", sphinx_cluster.port + 4)
    res = cli("--index", ix, "query", "的", "-n", "10000", "--json", env_extra=env)
    assert res.returncode == 0 and not res.stderr
    assert {h["id"] for h in json.loads(res.stdout)} == whole
    assert cli("--index", ix, "cluster", "status", env_extra=env).returncode == 0


def test_reindexing_after_changing_a_tenth_of_the_pages_holds_exactly_the_live_articles(tmp_path, sphinx_cluster):
    pages = write_corpus(tmp_path / "pages", pages=60, seed=5)
    index_pages(sphinx_cluster.url, tmp_path / "ix", [pages], rebuild=True, jobs=2)
    rng = random.Random(11)
    files = sorted(pages.glob("*.txt"))
    for path in rng.sample(files, 6):
        if rng.random() < 0.5:
            path.unlink()
        else:
            text = path.read_text(encoding="utf-8", errors="ignore").split("\n\n")
            path.write_text("\n\n".join(text[: max(1, len(text) // 2)]) + "\n", encoding="utf-8")
    summary = index_pages(sphinx_cluster.url, tmp_path / "ix", [pages], jobs=2)
    assert summary.added + summary.removed == 6
    fresh = index_pages(None, tmp_path / "fresh", [pages], jobs=2)
    with Index(tmp_path / "fresh") as embedded, engine(sphinx_cluster.url, tmp_path / "ix") as sphinx:
        want = {a.id: a for a in embedded.articles()}
        got = {a.id: a for a in sphinx.articles()}
        assert len(got) == fresh.articles
        assert got == want
    assert cli("--index", str(tmp_path / "ix"), "cluster", "status", "--engine", sphinx_cluster.url).returncode == 0


def test_an_engine_that_does_not_answer_is_one_line_and_status_2(tmp_path, sphinx_cluster):
    closed = f"sphinxql://127.0.0.1:{sphinx_cluster.port + 1000}/articles"
    for args in (("query", "杂交水稻"), ("stats",), ("index", str(ROOT / "seeds"))):
        res = cli("--index", str(tmp_path / "ix"), *args, "--engine", closed)
        assert res.returncode == 2 and len(res.stderr.splitlines()) == 1, res.stderr
        assert "does not answer" in res.stderr and "Traceback" not in res.stderr
    bad = cli("query", "x", "--engine", "mysql://nowhere")
    assert bad.returncode == 2 and "not an engine URL" in bad.stderr
