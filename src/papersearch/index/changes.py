"""What changed on disk since the index was last written: the page files
named, which of them are new or changed, and which indexed pages are gone."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from papersearch.errors import PapersearchError


def page_files(paths: Iterable[str | Path], unreadable: list[tuple[str, str]] | None = None) -> list[Path]:
    """The page files named, folders searched for *.txt (any case). A path
    that does not exist is an error; a folder that cannot be read is added to
    unreadable; symlinked folders are not followed (no loops)."""
    found: list[Path] = []

    def tell(err: OSError) -> None:
        if unreadable is not None:
            unreadable.append((err.filename, f"cannot read folder: {(err.strerror or str(err)).lower()}"))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = []
            for top, _dirs, names in os.walk(path, onerror=tell):
                inside += [Path(top, n) for n in names if n.lower().endswith(".txt")]
            found += sorted(inside)
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


def drop_gone(writer, known: dict, wanted: dict, roots: list[str], summary, prune: bool = False) -> None:
    """Take out pages whose files are gone: those under a folder named again,
    and those whose bytes are now indexed under another path (a folder moved
    or renamed), found by size and then by content hash; with prune, all.
    The others are counted in summary.stale."""
    gone = {k: v for k, v in known.items() if k not in wanted and not Path(k).exists()}
    moved: set[str] = set()
    by_size: dict[int, list[str]] = {}
    for key, entry in gone.items():
        by_size.setdefault(entry.get("size"), []).append(key)
    for key, path in wanted.items():
        if key in known or size_of(path) not in by_size:
            continue
        digest = digest_of(path)
        moved |= {k for k in by_size[size_of(path)] if gone[k].get("hash") == digest}
    for key in gone:
        named_again = any(key == root or key.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
        if named_again or key in moved or prune:
            writer.delete_by_term("file_key", key)
            del known[key]
            summary.removed += 1
        else:
            summary.stale += 1


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def digest_of(path: Path) -> str:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def changed(path: Path, entry: dict) -> bool:
    try:
        if path.stat().st_size != entry.get("size"):
            return True
        return hashlib.sha1(path.read_bytes()).hexdigest() != entry.get("hash")
    except OSError:
        return True
