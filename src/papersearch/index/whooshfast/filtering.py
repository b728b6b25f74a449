"""Archive filters as Whoosh queries that add nothing to a score, and the
AND that applies them to the rest of a query.

Whoosh surface used (subclassed, private): ``WrappingMatcher._replacement``,
``WrappingQuery._rewrap`` (how a wrapper is rebuilt around a replaced child).
"""

from __future__ import annotations

from array import array

from whoosh import matching
from whoosh import query as Q
from whoosh.matching import WrappingMatcher
from whoosh.query.wrappers import WrappingQuery

# Documents a filter matched in a segment, by (segment, live documents, filter):
# a term lookup in the compact term table costs about half a millisecond, so a
# date range read afresh for every query would cost more than the query.
_MATCHED: dict[tuple, object] = {}
MATCHED_ENTRIES = 256


class ZeroMatcher(WrappingMatcher):
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


def unscored(query):
    """The query as a pure filter: the articles it matches score nothing by it,
    so a filtered query ranks its hits exactly as the unfiltered one; what it
    matches in a segment is remembered. (Whoosh's ConstantScoreQuery keeps the
    child's scores when the collector needs them, and reads a score of 0 as 1.)"""
    return Unscored(query)


def all_of(children: list):
    """AND of Whoosh queries, archive filters applied to the rest without
    Whoosh's And (which sizes up every child, a term lookup per word, only
    to order two matchers)."""
    filters = [c for c in children if isinstance(c, Unscored)]
    rest = [c for c in children if not isinstance(c, Unscored)]
    if not filters or not rest or all(isinstance(c, Q.Not) for c in rest):
        return Q.And(children)
    return Restricted(rest[0] if len(rest) == 1 else Q.And(rest), filters)
