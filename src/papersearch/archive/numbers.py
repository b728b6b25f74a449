"""Page numbers as papers print them: 4, 04, A04, 第四版, 十二."""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def han_number(text: str) -> int:
    """一 .. 九十九 as an int (0 when it is none).

    >>> han_number("三"), han_number("十二"), han_number("二十"), han_number("二十四")
    (3, 12, 20, 24)
    """
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text):
        return 0
    if "十" not in text:
        return int("".join(str(_DIGITS[ch]) for ch in text)) if text else 0
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


_LABEL = re.compile(r"^(?P<letter>[A-Za-z]?)(?P<digits>\d{1,3})$")


def page_number(label: str) -> int:
    """The page number a printed label gives: 04 and A04 are page 4, 三 page 3.

    >>> page_number("04"), page_number("A04"), page_number("三"), page_number("x")
    (4, 4, 3, 0)
    """
    text = re.sub(r"^第|版$", "", label.strip().replace(" ", ""))
    m = _LABEL.match(text)
    if m:
        return int(m.group("digits"))
    return han_number(text)
