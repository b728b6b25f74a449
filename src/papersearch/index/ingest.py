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
from papersearch.index import faults
from papersearch.index.documents import prepare_page
from papersearch.model import article_id

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


class SegmentBuilder:
    """Adds pages' articles to a new segment of the index in folder."""

    def __init__(self, folder: str, encoding: str | None, user_dict: str | None):
        self.folder, self.encoding, self.user_dict = folder, encoding, user_dict
        self._writer = None

    def add_page(self, path: str, stem: str) -> PageDone:
        prepared = prepare_page(path, self.encoding, self.user_dict)
        done = PageDone(
            prepared.key, prepared.path, prepared.digest, prepared.size, error=prepared.error, replaced=prepared.replaced
        )
        if prepared.error:
            return done
        writer = self._open()
        for art in prepared.articles:
            art.id = article_id(stem, art.ordinal)
            done.ids.append(art.id)
            add_article(writer, art, prepared.key)
        faults.point("add")
        return done

    def finish(self):
        """Write the current segment out; return it (None when nothing was added)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return None
        try:
            if not writer._added:
                writer._close_segment()
                return None
            faults.point("segment")
            segment = writer._finalize_segment()
            faults.point("segment")
            return segment
        finally:
            writer._tempstorage.destroy()

    def cancel(self) -> None:
        """Drop the segment being written, files and all (never raises: it runs
        while another error is on its way out)."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        try:
            writer.cancel()
        except Exception:
            writer._cleanup_on_error()
        try:
            prefix = writer.newsegment.segment_id() + "."
            for name in [n for n in writer.storage.list() if n.startswith(prefix)]:
                writer.storage.delete_file(name)
        except Exception:
            pass  # the next run sweeps what is left

    def _open(self):
        if self._writer is None:
            from whoosh import index as windex

            from papersearch.index.whooshfast.bulkwriter import BulkSegmentWriter
            from papersearch.index.whooshfast.codec import CompactCodec

            ix = windex.open_dir(self.folder)
            ix.storage = PrivateTempStorage(self.folder)
            self._writer = BulkSegmentWriter(ix, _lk=False, compound=False, codec=CompactCodec())
        return self._writer


def _private_temp_storage_class():
    from whoosh.filedb.filestore import FileStorage

    class PrivateTemp(FileStorage):
        """The index folder, but with temporary files in a folder of this
        process's own: Whoosh names one temporary folder for every writer of an
        index, and a writer that cancels deletes it under the others' feet."""

        def temp_storage(self, name=None):
            # the pid last: a later run sweeps the folders of dead processes
            return super().temp_storage(f"{name or 'MAIN.tmp'}.{id(self):x}.{os.getpid()}")

    return PrivateTemp


def PrivateTempStorage(folder: str):  # noqa: N802 - builds an instance of a lazily imported class
    return _private_temp_storage_class()(folder)


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


def _worker(folder: str, jobs, results, encoding, user_dict, number: int, parent: int, lock_fds: list[int]) -> None:
    faults.set_role(f"worker{number}")
    _die_with_parent(parent)
    for fd in lock_fds:  # the parent's locks must go when the parent goes
        try:
            os.close(fd)
        except OSError:
            pass
    builder = SegmentBuilder(folder, encoding, user_dict)
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


def parallel_pages(
    folder: str, todo: list[tuple[str, str]], workers: int, encoding, user_dict, lock_fds: list[int] = ()
) -> Iterator[PageDone | list]:
    """Yield a PageDone per page as workers finish them, then the list of new segments."""
    ctx = multiprocessing.get_context("fork")
    jobs, results = ctx.Queue(), ctx.Queue()
    args = (folder, jobs, results, encoding, user_dict)
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


def commit_with(writer, segments: list) -> None:
    """Commit the writer's own changes together with segments written apart.
    Segments with many deleted or few documents are merged into the writer's."""
    try:
        final = writer._merge_segments(merge_dead_and_small, False, True)
        live = sum(s.doc_count() for s in writer.segments) + sum(s.doc_count() for s in segments)
        for segment in segments:
            # an update's new segments are small: one segment a run, not one a worker
            if writer.segments and segment.doc_count() < SMALL_SHARE * live:
                _merge_in(writer, segment)
            else:
                final.append(segment)
        if writer._added:
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
    except Exception:
        writer._cleanup_on_error()
        raise
    writer._finish()


def _merge_in(writer, segment) -> None:
    from whoosh.reading import SegmentReader

    reader = SegmentReader(writer.storage, writer.schema, segment)
    writer.add_reader(reader)
    reader.close()


# A segment is rewritten when its deleted documents pass DEAD_SHARE of it, or
# when it holds less than SMALL_SHARE of the index's live documents (every
# segment has a fixed cost in term tables): an index updated again and again
# stays near the size of a fresh build of the same pages (tests/test_updates.py,
# scripts/churn.py measure the factor).
DEAD_SHARE = 0.2
SMALL_SHARE = 0.1


def merge_dead_and_small(writer, segments: list) -> list:
    """Merge policy: rewrite (into this writer's segment) the segments with
    many deleted documents and the small ones; return the segments kept."""
    from whoosh.writing import MERGE_SMALL

    live = sum(s.doc_count() for s in segments)
    kept = []
    for segment in segments:
        total = segment.doc_count_all()
        dead = total and segment.deleted_count() > DEAD_SHARE * total
        small = segment.doc_count() < SMALL_SHARE * live
        if (dead or small) and len(segments) > 1 or segment.doc_count() == 0:
            _merge_in(writer, segment)
        else:
            kept.append(segment)
    return MERGE_SMALL(writer, kept)  # Whoosh's own: runs of small segments are merged
