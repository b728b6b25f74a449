"""Keeping an index folder whole: what interrupted writers left behind is
swept, damaged files are told apart from bugs, and a full disk is reported as
what it is.

Every function here runs with the index's writer lock held (or only reads).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from papersearch.errors import Interrupted, PapersearchError, UnwritableIndex
from papersearch.index.format import INDEX_NAME

# Disk errors a user fixes by making room.
NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
# An index is a few times the size of its text (README: 3.4x to 6.7x).
INDEX_PER_TEXT_BYTE = 7
# A segment's files: MAIN_<segment id>.<extension> (Whoosh's naming; the
# group is the segment's name, as Segment.segment_id() gives it).
SEGMENT_FILE = re.compile(rf"({INDEX_NAME}_[0-9a-z]+)[.][A-Za-z0-9_.]+")


def sweep(folder: Path, keep: str = "", failed: bool = False) -> None:
    """Delete what interrupted writers left in the index folder: segment
    files no table of contents names (but keep, the running writer's own),
    half-written tables of contents, temporary folders of dead processes and
    manifests (this process's own too when its run failed). Never touches
    the current index. Call with both locks held."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    if not folder.is_dir():
        return
    try:
        toc = TOC.read(FileStorage(str(folder)), INDEX_NAME)
    except Exception:  # no index yet, or a damaged one: opening it says so
        return
    current = {s.segment_id() for s in toc.segments} | {keep}
    for path in folder.iterdir():
        name = path.name
        if name.startswith(f"{INDEX_NAME}.tmp") and path.is_dir():
            if not _live_pid_suffix(name, failed):
                shutil.rmtree(path, ignore_errors=True)
        elif name.startswith("papersearch.tmp") and not _live_pid_suffix(name, failed):
            path.unlink(missing_ok=True)
        elif name.startswith(f"_{INDEX_NAME}_") and name.endswith(".toc") and name != f"_{INDEX_NAME}_{toc.generation}.toc":
            path.unlink(missing_ok=True)
        elif name.startswith(f"_{INDEX_NAME}_") and ".toc." in name:
            path.unlink(missing_ok=True)
        elif (m := SEGMENT_FILE.match(name)) and m.group(1) not in current:
            path.unlink(missing_ok=True)


def _live_pid_suffix(name: str, failed: bool = False) -> bool:
    digits = name[len(name.rstrip("0123456789")) :]
    if not digits or int(digits) == os.getpid():
        return bool(digits) and not failed
    try:
        os.kill(int(digits), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is as good as gone
        return Path(f"/proc/{digits}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def disk_error(err: OSError, folder: Path, text_bytes: int) -> PapersearchError:
    """The one-line error for an OSError met while writing the index in folder."""
    if err.errno in NO_SPACE:
        disk = mount_point(folder)
        free = shutil.disk_usage(disk).free
        need = max(text_bytes * INDEX_PER_TEXT_BYTE - free, 0) + 1_000_000
        return PapersearchError(
            f"no space left on the disk at {disk} ({free / 1e6:.1f} MB free) for the index {folder}: "
            f"about {need / 1e6:.0f} MB more are needed; the index is as it was"
        )
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        where = err.filename or folder
        return UnwritableIndex(f"cannot write the index at {where}: {err.strerror.lower()}")
    return PapersearchError(f"cannot write the index at {folder}: {err.strerror or err}; the index is as it was")


def mount_point(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists():
        path = path.parent
    while not os.path.ismount(path):
        path = path.parent
    return path


@contextmanager
def sigint(handler):
    """Run the block with SIGINT handled by handler (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def uninterruptible():
    """Ctrl-C while the new index is committed waits for the commit to end,
    so the index is either the old one or the new one, and the user is told which."""
    caught: list[int] = []
    with sigint(lambda *_: caught.append(1)):
        yield
    if caught:
        raise Interrupted("interrupted after the index was written: it holds this run's pages")


def quietly(func, *args) -> None:
    """Clean up after a failure without hiding it."""
    try:
        func(*args)
    except Exception:
        pass
