"""The splitter's named steps, each on its own: a short page written in the
test, run through the steps before it, and the exact result of the step."""

from papersearch.model import Article
from papersearch.split.assemble import AdRun, number_articles, page_articles, with_ad_runs
from papersearch.split.attach import (
    Neighbours,
    Share,
    attach_titles,
    headlines_after_bodies,
    reclaim_tails,
    shares_of,
    split_title_blocks,
)
from papersearch.split.bodies import Body, TitleUnits
from papersearch.split.cohesion import Lexicon
from papersearch.split.gather import gather_bodies
from papersearch.split.heads import is_section_head, title_items
from papersearch.split.layout import page_units, read_lines
from papersearch.split.units import AD, BYLINE, CAPTION, PARA, TITLE
from papersearch.split.wraps import column_of, group_lines


def _gathered(page: str) -> tuple[list, Lexicon]:
    units = page_units(page)
    lex = Lexicon([u.text for u in units])
    return gather_bodies(title_items(units), lex), lex


def _shape(seq: list) -> list[tuple]:
    """Each item as ("body", texts, title) / ("titles", titles) / (kind, text)."""
    out = []
    for item in seq:
        if isinstance(item, Body):
            out.append(("body", item.texts, item.title.titles if item.title else None))
        elif isinstance(item, TitleUnits):
            out.append(("titles", item.titles))
        else:
            out.append((item.kind, item.text))
    return out


# --- wraps: lines -> paragraphs

NARROW_COLUMN = """本报讯（记者 王一鸣）7月5日，市防汛指
挥部召开紧急会议，部署防汛抗旱工作。会
议强调，各级各部门要压实防汛责任，确保
安全度汛。
市气象台发布暴雨预警
7月5日，市气象台发布暴雨蓝色预警，提醒
市民注意出行安全，远离河道和低洼地带。"""


def test_a_column_wrap_goes_on_and_a_title_in_its_own_measure_does_not():
    lines = read_lines(NARROW_COLUMN)
    assert column_of(lines).width == 19
    assert [[ln.text for ln in group] for group in group_lines(lines)] == [
        [
            "本报讯（记者 王一鸣）7月5日，市防汛指",
            "挥部召开紧急会议，部署防汛抗旱工作。会",
            "议强调，各级各部门要压实防汛责任，确保",
            "安全度汛。",
        ],
        ["市气象台发布暴雨预警"],
        ["7月5日，市气象台发布暴雨蓝色预警，提醒", "市民注意出行安全，远离河道和低洼地带。"],
    ]


COLUMN_BREAK_AFTER_HANGING_QUOTE = """各地抢抓农时开展春耕生产，农技人员深入
田间地头指导农民科学施肥，确保春播顺利
进行。市农业农村局负责人介绍，今年全市
粮食播种面积稳定，农民都称赞“科技下乡”

的做法实实在在，帮助大家解决了难题。

市气象台发布暴雨蓝色预警，提醒市民注意
出行安全，远离河道和低洼地带，各部门要
做好防汛准备。"""


def test_a_full_line_with_a_hanging_quote_goes_on_across_a_column_break():
    # the fourth line is one wider than the column: its closing quote hangs in the margin
    lines = read_lines(COLUMN_BREAK_AFTER_HANGING_QUOTE)
    assert (column_of(lines).width, column_of(lines).blank_parted) == (19, True)
    assert [len(group) for group in group_lines(lines)] == [5, 3]


TWO_LINE_PARTS = """全市中小学启动
暑期防溺水安全教育

本报讯 记者 张三
通讯员 李四 报道

7月4日，全市中小学暑期安全教育活动启动。

图为学生在上安全教育课。
（记者 王五 摄）"""


def test_a_title_a_byline_and_a_caption_each_set_over_two_lines_stay_whole():
    groups = [[ln.text for ln in group] for group in group_lines(read_lines(TWO_LINE_PARTS))]
    assert groups == [
        ["全市中小学启动", "暑期防溺水安全教育"],
        # the opener has not reached its body: it goes on over the blank line
        ["本报讯 记者 张三", "通讯员 李四 报道", "7月4日，全市中小学暑期安全教育活动启动。"],
        ["图为学生在上安全教育课。", "（记者王五摄）"],
    ]


