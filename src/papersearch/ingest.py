"""Parallel ingest: worker processes read, split, analyse and write pages into
Whoosh segments of their own; the one locked writer in the parent commits
those segments with its deletions in a single new table of contents.

Whoosh's own MpWriter pickles every document to its sub-writers; here a worker
is handed only a page path, so reading, splitting, segmenting and posting all
happen on every core, and nothing but small per-page summaries crosses
processes. Until the parent commits, the new segments are invisible: a run
killed at any point leaves the previous index as it was.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# Memory each worker's posting pool may use before it spills a sorted run to disk.
WORKER_LIMIT_MB = 96


@dataclass
class PageDone:
    """What a worker did with one page (no article text: it stays in the segment)."""

    key: str
    path: str
    digest: str = ""
    size: int = 0
    ids: list[str] = field(default_factory=list)
    error: str = ""


def index_page(writer, path: str, stem: str, encoding, user_dict, add: Callable) -> PageDone:
    from .indexer import prepare_page

    prepared = prepare_page(path, encoding, user_dict)
    done = PageDone(prepared.key, prepared.path, prepared.digest, prepared.size, error=prepared.error)
    if prepared.error:
        return done
    for art in prepared.articles:
        art.id = f"{stem}-{art.ordinal}"
        done.ids.append(art.id)
        add(writer, art, prepared.key)
    return done


def _worker(folder: str, jobs, results, encoding, user_dict) -> None:
    from whoosh import index as windex
    from whoosh.writing import SegmentWriter

    from .indexer import _add

    writer = None
    try:
        from .codec import CompactCodec

        writer = SegmentWriter(windex.open_dir(folder), _lk=False, limitmb=WORKER_LIMIT_MB, compound=False, codec=CompactCodec())
        while True:
            job = jobs.get()
            if job is None:
                break
            path, stem = job
            results.put(("page", index_page(writer, path, stem, encoding, user_dict, _add)))
        if writer._added:
            results.put(("segment", writer._finalize_segment()))
        else:
            writer._close_segment()
            results.put(("segment", None))
    except BaseException as err:  # the parent must hear of it, or it waits forever
        if writer is not None:
            writer.cancel()
        results.put(("error", f"{type(err).__name__}: {err}"))


def parallel_pages(folder: str, todo: list[tuple[str, str]], workers: int, encoding, user_dict) -> Iterator[PageDone | list]:
    """Yield a PageDone per page as workers finish them, then the list of new segments."""
    ctx = multiprocessing.get_context("fork")
    jobs, results = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(folder, jobs, results, encoding, user_dict), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    try:
        for job in todo:
            jobs.put(job)
        for _ in procs:
            jobs.put(None)
        segments, pending_pages, pending_workers = [], len(todo), len(procs)
        while pending_pages or pending_workers:
            try:
                kind, payload = results.get(timeout=1.0)
            except queue.Empty:
                if not any(p.is_alive() for p in procs):
                    raise RuntimeError("an indexing worker died") from None
                continue
            if kind == "page":
                pending_pages -= 1
                yield payload
            elif kind == "segment":
                pending_workers -= 1
                if payload is not None:
                    segments.append(payload)
            else:
                raise RuntimeError(f"an indexing worker failed: {payload}")
        yield segments
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(timeout=5)


def commit_with(writer, segments: list) -> None:
    """Commit the writer's own changes together with segments written by workers."""
    if not segments:
        writer.commit()
        return
    try:
        final = writer._merge_segments(None, False, True)
        final += segments
        if writer._added:
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
    except Exception:
        writer._cleanup_on_error()
        raise
    writer._finish()
