"""Ingest: read, split, analyse and write pages into new Whoosh segments.

A SegmentBuilder writes articles into a segment of its own (BulkSegmentWriter:
postings grouped by term, spilled to disk in sorted runs past a bound, so
memory stays flat however many pages come). With more than one
core, each worker process runs a builder and is handed only page paths:
reading, splitting, segmenting and posting all happen on every core, and
nothing but small per-page summaries and finished segments cross processes.
(Whoosh's own MpWriter pickles every document to its sub-writers and
re-sorts every posting in the parent.)

On Whoosh's public API (``whooshfast.FAST`` false: another Whoosh than the
pinned one, or PAPERSEARCH_WHOOSH_FALLBACK=1) workers still read and split,
and hand each page's articles back: the parent's writer adds them.

The locked writer in the parent commits the new segments together with its
deletions in a single new table of contents. Until then they are invisible:
a run killed at any point leaves the previous index as it was.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from papersearch.errors import PapersearchError
from papersearch.index import faults, whooshfast
from papersearch.index.documents import prepare_page
from papersearch.model import Article, article_id

# Linux's prctl option: the kernel sends this process a signal when its parent dies.
PR_SET_PDEATHSIG = 1


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
    articles: list[Article] = field(default_factory=list)  # only when the run's writer adds them
    meta: dict = field(default_factory=dict)  # the page's paper, date and page (archive.PageMeta)
    disagreements: list[str] = field(default_factory=list)


class SegmentBuilder:
    """Adds pages' articles to a new segment of the index in folder (on
    Whoosh's public API, where only the run's writer writes, it hands the
    articles back with each page instead)."""

    def __init__(self, folder: str, encoding: str | None):
        self.folder, self.encoding = folder, encoding
        self._writer = None

    def add_page(self, path: str, stem: str, path_meta=None) -> PageDone:
        prepared = prepare_page(path, self.encoding, path_meta)
        done = PageDone(
            prepared.key,
            prepared.path,
            prepared.digest,
            prepared.size,
            error=prepared.error,
            replaced=prepared.replaced,
            meta=prepared.meta,
            disagreements=prepared.disagreements,
        )
        if prepared.error:
            return done
        for art in prepared.articles:
            art.id = article_id(stem, art.ordinal)
            done.ids.append(art.id)
        if whooshfast.FAST:
            writer = self._open()
            for art in prepared.articles:
                add_article(writer, art, prepared.key)
        else:
            done.articles = prepared.articles
        faults.point("add")
        return done

    def finish(self):
        """Write the current segment out; return it (None when nothing was added)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return None
        return whooshfast.finish_segment(writer, checkpoint=lambda: faults.point("segment"))

    def cancel(self) -> None:
        """Drop the segment being written, files and all (never raises: it runs
        while another error is on its way out)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            whooshfast.drop_segment(writer)

    def _open(self):
        if self._writer is None:
            self._writer = whooshfast.segment_writer(self.folder)
        return self._writer


def article_fields(art, key: str) -> dict:
    """The index document of an article of the page file whose key is key."""
    title = "\n".join(p for p in [art.kicker, art.headline, *art.subheads] if p)
    # the byline is searched with the body: a reporter's name finds their articles
    body = f"{art.byline}\n{art.text}" if art.byline else art.text
    doc = {
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
    from papersearch.archive.filters import archive_terms

    doc.update(archive_terms(art))
    return doc


def add_article(writer, art, key: str) -> None:
    writer.add_document(**article_fields(art, key))


def serial_pages(builder: SegmentBuilder, todo: list[tuple]) -> Iterator[PageDone | list]:
    """Yield a PageDone per page, then the list of new segments (one process)."""
    try:
        for job in todo:
            yield builder.add_page(*job)
        segment = builder.finish()
    except BaseException:
        builder.cancel()
        raise
    yield [segment] if segment is not None else []


def _worker(folder: str, jobs, results, encoding, number: int, parent: int, lock_fds: list[int]) -> None:
    faults.set_role(f"worker{number}")
    _die_with_parent(parent)
    for fd in lock_fds:  # the parent's locks must go when the parent goes
        try:
            os.close(fd)
        except OSError:
            pass
    builder = SegmentBuilder(folder, encoding)
    try:
        while True:
            try:
                job = jobs.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:  # orphaned where no parent-death signal exists
                    os._exit(1)
                continue
            if job is None:
                break
            results.put(("page", builder.add_page(*job)))
        results.put(("segment", builder.finish()))
        results.put(("done", None))
    except BaseException as err:  # the parent must hear of it, or it waits forever
        builder.cancel()
        code = err.errno if isinstance(err, OSError) else None
        results.put(("error", (code, f"{type(err).__name__}: {err}", getattr(err, "filename", None))))


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the parent dies (Linux), and exit
    at once if the parent is already gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the ppid check in the job loop still ends an orphan
    if os.getppid() != parent:
        os._exit(1)


class WorkerDied(PapersearchError):
    """A worker process ended without finishing its pages."""


def parallel_pages(folder: str, todo: list[tuple], workers: int, encoding, lock_fds: list[int] = ()) -> Iterator[PageDone | list]:
    """Yield a PageDone per page as workers finish them, then the list of new segments."""
    ctx = multiprocessing.get_context("fork")
    jobs, results = ctx.Queue(), ctx.Queue()
    args = (folder, jobs, results, encoding)
    procs = [ctx.Process(target=_worker, args=(*args, n, os.getpid(), list(lock_fds)), daemon=True) for n in range(workers)]
    # Ctrl-C reaches the whole process group: the parent alone decides what
    # to do with it, so workers are born ignoring it.
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        for proc in procs:
            proc.start()
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
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
                _check_alive(procs)
                continue
            if kind == "page":
                yield payload
            elif kind == "segment":
                if payload is not None:
                    segments.append(payload)
            elif kind == "done":
                pending_workers -= 1
            else:
                code, message, filename = payload
                if code is not None:  # a disk error: the parent reports it like its own
                    raise OSError(code, os.strerror(code), filename)
                raise WorkerDied(f"an indexing worker failed ({message}); the index is as it was")
        yield segments
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join()


def _check_alive(procs) -> None:
    for proc in procs:
        if proc.exitcode is not None and proc.exitcode != 0:
            how = f"signal {-proc.exitcode}" if proc.exitcode < 0 else f"status {proc.exitcode}"
            raise WorkerDied(f"an indexing worker died ({how}); the index is as it was")
    if not any(p.is_alive() for p in procs):
        raise WorkerDied("the indexing workers ended early; the index is as it was")
