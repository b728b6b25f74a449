"""papersearch: offline full-text search for Chinese newspaper pages.

A page file becomes articles, articles become an index, a query becomes
ranked hits. From Python, the whole tool is four calls:

>>> import papersearch, tempfile
>>> articles = papersearch.split_page("标题在上\\n\\n本报讯（记者 李雪峰）十月三十日，全市召开会议，部署工作。")
>>> articles[0].authors, articles[0].text[:5]
(['李雪峰'], '十月三十日')
>>> folder = tempfile.mkdtemp()
>>> page = f"{folder}/page.txt"
>>> _ = open(page, "w", encoding="utf-8").write("二十条措施落地见效\\n\\n本报讯 全市推进二十条措施，成效明显。")
>>> papersearch.build_index([page], index=f"{folder}/ix").articles
1
>>> with papersearch.open_index(f"{folder}/ix") as ix:
...     [hit.article.headline for hit in ix.search("二十条措施")]
['二十条措施落地见效']

The stages, one package each, in the order data flows:
``reader`` (page file -> text), ``split`` (text -> articles), ``analysis``
(articles -> tokens), ``index`` (-> an index folder), ``search`` (query ->
ranked hits), ``cli`` (arguments and terminal output). ``text`` holds the
folding and word segmentation the stages share; ``model`` their dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from papersearch.errors import (
    DictionaryMismatch,
    ForeignFolder,
    IndexBusy,
    IndexDamaged,
    IndexError_,
    IndexMissing,
    Interrupted,
    PageError,
    PapersearchError,
    UnknownArticle,
    UnwritableIndex,
)
from papersearch.model import Article, Page

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DictionaryMismatch",
    "ForeignFolder",
    "Hit",
    "Index",
    "IndexBusy",
    "IndexDamaged",
    "IndexError_",
    "IndexMissing",
    "IndexSummary",
    "Interrupted",
    "Page",
    "PageError",
    "PapersearchError",
    "UnknownArticle",
    "UnwritableIndex",
    "build_index",
    "open_index",
    "split_page",
]


def open_index(path: str | Path | None = None, user_dict: str | None = None):
    """The index at path (default: the user's data folder), opened to read:
    ``search``, ``get``, ``articles``, ``related``, ``stats``, ``explain``."""
    from papersearch.paths import default_index
    from papersearch.search import Index

    return Index(default_index() if path is None else path, user_dict)


def build_index(paths: Iterable[str | Path], index: str | Path | None = None, **options):
    """Split the page files under paths into articles and index them in the
    folder index (default: the user's data folder); only new, changed and
    deleted pages are work. Options: ``rebuild``, ``encoding``, ``user_dict``,
    ``wait`` (seconds to wait for another writer), ``jobs``, ``progress``,
    ``prune``. Returns an ``IndexSummary``."""
    from papersearch.index import indexer
    from papersearch.paths import default_index

    return indexer.build_index(default_index() if index is None else index, paths, **options)


def split_page(page: str | Path | Page, encoding: str | None = None) -> list[Article]:
    """The articles of one page, in printed order. page is a page file's
    path (a ``Path``, or a one-line string naming a file), a ``Page``, or the
    page's text itself."""
    from papersearch.reader import read_page
    from papersearch.split.splitter import split_page as split

    if isinstance(page, Page):
        return split(page)
    if isinstance(page, Path) or ("\n" not in page and Path(page).is_file()):
        return split(read_page(page, encoding))
    return split(Page(path="page.txt", text=page))


def __getattr__(name: str):
    # Index, Hit and IndexSummary load Whoosh; importing papersearch alone should not
    if name in ("Index", "Hit"):
        from papersearch import search

        return getattr(search, name)
    if name == "IndexSummary":
        from papersearch.index.indexer import IndexSummary

        return IndexSummary
    raise AttributeError(f"module 'papersearch' has no attribute {name!r}")
