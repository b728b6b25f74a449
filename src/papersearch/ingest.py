"""Ingest: read, split, analyse and write pages into new Whoosh segments.

A SegmentBuilder writes articles into a segment of its own (BulkSegmentWriter:
postings grouped by term, spilled to disk in sorted runs past a bound, so
memory stays flat however many pages come). With more than one
core, each worker process runs a builder and is handed only page paths:
reading, splitting, segmenting and posting all happen on every core, and
nothing but small per-page summaries and finished segments cross processes.
(Whoosh's own MpWriter pickles every document to its sub-writers and
re-sorts every posting in the parent.)

The locked writer in the parent commits the new segments together with its
deletions in a single new table of contents. Until then they are invisible:
a run killed at any point leaves the previous index as it was.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class PageDone:
    """What was done with one page (no article text: it stays in the segment)."""

    key: str
    path: str
    digest: str = ""
    size: int = 0
    ids: list[str] = field(default_factory=list)
    error: str = ""
    replaced: int = 0  # undecodable bytes shown as U+FFFD


class SegmentBuilder:
    """Adds pages' articles to a new segment of the index in folder."""

    def __init__(self, folder: str, encoding: str | None, user_dict: str | None):
        self.folder, self.encoding, self.user_dict = folder, encoding, user_dict
        self._writer = None

    def add_page(self, path: str, stem: str) -> PageDone:
        from .indexer import prepare_page

        prepared = prepare_page(path, self.encoding, self.user_dict)
        done = PageDone(
            prepared.key, prepared.path, prepared.digest, prepared.size, error=prepared.error, replaced=prepared.replaced
        )
        if prepared.error:
            return done
        writer = self._open()
        for art in prepared.articles:
            art.id = f"{stem}-{art.ordinal}"
            done.ids.append(art.id)
            add_article(writer, art, prepared.key)
        return done

    def finish(self):
        """Write the current segment out; return it (None when nothing was added)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return None
        if not writer._added:
            writer._close_segment()
            return None
        return writer._finalize_segment()

    def cancel(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.cancel()

    def _open(self):
        if self._writer is None:
            from whoosh import index as windex

            from .bulkwriter import BulkSegmentWriter
            from .codec import CompactCodec

            self._writer = BulkSegmentWriter(windex.open_dir(self.folder), _lk=False, compound=False, codec=CompactCodec())
        return self._writer


def article_fields(art, key: str) -> dict:
    """The index document of an article of the page file whose key is key."""
    title = "\n".join(p for p in [art.kicker, art.headline, *art.subheads] if p)
    # the byline is searched with the body: a reporter's name finds their articles
    body = f"{art.byline}\n{art.text}" if art.byline else art.text
    return {
        "id": art.id,
        "file": art.file,
        "file_key": key,
        "kind": art.kind,
        "author": ",".join(art.authors),
        "title": title,
        "title_ng": title,
        "body": body,
        "body_ng": body,
        "data": art.pack(),
    }


def add_article(writer, art, key: str) -> None:
    writer.add_document(**article_fields(art, key))


def serial_pages(builder: SegmentBuilder, todo: list[tuple[str, str]]) -> Iterator[PageDone | list]:
    """Yield a PageDone per page, then the list of new segments (one process)."""
    try:
        for path, stem in todo:
            yield builder.add_page(path, stem)
        segment = builder.finish()
    except BaseException:
        builder.cancel()
        raise
    yield [segment] if segment is not None else []


def _worker(folder: str, jobs, results, encoding, user_dict) -> None:
    builder = SegmentBuilder(folder, encoding, user_dict)
    try:
        while True:
            job = jobs.get()
            if job is None:
                break
            results.put(("page", builder.add_page(*job)))
        results.put(("segment", builder.finish()))
        results.put(("done", None))
    except BaseException as err:  # the parent must hear of it, or it waits forever
        builder.cancel()
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
        segments, pending_workers = [], len(procs)
        while pending_workers:
            try:
                kind, payload = results.get(timeout=1.0)
            except queue.Empty:
                if not any(p.is_alive() for p in procs):
                    raise RuntimeError("an indexing worker died") from None
                continue
            if kind == "page":
                yield payload
            elif kind == "segment":
                if payload is not None:
                    segments.append(payload)
            elif kind == "done":
                pending_workers -= 1
            else:
                raise RuntimeError(f"an indexing worker failed: {payload}")
        yield segments
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(timeout=5)


def commit_with(writer, segments: list) -> None:
    """Commit the writer's own changes together with segments written apart."""
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
