import pytest

from papersearch.split.furniture import page_furniture
from papersearch.split.layout import page_units
from papersearch.split.textfix import unspace
from papersearch.split.units import AD, BYLINE, CAPTION, FURNITURE, PARA, TITLE


def kinds(text):
    return [(u.kind, u.text) for u in page_units(text)]


def test_column_wrapped_lines_with_blank_lines_between_join_into_one_paragraph():
    page = "本报讯 （记者 王一） 5 月 6 日，\n\n市委书记张三深入某县调研\n\n督导防汛工作，并主持召开会\n\n议。\n"
    assert kinds(page) == [(PARA, "本报讯（记者 王一）5月6日，市委书记张三深入某县调研督导防汛工作，并主持召开会议。")]


def test_a_sentence_end_closes_a_paragraph():
    page = "会议指出，要做好防汛工作。\n\n会议强调，要压实责任。\n"
    assert [k for k, _ in kinds(page)] == [PARA, PARA]


def test_a_line_ending_mid_sentence_goes_on_even_when_short():
    page = "太重集团（大同）起重机械有限公司、\n\n中建一局项目只是经开区推动企业复工复产的缩影，效果明显。\n"
    assert kinds(page) == [(PARA, "太重集团（大同）起重机械有限公司、中建一局项目只是经开区推动企业复工复产的缩影，效果明显。")]


def test_a_headline_over_an_opener_is_not_glued_to_the_cut_paragraph_before_it():
    page = "要将风险区由三类调整为两类，最\n\n某地举办粮食安全国际论坛\n\n新华社北京5月6日电 论坛今天举行。\n"
    assert [k for k, _ in kinds(page)] == [PARA, TITLE, PARA]


def test_a_headline_set_over_two_lines_is_one_title():
    page = "而努力奋斗。\n\n市人大常委会机关创建省\n级文明城市督导会议召开\n\n刘振国出席\n"
    assert kinds(page)[1] == (TITLE, "市人大常委会机关创建省级文明城市督导会议召开")
    assert kinds(page)[2] == (TITLE, "刘振国出席")


def test_dash_subtitle_stays_its_own_line():
    page = "立即响应 靠前指挥 下沉一线\n——织密织牢疫情防控“安全网”\n"
    assert [k for k, _ in kinds(page)] == [TITLE, TITLE]


def test_byline_lines_are_recognised():
    units = page_units("大同经开区：精准施策推动复工\n\n□ 本报记者 韩云峰\n\n作为我市经济建设的主战场，经开区做了很多工作。\n")
    assert [u.kind for u in units] == [TITLE, BYLINE, PARA]
    assert units[1].authors == ["韩云峰"]


def test_repeated_passage_is_dropped_once_seen():
    para = "知其所以然，才能明其将往。学习宣传贯彻精神，就要不断提高政治判断力。"
    page = f"{para}\n\n{para}\n\n神，就要不断提高政治判断力。\n"
    assert kinds(page) == [(PARA, para)]


def test_a_title_repeated_in_the_body_is_kept():
    page = "市人大常委会召开督导会议。会议听取汇报。\n\n市人大常委会召开督导会议\n"
    assert [k for k, _ in kinds(page)] == [PARA, TITLE]


def test_captions_are_their_own_units():
    units = page_units("图为5月6日，工人在车间劳作。新华社发（张三摄）\n\n高风险小区正在进行环境消杀工作\n")
    assert [u.kind for u in units] == [CAPTION, CAPTION]
    assert units[0].authors == ["张三"]


def test_ads_run_over_their_short_lines():
    page = "大同市12345\n市民服务热线\n\n政策咨询\n投诉建议\n\n事事有回音 件件有答复\n"
    assert {u.kind for u in page_units(page)} == {AD}


def test_a_closing_credit_is_a_paragraph_with_authors():
    units = page_units("作出新的贡献！\n\n（李建龙）\n")
    assert units[-1].kind == PARA and units[-1].authors == ["李建龙"]


def test_full_width_indent_starts_a_paragraph():
    page = "标题一行\n　　第一段写在\n这里。\n　　第二段也是\n一段。\n　　第三段\n"
    assert kinds(page) == [(TITLE, "标题一行"), (PARA, "第一段写在这里。"), (PARA, "第二段也是一段。"), (TITLE, "第三段")]


def test_an_earlier_partial_copy_gives_way_to_a_later_whole_one():
    whole = "知其所以然，才能明其将往。学习宣传贯彻精神，就要不断提高政治判断力、政治领悟力、政治执行力。"
    page = f"才能明其将往。学习宣传贯彻精神，就要不断提高政治判断力、政治领悟力、政治执行力。\n\n{whole}\n"
    assert kinds(page) == [(PARA, whole)]


def test_a_number_wrapped_onto_its_own_line_stays_in_the_sentence():
    page = "乡村和美丽风景，是\n\n100\n\n多位摄影爱好者的作品。\n\n\n\n3\n"
    assert kinds(page) == [(PARA, "乡村和美丽风景，是100多位摄影爱好者的作品。"), ("furniture", "3")]


def test_a_line_ending_inside_a_list_word_is_a_wrap_not_a_headline():
    from papersearch.split.splitter import split_text

    page = "本报讯（记者 刘建华）气象台预计，本周我省将实现大风、大\n雾、强对流\n天气过程，请注意防范。"
    arts = split_text(page)
    assert [(a.kind, a.headline) for a in arts] == [("article", "")]
    assert "将实现大风、大雾、强对流天气过程" in arts[0].text


