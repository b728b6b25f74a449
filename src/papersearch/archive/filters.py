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

from papersearch.archive.datecover import cover, date_terms
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


def _fold(text: str) -> str:
    from papersearch.text.normalize import fold

    return fold(text).lower().replace(" ", "")


def archive_terms(article) -> dict:
    """The index fields of an article's place in its paper (absent when unknown)."""
    out = {}
    if article.paper:
        out["paper"] = _fold(article.paper)
    if article.date:
        out["date"] = date_terms(article.date)
    if article.page:
        out["page"] = str(article.page)
    if article.section:
        out["section"] = _fold(article.section)
    return out


def field_query(field: str, value: str):
    """The Whoosh query of one archive field (it adds nothing to a score)."""
    from whoosh import query as Q

    if field == "date":
        terms = cover(*date_bounds(value))
        inner = Q.Or([Q.Term("date", t) for t in terms]) if terms else Q.NullQuery
    elif field == "page":
        inner = Q.Term("page", str(_page(value)))
    else:
        inner = Q.Wildcard(field, f"*{_fold(value)}*")
    return unscored(inner)


# Documents a filter matched in a segment, by (segment, live documents, filter):
# a term lookup in the compact term table costs about half a millisecond, so a
# date range read afresh for every query would cost more than the query.
_MATCHED: dict[tuple, object] = {}
MATCHED_ENTRIES = 256


def unscored(query):
    """The query as a pure filter: the articles it matches score nothing by it,
    so a filtered query ranks its hits exactly as the unfiltered one; what it
    matches in a segment is remembered. (Whoosh's ConstantScoreQuery keeps the
    child's scores when the collector needs them, and reads a score of 0 as 1.)"""
    return _classes()[1](query)


def all_of(children: list):
    """AND of Whoosh queries, archive filters applied to the rest without
    Whoosh's And (which sizes up every child, a term lookup per word, only
    to order two matchers)."""
    from whoosh import query as Q

    unscored_type, restricted_type = _classes()[1], _classes()[2]
    filters = [c for c in children if isinstance(c, unscored_type)]
    rest = [c for c in children if not isinstance(c, unscored_type)]
    if not filters or not rest or all(isinstance(c, Q.Not) for c in rest):
        return Q.And(children)
    return restricted_type(rest[0] if len(rest) == 1 else Q.And(rest), filters)


def _classes():
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _make_classes()
    return _CLASSES


_CLASSES = None


def _make_classes():
    from array import array

    from whoosh import matching
    from whoosh.query.wrappers import WrappingQuery

    class ZeroMatcher(matching.WrappingMatcher):
        def _replacement(self, newchild):
            return ZeroMatcher(newchild)

        def score(self):
            return 0.0

        def supports_block_quality(self):
            return False

        def max_quality(self):
            return 0.0

    class Unscored(WrappingQuery):
        def _rewrap(self, child):
            return Unscored(child)

        def estimate_size(self, ixreader):
            # at most every document: the filter never makes a query look
            # narrower than its words (that choice of ranking stays the unfiltered one's)
            return ixreader.doc_count_all()

        def matcher(self, searcher, context=None):
            reader = searcher.reader()
            segment = reader.segment() if hasattr(reader, "segment") else None
            if segment is None:
                return ZeroMatcher(self.child.matcher(searcher, context))
            key = (segment.segment_id(), reader.doc_count(), repr(self.child))
            ids = _MATCHED.get(key)
            if ids is None:
                if len(_MATCHED) >= MATCHED_ENTRIES:
                    _MATCHED.clear()
                ids = _MATCHED[key] = array("I", self.child.matcher(searcher, context).all_ids())
            if not ids:
                return matching.NullMatcher()
            return ZeroMatcher(matching.ListMatcher(ids, all_weights=1.0))

    class Restricted(WrappingQuery):
        """The child query, holding only documents every filter matches."""

        def __init__(self, child, filters: list):
            super().__init__(child)
            self.filters = filters

        def _rewrap(self, child):
            return Restricted(child, self.filters)

        def __eq__(self, other):
            return type(self) is type(other) and self.child == other.child and self.filters == other.filters

        def __hash__(self):
            return hash(self.child) ^ hash(tuple(self.filters))

        def __repr__(self):
            return f"Restricted({self.child!r}, {self.filters!r})"

        def __str__(self):
            return f"({self.child} FILTERED BY {' AND '.join(str(f) for f in self.filters)})"

        def matcher(self, searcher, context=None):
            found = self.child.matcher(searcher, context)
            for query in self.filters:
                allowed = query.matcher(searcher, context)
                if not (found.is_active() and allowed.is_active()):
                    return matching.NullMatcher()
                found = matching.IntersectionMatcher(found, allowed)
            return found

    return ZeroMatcher, Unscored, Restricted


def _page(value: str) -> int:
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
        return article.page == _page(value)
    return bool(getattr(article, field)) and _fold(value) in _fold(getattr(article, field))


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

    def queries(self) -> list:
        """One Whoosh filter query a condition."""
        return [field_query(f, v) for f, v in self.conditions()]

    def to_whoosh(self):
        from whoosh import query as Q

        parts = self.queries()
        return Q.And(parts) if parts else None

    def holds(self, article) -> bool:
        return all(field_holds(article, f, v) for f, v in self.conditions())
