"""Articles continued on another page of the same issue are one article,
through the command line: show prints both parts, a query returns it once."""

import json
import shutil

import pytest
from archive_tree import OTHER, build, page, write
from click.testing import CliRunner

from papersearch.cli.main import cli


def run(index, *args):
    return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = build(tmp_path_factory.mktemp("archive") / "papers")
    # the same page 1 on a day whose page 3 is not in the archive
    write(root, "shanxi/2026-11-22/第01版_要闻.txt", page(OTHER / "h01_front.txt").replace("2026年11月21日", "2026年11月22日"))
    index = tmp_path_factory.mktemp("ix") / "index"
    assert run(index, "index", "-q", str(root)).exit_code == 0
    return root, index


def hits(index, query, *args):
    res = run(index, "query", query, "--json", "-n", "50", *args)
    return json.loads(res.output) if res.exit_code == 0 else []


def test_the_part_on_page_one_and_its_continuation_on_page_three_are_one_article(archive):
    _root, index = archive
    found = [h for h in hits(index, "外贸", "--paper", "山西日报", "--since", "2026-11-21", "--until", "2026-11-21")]
    assert len(found) == 1  # page 3's piece (its jump-head holds 外贸 too) is not a hit of its own
    [hit] = found
    assert [p["page"] for p in hit["parts"]] == [1, 3]
    assert hit["parts"][1]["file"].endswith("2026-11-21/第03版_要闻.txt")
    assert all(p["lines"][0] <= p["lines"][1] for p in hit["parts"])


def test_of_two_continued_pieces_on_page_three_the_one_that_goes_on_the_report_is_chosen(archive):
    """Page 3 prints two pieces 上接第一版; the report's own comes second, and
    it is the one that opens with the words the report breaks off before."""
    _root, index = archive
    [hit] = hits(index, "前十月我省外贸进出口增长", "--since", "2026-11-21", "--until", "2026-11-21")
    shown = json.loads(run(index, "show", hit["id"], "--json").output)
    assert "抢订单、" in shown["text"] and "拓展多元化市场" in shown["text"]
    assert "生态修复工程" not in shown["text"]
    assert shown["text"].index("抢订单、") < shown["text"].index("下转 第3版") < shown["text"].index("拓展多元化市场")


def test_a_query_matching_only_the_continuation_returns_the_whole_article(archive):
    _root, index = archive
    [hit] = hits(index, "两步申报", "--since", "2026-11-21", "--until", "2026-11-21")
    assert hit["headline"] == "前十月我省外贸进出口增长8.6%" and [p["page"] for p in hit["parts"]] == [1, 3]
    assert "两步申报" in hit["snippet"]


def test_show_from_either_part_prints_it_whole_marked_where_it_jumped(archive):
    _root, index = archive
    [piece] = [
        a
        for a in json.loads(run(index, "list", "--json").output)
        if a["file"].endswith("21/第03版_要闻.txt") and "拓展多元化市场" in a["text"]
    ]
    shown = run(index, "show", piece["id"]).output
    assert shown.index("前十月我省外贸进出口增长8.6%") < shown.index("抢订单、") < shown.index("拓展多元化市场")
    assert "［第1版 下转 第3版 · 外贸进出口稳中向好］" in shown


def test_a_target_page_not_in_the_index_is_said_so(archive):
    _root, index = archive
    [hit] = hits(index, "前十月我省外贸进出口增长", "--since", "2026-11-22")
    assert hit["continued"] == ["continued on page 3 (not indexed)"] and len(hit["parts"]) == 1
    shown = run(index, "show", hit["id"])
    assert "continued on page 3 (not indexed)" in shown.output


def test_parts_in_another_paper_or_date_are_never_joined(tmp_path):
    root = tmp_path / "papers"
    write(root, "shanxi/2026-11-21/第01版_要闻.txt", page(OTHER / "h01_front.txt"))
    shutil.copy(OTHER / "h04_continued.txt", tmp_path / "x.txt")
    other_day = page(OTHER / "h04_continued.txt").replace("2026年11月21日", "2026年11月23日")
    write(root, "shanxi/2026-11-23/第03版_要闻.txt", other_day)
    index = tmp_path / "ix"
    assert run(index, "index", "-q", str(root)).exit_code == 0
    [hit] = hits(index, "前十月我省外贸进出口增长")
    assert len(hit["parts"]) == 1 and hit["continued"] == ["continued on page 3 (not indexed)"]
