"""Lexical cohesion on Han bigrams: what each public function promises, with
examples chosen so that a plausible slip (bigrams across punctuation, a
page's rarity counted per occurrence instead of per passage, an unseen
bigram weighed as common, a lopsided cosine) changes the answer."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papersearch.split.cohesion import Lexicon, bigrams, cosine_vectors

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MIXED = st.text(st.sampled_from(list("二十条措施疫苗核酸雜交水稻会议 ，。“”ab1\n㐀豈")), max_size=40)


def test_bigrams_stay_inside_runs_of_han_characters():
    assert bigrams("二十条，措施") == Counter({"二十": 1, "十条": 1, "措施": 1})
    assert bigrams("会议 召开") == Counter({"会议": 1, "召开": 1})  # a space parts runs too
    assert bigrams("5G基站abc建成") == Counter({"基站": 1, "建成": 1})
    assert bigrams("会") == bigrams("，。ab 12") == bigrams("") == Counter()


def test_bigrams_count_repeats():
    assert bigrams("疫情疫情，疫情") == Counter({"疫情": 3, "情疫": 1})


@settings(deadline=None)  # a busy machine must not fail a test of behaviour
@given(MIXED)
def test_bigrams_are_every_adjacent_pair_of_han_characters(text):
    expected = Counter(run[i : i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1))
    assert bigrams(text) == expected


# A page of three passages: 会议 in all three, 脱贫 in one (three times), 乡村 in two.
PAGE = ["市委召开会议研究脱贫脱贫脱贫工作", "乡村会议部署秋收", "乡村振兴会议召开"]


def weight(lexicon: Lexicon, gram: str) -> float:
    return lexicon.vector(Counter({gram: 1})).weights[gram]


def test_rarity_is_counted_in_passages_not_occurrences():
    lexicon = Lexicon(PAGE)
    assert weight(lexicon, "会议") < weight(lexicon, "乡村") < weight(lexicon, "脱贫") < weight(lexicon, "从未")
    # 脱贫 printed three times in one passage is as rare as any bigram of one passage
    assert weight(lexicon, "脱贫") == weight(lexicon, "市委")


def test_a_vectors_weights_grow_with_count_and_its_norm_is_their_length():
    lexicon = Lexicon(PAGE)
    vector = lexicon.vector(Counter({"乡村": 1, "脱贫": 3, "会议": 0}))
    assert set(vector.weights) == {"乡村", "脱贫"}  # a bigram counted 0 times is no weight
    assert vector.weights["脱贫"] == pytest.approx((1 + math.log(3)) * weight(lexicon, "脱贫"))
    assert vector.norm == pytest.approx(math.hypot(*vector.weights.values()))


def test_containment_is_the_rarity_weighted_share_of_the_short_texts_bigrams():
    lexicon = Lexicon(PAGE)
    short = "会议，脱贫"  # two bigrams: 会议 (common) and 脱贫 (rare)
    rare_only, common_only = lexicon.containment(short, "脱贫攻坚"), lexicon.containment(short, "会议室")
    assert rare_only > 0.5 > common_only > 0
    assert rare_only + common_only == pytest.approx(1.0)  # shares of one whole
    assert lexicon.containment(short, "脱贫会议") == pytest.approx(1.0)
    assert lexicon.containment(short, "秋收") == 0.0
    assert lexicon.containment("，", "会议") == 0.0  # a text without bigrams contains nothing
    # one-sided: the long text's other bigrams do not count against it
    assert lexicon.containment("脱贫", PAGE[0]) == 1.0 and lexicon.containment(PAGE[0], "脱贫") < 0.5


def test_cosine_is_symmetric_one_for_the_same_text_and_zero_for_none_shared():
    lexicon = Lexicon(PAGE)
    a, b = PAGE[1], PAGE[2]
    assert lexicon.cosine(a, b) == pytest.approx(lexicon.cosine(b, a))
    assert 0 < lexicon.cosine(a, b) < 1
    assert lexicon.cosine(a, a) == pytest.approx(1.0)
    assert lexicon.cosine(a, "脱贫攻坚") == 0.0
    assert lexicon.cosine(a, "") == lexicon.cosine("", "") == 0.0


def test_passages_sharing_a_rare_bigram_are_closer_than_ones_sharing_a_common_one():
    lexicon = Lexicon(PAGE)
    assert lexicon.cosine("脱贫大会", "脱贫小组") > lexicon.cosine("会议大厅", "会议小组")


@settings(deadline=None)  # a busy machine must not fail a test of behaviour
@given(st.lists(MIXED, min_size=1, max_size=5), MIXED, MIXED)
def test_cosine_and_containment_stay_between_zero_and_one(passages, a, b):
    lexicon = Lexicon(passages)
    for value in (lexicon.cosine(a, b), lexicon.containment(a, b)):
        assert -1e-9 <= value <= 1 + 1e-9
    assert lexicon.cosine(a, b) == pytest.approx(lexicon.cosine(b, a))
    assert lexicon.cosine(a, b) == pytest.approx(cosine_vectors(lexicon.vector(bigrams(a)), lexicon.vector(bigrams(b))))
    assert lexicon.bigrams(a) == bigrams(a)  # remembered, not changed


def test_a_headline_holds_more_of_its_own_body_than_of_the_other_bodies_of_its_page(seeds_dir):
    """What the splitter uses cohesion for, on a page where every headline
    is printed after its body: each headline's bigrams are found most in
    its own body."""
    import papersearch

    articles = [a for a in papersearch.split_page(seeds_dir / "004_98bee3da790dae35.txt") if a.headline and a.text]
    assert len(articles) >= 5
    lexicon = Lexicon([a.text for a in articles] + [a.headline for a in articles])
    for article in articles:
        best = max(articles, key=lambda other: lexicon.containment(article.headline, other.text))
        assert best is article, (article.headline, best.headline)
