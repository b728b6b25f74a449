"""The indexer as real processes: killed parents and workers, Ctrl-C to the
process group, and a fault-injection run over reading, writing and committing.

PAPERSEARCH_FAULT_AT=<role>:<stage>:<n>[:<signal>] (papersearch.index.faults) makes
that process signal itself at an exact point, so every kill is a real SIGKILL
(or SIGINT to the group) of a real process at a known place.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from papersearch.index import whooshfast
from papersearch.index.indexer import build_index
from papersearch.search.searcher import Index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_pages(dest: Path, count: int, edition: str = "", lines: int = 0) -> Path:
    """count page files made of the seed pages (their first lines only, when
    given), each with a line of its own."""
    dest.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(count):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        if lines:
            text = "\n".join(text.splitlines()[:lines])
        (dest / f"page{i:02d}.txt").write_text(f"{text}\n本报讯 第{i}版{edition}编者按语，欢迎读者来信。\n", encoding="utf-8")
    return dest


def snapshot(folder: Path) -> list:
    with Index(folder) as ix:
        return sorted((a.id, a.kind, a.headline, a.text) for a in ix.articles())


def processes_of(marker: str) -> list[int]:
    """Live processes whose command line names marker (a test's own folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def no_process_left(marker: str, within: float = 10.0) -> list[int]:
    """The processes still alive after within seconds (killed, so none stray)."""
    deadline = time.monotonic() + within
    while (left := processes_of(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def papersearch(folder: Path, *args: str, fault: str = "", **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PAPERSEARCH_FAULT_AT"}
    if fault:
        env["PAPERSEARCH_FAULT_AT"] = fault
    cmd = [sys.executable, "-m", "papersearch", "--index", str(folder), *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, preexec_fn=_ctrl_c_as_in_a_terminal, **kw)


def _ctrl_c_as_in_a_terminal() -> None:
    # A test run started in the background (nohup, `&`, some CI runners) ignores
    # SIGINT, and children inherit that: Ctrl-C must reach papersearch as it does
    # from a terminal for the interruption tests to mean anything.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stderr_lines(done) -> list[str]:
    """What a command said on stderr, but for the fallback writer's warning."""
    return [line for line in done.stderr.splitlines() if not line.startswith(whooshfast.WARNING)]


def index_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} | {p.name for p in folder.parent.iterdir() if p.name.startswith(".")}


def test_workers_die_with_a_killed_parent_and_leave_no_lock(tmp_path):
    pages = make_pages(tmp_path / "pages", 20)
    folder = tmp_path / "ix"
    build_index(folder, [make_pages(tmp_path / "first", 2)], jobs=1)
    for how in ("KILL", "TERM"):
        killed = papersearch(folder, "index", str(pages), "--jobs", "2", "-q", fault=f"parent:result:2:{how}")
        assert killed.returncode == -getattr(signal, f"SIG{how}")
        assert no_process_left(str(folder)) == []
    again = papersearch(folder, "index", str(pages), "--jobs", "2", "-q")  # no --wait
    assert again.returncode == 0, again.stderr
    clean = tmp_path / "clean"
    build_index(clean, [tmp_path / "first", pages], jobs=2)
    assert snapshot(folder) == snapshot(clean)


@pytest.mark.parametrize(
    "stage, jobs",
    [
        ("parent:result:3", "2"),
        ("worker0:read:2", "2"),
        ("worker0:add:2", "2"),
        pytest.param("worker1:segment:1", "2", marks=pytest.mark.skipif(not whooshfast.FAST, reason="fast path")),
        ("parent:add:3", "1"),
    ],
)
def test_ctrl_c_to_the_process_group_leaves_the_index_as_it_was(tmp_path, stage, jobs):
    folder = tmp_path / "ix"
    build_index(folder, [make_pages(tmp_path / "pages", 20)], jobs=2)
    before, files = snapshot(folder), index_files(folder)
    make_pages(tmp_path / "pages", 20, edition="（修订）")
    run = papersearch(folder, "index", str(tmp_path / "pages"), "--jobs", jobs, fault=f"{stage}:INT", start_new_session=True)
    assert no_process_left(str(folder)) == []
    assert run.returncode == 130
    assert stderr_lines(run) == ["papersearch: interrupted; the index is as it was"]
    assert snapshot(folder) == before
    assert index_files(folder) == files  # no partial segment or temporary file stays


def test_ctrl_c_while_committing_ends_the_commit_first_and_says_so(tmp_path):
    folder = tmp_path / "ix"
    pages = make_pages(tmp_path / "pages", 3)
    build_index(folder, [pages], jobs=1)
    make_pages(pages, 3, edition="（修订）")
    run = papersearch(folder, "index", str(pages), "--jobs", "1", fault="parent:commit:2:INT", start_new_session=True)
    assert run.returncode == 130
    assert len(stderr_lines(run)) == 1 and "written" in run.stderr
    clean = tmp_path / "clean"
    build_index(clean, [pages], jobs=1)
    assert snapshot(folder) == snapshot(clean)


# role:stage:n -- reading (read), writing (add: a page's articles posted;
# segment: before/after a segment is written out; result: the parent takes a
# page), committing (commit: before the merge, before the manifest, after it;
# swap: a rebuild's new index moved in)
# Which worker takes which page is up to the workers: each is sure to take one.
# segments are written apart (by workers, and by the parent's builder) on the fast path alone
SEGMENT_STAGES = ["segment:1", "segment:2"] if whooshfast.FAST else []
WORKER_POINTS = [f"worker{w}:{stage}" for w in (0, 1) for stage in ("read:1", "add:1", *SEGMENT_STAGES)]
INCREMENTAL_POINTS = [
    *(f"parent:result:{n}" for n in (1, 4, 9, 16)),
    *(f"parent:commit:{n}" for n in (1, 2, 3)),
    *WORKER_POINTS,
]
REBUILD_POINTS = [
    "parent:result:2",
    "parent:result:12",
    *(f"parent:commit:{n}" for n in (1, 2, 3)),
    "parent:swap:1",
    *WORKER_POINTS,
]
SERIAL_POINTS = ["parent:read:1", "parent:read:3", "parent:add:2", *(f"parent:{s}" for s in SEGMENT_STAGES), "parent:commit:2"]


def test_fault_injection_kills_at_every_point_and_the_next_run_recovers(tmp_path):
    """The indexer killed (SIGKILL) at each point: no process stays, the next
    run succeeds without --wait, and it gives the articles of a clean build."""
    assert len(INCREMENTAL_POINTS) + len(REBUILD_POINTS) + len(SERIAL_POINTS) >= (30 if whooshfast.FAST else 20)
    # short pages: the runs are about processes, not volume
    pages = make_pages(tmp_path / "pages", 22, lines=40)
    base = tmp_path / "base"
    build_index(base, [pages], jobs=2)
    # the run to kill: 18 pages changed, 2 new, 1 deleted (workers are used)
    make_pages(pages, 18, edition="（修订）", lines=40)
    make_pages(tmp_path / "new", 2, edition="（新）", lines=40)
    for n in (0, 1):
        shutil.copy(tmp_path / "new" / f"page0{n}.txt", pages / f"new0{n}.txt")
    (pages / "page21.txt").unlink()
    clean = tmp_path / "clean"
    build_index(clean, [pages], jobs=2)
    expected = snapshot(clean)

    folder = tmp_path / "ix"
    runs = [(p, []) for p in INCREMENTAL_POINTS] + [(p, ["--rebuild"]) for p in REBUILD_POINTS]
    for point, extra in runs:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(base, folder)
        killed = papersearch(folder, "index", str(pages), "--jobs", "2", "-q", *extra, fault=point)
        _check_recovery(point, killed, folder, pages, expected)

    # few changed pages: one process reads and writes them
    serial_pages = make_pages(tmp_path / "few", 4, lines=40)
    serial_base = tmp_path / "serial_base"
    build_index(serial_base, [serial_pages], jobs=1)
    make_pages(serial_pages, 4, edition="（修订）", lines=40)
    serial_clean = tmp_path / "serial_clean"
    build_index(serial_clean, [serial_pages], jobs=1)
    for point in SERIAL_POINTS:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(serial_base, folder)
        killed = papersearch(folder, "index", str(serial_pages), "--jobs", "1", "-q", fault=point)
        _check_recovery(point, killed, folder, serial_pages, snapshot(serial_clean))


def _check_recovery(point: str, killed, folder: Path, pages: Path, expected: list) -> None:
    if point.startswith("parent"):
        assert killed.returncode == -signal.SIGKILL, (point, killed.returncode, killed.stderr)
    else:  # the parent reports its worker's death in one line
        assert killed.returncode == 2, (point, killed.returncode, killed.stderr)
        assert len(stderr_lines(killed)) == 1 and "worker died" in killed.stderr, (point, killed.stderr)
    assert no_process_left(str(folder)) == [], point
    build_index(folder, [pages], jobs=2)  # no wait: no lock is left behind
    assert snapshot(folder) == expected, point
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(("MAIN.tmp", "papersearch.tmp")) or ".toc." in p.name] + [
        p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.") and not p.name.endswith("lock")
    ]
    assert leftovers == [], (point, leftovers)
