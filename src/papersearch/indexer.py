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
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from .errors import IndexBusy, IndexError_, PageError, PapersearchError
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
    unchanged: int = 0
    new_articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    replaced: list[tuple[str, int]] = field(default_factory=list)  # (path, undecodable bytes) of pages indexed
    seconds: float = 0.0
    megabytes: float = 0.0


@dataclass
class PreparedPage:
    key: str
    path: str
    digest: str
    size: int
    articles: list[Article] = field(default_factory=list)
    error: str = ""
    replaced: int = 0  # undecodable bytes shown as U+FFFD


def page_files(paths: Iterable[str | Path]) -> list[Path]:
    """The page files named, folders searched for *.txt. A path that does not
    exist is an error; symlinked folders are not followed (no loops)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.txt") if p.is_file() or p.is_symlink())
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise PapersearchError(f"{raw}: no such file or folder")
    return found


def file_key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def prepare_page(path: str, encoding: str | None = None, user_dict: str | None = None) -> PreparedPage:
    """Read, hash and split one page (runs in a worker process)."""
    from .reader import decode_page, read_bytes
    from .splitter import split_page

    key = file_key(Path(path))
    try:
        data = read_bytes(path)  # read once: hashed for the manifest, then decoded
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

            return BulkSegmentWriter(ix, compound=False, codec=CompactCodec())
        except LockError:
            if time.monotonic() >= deadline:
                raise IndexBusy(BUSY) from None
            time.sleep(0.2)


def _unique_stem(path: Path, key: str, taken: dict[str, str]) -> str:
    stem = path.stem
    owner = taken.get(stem)
    if owner is None or owner == key:
        return stem
    return f"{stem}~{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def build_index(
    folder: str | Path,
    paths: Iterable[str | Path],
    rebuild: bool = False,
    encoding: str | None = None,
    user_dict: str | None = None,
    wait: float = 0.0,
    jobs: int | None = None,
    progress: ProgressSink | None = None,
) -> IndexSummary:
    """Index the page files under paths into folder; return what was done."""
    started = time.perf_counter()
    folder = Path(folder)
    paths_list = list(paths)
    files = page_files(paths_list)
    if folder.exists() and any(folder.iterdir()) and not is_index(folder):
        raise IndexError_(f"{folder}: not a papersearch index (choose another --index, or empty the folder)")
    dict_print = ""
    if user_dict:
        from .segmenter import load_user_dict

        try:
            dict_print = load_user_dict(user_dict)
        except (OSError, UnicodeDecodeError) as err:
            raise PapersearchError(f"{user_dict}: cannot read dictionary ({err})") from None

    folder.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(folder, wait):
        return _build_locked(folder, paths_list, files, rebuild, encoding, user_dict, dict_print, wait, jobs, progress, started)


@contextmanager
def _writer_lock(folder: Path, wait: float):
    """One papersearch writer an index at a time, rebuilds included (they
    write beside the index, where Whoosh's own lock cannot see them)."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(folder.with_name(f".{folder.name}.lock")), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusy(BUSY) from None
    try:
        yield
    finally:
        lock.release()


def _build_locked(
    folder, paths_list, files, rebuild, encoding, user_dict, dict_print, wait, jobs, progress, started
) -> IndexSummary:
    from whoosh import index as windex

    recover(folder)
    target = folder
    fresh = rebuild or not is_index(folder)
    if fresh:
        target = folder.with_name(f".{folder.name}.new{os.getpid()}")
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        ix = windex.create_in(str(target), schema())
        manifest = Manifest(target)
    else:
        manifest = Manifest(folder).load()
        try:
            ix = windex.open_dir(str(folder))
        except Exception as err:  # whoosh raises many kinds on damaged files
            raise IndexError_(f"{folder}: cannot open the index ({err}); run 'papersearch index --rebuild'") from None
        if manifest.data.get("dictionary", "") != dict_print:
            raise IndexError_(
                f"{folder}: built with dictionary {manifest.data.get('dictionary') or 'none'!r}, not {dict_print or 'none'!r};"
                " pass the same --dict, or --rebuild"
            )

    summary = IndexSummary()
    try:
        writer = _acquire_writer(ix, wait)
        try:
            roots = [file_key(Path(p)) for p in paths_list]
            segments = _write(writer, manifest, files, roots, summary, encoding, user_dict, jobs, progress)
        except BaseException:
            writer.cancel()
            raise
        from .ingest import commit_with

        commit_with(writer, segments)
        if summary.added or summary.removed or not manifest.data.get("built"):  # a no-op run keeps the build time
            manifest.data.update(built=datetime.now(UTC).isoformat(timespec="seconds"))
        manifest.data.update(dictionary=dict_print, versions=_versions())
        manifest.save()
    except BaseException:
        if fresh:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        ix.close()
    if fresh:
        _swap_in(target, folder)
    summary.pages = len(manifest.files)
    summary.articles = sum(len(f["ids"]) for f in manifest.files.values())
    summary.seconds = time.perf_counter() - started
    return summary


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
    os.replace(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def _write(
    writer, manifest: Manifest, files: list[Path], roots: list[str], summary: IndexSummary, encoding, user_dict, jobs, progress
) -> list:
    """Index what changed; return the segments worker processes wrote."""
    known = manifest.files
    wanted = {file_key(p): p for p in files}
    # pages indexed from a folder named again whose files are gone now
    for key in [k for k in known if k not in wanted and not Path(k).exists()]:
        if any(key == root or key.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
            writer.delete_by_term("file_key", key)
            del known[key]
            summary.removed += 1
    # a file indexed before and named again is unchanged when its bytes hash the same
    todo: list[Path] = []
    for key, path in wanted.items():
        entry = known.get(key)
        if entry and not _changed(path, entry):
            summary.unchanged += 1
            continue
        todo.append(path)
    stems = {Path(v["path"]).stem: k for k, v in known.items()}
    jobs_list = []
    for path in todo:
        key = file_key(path)
        stem = _unique_stem(path, key, stems)
        stems.setdefault(stem, key)
        jobs_list.append((str(path), stem))
    if progress:
        progress.set_total(len(todo))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    folder = str(writer.storage.folder)
    if workers > 1 and len(todo) >= PARALLEL_MIN_PAGES:
        from .ingest import parallel_pages

        results = parallel_pages(folder, jobs_list, min(workers, len(todo)), encoding, user_dict)
    else:
        from .ingest import SegmentBuilder, serial_pages

        results = serial_pages(SegmentBuilder(folder, encoding, user_dict), jobs_list)
    segments: list = []
    for seen, done in enumerate(results, 1):
        if isinstance(done, list):
            segments = done
            continue
        if progress:
            progress.advance(done)
            if seen == len(jobs_list):
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


def _changed(path: Path, entry: dict) -> bool:
    try:
        if path.stat().st_size != entry.get("size"):
            return True
        return hashlib.sha1(path.read_bytes()).hexdigest() != entry.get("hash")
    except OSError:
        return True
