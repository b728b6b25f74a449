"""The data that flows between the stages: a page as read, an article as split.

Every stage takes and returns these plain dataclasses, so each stage can be
used (and tested) on its own from Python.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

ARTICLE_KINDS = ("article", "fragment", "photo", "ad", "headline")


def article_id(page_stem: str, ordinal: int) -> str:
    """The id of the ordinal-th item of a page (see ``index.ids`` for stems).

    >>> article_id("04", 3)
    '04-3'
    """
    return f"{page_stem}-{ordinal}"


@dataclass(frozen=True)
class Page:
    """One printed page of text, decoded."""

    path: str  # as given by the user (shown in results)
    text: str
    encoding: str = "utf-8"
    replaced: int = 0  # undecodable bytes shown as U+FFFD


@dataclass
class Article:
    """One printed item of a page: an article, a continued fragment, a photo
    caption, an advertisement or a headline standing alone."""

    id: str
    file: str
    ordinal: int
    kind: str = "article"
    kicker: str = ""
    headline: str = ""
    subheads: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    byline: str = ""
    dateline: str = ""
    text: str = ""
    continues_to: str = ""
    continued_from: str = ""
    first_line: int = 0  # 1-based line span on the page it came from
    last_line: int = 0
    # where the page stands in its paper's run (see papersearch.archive); "" and 0: unknown
    paper: str = ""
    date: str = ""  # the page's date, ISO
    page: int = 0
    page_label: str = ""  # as printed: A04
    section: str = ""
    event_date: str = ""  # the article's own dateline's date, ISO

    @property
    def title(self) -> str:
        """Kicker, headline and subheads as one line, for display."""
        return " ".join(p for p in [self.kicker, self.headline, *self.subheads] if p)

    def to_dict(self) -> dict:
        return asdict(self)

    def pack(self) -> str:
        """The article as stored in the index (JSON)."""
        # not asdict(): it deep-copies every field, a tenth of indexing's time per article
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self)}, ensure_ascii=False)

    @classmethod
    def unpack(cls, data: str) -> Article:
        return cls.from_dict(json.loads(data))

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
