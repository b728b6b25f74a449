"""Page metadata: every path style, every furniture form, and the printed
page against its path, on a generated archive tree and a real index of it."""

import json

import pytest
from archive_tree import build
from click.testing import CliRunner

from papersearch.archive.furniture import read_page_meta
from papersearch.archive.paths import Layout, guess_path_meta
from papersearch.cli.main import cli


@pytest.mark.parametrize(
    "path, paper, date, page, label, section",
    [
        ("吕梁日报/2022/10/30/04.txt", "吕梁日报", "2022-10-30", 4, "04", ""),
        ("rmrb/20221030/05.txt", "rmrb", "2022-10-30", 5, "05", ""),
        ("archive/lvliang_20221030_A04.txt", "lvliang", "2022-10-30", 4, "A04", ""),
        ("2022-10-30/第04版_要闻.txt", "", "2022-10-30", 4, "04", "要闻"),
        ("晋中日报/2022年10月30日/p5.txt", "晋中日报", "2022-10-30", 5, "5", ""),
        ("晋中日报/2022-10/30/04版.txt", "晋中日报", "2022-10-30", 4, "04", ""),
        ("晋中日报/2022/1030/第三版.txt", "晋中日报", "2022-10-30", 3, "03", ""),
    ],
)
def test_every_path_style_gives_paper_date_and_page(path, paper, date, page, label, section):
    meta = guess_path_meta(path)
    assert (meta.paper, meta.date, meta.page, meta.page_label, meta.section) == (paper, date, page, label, section)


@pytest.mark.parametrize("path", ["seeds/004_98bee3da790dae35.txt", "pages/20221345/01.txt", "notes/2022/04.txt"])
def test_a_path_without_a_real_date_gives_nothing(path):
    assert guess_path_meta(path) == guess_path_meta("")


def test_an_explicit_layout_overrides_the_guess():
    layout = Layout("{paper}/{date:%Y}/{date:%m}/{date:%d}/{page}.txt")
    meta = layout.meta("/data/吕梁日报/2022/10/30/A04.txt")
    assert (meta.paper, meta.date, meta.page, meta.page_label) == ("吕梁日报", "2022-10-30", 4, "A04")
    assert Layout("{section}-{date:%d.%m.%Y}-{page}.txt").meta("x/要闻-30.10.2022-7.txt").date == "2022-10-30"


@pytest.mark.parametrize(
    "furniture, paper, date, page, section",
    [
        ("吕梁日报\n2022年10月30日 星期日\n第 4 版 要闻", "吕梁日报", "2022-10-30", 4, "要闻"),
        ("2026年3月10日 星期二 第6版 乡村产业", "", "2026-03-10", 6, "乡村产业"),
        ("2026年3月6日 星期五 3", "", "2026-03-06", 3, ""),
        ("A4版", "", "", 4, ""),
        ("5 评论", "", "", 5, "评论"),
        ("04版 要闻", "", "", 4, "要闻"),
        ("2026年3月4日 星期三 责任编辑：田 野 校对：李 娜", "", "2026-03-04", 0, ""),
        ("第6版 责任编辑：邓 丽", "", "", 6, ""),
    ],
)
def test_every_furniture_form_gives_its_fields(furniture, paper, date, page, section):
    text = furniture + "\n\n本报讯（记者 张三）10月27日，市委召开会议，研究部署相关工作。\n"
    meta = read_page_meta(text)
    assert (meta.paper, meta.date, meta.page, meta.section) == (paper, date, page, section)


