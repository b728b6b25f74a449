"""Search engines behind papersearch: the embedded index, or a Sphinx-family
cluster over SphinxQL. Pages are split, folded and segmented by papersearch
either way; an engine stores the articles and finds the ones a parsed query
matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from papersearch.engines.url import EngineURL
from papersearch.model import Article

__all__ = ["Engine", "EngineURL", "index_pages", "open_engine"]


class Engine(Protocol):
    """What the commands need of a searchable store of articles."""

    warnings: list[str]
    # shards that did not answer the last search, as 'name at host:port' (empty: the answer is whole)
    partial: list[str]

    def search(
        self, text: str, limit: int = 10, snippets: int = 3, width: int = 120, where=None, sort: str = "score"
    ) -> list: ...

    def get(self, article_id: str) -> Article: ...

    def whole(self, article_id: str): ...  # archive.continuations.Joined: the article with its continued parts

    def articles(self, where=None, sort: str = "file") -> list[Article]: ...

    def related(self, article_id: str, limit: int = 5) -> list: ...

    def stats(self) -> dict: ...

    def close(self) -> None: ...

    def __enter__(self): ...

    def __exit__(self, *exc): ...


def open_engine(url: str | None, index_folder: Path, user_dict: str | None = None) -> Engine:
    """The embedded index in index_folder when url is empty, else the cluster at url."""
    if not url:
        from papersearch.engines.embedded import EmbeddedEngine

        return EmbeddedEngine(index_folder, user_dict)
    from papersearch.engines.sphinxql import SphinxEngine

    parsed = EngineURL.parse(url)
    return SphinxEngine(parsed, parsed.state_file(index_folder))


def index_pages(url: str | None, index_folder: Path, paths: Iterable, **options):
    """Split and index page files into the engine; an IndexSummary of what was done."""
    if not url:
        from papersearch.index.indexer import build_index

        return build_index(index_folder, paths, **options)
    from papersearch.engines.sphinxindex import index_into

    parsed = EngineURL.parse(url)
    return index_into(parsed, parsed.state_file(index_folder), paths, **options)
