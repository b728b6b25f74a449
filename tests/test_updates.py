"""Indexes updated again and again: live counts, bounded size, moved folders,
paths that resolve from anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from test_processes import make_pages, snapshot

from papersearch.index.indexer import build_index
from papersearch.search.searcher import Index


def test_stats_count_only_live_articles_after_updates(tmp_path):
    pages = make_pages(tmp_path / "pages", 12, lines=60)
    folder = tmp_path / "ix"
    build_index(folder, [pages], jobs=1)
    make_pages(pages, 1, edition="（修订）", lines=60)
    (pages / "page11.txt").write_text("本报讯 只有一段话的新版面。\n", encoding="utf-8")
    build_index(folder, [pages], jobs=1)
    with Index(folder) as ix:
        data, listed = ix.stats(), ix.articles()
    assert data.articles == len(listed) == sum(data.kinds.values())
    assert data.kinds == {k: sum(a.kind == k for a in listed) for k in data.kinds}


def test_an_index_changed_five_times_stays_near_a_fresh_builds_size(tmp_path):
    """bench.py's corpus (seeded shuffles of the seed pages), 10% of it changed
    five times: without merging it grew by a quarter of a fresh build each
    round (2.29x after five on 60 pages); now it stays within 1.75x (1.17x measured with the compact term table)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from churn import churn

    got = churn(tmp_path, pages=60, rounds=5, share=0.1, jobs=2)
    assert got["sizes"][-1] <= 1.75 * got["fresh"], got
    assert snapshot(tmp_path / "index") == snapshot(tmp_path / "fresh")


def test_a_moved_folder_leaves_no_stale_pages(tmp_path):
    pages = make_pages(tmp_path / "2022" / "pages", 4, lines=60)
    folder = tmp_path / "ix"
    build_index(folder, [pages], jobs=1)
    before = snapshot(folder)
    moved = tmp_path / "archive-2022"
    shutil.move(tmp_path / "2022", moved)
    summary = build_index(folder, [moved], jobs=1)
    assert summary.removed == 4 and summary.pages == 4
    assert snapshot(folder) == before  # the same articles under the same ids, once each
    with Index(folder) as ix:
        assert all(os.path.exists(a.file) and str(moved) in a.file for a in ix.articles())


def test_stored_paths_resolve_from_any_working_folder(tmp_path):
    make_pages(tmp_path / "work" / "pages", 2, lines=60)
    folder = tmp_path / "ix"
    cmd = [sys.executable, "-m", "papersearch", "--index", str(folder)]
    assert subprocess.run([*cmd, "index", "pages", "-q"], cwd=tmp_path / "work").returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listed = subprocess.run([*cmd, "list", "--json"], cwd=elsewhere, capture_output=True, text=True)
    files = {a["file"] for a in json.loads(listed.stdout)}
    assert files and all((elsewhere / f).exists() for f in files)


def test_pages_gone_from_elsewhere_are_reported_and_pruned(tmp_path):
    pages = make_pages(tmp_path / "pages", 3, lines=60)
    folder = tmp_path / "ix"
    cmd = [sys.executable, "-m", "papersearch", "--index", str(folder)]
    assert subprocess.run([*cmd, "index", str(pages), "-q"]).returncode == 0
    edited = tmp_path / "edited.txt"
    edited.write_text((pages / "page02.txt").read_text(encoding="utf-8") + "\n本报讯 补记一段。\n", encoding="utf-8")
    (pages / "page02.txt").unlink()  # moved and edited: no hash finds it
    done = subprocess.run([*cmd, "index", str(edited)], capture_output=True, text=True)
    assert done.returncode == 0 and "1 indexed page(s) are gone from disk" in done.stderr and "papersearch prune" in done.stderr
    pruned = subprocess.run([*cmd, "prune"], capture_output=True, text=True)
    assert pruned.returncode == 0 and "removed 1 page(s)" in pruned.stderr
    with Index(folder) as ix:
        files = {a.file for a in ix.articles()}
    assert files == {str(pages / "page00.txt"), str(pages / "page01.txt"), str(edited)}
