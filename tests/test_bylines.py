import pytest

from papersearch.split.bylines import closing_names, is_name, is_who_line, names_in, parse_byline_line, parse_opener, photo_credit


def test_local_paper_opener_with_reporter_in_brackets():
    o = parse_opener("本报讯（记者 李雪峰）11月11日晚，市委常委会召开会议。")
    assert o.authors == ["李雪峰"]
    assert o.byline == "本报讯（记者 李雪峰）"
    assert o.rest.startswith("11月11日晚")


def test_opener_with_half_width_brackets_and_no_space():
    o = parse_opener("本报讯(记者 赵娟娟)11月10日，朔州市")
    assert o.authors == ["赵娟娟"]


def test_opener_with_reporter_and_correspondent_without_brackets():
    o = parse_opener("本报讯 记者 张三 通讯员 李四 报道 近日，某县")
    assert o.authors == ["张三", "李四"]
    assert o.rest.startswith("近日")


def test_opener_without_names():
    o = parse_opener("本报讯 10月27日，市关工委印发通知")
    assert o.authors == [] and o.rest.startswith("10月27日")


def test_agency_dateline():
    o = parse_opener("新华社北京11月10日电 中共中央政治局常务委员会召开会议")
    assert o.dateline == "新华社北京11月10日电"
    assert o.authors == []
    assert o.rest.startswith("中共中央")


def test_agency_dateline_with_reporter():
    o = parse_opener("新华社北京10月28日电（记者史竞男）28日在北京")
    assert (o.dateline, o.authors) == ("新华社北京10月28日电", ["史竞男"])


def test_other_papers_datelines():
    assert parse_opener("人民日报北京1月9日电（记者 王五）本报记者").authors == ["王五"]
    assert parse_opener("中新社上海3月2日电 上海").dateline == "中新社上海3月2日电"
    assert parse_opener("据新华社电 国务院").byline == "据新华社电"


def test_body_sentences_are_not_openers():
    assert parse_opener("会议指出，当前，新冠病毒仍在持续变异") is None
    assert parse_opener("市人大常委会机关创建省级文明城市督导会议召开。") is None


def test_byline_lines():
    assert parse_byline_line("□ 本报记者 韩云峰") == (["韩云峰"], "□ 本报记者 韩云峰")
    assert parse_byline_line("本报记者 张三 李四") == (["张三", "李四"], "本报记者 张三 李四")
    assert parse_byline_line("本报评论员") == ([], "本报评论员")
    assert parse_byline_line("王荣 王晓丽") == (["王荣", "王晓丽"], "王荣 王晓丽")
    assert parse_byline_line("孙权") == (["孙权"], "孙权")
    assert parse_byline_line("文/图 刘一") == (["刘一"], "文/图 刘一")


def test_title_lines_are_not_bylines():
    assert parse_byline_line("构筑坚强堡垒 守护人民平安") is None
    assert parse_byline_line("市民服务热线") is None


def test_names():
    assert is_name("李雪峰") and is_name("欧阳修") and not is_name("会议召开") and not is_name("李")
    assert names_in("记者 付永文") == ["付永文"]
    assert names_in("记者 张三、李四 通讯员 王五") == ["张三", "李四", "王五"]


def test_photo_credits():
    assert photo_credit("工人在酒厂劳作。新华社发（谢宗政摄）") == ["谢宗政"]
    assert photo_credit("医护人员行走在路上。 记者 刘亮亮 摄") == ["刘亮亮"]
    assert photo_credit("会议强调，要做好工作。") is None


def test_closing_credit():
    assert closing_names("（李建龙）") == ["李建龙"]
    assert closing_names("作出新的贡献！（李建龙）") == ["李建龙"]
    assert closing_names("（扩大）") == []


def test_who_attended_lines():
    assert is_who_line("姜四清讲话 吴秀玲主持 宋红波出席")
    assert is_who_line("刘振国出席")
    assert is_who_line("卢东亮主持召开市委常委会(扩大)会议")
    assert is_who_line("中共中央总书记习近平主持会议")
    assert not is_who_line("构筑坚强堡垒 守护人民平安")


def test_national_and_trade_paper_openers():
    o = parse_opener("本报北京1月9日电（记者王五、赵六）国务院新闻办")
    assert (o.dateline, o.authors, o.rest) == ("本报北京1月9日电", ["王五", "赵六"], "国务院新闻办")
    o = parse_opener("本报北京1月9日电 记者王五报道：国务院")
    assert (o.authors, o.rest) == (["王五"], "国务院")
    o = parse_opener("中国交通报讯 记者 张三 通讯员 李四 近日，")
    assert (o.authors, o.rest) == (["张三", "李四"], "近日，")
    o = parse_opener("本报讯 记者张三通讯员李四报道 近日")
    assert (o.authors, o.rest) == (["张三", "李四"], "近日")
    o = parse_opener("中国青年报客户端北京1月9日电（中青报·中青网记者 张三）")
    assert o.authors == ["张三"]


