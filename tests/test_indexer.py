"""Writing the index: incremental updates, rebuilds, bad files, locks, crashes."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from papersearch.errors import IndexBusy, IndexDamaged, IndexError_, PapersearchError
from papersearch.index import whooshfast
from papersearch.index.format import FORMAT
from papersearch.index.indexer import build_index
from papersearch.search.searcher import Index


def snapshot(folder):
    with Index(folder) as ix:
        return [(a.id, a.headline, a.text) for a in ix.articles()]


def test_reindexing_unchanged_pages_is_no_work_and_keeps_ids(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    first = build_index(folder, [pages_copy], jobs=1)
    assert (first.added, first.pages) == (3, 3)
    before = snapshot(folder)
    again = build_index(folder, [pages_copy], jobs=1)
    assert (again.added, again.unchanged, again.removed) == (0, 3, 0)
    assert snapshot(folder) == before


def test_changed_new_and_deleted_pages_are_the_only_work(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    pages = sorted(pages_copy.glob("*.txt"))
    pages[0].write_text(pages[0].read_text(encoding="utf-8") + "\n本报讯（记者 王一）新增一段测试文字。\n", encoding="utf-8")
    pages[1].unlink()
    (pages_copy / "new_page.txt").write_text("本报讯（记者 张三）全新的一页文字，讲杂交稻。\n", encoding="utf-8")
    summary = build_index(folder, [pages_copy], jobs=1)
    assert (summary.added, summary.unchanged, summary.removed) == (2, 1, 1)
    with Index(folder) as ix:
        files = {Path(a.file).name for a in ix.articles()}
        assert pages[1].name not in files and "new_page.txt" in files
        assert ix.search("新增一段测试文字")


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_index_updated_in_steps_equals_a_full_build_of_the_final_pages(tmp_path, pages_copy, jobs):
    source = (pages_copy / "002_85826b4b7510fe28.txt").read_text(encoding="utf-8")
    for i in range(18):
        (pages_copy / f"copy{i:02d}.txt").write_text(source, encoding="utf-8")
    steps = tmp_path / "steps"
    build_index(steps, [pages_copy], jobs=jobs)
    (pages_copy / "copy03.txt").unlink()
    (pages_copy / "copy04.txt").write_text(source.replace("二十条", "十九条"), encoding="utf-8")
    for i in range(18, 36):
        (pages_copy / f"copy{i:02d}.txt").write_text(source + "\n本报讯（记者 王一）新的一页。\n", encoding="utf-8")
    summary = build_index(steps, [pages_copy], jobs=jobs)
    assert (summary.added, summary.removed) == (19, 1)
    build_index(tmp_path / "full", [pages_copy], jobs=jobs)
    assert snapshot(steps) == snapshot(tmp_path / "full")
    with Index(steps) as a, Index(tmp_path / "full") as b:
        for query in ("二十条措施", "十九条", "新的一页", "记者"):
            assert sorted(h.article.id for h in a.search(query, limit=200)) == sorted(
                h.article.id for h in b.search(query, limit=200)
            )


def test_parallel_ingest_gives_the_same_articles_as_serial(tmp_path, pages_copy):
    for i in range(20):  # enough pages for worker processes
        (pages_copy / f"copy{i:02d}.txt").write_text(
            (pages_copy / "002_85826b4b7510fe28.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    build_index(tmp_path / "serial", [pages_copy], jobs=1)
    build_index(tmp_path / "parallel", [pages_copy], jobs=2)
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
    with Index(tmp_path / "serial") as a, Index(tmp_path / "parallel") as b:
        assert [h.article.id for h in a.search("二十条措施", limit=50)] == [
            h.article.id for h in b.search("二十条措施", limit=50)
        ]


def segment_count(folder) -> int:
    from whoosh import index as windex

    with windex.open_dir(str(folder)).reader() as reader:
        return len(reader.leaf_readers())


@pytest.mark.skipif(not whooshfast.FAST, reason="the bulk writer's spilling is the fast path's")
@pytest.mark.parametrize("jobs", [1, 2])
def test_postings_spilled_to_disk_give_the_same_index(tmp_path, pages_copy, monkeypatch, jobs):

    from papersearch.index.whooshfast import bulkwriter

    for i in range(16):
        (pages_copy / f"copy{i:02d}.txt").write_text(
            (pages_copy / "004_98bee3da790dae35.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    build_index(tmp_path / "memory", [pages_copy], jobs=jobs)
    spills = []
    monkeypatch.setattr(bulkwriter, "SPILL_POSTINGS", 2000)  # a run every page or so
    real_spill = bulkwriter.TermPool.spill_if_full
    monkeypatch.setattr(
        bulkwriter.TermPool, "spill_if_full", lambda pool: (spills.append(pool.postings >= pool.limit), real_spill(pool))
    )
    build_index(tmp_path / "spilled", [pages_copy], jobs=jobs)
    if jobs == 1:
        assert sum(spills) > 10
    for name in ("memory", "spilled"):
        assert segment_count(tmp_path / name) == jobs
    if jobs == 1:  # one writer, the same documents in the same order: the same bytes

        def postings(name):
            return sorted(p.read_bytes() for p in (tmp_path / name).iterdir() if p.suffix in (".pst", ".trm"))

        assert postings("memory") == postings("spilled")
    assert snapshot(tmp_path / "memory") == snapshot(tmp_path / "spilled")
    with Index(tmp_path / "memory") as a, Index(tmp_path / "spilled") as b:
        for query in ("二十条措施", "杂交水稻", "headline:水稻 OR 记者", "核酸 -检测"):
            assert [(h.article.id, round(h.score, 6)) for h in a.search(query, limit=50)] == [
                (h.article.id, round(h.score, 6)) for h in b.search(query, limit=50)
            ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_hears_of_every_page_then_of_the_writing(tmp_path, pages_copy, jobs):
    for i in range(17):
        (pages_copy / f"copy{i:02d}.txt").write_text(f"本报讯（记者 王一）第{i}页的文字。\n", encoding="utf-8")

    class Sink:
        def __init__(self):
            self.calls = []

        def set_total(self, total):
            self.calls.append(("total", total))

        def advance(self, prepared):
            self.calls.append("page")

        def writing(self):
            self.calls.append("writing")

    sink = Sink()
    build_index(tmp_path / "ix", [pages_copy], jobs=jobs, progress=sink)
    assert sink.calls == [("total", 20)] + ["page"] * 20 + ["writing"]


def test_rebuild_starts_over(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    summary = build_index(folder, [pages_copy / "002_85826b4b7510fe28.txt"], rebuild=True, jobs=1)
    assert summary.pages == 1


def test_bad_files_are_skipped_and_the_rest_indexed(tmp_path, pages_copy):
    (pages_copy / "empty.txt").write_bytes(b"")
    (pages_copy / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (pages_copy / "gbk.txt").write_bytes("本报讯（记者 李四）国标码页面。".encode("gbk"))
    (pages_copy / "loop").symlink_to(pages_copy, target_is_directory=True)
    summary = build_index(tmp_path / "ix", [pages_copy], jobs=1)
    assert sorted(Path(p).name for p, _ in summary.skipped) == ["binary.txt", "empty.txt"]
    assert summary.pages == 4
    with Index(tmp_path / "ix") as ix:
        assert ix.search("国标码页面")


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(PapersearchError, match="no such file"):
        build_index(tmp_path / "ix", [tmp_path / "nope"])


def test_a_foreign_folder_is_never_overwritten(tmp_path, pages_copy):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    with pytest.raises(IndexError_, match="not a papersearch index"):
        build_index(foreign, [pages_copy])
    assert (foreign / "thesis.docx").read_text() == "precious"
    with pytest.raises(IndexError_, match="not a papersearch index"):
        Index(foreign)


def test_a_damaged_index_says_rebuild(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    (folder / "papersearch.json").write_text("{not json")
    with pytest.raises(IndexDamaged, match="manifest is damaged"):
        Index(folder)
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"garbage")
    (folder / "papersearch.json").write_text(json.dumps({"format": FORMAT, "files": {}}))
    with pytest.raises(IndexDamaged, match="cannot open the index"):
        Index(folder)
    build_index(folder, [pages_copy], rebuild=True, jobs=1)
    assert snapshot(folder)


def test_a_second_writer_is_told_the_index_is_busy(tmp_path, pages_copy):
    from whoosh import index as windex

    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    holder = windex.open_dir(str(folder)).writer()
    try:
        with pytest.raises(IndexBusy, match="busy"):
            build_index(folder, [pages_copy / "002_85826b4b7510fe28.txt"], rebuild=False, wait=0.3)
    finally:
        holder.cancel()


def test_dictionary_mismatch_is_refused_when_indexing_and_explained_when_querying(tmp_path, pages_copy):
    words = tmp_path / "dict.txt"
    words.write_text("二十条措施 1000 n\n", encoding="utf-8")
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], user_dict=str(words), jobs=1)
    with pytest.raises(IndexError_, match="dictionary"):
        build_index(folder, [pages_copy], jobs=1)
    with Index(folder) as ix:
        assert not ix.warnings and ix.explain("二十条措施").dictionary["note"]
    with Index(folder, user_dict=str(words)) as ix:
        assert not ix.warnings and not ix.explain("二十条措施").dictionary["note"]
        assert ix.search("二十条措施")


KILLER = """
import sys
from papersearch.index.format import FORMAT
from papersearch.index.indexer import build_index
build_index(sys.argv[1], [sys.argv[2]], jobs=1, rebuild=sys.argv[3] == "1")
"""


def test_killing_the_indexer_at_any_point_keeps_the_previous_index(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    expected = snapshot(folder)
    with Index(folder) as ix:
        expected_hits = [h.article.id for h in ix.search("二十条措施", limit=50)]
    more = tmp_path / "more"
    more.mkdir()
    for i in range(30):
        (more / f"p{i:02d}.txt").write_text(
            (pages_copy / "000_eb6abe27dfbda830.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    for point in range(24):
        proc = subprocess.Popen([sys.executable, "-c", KILLER, str(folder), str(more), str(point % 2)], env=env)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Index(folder) as ix:  # old or new, never broken
            got = [a.id for a in ix.articles()]
            hits = [h.article.id for h in ix.search("二十条措施", limit=50)]
        assert got == [e[0] for e in expected] or len(got) > len(expected)
        assert set(expected_hits) <= set(hits) or len(got) != len(expected)
    build_index(folder, [pages_copy], jobs=1, rebuild=True)
    assert snapshot(folder) == expected


def test_an_index_moved_aside_by_a_killed_rebuild_is_put_back(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    expected = snapshot(folder)
    dead = 2**22 + 12345  # no such process
    os.replace(folder, tmp_path / f".ix.old{dead}")
    (tmp_path / f".ix.new{dead}").mkdir()
    # a reader finds the old index where the rebuild left it, and moves nothing
    assert snapshot(folder) == expected
    assert (tmp_path / f".ix.old{dead}").is_dir() and not folder.exists()
    # the next writer puts it back and sweeps the half-written one
    build_index(folder, [pages_copy], jobs=1)
    assert snapshot(folder) == expected
    assert not (tmp_path / f".ix.new{dead}").exists() and not (tmp_path / f".ix.old{dead}").exists()


def test_queries_during_indexing_see_the_old_or_the_new_index(tmp_path, pages_copy):
    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    more = tmp_path / "more"
    more.mkdir()
    for i in range(40):
        (more / f"p{i:02d}.txt").write_text(
            (pages_copy / "002_85826b4b7510fe28.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(folder), str(more), "0"], env=env)
    seen = set()
    try:
        while proc.poll() is None:
            with Index(folder) as ix:
                seen.add(len(ix.search("二十条措施", limit=500)))
            time.sleep(0.05)
    finally:
        proc.wait()
    assert proc.returncode == 0
    with Index(folder) as ix:
        final = len(ix.search("二十条措施", limit=500))
    assert seen <= {4, final} and final > 4


def test_a_rebuild_waits_for_or_refuses_a_running_writer(tmp_path, pages_copy):
    from filelock import FileLock

    folder = tmp_path / "ix"
    build_index(folder, [pages_copy], jobs=1)
    with FileLock(str(tmp_path / ".ix.lock")):
        with pytest.raises(IndexBusy, match="busy"):
            build_index(folder, [pages_copy], rebuild=True, wait=0.2)
    assert build_index(folder, [pages_copy], rebuild=True, wait=0.2).pages == 3
