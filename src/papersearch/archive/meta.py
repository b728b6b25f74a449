"""A page's metadata put on its articles, and the path's merged with the page's."""

from __future__ import annotations

from pathlib import Path

from papersearch.archive import PageMeta
from papersearch.archive.dates import event_date
from papersearch.model import Article


def page_meta_of(articles: list[Article]) -> PageMeta:
    """The page metadata its articles carry (every article of a page carries the same)."""
    if not articles:
        return PageMeta()
    a = articles[0]
    return PageMeta(a.paper, a.date, a.page, a.page_label, a.section)


def apply_page_meta(articles: list[Article], meta: PageMeta) -> list[Article]:
    """Set the page's fields on each article, and its own date from its dateline."""
    for art in articles:
        art.paper, art.date, art.page, art.page_label, art.section = (
            meta.paper,
            meta.date,
            meta.page,
            meta.page_label,
            meta.section,
        )
        art.event_date = event_date(art.dateline, art.text, meta.date)
    return articles


def with_path_meta(articles: list[Article], path_meta: PageMeta) -> tuple[PageMeta, list[str]]:
    """Fill in what the printed page does not tell from its path (the printed
    page wins where both tell); return the page's metadata and the disagreements."""
    printed = page_meta_of(articles)
    merged = printed.merged_over(path_meta)
    if merged != printed:
        apply_page_meta(articles, merged)
    return merged, printed.disagreements(path_meta)


def folder_of(path: str) -> str:
    return str(Path(path).parent)
