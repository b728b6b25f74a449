"""Markers written in simplified characters match pages in either script:
what traditional_forms and both_scripts promise, with examples a plausible
slip would break (a class widened outside its brackets, an escape widened,
a traditional form that search's folding would not fold back)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papersearch.split.hanzi import both_scripts, compile_both, traditional_forms
from papersearch.text.normalize import fold

# Markers of the splitter as a simplified and a traditional paper print them
PRINTED = {
    "本报讯（记者 陈美玲）": "本報訊（記者 陳美玲）",
    "下转第三版": "下轉第三版",
    "上接第一版": "上接第一版",
    "新华社北京11月10日电": "新華社北京11月10日電",
    "责任编辑：邓丽": "責任編輯：鄧麗",
    "通讯员": "通訊員",
}
SIMPLIFIED = "".join(PRINTED)
TRADITIONAL = "本報訊記者陳美玲下轉經濟發展國際論壇雜交水稻責任編輯鄧麗通訊員頭髮後"


def test_traditional_forms_of_a_simplified_character():
    assert traditional_forms("报") == "報"
    assert set(traditional_forms("发")) == {"發", "髮"}  # one simplified character, two traditional
    assert set(traditional_forms("后")) >= {"後"}
    assert traditional_forms("水") == traditional_forms("a") == traditional_forms("，") == ""  # one form only


@settings(deadline=None)  # a busy machine must not fail a test of behaviour
@given(st.sampled_from(SIMPLIFIED + "发后干里台面"))
def test_every_traditional_form_folds_back_to_its_simplified_character(ch):
    forms = traditional_forms(ch)
    assert ch not in forms
    assert all(fold(form) == ch for form in forms), forms


@pytest.mark.parametrize("ch", sorted(set(TRADITIONAL)))
def test_every_traditional_character_is_a_form_of_what_it_folds_to(ch):
    simple = fold(ch)
    assert simple == ch or ch in traditional_forms(simple)


@pytest.mark.parametrize("simplified, traditional", sorted(PRINTED.items()))
def test_a_marker_matches_itself_in_both_scripts(simplified, traditional):
    pattern = compile_both(re.escape(simplified))
    assert pattern.fullmatch(simplified) and pattern.fullmatch(traditional)


def test_a_widened_marker_still_tells_other_characters_apart():
    pattern = compile_both("记者")
    assert pattern.fullmatch("記者") and pattern.fullmatch("记者")
    assert not pattern.fullmatch("作者") and not pattern.fullmatch("記記")


def test_classes_are_widened_inside_their_brackets():
    assert both_scripts("[记者]{2}") == "[记記者]{2}"
    assert re.fullmatch(both_scripts("[^记]"), "記") is None  # not-记 is not-記 too
    assert re.fullmatch(both_scripts("[^记]"), "者")
    assert re.fullmatch(both_scripts("转[一二三]版"), "轉二版")


def test_a_quantifier_after_a_widened_character_applies_to_every_form():
    assert both_scripts("记+") == "[记記]+"
    assert re.fullmatch(both_scripts("记+者"), "记記记者")


def test_escapes_and_ascii_syntax_pass_unchanged():
    for pattern in (r"\d{1,2}[.、．]\D", r"^(?:[（(]\s*)", r"\(记\)", r"a|b\\", r"[①-⑳]"):
        widened = both_scripts(pattern)
        assert widened.replace("[记記]", "记") == pattern, widened
    assert re.fullmatch(both_scripts(r"\(记\)"), "(記)")
    # an escaped bracket opens no class: the character after it is widened on its own
    assert re.fullmatch(both_scripts(r"\[记\]"), "[記]")


@settings(deadline=None)  # a busy machine must not fail a test of behaviour
@given(st.text(st.sampled_from(list("abc01.^$*+?{}()|[]-,:\\ "))))
def test_a_pattern_without_han_characters_is_left_as_it_is(pattern):
    assert both_scripts(pattern) == pattern


def test_compile_both_keeps_its_flags():
    pattern = compile_both("^本报讯", re.MULTILINE)
    assert pattern.flags & re.MULTILINE
    assert pattern.findall("标题\n本報訊 十月\n本报讯 十一月") == ["本報訊", "本报讯"]


def test_a_range_in_a_class_stays_a_range():
    pattern = compile_both("[万-与]")  # U+4E07 to U+4E0E
    assert pattern.fullmatch("丈") and not pattern.fullmatch("丑")  # U+4E11
