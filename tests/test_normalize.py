from hypothesis import given
from hypothesis import strategies as st

from papersearch.text.normalize import fold


def test_traditional_full_width_and_case_fold():
    assert fold("雜交水稻") == "杂交水稻"
    assert fold("ＡＢＣ１２３") == "abc123"
    assert fold("COVID") == "covid"


@given(st.text(max_size=60))
def test_folding_keeps_length_so_offsets_hold(text):
    assert len(fold(text)) == len(text)


@given(st.text(min_size=1, max_size=40), st.integers(0, 40), st.integers(1, 8))
def test_a_substring_stays_a_substring_after_folding(text, start, size):
    part = text[start : start + size]
    assert fold(part) in fold(text)
