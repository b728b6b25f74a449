"""The id rule: an article's id is its page's stem and its printed ordinal
(``04-3``: the third item of page file ``04.txt``), used alike by ``split``
and by the index, so an id ``split`` prints is one ``show`` knows.

Page files of one index that share a stem (``2022/10/30/04.txt`` and
``2022/10/31/04.txt``) are told apart by a short hash of the later one's
path (``04~1a2b3c-3``). A page keeps its stem for as long as it is in the
index: changed, it is re-split under the same stem.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from papersearch.errors import IndexError_
from papersearch.index.changes import file_key
from papersearch.index.format import Manifest, is_index
from papersearch.model import article_id


def stem_of_id(article: str) -> str:
    """The page stem of an article id.

    >>> stem_of_id("04~1a2b3c-12")
    '04~1a2b3c'
    """
    return article.rsplit("-", 1)[0]


class PageStems:
    """The stems an index's pages have, and the stem a new page gets."""

    def __init__(self, files: dict):
        self.files = files  # the manifest's entries: page key -> {"path", "ids", ...}
        self.owner: dict[str, str] = {}
        for key, entry in files.items():
            if entry.get("ids"):
                self.owner.setdefault(stem_of_id(entry["ids"][0]), key)

    def stem(self, path: Path, key: str) -> str:
        entry = self.files.get(key)
        if entry and entry.get("ids"):
            return stem_of_id(entry["ids"][0])
        plain = path.stem
        if self.owner.setdefault(plain, key) == key:
            return plain
        return f"{plain}~{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def page_stem_in(folder: Path, path: Path) -> str:
    """The stem the index in folder gives (or would give) the page at path;
    the file's own stem when there is no index there."""
    if not is_index(folder):
        return path.stem
    try:
        files = Manifest(folder).load().files
    except IndexError_:  # a damaged index is no reason not to split a page
        return path.stem
    return PageStems(files).stem(path, file_key(path))


def renumber(articles: list, stem: str) -> list:
    """Give a page's articles the ids the rule gives them under stem."""
    for art in articles:
        art.id = article_id(stem, art.ordinal)
    return articles