def test_a_page_without_a_date_gets_none():
    meta = read_page_meta("本报讯（记者 张三）10月27日，市委召开会议。\n\n责任编辑 田 野")
    assert meta.date == "" and meta.page == 0


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = build(tmp_path_factory.mktemp("archive") / "papers")
    index = tmp_path_factory.mktemp("ix") / "index"
    res = CliRunner().invoke(cli, ["--index", str(index), "index", "--jobs", "1", str(root)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    listed = CliRunner().invoke(cli, ["--index", str(index), "list", "--json"]).output
    return root, index, res, json.loads(listed)


def _page(listed, fragment):
    found = [a for a in listed if fragment in a["file"]]
    assert found, fragment
    assert len({(a["paper"], a["date"], a["page"], a["section"]) for a in found}) == 1  # one page, one place
    return found[0]


@pytest.mark.parametrize(
    "fragment, paper, date, page, label, section",
    [
        ("吕梁日报/2022/10/30/01.txt", "吕梁日报", "2022-10-30", 1, "1", "要闻"),  # date line with page: printed
        ("rmrb/20221112/05.txt", "人民日报", "2022-11-12", 5, "05", "要闻"),  # the printed paper's name wins
        ("lvliang_20221111_A04.txt", "lvliang", "2022-11-11", 4, "A04", ""),  # no furniture: all from the path
        ("第01版_要闻.txt", "山西日报", "2026-11-21", 1, "1", "要闻"),
    ],
)
def test_the_index_carries_every_field(archive, fragment, paper, date, page, label, section):
    a = _page(archive[3], fragment)
    assert (a["paper"], a["date"], a["page"], a["page_label"], a["section"]) == (paper, date, page, label, section)


def test_the_printed_page_wins_and_index_warns_once_per_folder(archive):
    _root, _index, res, listed = archive
    a = _page(listed, "20230305/02.txt")
    assert (a["paper"], a["date"], a["page"]) == ("rmrb", "2023-03-06", 4)
    assert _page(listed, "20230305/03.txt")["page"] == 3
    warnings = [line for line in res.stderr.splitlines() if "disagree" in line]
    assert len(warnings) == 1 and "20230305" in warnings[0] and "2023-03-06 printed" in warnings[0]


def test_article_dates_come_from_datelines_with_the_pages_year(archive):
    listed = archive[3]
    front = [a for a in listed if "第01版" in a["file"]]
    wheat = next(a for a in front if "冬小麦" in a["headline"])  # 新华社北京11月20日电
    assert wheat["event_date"] == "2026-11-20"
    seeds = [a for a in listed if "lvliang_2022" in a["file"]]
    assert all(a["event_date"] <= "2022-11-11" for a in seeds if a["event_date"])


def test_stats_lists_papers_with_date_ranges_and_export_carries_the_fields(archive):
    _root, index, _res, _listed = archive
    stats = json.loads(CliRunner().invoke(cli, ["--index", str(index), "stats", "--json"]).output)
    papers = {p["paper"]: p for p in stats["papers"]}
    assert papers["rmrb"]["first"] == "2023-03-06" and papers["人民日报"]["pages"] == 1
    assert papers["山西日报"]["first"] == papers["山西日报"]["last"] == "2026-11-21" and papers["山西日报"]["pages"] == 2
    exported = CliRunner().invoke(cli, ["--index", str(index), "export"]).output.splitlines()
    row = json.loads(exported[0])
    assert {"paper", "date", "page", "page_label", "section", "event_date"} <= set(row)


def test_a_config_file_at_the_archive_root_gives_the_layout(tmp_path):
    root = tmp_path / "arch"
    (root / "x").mkdir(parents=True)
    (root / ".papersearch.toml").write_text('layout = "{paper}/{date:%d%m%Y}-{page}.txt"\n', encoding="utf-8")
    (root / "x" / "30102022-7.txt").write_text(
        "本报讯（记者 张三）10月27日，市委召开会议，研究部署相关工作。\n", encoding="utf-8"
    )
    index = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["--index", str(index), "index", str(root)]).exit_code == 0
    [a] = json.loads(CliRunner().invoke(cli, ["--index", str(index), "list", "--json"]).output)
    assert (a["paper"], a["date"], a["page"], a["event_date"]) == ("x", "2022-10-30", 7, "2022-10-27")


def test_an_index_keeps_its_layout_and_refuses_another_without_rebuild(tmp_path):
    root = tmp_path / "arch"
    page = root / "晋中日报" / "30-10-2022" / "A3.txt"
    page.parent.mkdir(parents=True)
    page.write_text("本报讯（记者 张三）10月27日，市委召开会议，研究部署相关工作。\n", encoding="utf-8")
    index = tmp_path / "ix"

    def run(*args):
        return CliRunner().invoke(cli, ["--index", str(index), *args])

    assert run("index", "--layout", "{paper}/{date:%d-%m-%Y}/{page}.txt", str(root)).exit_code == 0
    second = root / "晋中日报" / "31-10-2022" / "A1.txt"
    second.parent.mkdir()
    second.write_text("本报讯（记者 李四）10月30日，全市召开大会，部署冬季工作。\n", encoding="utf-8")
    assert run("index", str(root)).exit_code == 0  # the layout it was built with
    dates = sorted(a["date"] for a in json.loads(run("list", "--json").output))
    assert dates == ["2022-10-30", "2022-10-31"]
    res = run("index", "--layout", "{paper}/{*}/{page}.txt", str(root))
    assert res.exit_code == 2 and "--rebuild" in res.output
