"""Filters by paper, date, page and section: as index terms, as Whoosh
queries and as tests on an article (the same rules all three ways).

Dates are written as a day, a month or a year (``2022-10-30``, ``2022-10``,
``2022``; also ``20221030`` and ``2022年10月``), a range of them
(``2022-10-01..2022-10-31``, open on one side: ``2022-11..``), or a bound
(``>=2022-11``, ``<2023``). A range from a month to a month holds both
months whole.

>>> date_bounds("2022-10"), date_bounds("2022-10-01..2022-10-31"), date_bounds(">=2022-11")
(('20221000', '20221099'), ('20221001', '20221031'), ('20221100', '99999999'))
>>> date_bounds("<2023"), date_bounds("2022-11..")
(('00000000', '20229999'), ('20221100', '99999999'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from papersearch.archive.datecover import date_terms
from papersearch.errors import PapersearchError

ARCHIVE_FIELDS = ("paper", "date", "page", "section")
_PERIOD = re.compile(r"^(?P<y>\d{4})(?:[-/.年]?(?P<m>\d{1,2})月?(?:[-/.]?(?P<d>\d{1,2})日?)?)?$")
_LOW, _HIGH = "00000000", "99999999"
DATE_FORMS = "write a day, month or year (2022-10-30, 2022-10, 2022), a range A..B, or >=A, <B"


def _prefix(period: str, field: str = "date") -> str:
    """20221030, 202210 or 2022 for a day, month or year."""
    m = _PERIOD.match(period.strip())
    if not m:
        raise PapersearchError(f"{field}:{period}: not a date; {DATE_FORMS}")
    month = int(m["m"]) if m["m"] else 0
    day = int(m["d"]) if m["d"] else 0
    if m["m"] and not 1 <= month <= 12 or m["d"] and not 1 <= day <= 31:
        raise PapersearchError(f"{field}:{period}: not a date; {DATE_FORMS}")
    return m["y"] + (f"{month:02d}" if month else "") + (f"{day:02d}" if day else "")


def _start(period: str) -> str:
    return _prefix(period).ljust(8, "0")


def _end(period: str) -> str:
    return _prefix(period).ljust(8, "9")


def date_bounds(text: str) -> tuple[str, str]:
    """The inclusive YYYYMMDD bounds a date filter gives (unknown digits as 0 and 9)."""
    text = text.strip().replace("～", "..").replace("~", "..").replace("至", "..")
    for op in (">=", "<=", ">", "<", "＞＝", "＜＝"):
        if text.startswith(op):
            value = text[len(op) :]
            if op == ">":
                return _bump(_end(value)), _HIGH
            if op == "<":
                return _LOW, _drop(_start(value))
            return (_start(value), _HIGH) if ">" in op or "＞" in op else (_LOW, _end(value))
    if ".." in text:
        lo, _, hi = text.partition("..")
        return (_start(lo) if lo.strip() else _LOW), (_end(hi) if hi.strip() else _HIGH)
    return _start(text), _end(text)


def _bump(bound: str) -> str:
    return str(int(bound) + 1).zfill(8)


def _drop(bound: str) -> str:
    return str(max(int(bound) - 1, 0)).zfill(8)


def fold_value(text: str) -> str:
    from papersearch.text.normalize import fold

    return fold(text).lower().replace(" ", "")


def archive_terms(article) -> dict:
    """The index fields of an article's place in its paper (absent when unknown)."""
    out = {}
    if article.paper:
        out["paper"] = fold_value(article.paper)
    if article.date:
        out["date"] = date_terms(article.date)
    if article.page:
        out["page"] = str(article.page)
    if article.section:
        out["section"] = fold_value(article.section)
    return out


def page_value(value: str) -> int:
    from papersearch.archive.numbers import page_number

    number = page_number(value)
    if not number:
        raise PapersearchError(f"page:{value}: not a page number (write page:4, page:A04)")
    return number


def field_holds(article, field: str, value: str) -> bool:
    """Whether the article passes one archive field's test (the index's rule)."""
    if field == "date":
        if not article.date:
            return False
        lo, hi = date_bounds(value)
        return lo <= article.date.replace("-", "") <= hi
    if field == "page":
        return article.page == page_value(value)
    return bool(getattr(article, field)) and fold_value(value) in fold_value(getattr(article, field))


@dataclass(frozen=True)
class Filter:
    """What --paper, --since and --until ask of an article."""

    paper: str = ""
    since: str = ""
    until: str = ""

    def __bool__(self) -> bool:
        return bool(self.paper or self.since or self.until)

    def conditions(self) -> list[tuple[str, str]]:
        out = []
        if self.paper:
            out.append(("paper", self.paper))
        if self.since or self.until:
            out.append(("date", f"{self.since}..{self.until}"))
        return out

    def validate(self) -> Filter:
        for field, value in self.conditions():
            if field == "date":
                date_bounds(value)
        return self

    def holds(self, article) -> bool:
        return all(field_holds(article, f, v) for f, v in self.conditions())
