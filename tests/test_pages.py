"""Whole pages written in the style of other papers than the seeds: what a
reader of each printed page sees."""

from pathlib import Path

from papersearch.reader import read_page
from papersearch.split.splitter import split_page

PAGES = Path(__file__).resolve().parent / "pages"


def split(name):
    return split_page(read_page(PAGES / name))


def test_national_daily_page():
    arts = split("national_daily.txt")
    assert [(a.kind, a.headline) for a in arts] == [
        ("article", "坚持稳中求进，推动高质量发展"),
        ("article", "春耕备耕正当时"),
        ("photo", ""),
        ("article", "国务院常务会议部署推进城市更新"),
    ]
    feature, spring, photo, council = arts
    assert feature.subheads == ["——代表委员热议政府工作报告"]
    assert feature.authors == ["张晓明", "李雪"]
    assert "一、粮食生产稳字当头" in feature.text  # numbered section heads stay inside
    assert feature.continues_to == "第2版" and "转第2版" not in feature.text
    assert spring.dateline == "本报北京3月5日电" and spring.authors == ["赵晓东"]
    assert photo.authors == ["孙立新"]
    assert council.authors == ["周涛"] and council.dateline == "新华社北京3月5日电"
    everything = "".join(a.title + a.text + a.byline for a in arts)
    assert "责任编辑" not in everything and "星期一" not in everything  # page furniture


def test_narrow_columns_without_blank_lines_and_headlines_after_bodies():
    arts = split("columns_no_blank_lines.txt")
    assert [(a.headline, a.authors) for a in arts] == [
        ("滨江县现代农业产业园蔬菜丰收", ["黄丽娜"]),
        ("市消防救援支队开展校园消防检查", ["马小军"]),
        ("", ["马丽"]),  # no title on this page; its closing credit names the writer
    ]
    first = arts[0].text.split("\n")
    assert first[0].startswith("近日，记者走进滨江县现代农业产业园") and first[1].startswith("“有了智能设备")
    assert "进行逐一排查，督促学校" in arts[1].text


def test_traditional_script_page_in_big5():
    page = read_page(PAGES / "traditional_big5.txt")
    assert page.encoding == "big5"
    arts = split_page(page)
    assert [(a.kind, a.headline, a.authors) for a in arts] == [
        ("article", "市府召開防汛工作會議", ["陳美玲"]),
        ("article", "國務院部署糧食生產", ["劉建國"]),
        ("photo", "", ["張小華"]),
    ]
    assert arts[0].continues_to == "第三版" and arts[1].dateline == "新華社北京7月5日電"


def test_simplified_query_finds_a_traditional_page(tmp_path):
    from papersearch.index.indexer import build_index
    from papersearch.search.searcher import Index

    build_index(tmp_path / "ix", [PAGES / "traditional_big5.txt"], jobs=1)
    with Index(tmp_path / "ix") as ix:
        assert [h.article.headline for h in ix.search("粮食生产")] == ["國務院部署糧食生產"]


def test_a_column_of_briefs_is_one_item_a_title():
    arts = split("briefs_column.txt")
    assert [(a.kicker, a.headline) for a in arts] == [
        ("简讯", "市疫情防控指挥部调整核酸检测点"),
        ("", "全市疫情防控志愿者表彰大会召开"),
        ("", "市医院开通疫情防控心理援助热线"),
    ]
    assert all(a.kind == "article" and a.text for a in arts)