def test_byline_lines_of_other_papers():
    assert parse_byline_line("新华社记者 张三") == (["张三"], "新华社记者 张三")
    assert parse_byline_line("■本报记者 张三")[0] == ["张三"]
    assert parse_byline_line("文/本报记者 张三")[0] == ["张三"]
    assert parse_byline_line("本报记者 张三 本报通讯员 李四")[0] == ["张三", "李四"]
    assert parse_byline_line("记者 张三 报道")[0] == ["张三"]
    assert parse_byline_line("人民日报评论员") == ([], "人民日报评论员")


def test_a_reporter_credit_opening_the_body_without_an_agency():
    o = parse_opener("记者张三报道：近日，某县开展春耕")
    assert (o.byline, o.authors, o.rest) == ("记者张三报道", ["张三"], "近日，某县开展春耕")
    assert parse_opener("记者了解到，近日某县开展春耕") is None
    assert parse_opener("记者张三说，今年收成好") is None


# Extraction moves the spaces of a byline about; a reader still reads it.
def test_opener_with_spaces_inside_the_role_word():
    for text in ("本报讯 通讯 员 张三 报道 近日，县里召开会议。", "本报讯 记 者 张三 报道 近日，县里召开会议。"):
        o = parse_opener(text)
        assert (o.authors, o.rest) == (["张三"], "近日，县里召开会议。")


def test_opener_with_no_space_between_agency_and_role():
    o = parse_opener("本报讯通讯员 王立新 报道 近日，县里召开会议。")
    assert (o.authors, o.byline, o.rest) == (["王立新"], "本报讯通讯员 王立新 报道", "近日，县里召开会议。")


def test_run_together_names_split_by_surname_and_length():
    assert parse_opener("本报讯（记者 张三李四）近日，").authors == ["张三", "李四"]
    assert parse_opener("本报讯 记者 王晓丽张明 报道 近日，").authors == ["王晓丽", "张明"]
    # a printed space decides where a name ends when it can: 王刚 李明华, not 王刚李 明华
    assert parse_opener("本报讯 记者 王刚 李明华 报道 近日，").authors == ["王刚", "李明华"]
    assert parse_byline_line("□ 本报记者 韩云峰李四") == (["韩云峰", "李四"], "□ 本报记者 韩云峰李四")


def test_reported_glued_to_the_body():
    o = parse_opener("本报讯 通讯员 张三 报道近日，县里召开会议。")
    assert (o.authors, o.rest) == (["张三"], "近日，县里召开会议。")


def test_body_word_after_a_name_is_not_a_name():
    o = parse_opener("本报讯 记者 张三 报道 严冬时节，")
    assert (o.authors, o.rest) == (["张三"], "严冬时节，")


def test_byline_lines_with_broken_spacing():
    assert parse_byline_line("记 者 张三") == (["张三"], "记 者 张三")
    assert parse_byline_line("本报 记者 王晓丽 通讯员 李四")[0] == ["王晓丽", "李四"]
    # bare names need their printed spaces: a short title is no run of names
    assert parse_byline_line("高温来袭") is None


def test_closing_credits():
    from papersearch.split.bylines import closing_credit

    assert closing_credit("……发展。（作者为本报广东分社记者）") == ([], "（作者为本报广东分社记者）")
    assert closing_credit("（作者单位：华南理工大学）") == ([], "（作者单位：华南理工大学）")
    assert closing_credit("（本报记者 王晓丽 整理）") == (["王晓丽"], "（本报记者 王晓丽 整理）")
    assert closing_credit("（据新华社电）") == ([], "（据新华社电）")
    assert closing_credit("（李建龙）") == (["李建龙"], "（李建龙）")
    assert closing_credit("增长了三成（扩大）") is None


# Every byline form of the typesetting notes (../shared/docs/newspaper-typesetting.md),
# one printed example each, as an opener, a byline line or a closing credit.
OPENER_FORMS = [
    ("本报讯（记者 李雪峰）11月11日晚，", ["李雪峰"], "11月11日晚，"),
    ("本报讯 （记者 李雅萍） 10 月 28 日，", ["李雅萍"], "10 月 28 日，"),
    ("本报讯 记者 张三 通讯员 李四 报道 近日，", ["张三", "李四"], "近日，"),
    ("本报讯 10月27日，", [], "10月27日，"),
    ("新华社北京11月10日电 中共中央", [], "中共中央"),
    ("新华社北京10月28日电（记者 史竞男）28日", ["史竞男"], "28日"),
    ("人民日报北京1月9日电（记者 王五）", ["王五"], ""),
    ("中新社上海3月2日电（记者 赵明）上海", ["赵明"], "上海"),
    ("据新华社电 国务院", [], "国务院"),
    ("记者 张三 报道：近日，", ["张三"], "近日，"),
    # as extraction leaves them
    ("本报讯通讯 员 张三 报道 近日，", ["张三"], "近日，"),
    ("本报讯 记 者 张三 近日，", ["张三"], "近日，"),
    ("本报讯通讯员张三李四报道近日，", ["张三", "李四"], "近日，"),
    ("本报讯（记者 欧阳明辉李四）近日，", ["欧阳明辉", "李四"], "近日，"),
]


