"""Write page articles into a Whoosh index, incrementally and safely.

Pages are read and split (and their words segmented) in worker processes;
one writer adds the articles. Only new, changed and deleted page files are
work: a manifest beside the index keeps each page's content hash. A rebuild
writes a new index beside the old one and swaps it in, so an interrupted run
never costs the user the index they had.
"""

from __future__ import annotations

import hashlib
import json
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

from . import faults
from .changes import changed, drop_gone, file_key, page_files, size_of, unique_stem
from .errors import IndexBusy, IndexError_, PageError, PapersearchError
from .housekeeping import check_sizes, disk_error, file_sizes, quietly, sigint, sweep, uninterruptible
from .model import Article

MANIFEST = "papersearch.json"
FORMAT = 3
# Below this many pages, worker processes cost more than they save.
PARALLEL_MIN_PAGES = 16
BUSY = "index is busy: another papersearch is writing it (retry, or pass --wait SECONDS)"


def schema():
    from whoosh import fields

    from .analysis import NgramAnalyzer, WordAnalyzer

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=True),
        file_key=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        author=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        title=_counted(fields.TEXT(analyzer=WordAnalyzer(), phrase=False, field_boost=2.5)),
        title_ng=_compact(fields.TEXT(analyzer=NgramAnalyzer(), phrase=True)),
        body=_counted(fields.TEXT(analyzer=WordAnalyzer(), phrase=False)),
        body_ng=_compact(fields.TEXT(analyzer=NgramAnalyzer(), phrase=True)),
        data=fields.STORED(),
    )


class ProgressSink(Protocol):
    """Told how many pages will be read, then of each page as it is done."""

    def set_total(self, total: int) -> None: ...

    def advance(self, prepared: PreparedPage) -> None: ...

    def writing(self) -> None:
        """Every page is read: the new segments are being written out."""


def _counted(field):
    from .analysis import WordFrequency

    field.format = WordFrequency(field_boost=field.format.field_boost)
    return field


def _compact(field):
    from .analysis import CompactPositions

    field.format = CompactPositions(field_boost=field.format.field_boost)
    return field


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


@dataclass
class PreparedPage:
    key: str
    path: str
    digest: str
    size: int
    articles: list[Article] = field(default_factory=list)
    error: str = ""
    replaced: int = 0  # undecodable bytes shown as U+FFFD


def prepare_page(path: str, encoding: str | None = None, user_dict: str | None = None) -> PreparedPage:
    """Read, hash and split one page (runs in a worker process)."""
    from .reader import decode_page, read_bytes
    from .splitter import split_page

    key = file_key(Path(path))
    try:
        data = read_bytes(path)  # read once: hashed for the manifest, then decoded
        faults.point("read")
        digest = hashlib.sha1(data).hexdigest()
        page = decode_page(path, data, encoding)
        if user_dict:
            from .segmenter import load_user_dict

            load_user_dict(user_dict)
        arts = split_page(page)
    except PageError as err:
        return PreparedPage(key, path, "", 0, error=str(err))
    except OSError as err:
        return PreparedPage(key, path, "", 0, error=err.strerror or str(err))
    return PreparedPage(key, path, digest, len(data), arts, replaced=page.replaced)


