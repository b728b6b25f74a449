from papersearch.split.textfix import ends_sentence, join_wrapped, take_continuations, unspace


def test_letter_spaced_line_is_closed_up():
    assert unspace("动 城 市 高 质 量 发 展 的 动 力 源 泉 。") == "动城市高质量发展的动力源泉。"


def test_letter_spacing_around_quotes_is_closed_up():
    assert unspace("申 领 社 保 卡 等 事 项 实 现“ 一 件 事 ”打 包") == "申领社保卡等事项实现“一件事”打包"


def test_spaced_numbers_are_closed_up():
    assert unspace("本报讯 10 月 27 日 ，市 关 工 委 印 发") == "本报讯10月27日，市关工委印发"
    assert unspace("是 100 多位摄影") == "是100多位摄影"
    assert unspace("紧抓 72小时") == "紧抓72小时"


def test_real_phrase_spaces_stay():
    assert unspace("“我爱我村 我爱我岗 我爱我家”主题") == "“我爱我村 我爱我岗 我爱我家”主题"
    assert unspace("姜四清讲话 吴秀玲主持 宋红波出席") == "姜四清讲话 吴秀玲主持 宋红波出席"
    assert unspace("用好“小载体” 传达“大理论”") == "用好“小载体” 传达“大理论”"
    assert unspace("王荣 王晓丽") == "王荣 王晓丽"


def test_latin_words_keep_their_spaces():
    assert unspace("New York 时报") == "New York时报"


def test_two_character_name_set_with_a_space_is_closed_up():
    assert unspace("孙 权") == "孙权"


def test_full_width_spaces_and_indent_are_normalised():
    assert unspace("\u3000\u3000本报讯") == "本报讯"


def test_sentence_ends():
    assert ends_sentence("会议还研究了其他事项。")
    assert ends_sentence("“是哩，书记说得对！”")
    assert ends_sentence("推进机制。(下转第三版)")
    assert not ends_sentence("地区发展不平衡，")
    assert not ends_sentence("“动态清零”")


def test_wrap_join_inserts_nothing_between_han():
    assert join_wrapped("加强分析研", "究，必要的") == "加强分析研究，必要的"
    assert join_wrapped("the", "world") == "the world"
    assert join_wrapped("4506", "783") == "4506783"


def test_continuation_marks_are_recorded_and_removed():
    assert take_continuations("守好生产经营阵地；（下转第二版）") == ("守好生产经营阵地；", "第二版", "")
    assert take_continuations("（上接第一版）会议指出") == ("会议指出", "", "第一版")
    assert take_continuations("转第3版") == ("", "第3版", "")
    assert take_continuations("坚持转变作风") == ("坚持转变作风", "", "")


def test_continuation_marks_printed_with_a_headline_are_lines_of_their_own():
    from papersearch.split.textfix import is_mark, split_marks

    assert split_marks("一个辅警的告白 （上接第三版）") == ["一个辅警的告白", "（上接第三版）"]
    assert split_marks("（下转第十版） 胡文新守诺三十年") == ["（下转第十版）", "胡文新守诺三十年"]
    assert split_marks("有一年除夕，他在路口站了一整夜。（下转第十版）") == ["有一年除夕，他在路口站了一整夜。（下转第十版）"]
    assert is_mark("（上接第一版）") and is_mark("转第2版") and not is_mark("一个辅警的告白")
