"""A page's paper, date, page and section, read from its furniture lines.

The lines themselves are recognised in one place, ``split.furniture``; here
their text is read: the date line (``2022年10月30日 星期日``, also carrying
the page and section, ``…星期二 第6版 乡村产业``), the page line (``第4版``,
``04版 要闻``, ``A4``, ``5 评论``), the paper's name and a section name over
the first article.

>>> read_page_meta("吕梁日报\\n2022年10月30日 星期日\\n第 4 版 要闻\\n\\n正文。")
PageMeta(paper='吕梁日报', date='2022-10-30', page=4, page_label='4', section='要闻')
>>> read_page_meta("2026年3月10日 星期二 第6版 乡村产业\\n正文。")
PageMeta(paper='', date='2026-03-10', page=6, page_label='6', section='乡村产业')
>>> read_page_meta("本报讯 10月27日，会议召开。")
PageMeta(paper='', date='', page=0, page_label='', section='')
"""

from __future__ import annotations

import datetime as dt
import re

from papersearch.archive import PageMeta
from papersearch.archive.numbers import page_number
from papersearch.split.furniture import DATE, PAGE, PAPER, SECTION, page_furniture
from papersearch.split.textfix import unspace

_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_AFTER_DATE = re.compile(r"^\s*(?:星期.|周.)?\s*(?:农历\S{2,6})?\s*(?P<rest>.*)$")
_EDITOR_TAIL = re.compile(r"\s*(?:本版)?(?:责任编辑|本版编辑|值班编辑|编辑|版式|美编|校对|责编).*$")
# 第 4 版 要闻, 04版, A4版 综合, 5 评论, 评论 5, 吕梁日报 第4版
_PAGE_FIRST = re.compile(
    r"^(?:(?P<paper>\S{2,6}?)\s*)?(?:第\s*(?P<marked>[0-9A-Z一二三四五六七八九十]{1,3})\s*版|(?P<label>[A-Z]?\d{1,3})\s*版?)\s*(?P<section>\S.*)?$"
)
_SECTION_FIRST = re.compile(r"^(?P<section>\D+?)\s*(?P<label>[A-Z]?\d{1,2})$")
# Furniture stands above the first article, and in a page's foot; a page's
# body lines are never read for it beyond this many lines from either end.
EDGE_LINES = 8


def read_page_meta(text: str) -> PageMeta:
    """Paper, date, page and section as the page's furniture lines print them."""
    lines = [line for line in text.splitlines() if line.strip()]
    found: dict = {}
    at_top = True
    for n, raw in enumerate(lines):
        if EDGE_LINES <= n < len(lines) - EDGE_LINES:
            at_top = False
            continue
        line = unspace(raw).strip()
        kind = page_furniture(line, at_page_top=at_top)
        at_top = at_top and kind is not None
        if kind == DATE:
            _read_date_line(line, found)
        elif kind == PAGE:
            _read_page_line(line, found)
        elif kind == PAPER:
            found.setdefault("paper", line)
        elif kind == SECTION:
            found.setdefault("section", line)
    return PageMeta(**found)


def _read_date_line(line: str, found: dict) -> None:
    m = _DATE.search(line)
    if not m:
        return
    try:
        found.setdefault("date", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat())
    except ValueError:
        return  # a date no calendar has is no date
    rest = _AFTER_DATE.match(line[m.end() :])["rest"]
    rest = _EDITOR_TAIL.sub("", rest).strip()
    if rest:
        _read_page_line(rest, found)


def _read_page_line(line: str, found: dict) -> None:
    line = _EDITOR_TAIL.sub("", line).strip()
    m = _PAGE_FIRST.match(line)
    if m:
        label = m["marked"] or m["label"]
        section = (m["section"] or "").strip()
        if m["paper"] and not _is_paper(m["paper"]):
            section = section or m["paper"]  # 评论 5: the section before the number
    elif m := _SECTION_FIRST.match(line):
        label, section = m["label"], m["section"].strip()
    else:
        return
    number = page_number(label)
    if not number:
        return
    found.setdefault("page", number)
    found.setdefault("page_label", label if not re.fullmatch(r"[一二三四五六七八九十]+", label) else str(number))
    if section and not re.search(r"\d", section):
        found.setdefault("section", section.replace(" ", ""))
    if m.groupdict().get("paper") and _is_paper(m["paper"]):
        found.setdefault("paper", m["paper"])


def _is_paper(name: str) -> bool:
    return page_furniture(name, at_page_top=True) == PAPER
