from papersearch.analysis import NgramAnalyzer, WordAnalyzer, literal_grams, query_words


def test_word_tokens_in_search_mode_with_offsets_in_printed_text():
    toks = [(t.text, t.startchar, t.endchar) for t in WordAnalyzer()("迅速落实二十条措施", chars=True)]
    assert ("二十条", 4, 7) in toks and ("措施", 7, 9) in toks


def test_words_are_folded_before_segmenting():
    assert query_words("雜交水稻") == query_words("杂交水稻") == ["杂交", "水稻"]


def test_ngrams_skip_white_space_and_keep_positions_contiguous():
    toks = [(t.text, t.pos, t.startchar) for t in NgramAnalyzer()("我爱我村 我爱", positions=True, chars=True)]
    assert toks == [("我爱", 0, 0), ("爱我", 1, 1), ("我村", 2, 2), ("村我", 3, 3), ("我爱", 4, 5), ("爱", 5, 6)]


def test_literal_grams_match_the_index_side():
    assert literal_grams("二十条") == ["二十", "十条"]
    assert literal_grams(" 疫 ") == ["疫"]
    assert literal_grams("") == []
