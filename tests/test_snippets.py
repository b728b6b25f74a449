from papersearch.search.snippets import highlight_all, make_snippet, match_spans


def test_highlights_land_on_the_exact_printed_characters():
    text = "会议研究部署进一步优化防控工作的二十条措施。"
    s = make_snippet(text, ["二十条措施"])
    assert [s.text[a:b] for a, b in s.spans] == ["二十条措施"]


def test_traditional_query_highlights_simplified_text():
    assert [(a, b) for a, b, _ in match_spans("推广杂交水稻。", ["雜交水稻"])] == [(2, 6)]


def test_match_across_white_space_in_the_text():
    assert highlight_all("我爱我村 我爱我岗", ["村我爱"]) == [(3, 7)]


def test_up_to_n_fragments_on_sentence_boundaries():
    text = "。".join(f"第{i}句讲疫苗研发" if i % 3 == 0 else f"第{i}句没有关键词内容" for i in range(30)) + "。"
    s = make_snippet(text, ["疫苗"], width=20, count=3)
    assert s.text.count(" … ") == 2
    assert all(s.text[a:b] == "疫苗" for a, b in s.spans)


def test_no_match_gives_the_opening():
    assert make_snippet("开头的话。后面的话。", ["不存在"], width=4).text == "开头的话"
