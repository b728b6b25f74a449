"""One page file made ready for the index: read, hashed and split into
articles. Runs in worker processes (see ingest) as well as in the writer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from papersearch.errors import PageError
from papersearch.index import faults
from papersearch.index.changes import file_key
from papersearch.model import Article


@dataclass
class PreparedPage:
    key: str
    path: str
    digest: str
    size: int
    articles: list[Article] = field(default_factory=list)
    error: str = ""
    replaced: int = 0  # undecodable bytes shown as U+FFFD
    meta: dict = field(default_factory=dict)  # paper, date, page, page_label, section
    disagreements: list[str] = field(default_factory=list)  # the printed page against its path


def prepare_page(path: str, encoding: str | None = None, path_meta=None) -> PreparedPage:
    """Read, hash and split one page (runs in a worker process); path_meta is
    what the page's path tells of its paper, date and page (archive.PageMeta)."""
    from papersearch.reader import decode_page, read_bytes
    from papersearch.split.splitter import split_page

    key = file_key(Path(path))
    try:
        data = read_bytes(path)  # read once: hashed for the manifest, then decoded
        faults.point("read")
        digest = hashlib.sha1(data).hexdigest()
        page = decode_page(path, data, encoding)
        arts = split_page(page)
    except PageError as err:
        return PreparedPage(key, path, "", 0, error=str(err))
    except OSError as err:
        return PreparedPage(key, path, "", 0, error=err.strerror or str(err))
    from papersearch.archive import PageMeta
    from papersearch.archive.meta import with_path_meta

    meta, disagreements = with_path_meta(arts, path_meta or PageMeta())
    return PreparedPage(
        key, path, digest, len(data), arts, replaced=page.replaced, meta=meta.to_dict(), disagreements=disagreements
    )
