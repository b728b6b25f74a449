"""Searching an archive by paper, date, page and section, in date order, and
timelines: end to end through the command line, on a generated archive."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from archive_tree import build, seed, write
from click.testing import CliRunner

from papersearch.archive.filters import field_holds
from papersearch.cli.main import cli
from papersearch.model import Article
from papersearch.search.searcher import Index

BIN = Path(sys.executable).parent / "papersearch"


def run(index, *args):
    return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = build(tmp_path_factory.mktemp("archive") / "papers")
    # a month with no page between two that have some: a gap the timeline shows
    write(root, "吕梁日报/2022/12/05/02.txt", "2022年12月5日 星期一 第2版 综合\n\n" + seed("000"))
    index = tmp_path_factory.mktemp("ix") / "index"
    assert run(index, "index", "-q", str(root)).exit_code == 0
    return root, index


def found(index, *args):
    res = run(index, *args, "--json")
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.output) if res.exit_code == 0 else []


def articles(index):
    return [Article.from_dict(a) for a in found(index, "list")]


@pytest.mark.parametrize(
    "query, field, value",
    [
        ("疫情 date:2022-10", "date", "2022-10"),
        ("疫情 date:2022-10-01..2022-11-11", "date", "2022-10-01..2022-11-11"),
        ("疫情 date:>=2022-11", "date", ">=2022-11"),
        ("疫情 date:<2022-11-11", "date", "<2022-11-11"),
        ("疫情 paper:吕梁", "paper", "吕梁"),
        ("疫情 page:4", "page", "4"),
        ("疫情 section:要闻", "section", "要闻"),
    ],
)
def test_recall_equals_grep_with_the_filter_applied(archive, query, field, value):
    """Every article that holds 疫情 and passes the filter is found, and none else."""
    _root, index = archive
    want = {
        a.id for a in articles(index) if "疫情" in (a.title + a.byline + a.text).replace(" ", "") and field_holds(a, field, value)
    }
    assert want  # the case tests something
    with Index(index) as ix:
        got = ix.search(query, limit=1000)
    # a continued article's parts are one hit: count every part
    ids = {p.id for h in got for p in h.parts} | {h.article.id for h in got}
    assert want <= ids  # nothing missed
    assert all(({p.id for p in h.parts} | {h.article.id}) & want for h in got)  # nothing else
    assert all(field_holds(h.article, field, value) for h in got)


def test_since_and_until_options_filter_as_the_query_field_does(archive):
    _root, index = archive
    by_field = [h["id"] for h in found(index, "query", "疫情 date:2022-10-30..2022-11", "-n", "100")]
    by_options = [h["id"] for h in found(index, "query", "疫情", "--since", "2022-10-30", "--until", "2022-11", "-n", "100")]
    assert by_field == by_options and by_field
    assert all(
        "2022-10-30" <= h["date"] <= "2022-11-30"
        for h in found(index, "query", "疫情", "--since", "2022-10-30", "--until", "2022-11")
    )


def test_a_filtered_query_ranks_its_hits_as_the_unfiltered_one(archive):
    _root, index = archive
    every = found(index, "query", "疫情", "-n", "100")
    october = [h for h in every if h["date"].startswith("2022-10")]
    filtered = found(index, "query", "疫情", "--since", "2022-10", "--until", "2022-10", "-n", "100")
    assert [(h["id"], h["score"]) for h in filtered] == [(h["id"], h["score"]) for h in october]


def test_sort_by_date_oldest_and_newest_first_with_undated_pages_last(archive):
    _root, index = archive
    oldest = found(index, "query", "会议", "--sort", "date", "-n", "100")
    dates = [h["date"] for h in oldest]
    assert dates == sorted(dates) and len(set(dates)) >= 3
    newest = [h["date"] for h in found(index, "query", "会议", "--sort", "-date", "-n", "100")]
    assert newest == sorted(newest, reverse=True)
    listed = [a["date"] for a in found(index, "list", "--sort", "date")]
    assert listed == sorted(listed)


def test_hits_carry_paper_date_and_page(archive):
    _root, index = archive
    [hit, *_] = found(index, "query", "孙大军")
    assert (hit["paper"], hit["date"], hit["page"]) == ("吕梁日报", "2022-10-30", 1)


def test_list_filters_by_paper_and_dates(archive):
    _root, index = archive
    listed = found(index, "list", "--paper", "吕梁", "--since", "2022-11")
    assert listed and all(a["paper"] == "吕梁日报" and a["date"] >= "2022-11-01" for a in listed)


def test_a_date_that_is_none_is_one_line_and_status_2(archive):
    _root, index = archive
    res = run(index, "query", "疫情 date:2022-13")
    assert res.exit_code == 2 and "date:2022-13: not a date" in res.output and "Traceback" not in res.output
    res = run(index, "query", "疫情", "--since", "yesterday")
    assert res.exit_code == 2 and "not a date" in res.output


def test_timeline_as_tsv_shows_every_month_gaps_included(archive):
    _root, index = archive
    res = run(index, "timeline", "疫情", "--paper", "吕梁日报")
    rows = [line.split("\t") for line in res.output.splitlines()]
    assert [r[0] for r in rows] == ["2022-10", "2022-11", "2022-12"]
    assert rows[1][1] == "0" and int(rows[0][1]) > 0  # November: no 吕梁日报 page, and shown
    assert res.exit_code == 0


def test_timeline_json_and_weeks(archive):
    _root, index = archive
    data = found(index, "timeline", "疫情", "--by", "week", "--since", "2022-10-24", "--until", "2022-11-13")
    assert [p["label"] for p in data["periods"]] == ["2022-W43", "2022-W44", "2022-W45"]
    hits = found(index, "query", "疫情", "--since", "2022-10-24", "--until", "2022-11-13", "-n", "1000")
    assert sum(p["count"] for p in data["periods"]) == len(hits)
    assert data["periods"][0]["start"] == "2022-10-24" and data["periods"][0]["end"] == "2022-10-30"


def test_timeline_plot_writes_an_svg(archive, tmp_path):
    _root, index = archive
    out = tmp_path / "t.svg"
    assert run(index, "timeline", "疫情", "--plot", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<rect") >= 3


@pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="tmux is installed by .ci/run")
def test_timeline_on_a_terminal_is_a_bar_chart(archive):
    from test_terminal import Terminal

    _root, index = archive
    term = Terminal(width=100, height=20)
    try:
        term.type(
            f"env -u NO_COLOR TERM=xterm-256color PAPERSEARCH_INDEX={index} {BIN} timeline 疫情 --paper 吕梁日报; echo TL-"
            + '""DONE'
        )
        screen = term.wait_for("TL-DONE", timeout=60)
    finally:
        term.close()
    lines = {line.split()[0]: line for line in screen.splitlines() if line.startswith("2022-")}
    assert set(lines) == {"2022-10", "2022-11", "2022-12"}
    assert "█" in lines["2022-10"] and "█" not in lines["2022-11"] and "·" in lines["2022-11"]
    assert len(lines["2022-10"].split()) == 3  # period, count, bar


def test_plain_timeline_through_a_real_process(archive):
    _root, index = archive
    env = {**os.environ, "PAPERSEARCH_INDEX": str(index)}
    done = subprocess.run([BIN, "timeline", "疫情", "--by", "year"], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "\x1b" not in done.stdout
    assert done.stdout.splitlines()[0].split("\t")[0] == "2022"
