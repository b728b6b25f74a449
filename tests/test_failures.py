"""Expected failures as a user meets them, with real processes: a full disk
(a real 2 MB tmpfs), a folder the user may not write or read (permissions
enforced on root too, by dropping its override capabilities), damaged index
files, and queries built to overflow a parser. Each ends in one line and exit
2 (or a plain answer), never a traceback, and never costs the old index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_processes import index_files, make_pages, snapshot

from papersearch.index import whooshfast
from papersearch.index.indexer import build_index

NO_OVERRIDE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def run(folder: Path, *args: str, unprivileged: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PAPERSEARCH_FAULT_AT", "PAPERSEARCH_DEBUG")}
    cmd = [sys.executable, "-m", "papersearch", "--index", str(folder), *args]
    if unprivileged and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("SKIPPED LOUDLY: running as root without setpriv, permissions cannot be enforced")
        cmd = [*NO_OVERRIDE, *cmd]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


def one_line_error(done: subprocess.CompletedProcess, code: int = 2) -> str:
    assert done.returncode == code, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith(whooshfast.WARNING)]
    assert len(lines) == 1 and "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return lines[0]


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs: writes past it fail with ENOSPC, as on a full disk."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"SKIPPED LOUDLY: cannot mount a tmpfs to fill ({mounted.stderr.strip()}); run as root to test a full disk")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_is_one_line_naming_the_disk_and_leaves_nothing(tmp_path, small_disk, jobs):
    folder = small_disk / "ix"
    build_index(folder, [make_pages(tmp_path / "first", 2, lines=30)], jobs=1)
    before, files = snapshot(folder), index_files(folder)
    pages = make_pages(tmp_path / "pages", 120)  # an index of some 3 MB: more than the disk holds
    full = run(folder, "index", str(tmp_path / "first"), str(pages), "--jobs", jobs, "-q")
    line = one_line_error(full)
    assert "no space left" in line and str(small_disk) in line and "MB more" in line
    assert snapshot(folder) == before
    assert index_files(folder) == files
    rebuilt = run(folder, "index", "--rebuild", str(pages), "--jobs", jobs, "-q")
    assert "no space left" in one_line_error(rebuilt)
    assert snapshot(folder) == before
    assert index_files(folder) == files and sorted(p.name for p in small_disk.iterdir()) == [".ix.lock", "ix"]


def test_an_index_folder_the_user_cannot_write_is_one_line(tmp_path):
    pages = make_pages(tmp_path / "pages", 2, lines=30)
    folder = tmp_path / "ix"
    build_index(folder, [pages], jobs=1)
    make_pages(pages, 2, edition="（修订）", lines=30)
    folder.chmod(0o555)
    try:
        line = one_line_error(run(folder, "index", str(pages), "-q", unprivileged=True))
    finally:
        folder.chmod(0o755)
    assert "cannot write the index" in line and "permission denied" in line
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    line = one_line_error(run(locked / "ix", "index", str(pages), "-q", unprivileged=True))
    assert "permission denied" in line


@pytest.mark.parametrize("suffix", [".trm", ".pst", "._stored.col", ".toc"])
def test_every_damaged_index_file_says_rebuild(tmp_path, suffix):
    # enough pages that some posting lists are too long to live in the term table
    pages = make_pages(tmp_path / "pages", 40, lines=60)
    folder = tmp_path / "ix"
    build_index(folder, [pages], jobs=1)
    damaged = next(p for p in sorted(folder.iterdir()) if p.name.endswith(suffix))
    assert damaged.stat().st_size > 1000
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    for args in (["query", "会议"], ["stats"], ["index", str(pages)]):
        line = one_line_error(run(folder, *args))
        assert "--rebuild" in line, (args, line)
    assert run(folder, "index", "--rebuild", str(pages), "-q").returncode == 0
    assert run(folder, "query", "会议").returncode == 0


def test_an_index_file_deleted_or_overwritten_in_place_says_rebuild(tmp_path):
    """Damage that keeps a file's size, or removes a file, is met only when
    Whoosh reads it: still one line, never an internal error."""
    pages = make_pages(tmp_path / "pages", 40, lines=60)
    folder = tmp_path / "ix"
    build_index(folder, [pages], jobs=1)
    table = next(p for p in folder.iterdir() if p.suffix == ".trm")
    data = bytearray(table.read_bytes())
    data[len(data) // 3 : len(data) // 3 + 4000] = bytes(4000)
    table.write_bytes(bytes(data))
    assert "--rebuild" in one_line_error(run(folder, "stats"))
    table.unlink()
    for args in (["query", "会议"], ["stats"]):
        assert "--rebuild" in one_line_error(run(folder, *args)), args


@pytest.mark.parametrize(
    "query, means",
    [("(" * 400 + "会议" + ")" * 400, "会议"), ("NOT " * 1000 + "会议", "会议"), ("会议 " + "(x " * 500, "会议 x")],
    ids=["deep brackets", "a thousand NOTs", "unclosed brackets"],
)
def test_queries_built_to_overflow_the_parser_are_answered(tmp_path, query, means):
    folder = tmp_path / "ix"
    build_index(folder, [make_pages(tmp_path / "pages", 3, lines=60)], jobs=1)
    done = run(folder, "query", "--json", "--", query)
    plain = run(folder, "query", "--json", "--", means)
    assert plain.returncode == (0 if means == "会议" else 1)  # 会议 is on the pages, x is not
    assert done.returncode == plain.returncode and done.stdout == plain.stdout, done.stderr
    assert "error" not in done.stderr, done.stderr


def test_an_unreadable_sub_folder_is_reported_and_upper_case_txt_is_indexed(tmp_path):
    pages = make_pages(tmp_path / "pages", 2, lines=30)
    (pages / "page00.txt").rename(pages / "PAGE00.TXT")
    hidden = make_pages(pages / "hidden", 1, lines=30)
    hidden.chmod(0o000)
    try:
        done = run(tmp_path / "ix", "index", str(pages), unprivileged=True)
    finally:
        hidden.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert f"skipped {hidden}: cannot read folder: permission denied" in done.stderr
    assert {a[0].split("-")[0] for a in snapshot(tmp_path / "ix")} == {"PAGE00", "page01"}
