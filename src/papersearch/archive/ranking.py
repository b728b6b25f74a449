"""Search over an archive: queries restricted by a Filter, hits in date
order, and one hit for an article printed in several parts."""

from __future__ import annotations

from papersearch.archive.continuations import IssuePages, continued, join
from papersearch.model import Article

SORTS = ("score", "date", "-date")


def date_order(articles: list[Article], newest_first: bool = False) -> list[Article]:
    """By date (the page's), then page and printed order; undated pages last."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.paper, a.page, a.file, a.ordinal))
    if newest_first:
        dated.sort(key=lambda a: a.date, reverse=True)  # stable: a day's pages stay in page order
    return dated + sorted((a for a in articles if not a.date), key=lambda a: (a.file, a.ordinal))


def one_per_article(searcher, hits: list) -> list:
    """Hits with every continued part joined to its article, and each article
    once (at the rank of its best part)."""
    pages = IssuePages(searcher)
    out, seen = [], set()
    for hit in hits:
        if not continued(hit.article):
            if hit.article.id not in seen:
                seen.add(hit.article.id)
                out.append(hit)
            continue
        joined = join(searcher, hit.article, pages)
        if any(p.id in seen for p in joined.parts):
            continue
        seen.update(p.id for p in joined.parts)
        hit.article = joined.article()
        hit.parts, hit.continued = joined.part_list(), joined.missing
        out.append(hit)
    return out
