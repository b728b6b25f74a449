"""How many articles match per day, week, month or year, gaps included.

>>> [(p.label, p.count) for p in periods(["2022-10-30", "2022-12-01", "2022-12-05"], "month")]
[('2022-10', 1), ('2022-11', 0), ('2022-12', 2)]
>>> [(p.label, p.count) for p in periods(["2022-10-30", "2022-11-02"], "week")]
[('2022-W43', 1), ('2022-W44', 1)]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass

BY = ("day", "week", "month", "year")
# A timeline of more periods than this is a typo in --since, not a chart.
MAX_PERIODS = 20_000


@dataclass
class Period:
    label: str  # 2022-10-30, 2022-W43, 2022-10, 2022
    start: str  # ISO day the period starts
    end: str  # ISO day it ends
    count: int

    def to_dict(self) -> dict:
        return asdict(self)


def _start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def _next(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def _label(start: dt.date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "year":
        return str(start.year)
    return start.isoformat()


def periods(dates: list[str], by: str = "month", first: str = "", last: str = "") -> list[Period]:
    """Counts of the ISO dates per period from the first to the last (or the
    first and last given), every period in between shown, empty or not."""
    days = [dt.date.fromisoformat(d) for d in dates if d]
    bounds = [dt.date.fromisoformat(d) for d in (first, last) if d]
    if not days and len(bounds) < 2:
        return []
    low = dt.date.fromisoformat(first) if first else min(days)
    high = dt.date.fromisoformat(last) if last else max(days)
    counts = Counter(_start(d, by) for d in days)
    out: list[Period] = []
    start = _start(low, by)
    while start <= high and len(out) < MAX_PERIODS:
        after = _next(start, by)
        out.append(Period(_label(start, by), start.isoformat(), (after - dt.timedelta(days=1)).isoformat(), counts.get(start, 0)))
        start = after
    return out


def svg(rows: list[Period], title: str) -> str:
    """The timeline as an SVG bar chart (written by hand: no plotting library
    for a few rectangles)."""
    from xml.sax.saxutils import escape

    bar, gap, height, top, left = 14, 4, 160, 30, 40
    most = max((p.count for p in rows), default=0) or 1
    width = left + len(rows) * (bar + gap) + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + top + 80}" font-family="sans-serif" font-size="10">',
        f'<text x="{left}" y="16" font-size="13">{escape(title)}</text>',
    ]
    for i, p in enumerate(rows):
        h = round(height * p.count / most)
        x = left + i * (bar + gap)
        out.append(
            f'<rect x="{x}" y="{top + height - h}" width="{bar}" height="{h}" fill="#4472c4"><title>{p.label}: {p.count}</title></rect>'
        )
        out.append(
            f'<text x="{x + bar / 2}" y="{top + height + 12}" transform="rotate(60 {x + bar / 2} {top + height + 12})">{p.label}</text>'
        )
    out.append(f'<text x="4" y="{top + 10}">{most}</text><text x="4" y="{top + height}">0</text></svg>')
    return "\n".join(out) + "\n"
