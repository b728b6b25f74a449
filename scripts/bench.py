#!/usr/bin/env python3
"""Benchmark papersearch against the obvious baseline, side by side, in one run.

The corpus is reproducible. By default it has a real vocabulary: pages
generated from jieba's dictionary by scripts/realcorpus.py (its vocabulary
statistics are printed). `--corpus seeds` gives seeded shuffles of the seed
pages' blocks instead (blank-line separated runs of lines) into page files of
about 15 KB: 2,000 of them hold only ~6,000 distinct bigrams. The baseline is
jieba's ChineseAnalyzer in a Whoosh schema, one document per page, as the
Whoosh docs suggest (install with `pip install -e ".[bench]"`).

    python scripts/bench.py --pages 2000
    python scripts/bench.py --pages 100 --pages 2000 --pages 10000 --no-baseline
    python scripts/bench.py --pages 10000 --jobs 2 --jobs 8 --no-baseline --no-growth
    python scripts/bench.py --pages 2000 --no-baseline --no-growth --engine sphinxql://127.0.0.1:9306/articles --cluster-data /tmp/cluster

Prints one table per scale: index wall time, MB/s, CPU seconds of the whole
process tree, peak RSS, index size, cold query p50/p90 (a new process per
query, top 10 with snippets), warm query p50, and re-indexing an unchanged
corpus; each with its ratio to the baseline. Then the index size after five
rounds of changing 10% of the pages (incremental runs) against a fresh build
of the same pages, and the sizes with other --jobs.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
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
    """The seed-shuffle corpus; return its size in bytes."""
    blocks = _seed_blocks()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(pages):
        data = _shuffled_page(blocks, rng)
        (folder / f"{n:05d}.txt").write_text(data, encoding="utf-8")
        total += len(data.encode())
    return total


def _seed_blocks() -> list[str]:
    blocks = []
    for page in sorted(SEEDS.glob("*.txt")):
        blocks += [b for b in page.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return blocks


def _shuffled_page(blocks: list[str], rng: random.Random) -> str:
    order = blocks[:]
    rng.shuffle(order)
    out, size = [], 0
    for block in order:
        if size >= PAGE_BYTES:
            break
        out.append(block)
        size += len(block.encode())
    return "\n\n".join(out) + "\n"


def make_corpus(kind: str, folder: Path, pages: int) -> int:
    """Write the corpus of kind ('real' or 'seeds'); print its vocabulary; return its bytes."""
    if kind == "seeds":
        return build_corpus(folder, pages)
    import realcorpus

    size, articles = realcorpus.write_corpus(folder, pages)
    stats = realcorpus.statistics(articles)
    print(", ".join(f"{k}: {v:.1%}" if isinstance(v, float) else f"{k}: {v:,}" for k, v in stats.items()))
    return size


# --archive: pages laid out as one paper's issues of this many pages a day
ARCHIVE_PAGES_AN_ISSUE = 8
# and the date range a filtered query asks for (about a quarter of the issues at 2,000 pages)
ARCHIVE_FILTER = "date:2022-02..2022-03"


def lay_out_as_archive(folder: Path) -> None:
    """Move NNNNN.txt to 晋中日报/YYYY/MM/DD/NN.txt, eight pages an issue from
    2022-01-01, so that every page has a paper, a date and a page number."""
    import datetime as dt

    for path in sorted(folder.glob("*.txt")):
        n = int(path.stem)
        day = dt.date(2022, 1, 1) + dt.timedelta(days=n // ARCHIVE_PAGES_AN_ISSUE)
        target = folder / "晋中日报" / f"{day:%Y/%m/%d}" / f"{n % ARCHIVE_PAGES_AN_ISSUE + 1:02d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)


def change_pages(kind: str, folder: Path, pages: int, share: float, round_no: int) -> None:
    """Rewrite share of the pages (new text under the same names), seeded by round_no."""
    rng = random.Random(f"change round {round_no}")
    chosen = rng.sample(range(pages), max(1, int(pages * share)))
    if kind == "seeds":
        blocks = _seed_blocks()
        for n in chosen:
            (folder / f"{n:05d}.txt").write_text(_shuffled_page(blocks, rng), encoding="utf-8")
        return
    import realcorpus

    for n in chosen:
        text, _ = realcorpus.page(n, variant=round_no)
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")


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


def rss_of(argv: list[str], env=None) -> tuple[float, float, float]:
    """Wall time, CPU seconds and peak memory (MB) of one command. CPU is
    user + system time of the process and every process it waited for
    (its workers). Peak memory is the largest sum of the resident sets of
    the process and all its children (pages they share with the parent are
    counted in each, so this errs high), sampled every 20 ms."""
    peak = [0.0]

    def sample(proc):
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.02)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = run(argv, env, watch=sample)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak[0]


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


def figures(wall, cpu, peak, ix: Path, raw_mb: float, cold: list[float], warm: list[float], reindex: float) -> dict:
    size = folder_mb(ix)
    return {
        "index s": wall,
        "MB/s": raw_mb / wall,
        "CPU s (process tree)": cpu,
        "CPU s per MB": cpu / raw_mb,
        "peak RSS MB": peak,
        "index MB": size,
        "size / raw": size / raw_mb,
        "cold p50 s": statistics.median(cold),
        "cold p90 s": pct(cold, 0.9),
        "warm p50 ms": statistics.median(warm) * 1000,
        "re-index s": reindex,
    }


def papersearch_cmd(ix: Path) -> tuple[list[str], dict]:
    return [sys.executable, "-m", "papersearch", "--index", str(ix)], {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def bench_papersearch(corpus: Path, work: Path, raw_mb: float, jobs: int | None, archive: bool = False) -> dict:
    ix = work / "ps-index"
    exe, env = papersearch_cmd(ix)
    jobs_opt = ["--jobs", str(jobs)] if jobs else []
    wall, cpu, peak = rss_of([*exe, "index", "-q", *jobs_opt, str(corpus)], env)
    again, _, _ = rss_of([*exe, "index", "-q", str(corpus)], env)
    cold = [run([*exe, "query", q, "--limit", "10"], env)[0] for q in QUERIES for _ in range(2)]
    sys.path.insert(0, str(ROOT / "src"))
    from papersearch.search.searcher import Index

    with Index(ix) as index:
        warm = warm_latencies(index.search)
        # each query with and without the date filter in turn, so that a busy
        # machine slows both alike
        plain, filtered = [], []
        for q in QUERIES * 5 if archive else []:
            for text, times in ((q, plain), (f"{q} {ARCHIVE_FILTER}", filtered)):
                t = time.perf_counter()
                index.search(text, limit=10)
                times.append(time.perf_counter() - t)
    out = figures(wall, cpu, peak, ix, raw_mb, cold, warm, again)
    if archive:
        out["warm p50 ms, unfiltered, in turn"] = statistics.median(plain) * 1000
        out[f"warm p50 ms, {ARCHIVE_FILTER}, in turn"] = statistics.median(filtered) * 1000
    return out


def warm_latencies(search) -> list[float]:
    """Seconds each query takes in a process that has searched once already."""
    search(QUERIES[0])
    warm = []
    for q in QUERIES * 3:
        t = time.perf_counter()
        search(q, limit=10)
        warm.append(time.perf_counter() - t)
    return warm


def searchd_cpu(cluster_data: Path | None) -> float:
    """CPU seconds the searchd processes of a local cluster ('cluster up --data') have used so far."""
    if cluster_data is None:
        return 0.0
    total = 0.0
    for pid_file in cluster_data.glob("*/searchd.pid"):
        try:
            fields = Path(f"/proc/{int(pid_file.read_text())}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, ValueError):
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def bench_engine(corpus: Path, work: Path, raw_mb: float, url: str, jobs: int | None, cluster_data: Path | None) -> dict:
    """The same figures through --engine URL: papersearch splits and segments, the cluster stores and matches."""
    ix = work / "ps-index"
    exe, env = papersearch_cmd(ix)
    env = {**env, "PAPERSEARCH_ENGINE": url}
    jobs_opt = ["--jobs", str(jobs)] if jobs else []
    engine_cpu = searchd_cpu(cluster_data)
    wall, cpu, peak = rss_of([*exe, "index", "-q", "--rebuild", *jobs_opt, str(corpus)], env)
    engine_cpu = searchd_cpu(cluster_data) - engine_cpu
    again, _, _ = rss_of([*exe, "index", "-q", str(corpus)], env)
    cold = [run([*exe, "query", q, "--limit", "10"], env)[0] for q in QUERIES for _ in range(2)]
    sys.path.insert(0, str(ROOT / "src"))
    from papersearch.engines import EngineURL
    from papersearch.engines.sphinxql import SphinxEngine

    parsed = EngineURL.parse(url)
    with SphinxEngine(parsed, parsed.state_file(ix)) as engine:
        warm = warm_latencies(engine.search)
        size = engine.stats().bytes / 1e6
    out = figures(wall, cpu + engine_cpu, peak, ix, raw_mb, cold, warm, again)
    out.update({"index MB": size, "size / raw": size / raw_mb})
    return out


def bench_baseline(corpus: Path, work: Path, raw_mb: float) -> dict:
    ix = work / "base-index"
    ix.mkdir()
    wall, cpu, peak = rss_of([sys.executable, "-c", BASELINE_INDEX, str(ix), str(corpus)])
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
    return figures(wall, cpu, peak, ix, raw_mb, cold, warm, wall)


def bench_growth(kind: str, corpus: Path, work: Path, pages: int, rounds: int = 5, share: float = 0.1) -> None:
    """Index size after rounds of changing share of the pages, each indexed
    incrementally, against a fresh build of the final pages."""
    exe, env = papersearch_cmd(work / "ps-index")
    print(f"\nincremental runs, {share:.0%} of the pages changed each (index size in MB):")
    print("| round | wall s | CPU s | peak RSS MB | index MB |")
    print("|---|---|---|---|---|")
    for round_no in range(1, rounds + 1):
        change_pages(kind, corpus, pages, share, round_no)
        wall, cpu, peak = rss_of([*exe, "index", "-q", str(corpus)], env)
        print(f"| {round_no} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {folder_mb(work / 'ps-index'):.1f} |")
    fresh = work / "ps-fresh"
    exe, env = papersearch_cmd(fresh)
    rss_of([*exe, "index", "-q", str(corpus)], env)
    grown, built = folder_mb(work / "ps-index"), folder_mb(fresh)
    print(f"after {rounds} rounds {grown:.1f} MB, a fresh build of the same pages {built:.1f} MB: {grown / built:.2f}x")
    shutil.rmtree(fresh, ignore_errors=True)


def bench_jobs(corpus: Path, work: Path, raw_mb: float, jobs: list[int]) -> None:
    print("\n| --jobs | wall s | CPU s | peak RSS MB | index MB | size / text |")
    print("|---|---|---|---|---|---|")
    for n in jobs:
        ix = work / f"ps-jobs{n}"
        exe, env = papersearch_cmd(ix)
        wall, cpu, peak = rss_of([*exe, "index", "-q", "--jobs", str(n), str(corpus)], env)
        size = folder_mb(ix)
        print(f"| {n} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {size:.1f} | {size / raw_mb:.2f}x |")
        shutil.rmtree(ix, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, action="append", help="corpus size in pages (repeatable; default 2000)")
    ap.add_argument("--corpus", choices=("real", "seeds"), default="real", help="real vocabulary (default) or seed shuffles")
    ap.add_argument("--jobs", type=int, action="append", help="papersearch --jobs (repeatable: the others report size only)")
    ap.add_argument("--no-baseline", action="store_true", help="measure papersearch only")
    ap.add_argument("--no-growth", action="store_true", help="skip the five rounds of incremental changes")
    ap.add_argument("--keep", type=Path, help="keep the corpora and indexes in this folder")
    ap.add_argument(
        "--archive",
        action="store_true",
        help="lay the pages out as a paper's dated issues (paper/YYYY/MM/DD/NN.txt) and time date-filtered queries too;"
        " implies --no-baseline --no-growth",
    )
    ap.add_argument(
        "--engine", help="also measure --engine sphinxql://HOST:PORT/TABLE on the same corpus (the cluster is emptied)"
    )
    ap.add_argument("--cluster-data", type=Path, help="the cluster's 'cluster up --data' folder: its searchd CPU time is counted")
    args = ap.parse_args()
    for pages in args.pages or [2000]:
        work = Path(tempfile.mkdtemp(prefix="psbench-", dir=args.keep))
        corpus = work / "pages"
        print(f"\n{pages} pages, {args.corpus} corpus")
        raw_mb = make_corpus(args.corpus, corpus, pages) / 1e6
        if args.archive:
            lay_out_as_archive(corpus)
            args.no_baseline = args.no_growth = True  # the baseline reads one flat folder
        jobs = args.jobs or [None]
        ours = bench_papersearch(corpus, work, raw_mb, jobs[0], args.archive)
        base = None if args.no_baseline else bench_baseline(corpus, work, raw_mb)
        print(
            f"\n{pages} pages ({args.corpus}), {raw_mb:.1f} MB of page text, {os.cpu_count()} cores, --jobs {jobs[0] or 'default'}"
        )
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
        if args.engine:
            engine = bench_engine(corpus, work, raw_mb, args.engine, jobs[0], args.cluster_data)
            searchd = " + the searchd processes" if args.cluster_data else ""
            print(f"\nthe same corpus through --engine {args.engine} (CPU: papersearch's process tree{searchd})")
            print("| figure | embedded index | sphinxql engine | engine / embedded |")
            print("|---|---|---|---|")
            for name, value in ours.items():
                print(f"| {name} | {value:.3f} | {engine[name]:.3f} | {engine[name] / value if value else 0:.2f}x |")
        if len(jobs) > 1:
            bench_jobs(corpus, work, raw_mb, jobs[1:])
        if not args.no_growth:
            bench_growth(args.corpus, corpus, work, pages)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
