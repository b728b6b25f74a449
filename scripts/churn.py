"""Index size after rounds of changed pages, against a fresh build of the same pages.

An index updated incrementally keeps deleted articles in their segments until
a merge rewrites them; this measures how far above a fresh build's size that
lets it grow. The corpus is bench.py's: seeded shuffles of the seed pages.

    python scripts/churn.py --pages 200 --rounds 5 --share 0.1
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import sys
import tempfile
from pathlib import Path

from papersearch.index.indexer import build_index, index_bytes


def _bench():
    spec = importlib.util.spec_from_file_location("bench", Path(__file__).with_name("bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def churn(work: Path, pages: int, rounds: int, share: float, jobs: int | None = None) -> dict:
    """Build, then change share of the pages rounds times, re-indexing each time;
    return the sizes after every round and of a fresh build of the final pages."""
    bench = _bench()
    corpus = work / "corpus"
    bench.build_corpus(corpus, pages, seed=1)
    folder = work / "index"
    build_index(folder, [corpus], jobs=jobs)
    sizes = [index_bytes(folder)]
    rng = random.Random(2)
    for round_ in range(rounds):
        changed = rng.sample(range(pages), max(1, int(pages * share)))
        fresh_pages = work / f"round{round_}"
        bench.build_corpus(fresh_pages, pages, seed=100 + round_)
        for n in changed:
            shutil.copy(fresh_pages / f"{n:05d}.txt", corpus / f"{n:05d}.txt")
        shutil.rmtree(fresh_pages)
        build_index(folder, [corpus], jobs=jobs)
        sizes.append(index_bytes(folder))
    fresh = work / "fresh"
    build_index(fresh, [corpus], jobs=jobs)
    return {"sizes": sizes, "fresh": index_bytes(fresh), "factor": sizes[-1] / index_bytes(fresh)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--share", type=float, default=0.1, help="share of the pages changed each round")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        got = churn(Path(tmp), args.pages, args.rounds, args.share)
    mb = [f"{s / 1e6:.1f}" for s in got["sizes"]]
    print(f"index size after each round (MB): {' -> '.join(mb)}")
    print(f"fresh build of the final pages: {got['fresh'] / 1e6:.1f} MB; factor {got['factor']:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
