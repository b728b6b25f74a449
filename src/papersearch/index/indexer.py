"""Write page articles into a Whoosh index, incrementally and safely.

Pages are read and split (and their words segmented) in worker processes;
one writer adds the articles. Only new, changed and deleted page files are
work: a manifest beside the index keeps each page's content hash. A rebuild
writes a new index beside the old one and swaps it in, so an interrupted run
never costs the user the index they had.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from papersearch.errors import (
    DictionaryMismatch,
    ForeignFolder,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
)
from papersearch.index import faults, whooshfast
from papersearch.index.changes import changed, drop_gone, file_key, page_files, size_of
from papersearch.index.documents import PreparedPage
from papersearch.index.format import Manifest, check_sizes, file_sizes, is_index, recover, schema, schema_dictionary
from papersearch.index.housekeeping import disk_error, quietly, sigint, sweep, uninterruptible
from papersearch.index.ids import PageStems
from papersearch.index.ingest import SegmentBuilder, add_article, parallel_pages, serial_pages
from papersearch.index.merging import commit_run
from papersearch.text.segmenter import user_dictionary

# Below this many pages, worker processes cost more than they save.
PARALLEL_MIN_PAGES = 16
BUSY = "index is busy: another papersearch is writing it"


class ProgressSink(Protocol):
    """Told how many pages will be read, then of each page as it is done."""

    def set_total(self, total: int) -> None: ...

    def advance(self, prepared: PreparedPage) -> None: ...

    def writing(self) -> None:
        """Every page is read: the new segments are being written out."""


@dataclass
class IndexSummary:
    pages: int = 0  # page files now in the index
    articles: int = 0  # articles now in the index
    added: int = 0  # page files indexed this run (new or changed)
    removed: int = 0
    stale: int = 0  # pages in the index whose files are gone, left in (see prune)
    unchanged: int = 0
    new_articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    replaced: list[tuple[str, int]] = field(default_factory=list)  # (path, undecodable bytes) of pages indexed
    seconds: float = 0.0
    megabytes: float = 0.0
    todo_bytes: int = 0  # bytes of the page files read this run
    # the printed page against its path (archive metadata), once per folder: (folder, what)
    disagreements: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        """As JSON: skipped and replaced pages as objects that name their fields."""
        return {
            **self.__dict__,
            "skipped": [{"file": p, "reason": r} for p, r in self.skipped],
            "replaced": [{"file": p, "bytes": n} for p, n in self.replaced],
        }


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("papersearch", "whoosh3", "rjieba", "opencc"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


def _acquire_writer(ix, wait: float):
    from whoosh.index import LockError

    deadline = time.monotonic() + wait
    while True:
        try:
            return whooshfast.new_writer(ix)
        except LockError:
            if time.monotonic() >= deadline:
                raise IndexBusy(BUSY) from None
            time.sleep(0.2)


def build_index(
    folder: str | Path,
    paths: Iterable[str | Path],
    rebuild: bool = False,
    encoding: str | None = None,
    user_dict: str | None = None,
    wait: float = 0.0,
    jobs: int | None = None,
    progress: ProgressSink | None = None,
    prune: bool = False,
    layout: str | None = None,
) -> IndexSummary:
    """Index the page files under paths into folder; return what was done.
    With prune, every page whose file is gone leaves the index too. layout is
    a pattern for the paper, date and page in the paths (archive.paths.Layout);
    without one they are guessed (or read from an archive's .papersearch.toml)."""
    started = time.perf_counter()
    folder = Path(folder)
    if prune and not is_index(folder):
        raise IndexMissing(f"no index at {folder}: nothing to prune")
    paths_list = list(paths)
    unreadable: list[tuple[str, str]] = []
    files = page_files(paths_list, unreadable)
    from papersearch.archive.paths import PathRules

    path_rules = PathRules([Path(p) for p in paths_list], layout)
    try:
        foreign = folder.exists() and any(folder.iterdir()) and not is_index(folder)
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    if foreign:
        raise ForeignFolder(f"{folder}: not a papersearch index")
    dictionary = user_dictionary(user_dict)

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    run = _Run(folder, paths_list, files, rebuild, encoding, dictionary, wait, jobs, progress, prune, path_rules, started)
    with _writer_lock(folder, wait) as run.lock_fd:
        summary = _build_locked(run)
    summary.skipped[:0] = unreadable
    return summary


@contextmanager
def _writer_lock(folder: Path, wait: float):
    """One papersearch writer an index at a time, rebuilds included (they
    write beside the index, where Whoosh's own lock cannot see them). The
    lock is the kernel's (flock): it goes with the last process holding it,
    so a killed writer never leaves it behind. Yields its descriptor."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(folder.with_name(f".{folder.name}.lock")), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusy(BUSY) from None
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    try:
        yield lock._context.lock_file_fd
    finally:
        lock.release()


@dataclass
class _Run:
    """What one indexing run was asked to do, and with what."""

    folder: Path
    paths: list
    files: list[Path]  # the page files found under paths
    rebuild: bool
    encoding: str | None
    dictionary: object  # text.segmenter.UserDictionary, or None for jieba's own
    wait: float
    jobs: int | None
    progress: ProgressSink | None
    prune: bool
    path_rules: object  # archive.paths.PathRules
    started: float
    lock_fd: int = -1

    @property
    def fresh(self) -> bool:
        """A new index is written beside the folder and swapped in."""
        return self.rebuild or not is_index(self.folder)


def _build_locked(run: _Run) -> IndexSummary:
    """The run, with the writer lock held: open (or create) the index, write
    what changed, commit; on any failure leave the index as it was."""
    recover(run.folder)  # before asking whether there is an index: a killed rebuild may have moved it
    fresh, folder = run.fresh, run.folder
    try:
        ix, manifest, target, dict_print = _open_target(run, fresh)
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    summary = IndexSummary()
    writer = None
    try:
        writer = _acquire_writer(ix, run.wait)
        sweep(target, keep=writer.newsegment.segment_id())
        try:
            lock_fds = [run.lock_fd, writer.writelock.fd] if writer.writelock else [run.lock_fd]
            segments = _write(writer, manifest, run, summary, lock_fds)
        except BaseException:
            with sigint(signal.SIG_IGN):
                quietly(writer.cancel)
            raise
        with uninterruptible():
            _commit(writer, segments, manifest, dict_print, target, changed=bool(summary.added or summary.removed))
            ix.close()
            if fresh:
                _swap_in(target, folder)
    except BaseException as err:
        with sigint(signal.SIG_IGN):  # a second Ctrl-C must not stop the cleaning up
            ix.close()
            if fresh:
                shutil.rmtree(target, ignore_errors=True)
            elif writer is not None:  # what this run wrote (never another writer's files)
                quietly(sweep, folder, "", True)
        if isinstance(err, OSError):
            raise disk_error(err, folder, summary.todo_bytes) from None
        raise
    summary.pages = len(manifest.files)
    summary.articles = sum(len(f["ids"]) for f in manifest.files.values())
    summary.seconds = time.perf_counter() - run.started
    return summary


def _open_target(run: _Run, fresh: bool):
    """The Whoosh index the run writes (a new one beside the folder when
    fresh), its manifest, the folder it is in, and the dictionary's print."""
    from whoosh import index as windex

    folder, dictionary = run.folder, run.dictionary
    dict_print = dictionary.fingerprint if dictionary is not None else ""
    if fresh:
        target = folder.with_name(f".{folder.name}.new{os.getpid()}")
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        ix, manifest = windex.create_in(str(target), schema(dictionary)), Manifest(target)
    else:
        target, manifest = folder, Manifest(folder).load()
        check_sizes(folder, manifest.data.get("sizes", {}))
        try:
            ix = windex.open_dir(str(folder))
        except Exception as err:  # whoosh raises many kinds on damaged files
            raise IndexDamaged(f"{folder}: cannot open the index ({err})") from None
        if run.prune:  # pruning adds no words: the index keeps the dictionary it was built with
            dict_print = manifest.data.get("dictionary", "")
        _check_dictionary(folder, ix, manifest, dict_print)
    if run.path_rules is not None:
        manifest.data["layout"] = run.path_rules.settle(manifest.data.get("layout", ""), folder)
    return ix, manifest, target, dict_print


def _check_dictionary(folder: Path, ix, manifest: Manifest, dict_print: str) -> None:
    built = manifest.data.get("dictionary", "")
    if schema_dictionary(ix.schema) != built:
        raise IndexDamaged(
            f"{folder}: the index's words were segmented with dictionary {schema_dictionary(ix.schema) or 'none'!r}, "
            f"its manifest says {built or 'none'!r}"
        )
    if built != dict_print:
        raise DictionaryMismatch(f"{folder}: built with dictionary {built or 'none'!r}, not {dict_print or 'none'!r}")


def _commit(writer, segments: list, manifest: Manifest, dict_print: str, target: Path, changed: bool) -> None:
    faults.point("commit")
    commit_run(writer, segments)
    faults.point("commit")
    if changed or not manifest.data.get("built"):  # a no-op run keeps the build time
        manifest.data.update(built=datetime.now(UTC).isoformat(timespec="seconds"))
    manifest.data.update(dictionary=dict_print, versions=_versions(), sizes=file_sizes(target))
    manifest.save()
    faults.point("commit")


def _swap_in(new: Path, folder: Path) -> None:
    old = folder.with_name(f".{folder.name}.old{os.getpid()}")
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        os.replace(folder, old)
        faults.point("swap")
    os.replace(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def _write(writer, manifest: Manifest, run: _Run, summary: IndexSummary, lock_fds) -> list:
    """Index what changed; return the segments worker processes wrote."""
    known = manifest.files
    wanted = {file_key(p): p for p in run.files}
    roots = [file_key(Path(p)) for p in run.paths]
    drop_gone(writer, known, wanted, roots, summary, run.prune)
    # a file indexed before and named again is unchanged when its bytes hash the same
    todo: list[Path] = []
    for key, path in wanted.items():
        entry = known.get(key)
        if entry and not changed(path, entry):
            summary.unchanged += 1
            continue
        todo.append(path)
    stems = PageStems(known)
    jobs_list = []
    for path in todo:
        key = file_key(path)
        stem = stems.stem(path, key)
        # stored absolute: the page is found again from any working folder
        jobs_list.append((os.path.abspath(path), stem, run.path_rules.meta(path) if run.path_rules else None))
        summary.todo_bytes += size_of(path)
    if run.progress:
        run.progress.set_total(len(todo))
    workers = run.jobs if run.jobs is not None else (os.cpu_count() or 1)
    folder = str(writer.storage.folder)
    if workers > 1 and len(todo) >= PARALLEL_MIN_PAGES:
        results = parallel_pages(folder, jobs_list, min(workers, len(todo)), run.encoding, lock_fds)
    else:
        results = serial_pages(SegmentBuilder(folder, run.encoding), jobs_list)
    try:
        return _take_results(writer, results, known, summary, run.progress, len(jobs_list))
    finally:
        results.close()  # workers end now, not when the failure is forgotten


def _take_results(writer, results, known: dict, summary: IndexSummary, progress, total: int) -> list:
    segments: list = []
    for seen, done in enumerate(results, 1):
        if isinstance(done, list):
            segments = done
            continue
        faults.point("result")
        if progress:
            progress.advance(done)
            if seen == total:
                progress.writing()
        if done.error:
            summary.skipped.append((done.path, done.error))
            continue
        # the page's previous articles live in the segments this writer opened
        writer.delete_by_term("file_key", done.key)
        for art in done.articles:  # on Whoosh's public API the run's writer adds them
            add_article(writer, art, done.key)
        known[done.key] = {"path": done.path, "hash": done.digest, "size": done.size, "ids": done.ids, "meta": done.meta}
        _tell_disagreements(done, summary)
        summary.added += 1
        if done.replaced:
            summary.replaced.append((done.path, done.replaced))
        summary.new_articles += len(done.ids)
        summary.megabytes += done.size / 1e6
    return segments


def _tell_disagreements(done, summary: IndexSummary) -> None:
    """The printed page wins over its path; say so once per folder."""
    if not done.disagreements:
        return
    where = str(Path(done.path).parent)
    if all(folder != where for folder, _ in summary.disagreements):
        summary.disagreements.append((where, f"{Path(done.path).name}: {'; '.join(done.disagreements)}"))


def index_bytes(folder: str | Path) -> int:
    """The bytes the index in folder takes on disk (what `stats` calls its size)."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
