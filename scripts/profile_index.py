#!/usr/bin/env python3
"""Where each second of indexing goes, per stage and per field, in one process.

    python scripts/profile_index.py --pages 200                  # real-vocabulary corpus
    python scripts/profile_index.py --pages 200 --corpus seeds    # seed shuffles

Stages: reading and decoding pages, splitting them into articles, analysing
each field (tokenizing and encoding postings), add_document (analysis plus
grouping postings by term) and commit (writing the posting blocks and term
table), with papersearch's BulkSegmentWriter. A field's share of
add_document and commit is measured by indexing the same articles again
without that field.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import make_corpus  # noqa: E402

from papersearch.index.format import schema  # noqa: E402
from papersearch.index.ingest import article_fields  # noqa: E402
from papersearch.reader import read_page  # noqa: E402
from papersearch.split.splitter import split_page  # noqa: E402


def documents(articles):
    return (article_fields(art, art.file) for art in articles)


def write(folder: Path, docs: list[dict], without: str | None = None) -> tuple[float, float, float]:
    from whoosh import index

    sch = schema()
    if without:
        sch.remove(without)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    ix = index.create_in(str(folder), sch)
    from papersearch.index.whooshfast.bulkwriter import BulkSegmentWriter
    from papersearch.index.whooshfast.codec import CompactCodec

    writer = BulkSegmentWriter(ix, compound=False, codec=CompactCodec())
    t = time.perf_counter()
    for doc in docs:
        writer.add_document(**{k: v for k, v in doc.items() if k != without})
    added = time.perf_counter() - t
    t = time.perf_counter()
    writer.commit()
    committed = time.perf_counter() - t
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    return added, committed, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--corpus", choices=("real", "seeds"), default="real")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="psprof-"))
    raw = make_corpus(args.corpus, work / "pages", args.pages) / 1e6
    files = sorted((work / "pages").glob("*.txt"))
    t = time.perf_counter()
    pages = [read_page(f) for f in files]
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    articles = [a for p in pages for a in split_page(p)]
    split_s = time.perf_counter() - t
    docs = list(documents(articles))
    sch = schema()
    analysis = {}
    for name in ("title", "title_ng", "body", "body_ng"):
        field = sch[name]
        t = time.perf_counter()
        for doc in docs:
            for _ in field.format.word_values(doc[name], field.analyzer, mode="index"):
                pass
        analysis[name] = time.perf_counter() - t
    added, committed, size = write(work / "all", docs)
    print(f"{args.pages} pages, {raw:.1f} MB of text, {len(docs)} articles, one process\n")
    print("| stage | seconds | s per MB |")
    print("|---|---|---|")
    for stage, sec in [
        ("read + decode", read_s),
        ("split into articles", split_s),
        ("add_document (all fields)", added),
        ("commit (all fields)", committed),
    ]:
        print(f"| {stage} | {sec:.2f} | {sec / raw:.2f} |")
    print(f"\nindex {size:.1f} MB = {size / raw:.1f}x the text\n")
    print("| field | analysis s | add_document s | commit s | index MB |")
    print("|---|---|---|---|---|")
    for name in ("title", "title_ng", "body", "body_ng", "data"):
        a, c, sz = write(work / "less", docs, without=name)
        print(f"| {name} | {analysis.get(name, 0.0):.2f} | {added - a:.2f} | {committed - c:.2f} | {size - sz:.1f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
