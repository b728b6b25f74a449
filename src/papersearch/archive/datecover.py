"""A date range as the fewest index terms that cover it.

Every dated article is indexed under its year, month and day (``2022``,
``202210``, ``20221030``), so a month is one term and a range is its whole
years and months plus the odd days at its ends: a filter reads a handful of
posting lists, never one per day. Open ranges (``>=2022-11``) end at the
years the index holds (``years_within``), not at the end of time.

>>> cover("20221030", "20230131")
['20221030', '20221031', '202211', '202212', '202301']
>>> cover("20220000", "20229999")
['2022']
>>> cover("20221100", "99999999", years=(2020, 2024))
['202211', '202212', '2023', '2024']
"""

from __future__ import annotations

import calendar
import contextlib
import contextvars
import datetime as dt

# The years dated pages can have when an index does not say (a filter left
# open ends here).
DEFAULT_YEARS = (1800, 2199)
_YEARS: contextvars.ContextVar[tuple[int, int]] = contextvars.ContextVar("years", default=DEFAULT_YEARS)


@contextlib.contextmanager
def years_within(first: int, last: int):
    """Open date ranges end at these years while the block runs (the years
    an index's pages are dated in)."""
    token = _YEARS.set((first, last))
    try:
        yield
    finally:
        _YEARS.reset(token)


def date_terms(iso: str) -> str:
    """The index tokens of a date: its year, month and day."""
    day = iso.replace("-", "")
    return f"{day[:4]} {day[:6]} {day}"


def _day(bound: str, first: int, last: int, start: bool) -> dt.date:
    """A YYYYMMDD bound (00 and 99 for unknown parts) as a real day within the years."""
    year = min(max(int(bound[:4]), first), last)
    if int(bound[:4]) < first:
        return dt.date(first, 1, 1)
    if int(bound[:4]) > last:
        return dt.date(last, 12, 31)
    month = min(max(int(bound[4:6]), 1), 12)
    days = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(max(int(bound[6:]), 1), days))


def cover(lo: str, hi: str, years: tuple[int, int] | None = None) -> list[str]:
    """The year, month and day terms that hold exactly the days from lo to hi."""
    first, last = years or _YEARS.get()
    if first > last:
        return []
    start, end = _day(lo, first, last, True), _day(hi, first, last, False)
    out: list[str] = []
    day = start
    while day <= end:
        year_end = dt.date(day.year, 12, 31)
        month_end = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        if (day.month, day.day) == (1, 1) and year_end <= end:
            out.append(f"{day.year}")
            day = year_end + dt.timedelta(days=1)
        elif day.day == 1 and month_end <= end:
            out.append(f"{day:%Y%m}")
            day = month_end + dt.timedelta(days=1)
        else:
            out.append(f"{day:%Y%m%d}")
            day += dt.timedelta(days=1)
    return out


def years_of(files: dict) -> tuple[int, int]:
    """The first and last year the manifest's pages are dated in ((1, 0): none)."""
    years = [int(d[:4]) for f in files.values() if (d := (f.get("meta") or {}).get("date"))]
    return (min(years), max(years)) if years else (1, 0)