def test_lines_opening_with_closing_punctuation_or_inside_quotes_are_wraps():
    from papersearch.split.splitter import split_text

    page = "市里召开防汛会议\n\n本报讯 近日，市里召开会议，部署“防汛\n抗旱”工作，要求各地做好准备\n、加强值守。"
    arts = split_text(page)
    assert [(a.kind, a.headline) for a in arts] == [("article", "市里召开防汛会议")]
    assert "部署“防汛抗旱”工作，要求各地做好准备、加强值守。" in arts[0].text


def test_a_byline_split_over_two_lines_is_one_byline():
    from papersearch.split.splitter import split_text

    page = "县里召开秋收会议\n\n本报讯 记者 张立新\n通讯员 李四 报道\n近日，县里召开秋收工作会议。"
    arts = split_text(page)
    assert [(a.headline, a.authors, a.text) for a in arts] == [
        ("县里召开秋收会议", ["张立新", "李四"], "近日，县里召开秋收工作会议。")
    ]


def test_a_hotline_headline_printed_after_its_body_is_no_ad():
    from papersearch.split.splitter import split_text

    page = "为缓解群众焦虑情绪，市医院近日开通心理援助热线，由专业医生提供咨询服务。\n\n市医院开通心理援助热线"
    assert [(a.kind, a.headline) for a in split_text(page)] == [("article", "市医院开通心理援助热线")]


@pytest.mark.parametrize(
    "top",
    [
        ["太原晚报", "2025年3月4日 星期二", "第 2 版 综合"],
        ["光明日报", "2025年3月4日", "11 理 论"],
        ["长治日报", "2025年3月4日 星期二", "B3 版"],
        ["寿阳县报", "2025年3月4日", "社会新闻 第3版"],
        ["运城日报", "2025年3月4日", "文 化 第 7 版"],
        ["忻州日报", "2025年3月4日", "专 题 8"],
        ["经济"],
        # the date, weekday, page and section on one line
        ["临汾日报", "2025年4月8日 星期二 第5版"],
        ["2025年4月8日 星期二 5"],
        ["晋中日报", "2025年4月9日 星期三 12 文化·生活"],
        ["2025年4月9日 星期三 第12版 县域经济"],
        ["2025年4月9日 周三 B2版 健康"],
    ],
)
def test_page_furniture_at_the_top_of_a_page_is_furniture(top):
    body = "古城墙修缮工程完工\n\n本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收。\n"
    page = "\n\n".join(top) + "\n\n" + body
    units = page_units(page)
    assert [u.kind for u in units] == [FURNITURE] * len(top) + [TITLE, PARA]
    assert all(page_furniture(unspace(line)) for line in top[1:])
    assert page_furniture(unspace(top[0]), at_page_top=True)


def test_an_editor_and_the_page_address_on_one_line_are_furniture():
    for line in ["责任编辑：赵 岩 投稿邮箱：wenhua@example.cn", "本版编辑 钱宁 来稿信箱：jzrb_wh@163.com"]:
        assert page_furniture(line) == "editor"
    body = "古城墙修缮工程完工\n\n本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收。\n\n"
    units = page_units(body + "责任编辑：赵 岩 投稿邮箱：wenhua@example.cn\n")
    assert [u.kind for u in units] == [TITLE, PARA, FURNITURE]


def test_headlines_and_body_lines_are_no_page_furniture():
    for line in [
        "古城墙修缮工程完工",
        "5个项目集中开工",
        "金秋喜报",
        "一则暖心新闻",
        "城乡社区要闻",
        "本报讯（记者 冯志强）3月3日，",
        "让农家书屋热起来（今日谈）",
        "2025年4月8日 星期二 第5版 本报讯（记者 冯志强）3月3日，",
        "2025年4月8日，古城墙东段修缮工程通过验收",
    ]:
        assert page_furniture(line, at_page_top=True) is None


def test_editor_credits_with_letter_spaced_names_are_furniture():
    for line in ["责任编辑 田 野", "责任编辑：王 刚", "版式设计 李晓 校对 周 伟"]:
        assert page_furniture(unspace(line)) == "editor"


def test_a_letter_spaced_column_label_is_not_an_author():
    units = page_units("简 讯\n\n古城墙修缮工程完工\n\n本报讯 通讯员 冯志强 报道 3月3日，古城墙东段修缮工程通过验收。\n")
    assert [u.kind for u in units] == [TITLE, TITLE, PARA]
    assert units[0].authors == []


def test_a_date_or_page_line_carrying_editor_credits_is_furniture():
    for line, kind in [
        ("2025年4月8日 星期二 责任编辑：孙 涛 校对：周 敏", "date"),
        ("第3版 责任编辑：韩 雪", "page"),
        ("2025年4月8日 星期二 第3版 本版编辑 钱宁", "date"),
    ]:
        assert page_furniture(line) == kind
    body = "古城墙修缮工程完工\n\n本报讯（记者 冯志强）3月3日，古城墙东段修缮工程通过验收。\n\n"
    units = page_units(body + "第3版 责任编辑：韩 雪\n")
    assert [u.kind for u in units] == [TITLE, PARA, FURNITURE]
    assert page_furniture("2025年4月8日 古城墙修缮工程完工 编辑部回应") is None
