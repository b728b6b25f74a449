"""Stage 4 of splitting: the page's articles, in printed order, with their ids.

Each body becomes an article (titled, or a fragment when nothing heads or
signs it); a title block no body took is a headline item of its own; a photo
caption is a photo item (with the title over it, if one heads it); runs of ad
lines make ad items, a new one starting at each new ad's heading. Items are
numbered by the first line they were printed on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from papersearch.model import Article, article_id
from papersearch.split.bodies import Body, TitleUnits, article_from_body, new_article
from papersearch.split.layout import opens_new_ad
from papersearch.split.titles import read_title_block
from papersearch.split.units import AD, CAPTION, Unit


class AdRun(list):
    """The ad lines of one ad, in printed order."""


def page_articles(seq: list, caption_titles: dict[int, TitleUnits], path: str) -> list[Article]:
    """The articles of the page's items, numbered in printed order."""
    found = [pair for item in with_ad_runs(seq) if (pair := _article_of(item, caption_titles)) is not None]
    return number_articles(found, path)


def _article_of(item: AdRun | Body | TitleUnits | Unit, caption_titles: dict[int, TitleUnits]) -> tuple[int, Article] | None:
    """The item's article and the first line it was printed on; None for a body
    left empty (its paragraphs went to another) and units no article holds."""
    if isinstance(item, AdRun):
        return _ad_article(item)
    if isinstance(item, Body):
        if not (item.paras or item.title):
            return None
        return min(item.lines + (item.title.lines if item.title else [])), article_from_body(item)
    if isinstance(item, TitleUnits):
        return _headline_article(item)
    if item.kind == CAPTION:
        return _photo_article(item, caption_titles.get(id(item)))
    return None


def with_ad_runs(seq: list) -> Iterator:
    """The items, with each run of ad lines gathered into one AdRun: a run ends
    at any other item, or where a heading opens the next ad (``opens_new_ad``)."""
    pending = AdRun()
    for item in seq:
        if isinstance(item, Unit) and item.kind == AD:
            if opens_new_ad(item, pending):
                yield pending
                pending = AdRun()
            pending.append(item)
            continue
        if pending:
            yield pending
            pending = AdRun()
        yield item
    if pending:
        yield pending


def number_articles(found: list[tuple[int, Article]], path: str) -> list[Article]:
    """Articles ordered by the first line they were printed on (ties in the
    order found), given their ordinal, file and id."""
    stem = Path(path).stem
    found.sort(key=lambda pair: pair[0])
    out = []
    for ordinal, (_, art) in enumerate(found, 1):
        art.ordinal, art.file, art.id = ordinal, path, article_id(stem, ordinal)
        out.append(art)
    return out


def _ad_article(units: AdRun) -> tuple[int, Article]:
    """One ad, its lines as printed."""
    lines = [n.number for u in units for n in u.lines]
    return min(lines), new_article(kind="ad", text="\n".join(u.text for u in units), lines=lines)


def _headline_article(block: TitleUnits) -> tuple[int, Article]:
    """A title block no body took: a headline item (or a lone byline's item)."""
    art = new_article(kind="headline" if block.titles else "article", lines=block.lines, authors=block.authors)
    _set_titles(art, block.titles)
    art.byline = block.byline
    return min(block.lines), art


def _photo_article(caption: Unit, title: TitleUnits | None) -> tuple[int, Article]:
    """A photo caption with the title over it that heads it, if any."""
    lines = [n.number for n in caption.lines] + (title.lines if title else [])
    art = new_article(kind="photo", text=caption.text, lines=lines, authors=caption.authors)
    if title:
        _set_titles(art, title.titles)
        # a byline under a photo's title is the photo's credit: kept, never dropped
        art.byline = title.byline
        art.authors = list(dict.fromkeys(title.authors + art.authors))
    return min(lines), art


def _set_titles(art: Article, titles: list[str]) -> None:
    block = read_title_block(titles)
    art.kicker, art.headline, art.subheads = block.kicker, block.headline, block.subheads
