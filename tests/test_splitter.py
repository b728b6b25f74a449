"""One focused test per splitting rule, on short pages written in the style
of real ones; and the seed gold, scored, against the targets."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from splitscore import score

from papersearch.reader import read_page
from papersearch.split.splitter import split_text
from papersearch.split.textfix import CONTINUATION

TARGETS = {"bcubed": 0.95, "coverage": 1.0, "headline": 0.90, "authors": 0.90, "clean": 0.95, "once": 1.0}

HEADLINE_FIRST = """
市防汛指挥部召开紧急会议

本报讯（记者 王一鸣）7月5日，市防汛指挥部召开紧急会议，部署防汛抗旱工作。

会议要求，各级各部门要压实防汛责任。
"""

HEADLINES_AFTER_BODIES = """
本报讯 （记者 陈晓） 7 月 4 日，市

农业农村局组织专家深入田间，指导

夏粮收购和秋粮播种工作。

市农业农村局指导夏粮收购秋粮播种

本报讯 （记者 刘洋） 7 月 4 日，全

市中小学暑期安全教育活动启动，各

校开展防溺水专题教育。

全市中小学启动暑期防溺水安全教育
"""


def test_headline_printed_before_its_body_heads_it():
    (art,) = split_text(HEADLINE_FIRST)
    assert art.headline == "市防汛指挥部召开紧急会议"
    assert art.authors == ["王一鸣"]
    assert art.byline == "本报讯（记者 王一鸣）"
    assert art.text.startswith("7月5日，市防汛指挥部")
    assert art.text.endswith("压实防汛责任。")


def test_headlines_printed_after_their_bodies_go_back_to_them():
    arts = split_text(HEADLINES_AFTER_BODIES)
    assert [(a.headline, a.authors) for a in arts] == [
        ("市农业农村局指导夏粮收购秋粮播种", ["陈晓"]),
        ("全市中小学启动暑期防溺水安全教育", ["刘洋"]),
    ]
    assert arts[0].text == "7月4日，市农业农村局组织专家深入田间，指导夏粮收购和秋粮播种工作。"


def test_a_body_without_a_headline_on_the_page_keeps_none():
    page = HEADLINES_AFTER_BODIES + "\n本报讯 （记者 赵敏） 7 月 4 日，市长主持\n\n召开常务会议，研究城市更新项目。\n"
    arts = split_text(page)
    assert arts[-1].authors == ["赵敏"] and arts[-1].headline == ""
    assert arts[-1].kind == "article"


def test_a_title_block_between_two_bodies_is_parted_by_their_words():
    page = (
        "本报讯（记者 陈晓）社保中心推出“打包办”服务，社保业务办理时限大幅缩短。\n\n"
        "社保业务“打包办”再提速\n\n"
        "市关工委号召各级关工委\n\n"
        "组织“五老”宣讲团进校园\n\n"
        "本报讯 近日，市关工委印发通知，要求各级关工委组织“五老”宣讲团进校园宣讲。\n"
    )
    arts = split_text(page)
    assert [a.headline for a in arts] == ["社保业务“打包办”再提速", "市关工委号召各级关工委 组织“五老”宣讲团进校园"]


def test_opening_paragraphs_above_a_feature_headline_and_section_heads_stay_in_the_feature():
    page = (
        "市委召开会议\n\n本报讯（记者 王一）市委昨日召开会议，研究部署城市更新工作。会议要求加快老旧小区改造。\n\n"
        "会议听取了城市更新工作汇报。相关部门负责人参加会议。\n\n"
        "入冬以来，怀仁市的居民们在疫情中守望相助，志愿者穿梭在小区之间，居民心头暖意融融。\n\n"
        "面对疫情，怀仁市社区干部和志愿者日夜坚守，居民自发组织起来互助。\n\n"
        "守望相助 同心抗疫\n\n怀仁市居民同心抗击疫情纪实\n\n王荣 王晓丽\n\n"
        "以民为本 用心解忧\n——畅通服务居民“最后一米”\n\n"
        "怀仁市社区志愿者为居民送菜上门，疫情期间居民生活物资保障有力，小区居民纷纷点赞。\n"
    )
    arts = split_text(page)
    assert [a.headline for a in arts] == ["市委召开会议", "守望相助 同心抗疫"]
    feature = arts[1]
    assert feature.authors == ["王荣", "王晓丽"]
    assert feature.subheads == ["怀仁市居民同心抗击疫情纪实"]
    assert feature.text.startswith("入冬以来")
    assert "——畅通服务居民“最后一米”" in feature.text


def test_captions_and_ads_are_items_of_their_own():
    page = (
        "本报讯（记者 王一）市里开展安全检查。检查组深入企业。\n\n\n\n"
        "图为7月5日，检查组在企业检查消防设施。记者 张三 摄\n\n\n\n"
        "市民服务热线\n12345\n"
    )
    arts = split_text(page)
    assert [a.kind for a in arts] == ["article", "photo", "ad"]
    assert arts[1].authors == ["张三"]
    assert "检查组" not in arts[0].text.split("。")[-1]


def test_continuation_marks_go_to_fields_and_out_of_the_text():
    arts = split_text("本报讯（记者 王一）市里召开会议，部署工作。（下转第二版）\n")
    assert arts[0].continues_to == "第二版"
    assert "下转" not in arts[0].text


def test_repeated_passage_is_kept_once():
    para = "知其所以然，才能明其将往。学习宣传贯彻精神，就要不断提高政治判断力。"
    arts = split_text(f"本报评论员\n\n{para}\n\n{para}\n")
    assert "".join(a.text for a in arts).count("知其所以然") == 1


def test_lone_name_line_and_closing_credit_name_authors():
    arts = split_text("迅速落实措施 尽快恢复秩序\n\n孙 权\n\n我市快速响应，积极行动。\n")
    assert arts[0].authors == ["孙权"]
    arts = split_text("本报讯 近日，市关工委印发通知。\n\n要推动事业发展，为实现蓝图作出新的贡献！\n\n（李建龙）\n")
    assert arts[0].authors == ["李建龙"] and "李建龙" not in arts[0].text


def test_untitled_text_without_opener_is_a_fragment_and_a_lone_title_a_headline():
    arts = split_text("立和践行绿水青山就是金山银山的理念，推进生态保护。(下转第三版)\n\n\n\n某地推行新工作法巩固脱贫成果\n")
    assert [a.kind for a in arts] == ["fragment", "headline"]


def test_ids_are_stable_and_ordinals_follow_the_page():
    first = split_text(HEADLINES_AFTER_BODIES, "p/001_x.txt")
    again = split_text(HEADLINES_AFTER_BODIES, "p/001_x.txt")
    assert [a.id for a in first] == [a.id for a in again] == ["001_x-1", "001_x-2"]
    assert [a.first_line for a in first] == sorted(a.first_line for a in first)


def test_seed_pages_meet_the_split_targets(gold, seeds_dir):
    def split(name):
        page = read_page(seeds_dir / name)
        return [a.to_dict() for a in split_text(page.text, name)]

    got = score(gold["pages"], split)
    for name, target in TARGETS.items():
        assert got[name] >= target, f"{name} {got[name]:.3f} < {target} ({got})"


@pytest.mark.parametrize("junk", ["", "\n\n\n", "。。。", "孙权", "——", "（下转第二版）", "a b c", "\x0c"])
def test_odd_pages_split_without_error(junk):
    for art in split_text(junk):
        assert art.kind in ("article", "fragment", "photo", "ad", "headline")


LINES = [
    "市委召开常委会议研究部署近期工作",
    "——坚持稳中求进推动高质量发展",
    "本报讯（记者 王一鸣）3月5日，市委召开常委会议，",
    "研究部署近期重点工作。会议强调，要抓好春耕生产，",
    "确保粮食安全。",
    "新华社北京3月5日电 国务院常务会议今天召开，",
    "□ 本报记者 韩云峰",
    "孙 权",
    "推 动 城 市 高 质 量 发 展 的 动 力 源 泉 。",
    "图为3月5日，农民在田间劳作。（新华社记者 张三 摄）",
    "市民服务热线12345",
    "（下转第三版）",
    "（李建龙）",
    "全市上下共绘发展蓝图，各级干部深入一线，",
    "帮助企业解决实际困难，推动项目落地见效。",
    "",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=40))
def test_no_text_is_lost_on_any_page_built_of_newspaper_lines(lines):
    page = "\n".join(lines)
    arts = split_text(page)
    fields = [
        re.sub(r"\s+", "", f) for a in arts for f in (a.kicker, a.headline, *a.subheads, a.byline, a.text, " ".join(a.authors))
    ]

    def found(piece):
        return any(piece in f for f in fields)

    for line in lines:
        body = re.sub(r"\s+", "", CONTINUATION.sub("", line))
        if len(body) >= 6:
            parts = re.split(r"[\s，。（）]+", CONTINUATION.sub("", line))
            assert found(body) or all(found(part) for part in parts if part), line


def test_a_title_right_over_an_opener_heads_it_even_when_their_words_differ():
    arts = split_text("水有源 木有根\n\n本报评论员\n\n新时代的伟大变革，根本在于坚强领导。我们要汇聚起磅礴力量。\n")
    assert [(a.headline, a.byline) for a in arts] == [("水有源 木有根", "本报评论员")]


def test_a_title_over_a_photo_caption_heads_the_photo():
    page = (
        "春耕备耕正当时\n\n"
        "图为3月5日，农民在田间驾驶农机进行春耕备耕作业。（新华社记者 孙立新 摄）\n\n"
        "本报讯（记者 王一）市里召开安全生产会议，部署节后复工安全工作。\n"
    )
    arts = split_text(page)
    assert [(a.kind, a.headline) for a in arts] == [("photo", "春耕备耕正当时"), ("article", "")]


def test_a_byline_under_a_photo_title_stays_with_the_photo():
    page = "春耕备耕正当时\n□ 本报记者 韩云峰\n\n图为3月5日，农民在田间驾驶农机进行春耕备耕作业。（新华社记者 孙立新 摄）\n"
    (photo,) = split_text(page)
    assert (photo.kind, photo.headline, photo.byline) == ("photo", "春耕备耕正当时", "□ 本报记者 韩云峰")
    assert photo.authors == ["韩云峰", "孙立新"]


def test_a_short_last_paragraph_with_its_credit_keeps_its_words():
    arts = split_text("本报讯 市里召开会议，部署工作。\n\n任务完成。（张三）\n")
    assert arts[0].authors == ["张三"] and "任务完成。" in arts[0].text


def _rows(page):
    return [(a.kind, a.kicker, a.headline, a.authors) for a in split_text(page)]


def test_a_title_over_a_body_that_shares_no_words_with_it_heads_it():
    page = (
        "一个辅警的告白\n\n清晨五点，闹钟还没响，老陈已经醒了。他穿好制服，轻手轻脚地出了门。\n\n"
        "小巷里的“百家饭”\n\n王大妈家的厨房总是最热闹的。邻居们说，这一碗饭吃了三十年。\n\n"
        "（作者为本报山东分社记者）\n\n春到田间农事忙\n\n眼下正值春耕时节，田间地头一派繁忙景象。"
    )
    arts = split_text(page)
    assert [(a.kind, a.headline) for a in arts] == [
        ("article", "一个辅警的告白"),
        ("article", "小巷里的“百家饭”"),
        ("article", "春到田间农事忙"),
    ]
    # a note on the writer is the piece's byline and is read with it: it closes its text too
    assert arts[1].byline == "（作者为本报山东分社记者）" and arts[1].text.endswith("（作者为本报山东分社记者）")
    assert "作者为" not in arts[2].title + arts[2].text


def test_a_headline_printed_after_its_body_is_not_merged_into_the_next_kicker():
    page = (
        "近日，全省冬季造林工作现场会在临汾召开，部署今冬明春造林绿化工作。各地要高质量完成冬季造林任务。\n\n"
        "全省冬季造林工作现场会召开\n\n王晓东在调研林业工作时强调\n\n守护绿水青山 厚植生态底色\n\n"
        "本报讯（记者 李明）11月20日，副省长王晓东到吕梁市调研，要求各地守住生态红线。"
    )
    assert _rows(page) == [
        ("article", "", "全省冬季造林工作现场会召开", []),
        ("article", "王晓东在调研林业工作时强调", "守护绿水青山 厚植生态底色", ["李明"]),
    ]


def test_a_list_of_names_in_a_body_is_text_and_a_name_closing_a_piece_is_its_author():
    listed = "市政协召开主席会议\n\n本报讯（记者 王刚）11月2日，市政协召开主席会议。出席会议的有：\n\n张建国 李红梅 王志强\n\n会议听取了有关情况汇报。"
    arts = split_text(listed)
    assert [(a.headline, a.authors) for a in arts] == [("市政协召开主席会议", ["王刚"])]
    assert "张建国 李红梅 王志强" in arts[0].text
    signed = "把惠民政策落到群众心坎上\n\n今年以来，各地陆续出台一批惠民政策。政策好不好，群众说了算。\n\n周文静\n\n春到田间农事忙\n\n眼下正值春耕时节。"
    assert [(a.headline, a.authors) for a in split_text(signed)] == [
        ("把惠民政策落到群众心坎上", ["周文静"]),
        ("春到田间农事忙", []),
    ]


def test_continuation_marks_are_never_titles():
    page = (
        "一个辅警的告白 （上接第三版）\n\n老陈说，干这一行，最怕的是夜里的电话。\n\n"
        "有一年除夕，他在路口站了一整夜。（下转第十版）\n\n（下转第十版） 胡文新守诺三十年\n\n"
        "本报讯（记者 周平）三十年前，胡文新答应照顾战友的母亲，这一照顾就是三十年。"
    )
    arts = split_text(page)
    assert [(a.headline, a.continued_from, a.continues_to) for a in arts] == [
        ("一个辅警的告白", "第三版", "第十版"),
        ("胡文新守诺三十年", "", ""),
    ]
    assert "版" not in arts[0].text + arts[1].text


BYLINE_OVER_TWO_LINES = [
    "秋收时节的稻田\n\n本报记者 张建国\n\n本报通讯员 吴 芳\n\n金秋时节，某县万亩稻田迎来丰收，收割机在田间来回穿梭。\n",
    "秋收时节的稻田\n\n本报通讯员 吴 芳\n\n金秋时节，某县万亩稻田迎来丰收，收割机在田间来回穿梭。\n",
    "秋收时节的稻田\n\n记者 张建国 本报通讯员\n\n吴 芳\n\n金秋时节，某县万亩稻田迎来丰收，\n\n收割机在田间来回穿梭。\n",
]


@pytest.mark.parametrize("page", BYLINE_OVER_TWO_LINES)
def test_a_byline_over_two_lines_with_our_correspondent_stays_one_byline_under_its_headline(page):
    (art,) = split_text(page)
    assert art.headline == "秋收时节的稻田"
    assert art.authors[-1] == "吴芳" and set(art.authors) <= {"张建国", "吴芳"}
    assert len(art.authors) == page.count("张建国") + 1
    assert art.text == "金秋时节，某县万亩稻田迎来丰收，收割机在田间来回穿梭。"


CREDIT_THEN_NEXT_PIECE = [
    # the next piece's title first, or its 本报评论员 line printed over its title
    "守住老街的烟火气（现场评论）\n\n吴 涛\n\n老街改造，改的是路面管网，留的是街坊邻里。\n\n（作者为本报山东分社记者）\n\n"
    "把好食品安全关\n\n本报评论员\n\n食品安全是民生底线，来不得半点马虎。\n",
    "守住老街的烟火气（现场评论）\n\n吴 涛\n\n老街改造，改的是路面管网，留的是街坊邻里。\n\n（作者为本报山东分社记者）\n\n"
    "本报评论员\n\n把好食品安全关\n\n食品安全是民生底线，来不得半点马虎。\n",
]


@pytest.mark.parametrize("page", CREDIT_THEN_NEXT_PIECE)
def test_a_closing_credit_closes_the_piece_above_and_the_next_title_stays_a_title(page):
    first, second = split_text(page)
    assert (first.headline, first.authors) == ("守住老街的烟火气（现场评论）", ["吴涛"])
    assert "（作者为本报山东分社记者）" in first.byline
    assert first.text == "老街改造，改的是路面管网，留的是街坊邻里。\n（作者为本报山东分社记者）"
    assert (second.headline, second.byline) == ("把好食品安全关", "本报评论员")
    assert second.text == "食品安全是民生底线，来不得半点马虎。"


def test_a_service_heading_with_its_number_under_an_article_is_an_ad_not_its_headline():
    page = (
        "老旧小区加装电梯提速\n\n本报讯（记者 冯志强）今年以来，我市加快推进老旧小区加装电梯工作。\n\n"
        "住建部门提醒，居民对加装电梯有疑问的，可拨打加装电梯咨询电话了解政策。\n\n"
        "加装电梯咨询电话\n\n0351-7654321\n\n工作日 9:00-17:00\n"
    )
    arts = split_text(page)
    assert [(a.kind, a.headline) for a in arts] == [("article", "老旧小区加装电梯提速"), ("ad", "")]
    assert arts[0].text.endswith("可拨打加装电梯咨询电话了解政策。")
    assert arts[0].authors == ["冯志强"]
    assert "加装电梯咨询电话" in arts[1].text and "0351-7654321" in arts[1].text


def test_an_editor_line_under_a_headline_printed_after_its_body_is_furniture():
    page = (
        "本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收，\n\n将于下月向游客开放。\n\n"
        "古城墙修缮工程完工\n\n责任编辑 田 野\n"
    )
    (art,) = split_text(page)
    assert art.headline == "古城墙修缮工程完工"
    assert art.text == "3月3日，古城墙东段修缮工程通过验收，将于下月向游客开放。"


def test_editor_lines_never_become_articles():
    page = "古城墙修缮工程完工\n\n本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收。\n\n责任编辑 田 野\n\n校对 周 伟\n"
    (art,) = split_text(page)
    assert art.headline == "古城墙修缮工程完工"


def test_page_furniture_over_the_first_article_is_neither_kicker_nor_headline():
    page = (
        "太原晚报\n\n2025年3月4日 星期二\n\n第 2 版 综合\n\n古城墙修缮工程完工\n\n"
        "本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收。\n"
    )
    (art,) = split_text(page)
    assert (art.kicker, art.headline) == ("", "古城墙修缮工程完工")


def test_a_contact_line_and_editor_credits_closing_a_page_are_no_article():
    page = (
        "古城墙修缮工程完工\n\n本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收。\n\n"
        "投稿邮箱：letters@example.cn\n\n本版责任编辑：何 鹏  版式设计：沈 杰\n"
    )
    (art,) = split_text(page)
    assert art.text == "3月3日，古城墙东段修缮工程通过验收。"


def test_two_ads_in_a_row_part_at_the_second_ones_heading_and_keep_their_text():
    page = (
        "老旧小区加装电梯提速\n\n本报讯（记者 冯志强）今年以来，我市加快推进老旧小区加装电梯工作。\n\n"
        "家电维修热线\n\n0351-7654321\n\n随叫随到 收费透明\n\n"
        "诚聘\n\n某超市因门店扩张需要，诚聘收银员8名、理货员6名。\n\n联系电话：0351-1234567\n"
    )
    arts = split_text(page)
    assert [a.kind for a in arts] == ["article", "ad", "ad"]
    assert arts[1].text.startswith("家电维修热线") and arts[1].text.endswith("收费透明")
    assert arts[2].text.startswith("诚聘") and "收银员8名" in arts[2].text and arts[2].text.endswith("0351-1234567")


def test_a_wrapped_credit_of_two_letter_spaced_names_gives_both_authors():
    page = "开罗国际书展开幕\n新华社开罗3月4日电（记者 孙 岚 贺\n 飞）埃及首都开罗4日举办国际\n书展，来自多国的出版商参展。\n"
    (article,) = split_text(page)
    assert article.authors == ["孙岚", "贺飞"]
    assert article.text.startswith("埃及首都开罗")


def _column(text: str, width: int) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "暴雨突袭老城区 消防员连夜转移群众",
            "昨天夜里，一场暴雨突袭老城区，多处低洼路段积水没过膝盖。消防员连夜转移被困群众三十余人，无人受伤。",
        ),
        (
            "南湖街道推进老旧小区“微改造”",
            "今年以来，南湖街道在十二个老旧小区开展微改造，加装电梯、修补路面、增设停车位，居民出行更方便。",
        ),
    ],
)
def test_a_headline_as_wide_as_the_column_over_a_body_without_opener_stays_a_headline(title, body):
    # a column page spaced line by line: the headline is as wide as the column
    before = "为减少对周边居民的影响，夜间施工时段将严格控制噪声，渣土车辆统一按规定路线行驶，沿线居民可拨打热线反映问题。"
    lines = [*_column(before, len(title)), title, *_column(body, len(title))]
    arts = split_text("\n\n".join(lines) + "\n")
    (own,) = [a for a in arts if body[:8] in a.text]
    assert own.headline == title
    assert own.text.replace("\n", "") == body


def test_a_feature_stays_whole_across_unnumbered_section_heads_whose_sections_carry_no_author():
    # 小标题 inside a feature: short lines between the feature's paragraphs; the
    # sections under them carry no opener, byline or credit of their own
    page = (
        "一条老街的新生\n\n——临河镇古街改造纪事\n\n□ 本报记者 陶 然\n\n"
        "清晨六点，临河镇古街上的早点铺已经冒出热气。店主老周说，三年前这条街还冷冷清清。\n\n"
        "古街始建于明代，全长八百米，两侧保留着四十多座清末民初的院落。\n\n"
        "从“拆旧建新”到“修旧如旧”\n\n"
        "施工队进场前，专家逐户测绘，给每块青砖编了号。木匠师傅按原样替换朽坏的梁柱。\n\n"
        "从“游客路过”到“游客留下”\n\n"
        "如今，民宿、书店和手作工坊陆续开张，周末客流超过一万人次，年轻人也回来了。\n\n"
        "全省启动春季森林防火检查\n\n"
        "本报讯（记者 孔 明）日前，省林业局启动春季森林防火专项检查。\n"
    )
    arts = split_text(page)
    assert [a.headline for a in arts] == ["一条老街的新生", "全省启动春季森林防火检查"]
    feature = arts[0]
    assert feature.authors == ["陶然"]
    for part in ["从“拆旧建新”到“修旧如旧”", "专家逐户测绘", "从“游客路过”到“游客留下”", "年轻人也回来了"]:
        assert part in feature.text


def test_a_repeat_starting_mid_word_after_a_closing_credit_is_dropped_and_the_credit_read():
    # extraction printed the piece's last sentences again, from inside a word, right under its credit
    page = (
        "西关街道整治背街小巷\n\n"
        "西关街道近日启动背街小巷整治，\n\n"
        "街道办事处主任表示，将把整治与\n\n"
        "社区网格管理结合起来，让小巷净\n\n"
        "起来、亮起来。（任 远）\n\n"
        "事处主任表示，将把整治与社区网格管理结合起来，让小巷净起来、亮起来。\n"
    )
    (art,) = split_text(page)
    assert art.authors == ["任远"]
    assert art.text.count("亮起来") == 1
    assert "事处主任表示" not in art.text.replace("办事处主任表示", "")


def test_two_headlines_stacked_after_two_bodies_each_title_the_body_they_name():
    page = (
        "本报讯（记者 陆 川）今年我市将新建社区食堂四十家，重点覆盖老旧小区，解决老年人吃饭难问题。\n\n"
        "新建社区食堂将推行助餐补贴，八十岁以上老人每餐可减免三元。\n\n"
        "为保护古树名木，东山区近日开展古树普查，对全区二百一十棵古树逐一挂牌建档。\n\n"
        "普查中发现长势衰弱的古树将制定复壮方案，由专业团队养护。（方 舟）\n\n"
        "今年新建社区食堂四十家\n\n"
        "东山区为古树名木挂牌建档\n"
    )
    arts = split_text(page)
    by_title = {a.headline: a for a in arts}
    assert set(by_title) == {"今年新建社区食堂四十家", "东山区为古树名木挂牌建档"}
    assert by_title["今年新建社区食堂四十家"].authors == ["陆川"]
    assert "助餐补贴" in by_title["今年新建社区食堂四十家"].text
    trees = by_title["东山区为古树名木挂牌建档"]
    assert trees.authors == ["方舟"]
    assert trees.text.startswith("为保护古树名木") and "复壮方案" in trees.text


def test_a_page_label_with_a_middle_dot_over_the_first_headline_is_not_part_of_it():
    page = "晋水风·散文\n\n老屋门前的槐树\n\n□ 赵 明\n\n老屋门前有一棵槐树，是祖父栽下的。每年五月，槐花开得满院都是香气。\n"
    (art,) = split_text(page)
    assert art.headline == "老屋门前的槐树"


def test_a_column_label_over_a_headline_mid_page_is_its_kicker():
    page = (
        "市里召开会议部署冬季工作\n\n本报讯（记者 李 明）11月3日，市里召开会议，部署冬季各项工作。会议强调，要抓好落实。\n\n"
        "观点·访谈\n\n经济学家谈发展新动能\n\n□ 王 刚\n\n近日，记者专访了某某。他说，发展要靠创新。\n"
    )
    second = split_text(page)[1]
    assert (second.kicker, second.headline) == ("观点·访谈", "经济学家谈发展新动能")


def test_a_weekly_supplement_name_at_the_page_top_is_furniture():
    page = "农业周刊\n\n全县冬小麦播种面积稳中有增\n\n本报讯（记者 孙 力）今年全县冬小麦播种面积达到12万亩，比去年增加3000亩。\n"
    (art,) = split_text(page)
    assert art.headline == "全县冬小麦播种面积稳中有增"


def test_a_poems_short_lines_under_its_title_and_byline_are_its_body():
    page = (
        "山村的早晨（外一首）\n\n□ 林晓雨\n\n炊烟升起在屋后\n鸡鸣唤醒了小河\n露水挂满草尖\n\n冬至\n\n雪落在窗台\n灯火暖了归人\n\n\n"
        "在书页里走过一座城\n——读《古城旧事》\n\n□ 周 航\n\n读完《古城旧事》，仿佛在古城走了一遭。书里的街巷都很熟悉。\n"
    )
    poem, review = split_text(page)
    assert (poem.headline, poem.authors) == ("山村的早晨（外一首）", ["林晓雨"])
    for line in ["炊烟升起在屋后", "露水挂满草尖", "冬至", "灯火暖了归人"]:
        assert line in poem.text
    assert (review.headline, review.authors) == ("在书页里走过一座城", ["周航"])


COLUMN_PAGE_HEAD = "本报讯（记者 赵 青）3月2日，市里召\n\n开春季植树动员会，部署全年\n\n国土绿化工作。会议要求，各\n\n地要抓住时节，科学种植。\n\n\n"


def test_a_column_wide_headline_over_a_lead_in_is_not_its_first_wrap():
    page = COLUMN_PAGE_HEAD + (
        "市供水公司启动管网改造工程\n\n近日，市供水公司启动老旧管\n\n网改造工程，计划年内完成城\n\n区主干管网改造。（据新华社电）\n"
    )
    last = split_text(page)[-1]
    assert last.headline == "市供水公司启动管网改造工程"
    assert last.text.startswith("近日，市供水公司启动老旧管网改造工程")


def test_a_column_wide_headline_over_a_photo_caption_is_not_glued_to_it():
    page = (
        "全市新建口袋公园数量突破一百\n\n图为城东新建的口袋公园。（记者 钱 多 摄）\n\n"
        "本报讯 （记者 钱 多 实习生\n\n孙 悦） 3 月 5 日，\n\n记者从市园林局获悉，全市新建\n\n"
        "口袋公园已经突破一百个，居民\n\n出门五分钟就能走进绿地，城区\n\n绿地率提高到百分之四十二。\n"
    )
    arts = split_text(page)
    assert "全市新建口袋公园数量突破一百" in [a.headline for a in arts]
    assert all(not a.text.startswith("全市新建口袋公园") for a in arts)


def test_an_ads_closing_call_to_scan_a_code_stays_in_that_ad():
    page = "家电维修服务热线\n\n上门维修：0351-5566123（全天）\n配件咨询：0351-5566124\n扫码关注“城东家电”公众号 在线预约上门\n"
    arts = split_text(page)
    assert [a.kind for a in arts] == ["ad"]
    assert "扫码关注" in arts[0].text and "上门维修" in arts[0].text


def test_two_ads_each_with_heading_and_number_stay_two():
    page = "家电维修服务热线\n\n上门维修：0351-5566123\n\n诚聘厨师\n\n联系电话：13912345678\n"
    assert [a.kind for a in split_text(page)] == ["ad", "ad"]
