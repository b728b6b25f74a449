from papersearch.split.titles import read_title_block


def test_single_line_is_the_headline():
    t = read_title_block(["习近平向国际论坛发表书面致辞"])
    assert (t.kicker, t.headline, t.subheads) == ("", "习近平向国际论坛发表书面致辞", [])


def test_dash_subtitle_marks_the_headline_and_the_kicker_above_it():
    t = read_title_block(["深入学习贯彻党的二十大精神", "在坚决做到“两个维护”上下功夫", "——推动精神落地生根"])
    assert t.kicker == "深入学习贯彻党的二十大精神"
    assert t.headline == "在坚决做到“两个维护”上下功夫"
    assert t.subheads == ["——推动精神落地生根"]


def test_who_attended_line_is_a_subtitle_and_lines_before_it_too():
    t = read_title_block(["政治局常委会召开会议", "听取疫情防控工作汇报 研究部署二十条措施", "总书记习近平主持会议"])
    assert t.headline == "政治局常委会召开会议"
    assert t.subheads == ["听取疫情防控工作汇报 研究部署二十条措施", "总书记习近平主持会议"]


def test_genre_subtitle():
    t = read_title_block(["构筑坚强堡垒 守护人民平安", "某市广大党员干部群众同心抗击疫情纪实"])
    assert t.headline == "构筑坚强堡垒 守护人民平安"
    assert t.subheads == ["某市广大党员干部群众同心抗击疫情纪实"]


def test_two_unmarked_lines_are_read_as_printed():
    t = read_title_block(["市关工委号召全市各级关工委", "组织宣讲团推动精神进学校进企业"])
    assert t.headline == "市关工委号召全市各级关工委 组织宣讲团推动精神进学校进企业"


def test_a_short_column_label_over_a_title_is_its_kicker():
    t = read_title_block(["简讯", "市疫情防控指挥部调整核酸检测点"])
    assert (t.kicker, t.headline) == ("简讯", "市疫情防控指挥部调整核酸检测点")
