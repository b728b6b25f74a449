#!/usr/bin/env python3
"""Do the embedded index and a Sphinx cluster find the same articles? Against grep too.

Builds an embedded index and indexes the same pages into a two-shard Sphinx
cluster started on loopback (`papersearch cluster up`, stopped at the end;
or --engine URL for a running one), then runs every query of the eval file
and random literal substrings, phrases, field and boolean queries drawn from
the articles, and reports:

- how many queries match the same set of article ids (no limit) through both;
- recall and precision of each against the grep oracle (tests/engine_oracle.py);
- how many top-10 lists are the same ids in the same order, and the same set.

    python scripts/engine_equality.py --pages 2000                 # the real-vocabulary corpus
    python scripts/engine_equality.py --corpus seeds/ --random 300
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "scripts")]
QUERIES = ROOT.parent / "shared" / "eval" / "queries.json"


def free_port(span: int) -> int:
    for base in range(23000, 60000, 97):
        ok = True
        for p in range(base, base + span):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise SystemExit("no free ports")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, help="generate this many real-vocabulary pages (scripts/realcorpus.py)")
    ap.add_argument("--corpus", type=Path, help="or index this folder of pages")
    ap.add_argument("--random", type=int, default=200, help="random queries beside the eval file's (default 200)")
    ap.add_argument("--engine", help="a running cluster (default: start one)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    from engine_oracle import random_queries

    from papersearch.engines import index_pages
    from papersearch.engines.cluster import down, up
    from papersearch.engines.sphinxql import SphinxEngine
    from papersearch.search.searcher import Index

    work = Path(tempfile.mkdtemp(prefix="ps-equality-"))
    corpus = args.corpus
    if corpus is None:
        import realcorpus

        corpus = work / "pages"
        realcorpus.write_corpus(corpus, args.pages or 2000)
    url = args.engine
    if not url:
        port = free_port(6)
        up(2, work / "cluster", port)
        url = f"sphinxql://127.0.0.1:{port}/articles"
    try:
        t = time.perf_counter()
        index_pages(None, work / "ix", [corpus], jobs=args.jobs)
        print(f"embedded index: {time.perf_counter() - t:.1f}s", flush=True)
        t = time.perf_counter()
        summary = index_pages(url, work / "ix", [corpus], rebuild=True, jobs=args.jobs)
        print(f"sphinxql: {summary.articles} articles in {time.perf_counter() - t:.1f}s", flush=True)
        from papersearch.engines import EngineURL

        with (
            Index(work / "ix") as embedded,
            SphinxEngine(EngineURL.parse(url), EngineURL.parse(url).state_file(work / "ix")) as engine,
        ):
            articles = embedded.articles()
            queries = [q["q"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))] if QUERIES.exists() else []
            queries += random_queries(articles, args.random)
            report(queries, articles, embedded, engine)
    finally:
        if not args.engine:
            down(work / "cluster")
        shutil.rmtree(work, ignore_errors=True)


def report(queries, articles, embedded, engine) -> None:
    from engine_oracle import embedded_ids, oracle

    same_set = same_order = same_top_set = 0
    found = {"embedded": [0, 0, 0], "sphinxql": [0, 0, 0]}  # hits in oracle, oracle size, hits
    differ = []
    for q in queries:
        truth = oracle(articles, q)
        ours = embedded_ids(embedded, q)
        theirs = engine.matching_ids(q)
        for name, got in (("embedded", ours), ("sphinxql", theirs)):
            found[name][0] += len(got & truth)
            found[name][1] += len(truth)
            found[name][2] += len(got)
        if ours == theirs:
            same_set += 1
        else:
            differ.append((q, len(ours - theirs), len(theirs - ours)))
        top_a = [h.article.id for h in embedded.search(q, limit=10, snippets=0)]
        top_b = [h.article.id for h in engine.search(q, limit=10, snippets=0)]
        same_order += top_a == top_b
        same_top_set += set(top_a) == set(top_b)
        done = queries.index(q) + 1
        # a running tally, so a long run that is stopped still says what it found
        recall = {name: f"{hit}/{total} ({got - hit} beyond grep)" for name, (hit, total, got) in found.items()}
        print(
            f"  {done}: sets {same_set}/{done} equal, top 10 {same_order} same order, {same_top_set} same set; found of grep's {recall}",
            flush=True,
        )
    n = len(queries)
    print(f"queries: {n}")
    print(f"same matching set through both engines: {same_set}/{n}")
    for name, (hit, total, got) in found.items():
        print(f"{name}: recall against grep {hit / max(total, 1):.4f} ({hit}/{total}), precision {hit / max(got, 1):.4f}")
    print(f"top-10: same ids in the same order {same_order}/{n}, same set {same_top_set}/{n}")
    for q, missing, extra in differ[:20]:
        print(f"  differs: {q!r}: {missing} only embedded, {extra} only sphinxql")


if __name__ == "__main__":
    main()