@pytest.mark.parametrize(("text", "authors", "rest"), OPENER_FORMS)
def test_every_opener_form(text, authors, rest):
    opener = parse_opener(text)
    assert (opener.authors, opener.rest) == (authors, rest)


BYLINE_LINE_FORMS = [
    ("□ 本报记者 韩云峰", ["韩云峰"]),
    ("本报记者 张三 李四", ["张三", "李四"]),
    ("本报通讯员 王五", ["王五"]),
    ("实习生 赵六", ["赵六"]),
    ("孙 权", ["孙权"]),
    ("本报评论员", []),
    ("本报特约评论员", []),
    ("文/图 刘一", ["刘一"]),
    ("本报记者 张三李四", ["张三", "李四"]),
]


@pytest.mark.parametrize(("line", "authors"), BYLINE_LINE_FORMS)
def test_every_byline_line_form(line, authors):
    from papersearch.split.textfix import unspace

    assert parse_byline_line(unspace(line))[0] == authors


CLOSING_FORMS = [
    ("（李建龙）", ["李建龙"]),
    ("(张三)", ["张三"]),
    ("（作者为本报广东分社记者）", []),
    ("（作者单位：华南理工大学）", []),
    ("（本报记者 王五 整理）", ["王五"]),
    ("（据新华社电）", []),
]


@pytest.mark.parametrize(("text", "authors"), CLOSING_FORMS)
def test_every_closing_credit_form(text, authors):
    from papersearch.split.bylines import closing_credit

    assert closing_credit("……发展。" + text) == (authors, text)


def test_our_correspondent_role_parses_whole_before_a_spaced_name():
    # 本报通讯员 is 本报 + 通讯员, never an opener 本报通讯 + 员
    assert parse_opener("本报通讯员 陈 红") is None
    assert parse_byline_line("本报通讯员 陈 红") == (["陈红"], "本报通讯员 陈 红")
    # a name and the role of the next credit: 张建国本报 is no paper's name
    assert parse_byline_line("记者 张建国 本报通讯员 吴 芳") == (["张建国", "吴芳"], "记者 张建国 本报通讯员 吴 芳")


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("刘洋陈明亮", ["刘洋", "陈明亮"]),  # 2+3, not 刘洋陈 + 明亮 (明 a rare surname)
        ("陈明亮刘洋", ["陈明亮", "刘洋"]),  # 3+2
        ("张伟黄华强", ["张伟", "黄华强"]),
        ("孙健高文涛", ["孙健", "高文涛"]),
        ("高文涛孙健", ["高文涛", "孙健"]),
    ],
)
def test_run_together_names_take_the_segmentation_of_common_surnames(run, names):
    assert parse_opener(f"本报讯 通讯员 {run} 报道 近日，某县召开会议。").authors == names
    assert names_in(f"记者 {run}") == names


def test_a_letter_spaced_two_character_name_after_another_name_stands_alone():
    o = parse_opener("本报讯 通讯员 周敏 郑 凯 报道 近日，某县召开会议。")
    assert o.authors == ["周敏", "郑凯"]
    assert o.rest.startswith("近日")
    assert parse_byline_line("记者 周敏 郑 凯") == (["周敏", "郑凯"], "记者 周敏 郑 凯")


def test_a_letter_spaced_column_label_is_no_name():
    # read_lines undoes the letter-spacing: 简 讯 reaches the byline grammar as 简讯
    for label in ["简讯", "时评", "花絮"]:
        assert parse_byline_line(label) is None
    assert parse_byline_line("高峰") == (["高峰"], "高峰")


@pytest.mark.parametrize(
    "opener",
    ["据新华社电 ", "新华社南宁5月2日电 ", "本报讯 ", "本报讯（通讯员 吴 敏）", "本报讯 记 者 欧阳 娜 通讯员 龚 平 "],
)
@pytest.mark.parametrize("lead", ["记者从省水利厅获悉，", "记者近日了解到，", "记者日前在现场看到，"])
def test_a_reporter_word_followed_by_no_name_opens_the_body(opener, lead):
    # 记者从…获悉: the reporter is the sentence's subject, not a credit; the word stays in the text
    o = parse_opener(f"{opener}{lead}全省春灌面积已过半。")
    assert o is not None
    assert o.rest.startswith(lead)
    assert o.byline == opener.strip()


@pytest.mark.parametrize(
    "credit",
    ["（记者 孙 岚 贺 飞）", "（记者 孙 岚 贺\n 飞）", "（记者 孙 岚\n贺 飞）"],
)
def test_two_letter_spaced_two_character_names_are_two_names(credit):
    o = parse_opener(f"新华社开罗3月4日电{credit}埃及首都开罗4日举办展会。")
    assert o.authors == ["孙岚", "贺飞"]
    assert o.rest.startswith("埃及")
    assert names_in("记者 孙 岚 贺 飞") == ["孙岚", "贺飞"]
