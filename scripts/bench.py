#!/usr/bin/env python3
"""Benchmark papersearch against the obvious baseline, side by side, in one run.

The corpus is reproducible: seeded shuffles of the real seed pages' blocks
(blank-line separated runs of lines) into page files of about 15 KB. The
baseline is jieba's ChineseAnalyzer in a Whoosh schema, one document per
page, as the Whoosh docs suggest (install with `pip install -e ".[bench]"`).

    python scripts/bench.py --pages 2000
    python scripts/bench.py --pages 100 --pages 2000 --pages 10000 --no-baseline

Prints one table per scale: index wall time, MB/s, peak RSS, index size,
cold query p50/p90 (a new process per query, top 10 with snippets), warm
query p50, and re-indexing an unchanged corpus; each with its ratio to the
baseline.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERIES = [
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
    "雜交水稻",
    "李雪峰",
]
PAGE_BYTES = 15_000

BASELINE_INDEX = """
import sys
from pathlib import Path
from whoosh import fields, index
from jieba.analyse import ChineseAnalyzer
schema = fields.Schema(path=fields.ID(stored=True, unique=True), content=fields.TEXT(analyzer=ChineseAnalyzer(), stored=True))
ix = index.create_in(sys.argv[1], schema)
w = ix.writer(limitmb=256)
for p in sorted(Path(sys.argv[2]).glob("*.txt")):
    w.add_document(path=str(p), content=p.read_text(encoding="utf-8"))
w.commit()
"""

BASELINE_QUERY = """
import sys
from whoosh import index, qparser, highlight
from jieba.analyse import ChineseAnalyzer
ix = index.open_dir(sys.argv[1])
with ix.searcher() as s:
    q = qparser.QueryParser("content", ix.schema).parse(sys.argv[2])
    hits = s.search(q, limit=10)
    hits.fragmenter = highlight.ContextFragmenter(maxchars=120)
    for h in hits:
        print(h["path"], h.highlights("content"))
"""


def build_corpus(folder: Path, pages: int, seed: int = 1) -> int:
    blocks = []
    for page in sorted(SEEDS.glob("*.txt")):
        blocks += [b for b in page.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(pages):
        order = blocks[:]
        rng.shuffle(order)
        out, size = [], 0
        for block in order:
            if size >= PAGE_BYTES:
                break
            out.append(block)
            size += len(block.encode())
        data = "\n\n".join(out) + "\n"
        (folder / f"{n:05d}.txt").write_text(data, encoding="utf-8")
        total += len(data.encode())
    return total


def run(argv: list[str], env: dict | None = None, watch=None) -> tuple[float, str]:
    """Wall seconds and stdout of one command; watch(proc), if given, runs
    in a thread while the command does."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    watcher = threading.Thread(target=watch, args=(proc,), daemon=True) if watch else None
    if watcher:
        watcher.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    if watcher:
        watcher.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(argv)}\n{err.decode()[-2000:]}")
    return wall, out.decode()


def rss_of(argv: list[str], env=None) -> tuple[float, float]:
    """Wall time and peak memory (MB) of one command: the largest sum of the
    resident sets of the process and all its children (worker processes
    included; pages they share with the parent are counted in each, so this
    errs high), sampled every 20 ms."""
    peak = [0.0]

    def sample(proc):
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.02)

    wall, _ = run(argv, env, watch=sample)
    return wall, peak[0]


def tree_rss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def figures(wall, peak, ix: Path, raw_mb: float, cold: list[float], warm: list[float], reindex: float) -> dict:
    size = folder_mb(ix)
    return {
        "index s": wall,
        "MB/s": raw_mb / wall,
        "peak RSS MB": peak,
        "index MB": size,
        "size / raw": size / raw_mb,
        "cold p50 s": statistics.median(cold),
        "cold p90 s": pct(cold, 0.9),
        "warm p50 ms": statistics.median(warm) * 1000,
        "re-index s": reindex,
    }


def bench_papersearch(corpus: Path, work: Path, raw_mb: float) -> dict:
    ix = work / "ps-index"
    exe = [sys.executable, "-m", "papersearch", "--index", str(ix)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    wall, peak = rss_of([*exe, "index", "-q", str(corpus)], env)
    again, _ = rss_of([*exe, "index", "-q", str(corpus)], env)
    cold = [run([*exe, "query", q, "--limit", "10"], env)[0] for q in QUERIES for _ in range(2)]
    sys.path.insert(0, str(ROOT / "src"))
    from papersearch.search import Index

    with Index(ix) as index:
        index.search(QUERIES[0])
        warm = []
        for q in QUERIES * 3:
            t = time.perf_counter()
            index.search(q, limit=10)
            warm.append(time.perf_counter() - t)
    return figures(wall, peak, ix, raw_mb, cold, warm, again)


def bench_baseline(corpus: Path, work: Path, raw_mb: float) -> dict:
    ix = work / "base-index"
    ix.mkdir()
    wall, peak = rss_of([sys.executable, "-c", BASELINE_INDEX, str(ix), str(corpus)])
    cold = [run([sys.executable, "-c", BASELINE_QUERY, str(ix), q])[0] for q in QUERIES for _ in range(2)]
    from whoosh import index as windex
    from whoosh import qparser

    warm = []
    with windex.open_dir(str(ix)).searcher() as s:
        parser = qparser.QueryParser("content", s.schema)
        for q in QUERIES * 3:
            t = time.perf_counter()
            s.search(parser.parse(q), limit=10)
            warm.append(time.perf_counter() - t)
    # the baseline has no incremental mode: an unchanged corpus is indexed again
    return figures(wall, peak, ix, raw_mb, cold, warm, wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, action="append", help="corpus size in pages (repeatable; default 2000)")
    ap.add_argument("--no-baseline", action="store_true", help="measure papersearch only")
    ap.add_argument("--keep", type=Path, help="keep the corpora and indexes in this folder")
    args = ap.parse_args()
    for pages in args.pages or [2000]:
        work = Path(tempfile.mkdtemp(prefix="psbench-", dir=args.keep))
        corpus = work / "pages"
        raw_mb = build_corpus(corpus, pages) / 1e6
        ours = bench_papersearch(corpus, work, raw_mb)
        base = None if args.no_baseline else bench_baseline(corpus, work, raw_mb)
        print(f"\n{pages} pages, {raw_mb:.1f} MB of page text, {os.cpu_count()} cores")
        print("| figure | papersearch | baseline (jieba ChineseAnalyzer + Whoosh) | papersearch's advantage |")
        print("|---|---|---|---|")
        for name, value in ours.items():
            other = base[name] if base else None
            ratio = ""
            if other and value:
                # above 1: papersearch is better by that factor; below 1: worse
                ratio = f"{(value / other if name == 'MB/s' else other / value):.2f}x"
            shown = f"{other:.3f}" if other is not None else "-"
            print(f"| {name} | {value:.3f} | {shown} | {ratio} |")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
