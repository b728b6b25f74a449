"""An article's own date, from its dateline: ``新华社北京11月10日电``,
``本报讯 10月28日，…``, ``28日在北京…``.

A dateline prints month and day only; the year is the page's, and a
dateline later in the year than the page (a December report on a January
page) belongs to the year before. Without a page date (and no year printed)
an article gets no date: never a made-up one.

>>> event_date("新华社北京11月10日电", "", "2022-11-11")
'2022-11-10'
>>> event_date("", "12月30日，市委召开…", "2023-01-02")
'2022-12-30'
>>> event_date("", "28日在北京图书大厦举行的…", "2022-10-30")
'2022-10-28'
>>> event_date("", "10月28日，市委书记…", "")
''
>>> event_date("", "2021年10月28日，…", "")
'2021-10-28'
"""

from __future__ import annotations

import datetime as dt
import re

# a lead's date is in its first words (the opener, 本报讯（记者 X）, is in the dateline and byline)
LEAD_CHARS = 20
_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日电]")
# a lead opening on the day alone: 28日在北京…, 28日，…
_DAY = re.compile(r"^(?P<d>\d{1,2})日[，,在上下电晚早]")


def event_date(dateline: str, text: str, page_date: str) -> str:
    """The ISO date the article's dateline or lead gives, or ''."""
    # a dateline holds its date anywhere; a lead only as its opening words
    for source, find in ((dateline, re.Pattern.search), (text.lstrip()[:LEAD_CHARS], re.Pattern.match)):
        if not source:
            continue
        if m := find(_FULL, source):
            return _iso(int(m["y"]), int(m["m"]), int(m["d"]))
        if not page_date:
            continue
        page = dt.date.fromisoformat(page_date)
        if m := find(_MONTH_DAY, source):
            month, day = int(m["m"]), int(m["d"])
            year = page.year - 1 if month > page.month else page.year
            return _iso(year, month, day)
        if m := _DAY.match(source):
            day = int(m["d"])
            month, year = page.month, page.year
            if day > page.day:  # 30日 on a page of the 2nd: last month
                month, year = (12, year - 1) if month == 1 else (month - 1, year)
            return _iso(year, month, day)
    return ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