class Manifest:
    """What the index holds: each page's hash and article ids, and how it was built."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        self.data: dict = {"format": FORMAT, "files": {}, "dictionary": "", "built": "", "versions": {}}

    def load(self) -> Manifest:
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise IndexError_(
                f"{self.path.parent}: index manifest is damaged ({err}); run 'papersearch index --rebuild'"
            ) from None
        if self.data.get("format") != FORMAT:
            raise IndexError_(
                f"{self.path.parent}: index format {self.data.get('format')} is not {FORMAT}; run 'papersearch index --rebuild'"
            )
        return self

    def save(self) -> None:
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    @property
    def files(self) -> dict:
        return self.data["files"]


def is_index(folder: Path) -> bool:
    return (folder / MANIFEST).exists()


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
            from .bulkwriter import BulkSegmentWriter
            from .codec import CompactCodec
            from .ingest import PrivateTempStorage

            ix.storage = PrivateTempStorage(ix.storage.folder)
            return BulkSegmentWriter(ix, compound=False, codec=CompactCodec())
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
) -> IndexSummary:
    """Index the page files under paths into folder; return what was done.
    With prune, every page whose file is gone leaves the index too."""
    started = time.perf_counter()
    folder = Path(folder)
    if prune and not is_index(folder):
        raise IndexError_(f"no index at {folder}: nothing to prune")
    paths_list = list(paths)
    unreadable: list[tuple[str, str]] = []
    files = page_files(paths_list, unreadable)
    try:
        foreign = folder.exists() and any(folder.iterdir()) and not is_index(folder)
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    if foreign:
        raise IndexError_(f"{folder}: not a papersearch index (choose another --index, or empty the folder)")
    dict_print = ""
    if user_dict:
        from .segmenter import load_user_dict

        try:
            dict_print = load_user_dict(user_dict)
        except (OSError, UnicodeDecodeError) as err:
            raise PapersearchError(f"{user_dict}: cannot read dictionary ({err})") from None

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    with _writer_lock(folder, wait) as lock_fd:
        summary = _build_locked(
            folder, paths_list, files, rebuild, encoding, user_dict, dict_print, wait, jobs, progress, started, lock_fd, prune
        )
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


def _build_locked(
    folder, paths_list, files, rebuild, encoding, user_dict, dict_print, wait, jobs, progress, started, lock_fd, prune=False
) -> IndexSummary:
    from whoosh import index as windex

    recover(folder)
    target = folder
    fresh = rebuild or not is_index(folder)
    summary = IndexSummary()
    try:
        if fresh:
            target = folder.with_name(f".{folder.name}.new{os.getpid()}")
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            ix = windex.create_in(str(target), schema())
            manifest = Manifest(target)
        else:
            manifest = Manifest(folder).load()
            check_sizes(folder, manifest.data.get("sizes", {}))
            try:
                ix = windex.open_dir(str(folder))
            except Exception as err:  # whoosh raises many kinds on damaged files
                raise IndexError_(f"{folder}: cannot open the index ({err}); run 'papersearch index --rebuild'") from None
            if prune:  # pruning adds no words: the index keeps the dictionary it was built with
                dict_print = manifest.data.get("dictionary", "")
            if manifest.data.get("dictionary", "") != dict_print:
                raise IndexError_(
                    f"{folder}: built with dictionary {manifest.data.get('dictionary') or 'none'!r}, not {dict_print or 'none'!r};"
                    " pass the same --dict, or --rebuild"
                )
    except OSError as err:
        raise disk_error(err, folder, 0) from None
    writer = None
    try:
        writer = _acquire_writer(ix, wait)
        sweep(target, keep=writer.newsegment.segment_id())
        try:
            roots = [file_key(Path(p)) for p in paths_list]
            lock_fds = [lock_fd, writer.writelock.fd] if writer.writelock else [lock_fd]
            segments = _write(writer, manifest, files, roots, summary, encoding, user_dict, jobs, progress, lock_fds, prune)
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
    summary.seconds = time.perf_counter() - started
    return summary


def _commit(writer, segments: list, manifest: Manifest, dict_print: str, target: Path, changed: bool) -> None:
    from .ingest import commit_with

    faults.point("commit")
    commit_with(writer, segments)
    faults.point("commit")
    if changed or not manifest.data.get("built"):  # a no-op run keeps the build time
        manifest.data.update(built=datetime.now(UTC).isoformat(timespec="seconds"))
    manifest.data.update(dictionary=dict_print, versions=_versions(), sizes=file_sizes(target))
    manifest.save()
    faults.point("commit")


def recover(folder: Path) -> None:
    """Put back an index a killed rebuild had moved aside while swapping in
    the new one, and drop what such a rebuild left half-written."""
    if not folder.parent.exists():
        return
    for leftover in sorted(folder.parent.glob(f".{folder.name}.*[0-9]")):
        stage, _, pid = _stage(leftover.name)
        if not pid.isdigit() or _alive(int(pid)):
            continue
        if stage == "old" and not folder.exists():
            os.replace(leftover, folder)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _stage(name: str) -> tuple[str, str, str]:
    tail = name.rsplit(".", 1)[-1]
    for stage in ("new", "old"):
        if tail.startswith(stage):
            return stage, "", tail[len(stage) :]
    return "", "", ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(new: Path, folder: Path) -> None:
    old = folder.with_name(f".{folder.name}.old{os.getpid()}")
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        os.replace(folder, old)
        faults.point("swap")
    os.replace(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def _write(
    writer,
    manifest: Manifest,
    files: list[Path],
    roots: list[str],
    summary: IndexSummary,
    encoding,
    user_dict,
    jobs,
    progress,
    lock_fds,
    prune=False,
) -> list:
    """Index what changed; return the segments worker processes wrote."""
    known = manifest.files
    wanted = {file_key(p): p for p in files}
    drop_gone(writer, known, wanted, roots, summary, prune)
    # a file indexed before and named again is unchanged when its bytes hash the same
    todo: list[Path] = []
    for key, path in wanted.items():
        entry = known.get(key)
        if entry and not changed(path, entry):
            summary.unchanged += 1
            continue
        todo.append(path)
    stems = {Path(v["path"]).stem: k for k, v in known.items()}
    jobs_list = []
    for path in todo:
        key = file_key(path)
        stem = unique_stem(path, key, stems)
        stems.setdefault(stem, key)
        # stored absolute: the page is found again from any working folder
        jobs_list.append((os.path.abspath(path), stem))
        summary.todo_bytes += size_of(path)
    if progress:
        progress.set_total(len(todo))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    folder = str(writer.storage.folder)
    if workers > 1 and len(todo) >= PARALLEL_MIN_PAGES:
        from .ingest import parallel_pages

        results = parallel_pages(folder, jobs_list, min(workers, len(todo)), encoding, user_dict, lock_fds)
    else:
        from .ingest import SegmentBuilder, serial_pages

        results = serial_pages(SegmentBuilder(folder, encoding, user_dict), jobs_list)
    try:
        return _take_results(writer, results, known, summary, progress, len(jobs_list))
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
        known[done.key] = {"path": done.path, "hash": done.digest, "size": done.size, "ids": done.ids}
        summary.added += 1
        if done.replaced:
            summary.replaced.append((done.path, done.replaced))
        summary.new_articles += len(done.ids)
        summary.megabytes += done.size / 1e6
    return segments


def index_bytes(folder: str | Path) -> int:
    """The bytes the index in folder takes on disk (what `stats` calls its size)."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
