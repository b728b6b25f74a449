from papersearch.analysis.analyzers import NgramAnalyzer, WordAnalyzer, literal_grams, query_words


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


# The indexing fast paths must give exactly what Whoosh's token path gives.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from whoosh.formats import Frequency  # noqa: E402

from papersearch.analysis.analyzers import CompactPositions, WordFrequency  # noqa: E402

page_text = st.text(alphabet=st.sampled_from(list("二十条措施雜交水稻我爱村 \n，。ＡＢab12（）")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(page_text)
def test_token_texts_are_the_tokens_texts(text):
    for analyzer in (WordAnalyzer(), NgramAnalyzer()):
        assert analyzer.texts(text) == [t.text for t in analyzer(text)]


@settings(max_examples=200, deadline=None)
@given(page_text)
def test_fast_posting_values_equal_the_token_path(text):
    class Opaque:  # an analyzer without texts(): the format takes Whoosh's own path
        def __init__(self, inner):
            self.inner = inner

        def __call__(self, value, **kwargs):
            return self.inner(value, **kwargs)

    ngrams, words = NgramAnalyzer(), WordAnalyzer()
    positions = CompactPositions()
    assert sorted(positions.word_values(text, ngrams)) == sorted(positions.word_values(text, Opaque(ngrams)))
    counted, plain = WordFrequency(field_boost=2.5), Frequency(field_boost=2.5)
    assert sorted(counted.word_values(text, words)) == sorted(plain.word_values(text, Opaque(words)))