# --- layout: units retyped by their neighbours


def test_a_line_of_bare_names_is_a_byline_under_a_title_and_a_list_under_a_colon():
    page = "让乡村振兴跑出加速度\n\n孙 权\n\n乡村振兴，关键在人。各地要把人才引进来、留得住。\n\n出席会议的有：\n\n李明 王强"
    units = page_units(page)
    assert [(u.kind, u.text, u.authors) for u in units] == [
        (TITLE, "让乡村振兴跑出加速度", []),
        (BYLINE, "孙权", ["孙权"]),
        (PARA, "乡村振兴，关键在人。各地要把人才引进来、留得住。", []),
        (PARA, "出席会议的有：", []),
        (PARA, "李明 王强", []),
    ]


def test_bare_names_under_a_closed_paragraph_close_the_piece():
    units = page_units("乡村振兴，关键在人。各地要把人才引进来、留得住。\n\n李明")
    assert [(u.kind, u.authors, u.credit) for u in units] == [(PARA, [], ""), (PARA, ["李明"], "李明")]


def test_a_hotline_line_over_a_paragraph_heads_it_and_an_ad_run_stays_an_ad():
    page = "家电维修热线\n市民反映家中空调故障，维修人员当天上门处理。\n\n诚聘\n本公司招聘销售人员若干名\n电话 13912345678"
    assert [(u.kind, u.text) for u in page_units(page)] == [
        (TITLE, "家电维修热线"),
        (PARA, "市民反映家中空调故障，维修人员当天上门处理。"),
        (AD, "诚聘"),
        (AD, "本公司招聘销售人员若干名"),
        (AD, "电话13912345678"),
    ]


def test_a_short_line_with_a_comma_is_a_headline_only_over_an_opener():
    above = "市里召开春耕工作会议。\n\n春耕备耕正当时，农机进村入户\n\n\n"
    over_opener = page_units(above + "本报讯（记者 赵六）连日来，各地农民抢抓农时开展春耕。")
    over_text = page_units(above + "连日来，各地农民抢抓农时开展春耕。")
    assert [(u.kind, u.text) for u in over_opener] == [
        (PARA, "市里召开春耕工作会议。"),
        (TITLE, "春耕备耕正当时，农机进村入户"),
        (PARA, "本报讯（记者 赵六）连日来，各地农民抢抓农时开展春耕。"),
    ]
    assert [u.kind for u in over_text] == [PARA, PARA, PARA]


# --- heads: title blocks and section heads

FEATURE = """黄河岸边的绿色答卷

本报记者 张三

近年来，沿黄各县坚持生态优先，黄河岸边披上绿装。

一、守护一河清水

沿黄各县关停污染企业，黄河水质持续向好。

二、种下一片新绿

各县组织群众植树造林，黄河岸边绿色越来越浓。
（下转第三版）

（上接第一版）

各县还建起了生态公园，群众休闲有了好去处。

本报讯（记者 李四）7月4日，市图书馆新馆开馆迎客。"""


def test_a_headline_and_the_byline_under_it_are_one_title_block():
    items = title_items(page_units(FEATURE))
    block = items[0]
    assert isinstance(block, TitleUnits)
    assert (block.titles, block.authors, block.byline) == (["黄河岸边的绿色答卷"], ["张三"], "本报记者 张三")
    assert [it.titles if isinstance(it, TitleUnits) else it.kind for it in items[1:6]] == [
        PARA,
        ["一、守护一河清水"],
        PARA,
        ["二、种下一片新绿"],
        PARA,
    ]


def test_numbered_titles_between_a_features_paragraphs_are_section_heads():
    units = page_units(FEATURE)
    items = title_items(units)
    lex = Lexicon([u.text for u in units])
    assert [is_section_head(items, i, lex) for i in (0, 2, 4)] == [False, True, True]


# --- gather: paragraphs -> bodies


