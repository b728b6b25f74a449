"""Archive filters (paper:, date:, page:, section:, --paper/--since/--until)
as Whoosh queries: they restrict what a query finds and add nothing to a
score, so a filtered query ranks its hits as the unfiltered one."""

from __future__ import annotations

from papersearch.archive.datecover import cover
from papersearch.archive.filters import Filter, date_bounds, fold_value, page_value
from papersearch.index.whooshfast.filtering import all_of, unscored

__all__ = ["all_of", "field_query", "filter_queries", "restrict"]


def field_query(field: str, value: str):
    """The Whoosh query of one archive field (it adds nothing to a score)."""
    from whoosh import query as Q

    if field == "date":
        terms = cover(*date_bounds(value))
        inner = Q.Or([Q.Term("date", t) for t in terms]) if terms else Q.NullQuery
    elif field == "page":
        inner = Q.Term("page", str(page_value(value)))
    else:
        inner = Q.Wildcard(field, f"*{fold_value(value)}*")
    return unscored(inner)


def filter_queries(where: Filter) -> list:
    """One Whoosh filter query a condition of where."""
    return [field_query(f, v) for f, v in where.conditions()]


def restrict(query, where: Filter | None):
    """The query, holding only articles that pass the filter (scores unchanged)."""
    if query is None or not where:
        return query
    return all_of([query, *filter_queries(where)])
