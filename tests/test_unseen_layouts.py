"""Page shapes met on papers the splitter had not seen (issue #11, fourth
round of held-out pages): each written here afresh, small, by its kind."""

from __future__ import annotations

from papersearch import split_page
from papersearch.split.bylines import parse_byline_line
from papersearch.split.furniture import page_furniture


def spaced(lines: list[str], blanks: int = 1) -> str:
    return ("\n" * (blanks + 1)).join(lines) + "\n"


def test_a_line_spaced_column_whose_frames_come_out_with_two_blank_lines_still_joins_its_wraps():
    first = spaced(
        [
            "水利局部署汛前检查",
            "日前，市水利局召开会议，对全市汛",
            "前检查工作作出部署，要求各地立即",
            "行动，逐项排查隐患，确保安全度汛。",
        ]
    )
    second = spaced(
        [
            "乡村书屋成了加油站",
            "今年以来，各乡镇书屋新添图书三千",
            "余册，开展读书活动四十余场，吸引",
            "农民群众两千余人次参与，反响很好。",
        ],
        blanks=2,
    )
    articles = split_page(first + "\n" + second)
    assert [a.headline for a in articles] == ["水利局部署汛前检查", "乡村书屋成了加油站"]
    assert (
        articles[1].text == "今年以来，各乡镇书屋新添图书三千余册，开展读书活动四十余场，吸引农民群众两千余人次参与，反响很好。"
    )


def test_a_commentary_title_with_its_column_tag_stands_alone_even_as_wide_as_the_column():
    page = spaced(
        [
            "上一篇评论的最后几句话写在这里，",
            "说明城市管理要精细，也要有温度。",
            "老街区改造要留住烟火气（今日谈）",  # as wide as the column's lines
            "一些老街区改造后，商铺统一了，招",
            "牌整齐了，却少了往日的热闹。城市",
            "更新不能只追求整齐划一，也要留住",
            "街坊邻里的生活气息和城市记忆。",
            "（陈 言）",
        ]
    )
    articles = split_page(page)
    assert articles[-1].headline == "老街区改造要留住烟火气（今日谈）"
    assert articles[-1].text.startswith("一些老街区改造后") and articles[-1].authors == ["陈言"]


def test_a_trade_papers_masthead_and_a_masthead_line_with_date_and_page_are_furniture():
    assert page_furniture("中原电力报", at_page_top=True) == "paper"
    assert page_furniture("楚天法治报", at_page_top=True) == "paper"
    assert page_furniture("江城日报 评论 2025年5月8日 星期四 第4版", at_page_top=True) == "paper"
    assert page_furniture("春耕喜报", at_page_top=True) is None  # a headline ending in 报 is no paper
    page = (
        "华东电力报\n2025年6月3日 第3版 基层\n\n变电站完成年度检修\n\n本报讯 通讯员 吕 新 近日，某供电公司完成变电站年度检修。\n"
    )
    (article,) = split_page(page)
    assert article.headline == "变电站完成年度检修"


def test_an_editorials_label_is_no_byline():
    assert parse_byline_line("本报评论员文章") is None
    assert parse_byline_line("本报评论员") == ([], "本报评论员")


def test_a_signed_piece_under_a_title_and_subtitle_is_its_own_article_not_a_section():
    page = (
        "春日小记\n\n文/林 青\n\n清晨推开窗，院子里的玉兰开了，白得耀眼。母亲说今年的花比往年开得早。\n\n"
        "在书页里遇见故乡\n\n——读一本散文集有感\n\n这本散文集写的都是作者童年生活过的小镇，街巷、码头和老屋，读来格外亲切。\n\n（王 敏）\n"
    )
    articles = split_page(page)
    assert [a.headline for a in articles] == ["春日小记", "在书页里遇见故乡"]
    assert [a.authors for a in articles] == [["林青"], ["王敏"]]


def test_a_subtitled_section_head_inside_a_bylined_feature_stays_in_it():
    page = (
        "高原上的追光者\n\n本报记者 蒋 昊\n\n从县城出发，汽车沿着盘山公路一路向上，窗外的云越来越近。\n\n"
        "一张大网\n\n——观测站的日常\n\n观测站的工作人员每天要巡检上千个探测器，风雪无阻。\n"
    )
    (article,) = split_page(page)
    assert article.headline == "高原上的追光者" and "一张大网" in article.text


def test_an_artworks_caption_is_a_picture_not_the_next_pieces_title():
    page = (
        "秋山图（国画） 李 可\n\n文/林 青\n\n清晨推开窗，院子里的玉兰开了，白得耀眼。母亲说今年的花比往年开得早。\n\n小院春早\n"
    )
    articles = split_page(page)
    assert articles[0].kind == "photo" and "秋山图" in articles[0].text
    assert all("秋山图" not in a.title for a in articles)


def test_an_editors_credit_with_the_pages_address_set_without_a_colon_is_furniture():
    assert page_furniture("本版编辑 刘 洋  投稿邮箱 wenyuan@example.cn") == "editor"