def test_bodies_end_at_continuation_marks_and_openers_and_keep_section_heads():
    seq, _lex = _gathered(FEATURE)
    assert _shape(seq) == [
        ("titles", ["黄河岸边的绿色答卷"]),
        (
            "body",
            [
                "近年来，沿黄各县坚持生态优先，黄河岸边披上绿装。",
                "一、守护一河清水",
                "沿黄各县关停污染企业，黄河水质持续向好。",
                "二、种下一片新绿",
                "各县组织群众植树造林，黄河岸边绿色越来越浓。",
            ],
            None,
        ),
        ("body", ["各县还建起了生态公园，群众休闲有了好去处。"], None),
        ("body", ["7月4日，市图书馆新馆开馆迎客。"], None),
    ]
    feature, continued, news = seq[1:]
    assert (feature.continues_to, feature.continued_from) == ("第三版", "")
    assert (continued.continues_to, continued.continued_from) == ("", "第一版")
    assert news.opener is not None and news.opener.authors == ["李四"]


def test_a_byline_standing_alone_opens_the_body_under_it():
    seq, _lex = _gathered("本报记者 张三\n\n近年来，沿黄各县坚持生态优先，黄河岸边披上绿装。")
    (body,) = seq
    assert [u.authors for u in body.byline_units] == [["张三"]]
    assert body.texts == ["近年来，沿黄各县坚持生态优先，黄河岸边披上绿装。"]


# --- attach: each title block to its body

TWO_TITLES_BETWEEN = """本报讯（记者 陈晓）7月4日，市农业农村局组织专家深入田间，指导夏粮收购。

市农业农村局指导夏粮收购

全市中小学启动防溺水安全教育

本报讯（记者 刘洋）7月4日，全市中小学防溺水安全教育活动启动。"""


def test_a_block_naming_the_body_before_and_the_one_after_is_cut_in_two():
    seq, lex = _gathered(TWO_TITLES_BETWEEN)
    assert _shape(seq)[1] == ("titles", ["市农业农村局指导夏粮收购", "全市中小学启动防溺水安全教育"])
    cut = split_title_blocks(seq, Neighbours(seq), lex)
    assert [item.titles for item in cut if isinstance(item, TitleUnits)] == [
        ["市农业农村局指导夏粮收购"],
        ["全市中小学启动防溺水安全教育"],
    ]
    attached, _captions = attach_titles(seq, lex)
    assert [item.title.titles for item in attached] == [["市农业农村局指导夏粮收购"], ["全市中小学启动防溺水安全教育"]]


HEADLINES_AFTER = """本报讯（记者 陈晓）7月4日，市农业农村局组织专家深入田间，指导夏粮收购。

市农业农村局组织专家指导夏粮收购

本报讯（记者 刘洋）7月4日，全市中小学防溺水安全教育活动启动。

全市中小学启动防溺水安全教育"""


def test_a_page_printing_its_headlines_under_their_bodies_is_read_so():
    seq, lex = _gathered(HEADLINES_AFTER)
    shares = shares_of(seq, Neighbours(seq), lex)
    assert sorted(shares) == [1, 3]
    assert shares[3].after is None and shares[3].s_before > 0.3
    assert headlines_after_bodies(shares)
    attached, _captions = attach_titles(seq, lex)
    assert _shape(attached) == [
        ("body", ["7月4日，市农业农村局组织专家深入田间，指导夏粮收购。"], ["市农业农村局组织专家指导夏粮收购"]),
        ("body", ["7月4日，全市中小学防溺水安全教育活动启动。"], ["全市中小学启动防溺水安全教育"]),
    ]


def test_a_title_names_a_body_plainly_only_with_twice_the_share_of_the_other():
    before, after = Body(), Body()
    plainly_before = Share(before, after, s_before=0.5, s_after=0.2)
    both = Share(before, after, s_before=0.5, s_after=0.3)
    plainly_after = Share(before, after, s_before=0.1, s_after=0.4)
    assert headlines_after_bodies({1: plainly_before, 3: plainly_before, 5: plainly_after})
    assert not headlines_after_bodies({1: plainly_before, 3: both, 5: plainly_after})
    # a title ending the page under a body names it; one opening the page names the body after
    assert not headlines_after_bodies({0: Share(None, after, 0.0, 0.0), 2: Share(before, None, 0.0, 0.0)})


TAIL_ABOVE_HEADLINE = """本报讯（记者 陈晓）7月4日，市图书馆新馆开馆迎客，新馆藏书一百万册，读者排起长队。

图书馆新馆设有少儿阅览区，图书馆还开通了夜间借阅服务。

汾河湿地公园里，白鹭成群结队在湿地觅食，湿地公园成了白鹭的家。

汾河湿地白鹭成群

汾河湿地公园管理处介绍，今年来汾河湿地栖息的白鹭超过三百只，白鹭数量逐年增加。"""


def test_paragraphs_printed_above_a_features_headline_go_to_its_body():
    seq, lex = _gathered(TAIL_ABOVE_HEADLINE)
    assert not headlines_after_bodies(shares_of(seq, Neighbours(seq), lex))
    reclaim_tails(seq, Neighbours(seq), lex)
    assert _shape(seq) == [
        (
            "body",
            [
                "7月4日，市图书馆新馆开馆迎客，新馆藏书一百万册，读者排起长队。",
                "图书馆新馆设有少儿阅览区，图书馆还开通了夜间借阅服务。",
            ],
            None,
        ),
        ("titles", ["汾河湿地白鹭成群"]),
        (
            "body",
            [
                "汾河湿地公园里，白鹭成群结队在湿地觅食，湿地公园成了白鹭的家。",
                "汾河湿地公园管理处介绍，今年来汾河湿地栖息的白鹭超过三百只，白鹭数量逐年增加。",
            ],
            None,
        ),
    ]


def test_a_title_over_a_photo_caption_naming_its_scene_heads_the_photo():
    page = "迎泽公园荷花盛开\n\n图为游客在迎泽公园观赏盛开的荷花。（记者 王五 摄）\n\n本报讯（记者 刘洋）7月4日，全市中小学防溺水安全教育活动启动。"
    seq, lex = _gathered(page)
    attached, caption_titles = attach_titles(seq, lex)
    caption = attached[0]
    assert (caption.kind, caption.authors) == (CAPTION, ["王五"])
    assert caption_titles[id(caption)].titles == ["迎泽公园荷花盛开"]
    assert attached[1].title is None  # the news under the photo keeps no title of the photo's


# --- assemble: articles, ads, ids

ADS = """本报讯（记者 刘洋）7月4日，全市中小学防溺水安全教育活动启动。

诚聘
本公司招聘销售人员若干名
电话 13912345678
招商
欢迎各界人士洽谈合作
联系电话 0351-1234567"""


def test_ad_lines_run_into_one_ad_until_a_new_ads_heading():
    runs = [[u.text for u in item] if isinstance(item, AdRun) else item.kind for item in with_ad_runs(page_units(ADS))]
    assert runs == [
        PARA,
        ["诚聘", "本公司招聘销售人员若干名", "电话13912345678"],
        ["招商", "欢迎各界人士洽谈合作", "联系电话0351-1234567"],
    ]


def test_page_articles_are_numbered_in_printed_order_with_their_ids():
    seq, lex = _gathered(ADS)
    attached, caption_titles = attach_titles(seq, lex)
    arts = page_articles(attached, caption_titles, "pages/p.txt")
    assert [(a.id, a.kind, a.first_line, a.last_line, a.text, a.authors) for a in arts] == [
        ("p-1", "article", 1, 1, "7月4日，全市中小学防溺水安全教育活动启动。", ["刘洋"]),
        ("p-2", "ad", 3, 5, "诚聘\n本公司招聘销售人员若干名\n电话13912345678", []),
        ("p-3", "ad", 6, 8, "招商\n欢迎各界人士洽谈合作\n联系电话0351-1234567", []),
    ]


def test_articles_starting_on_one_line_keep_the_order_they_were_found_in():
    def art(text: str) -> Article:
        return Article(id="", file="", ordinal=0, kind="article", text=text, first_line=1, last_line=1)

    found = [(5, art("c")), (2, art("a")), (5, art("d")), (2, art("b"))]
    numbered = number_articles(found, "/tmp/x/07.txt")
    assert [(a.text, a.ordinal, a.id, a.file) for a in numbered] == [
        ("a", 1, "07-1", "/tmp/x/07.txt"),
        ("b", 2, "07-2", "/tmp/x/07.txt"),
        ("c", 3, "07-3", "/tmp/x/07.txt"),
        ("d", 4, "07-4", "/tmp/x/07.txt"),
    ]
