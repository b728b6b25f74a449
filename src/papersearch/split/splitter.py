"""Split a page into the articles a reader of the printed page sees.

Layout units (paragraphs, title blocks, captions, ads) are grouped into
bodies at the places where an article must start: an opener (本报讯…,
新华社…电), a continuation mark (下转第三版), a closing credit, a title block
or caption in between, or a change of topic. Each title block is then given
to the body it shares most words with, before or after it, because PDF
extraction prints some headlines after their body.

The steps, each in its own module: ``layout.page_units`` (lines -> typed
units), ``heads.title_items`` (title blocks, section heads),
``gather.gather_bodies`` (paragraphs -> bodies), ``attach.attach_titles``
(each title block to its body), ``assemble.page_articles`` (articles, ids).

>>> page = "本报讯（记者 张三）昨日，市防汛指挥部召开会议。\\n\\n市防汛指挥部召开会议"
>>> [(a.headline, a.authors, a.text) for a in split_text(page)]
[('市防汛指挥部召开会议', ['张三'], '昨日，市防汛指挥部召开会议。')]
"""

from __future__ import annotations

from papersearch.model import Article, Page
from papersearch.split.assemble import page_articles
from papersearch.split.attach import attach_titles
from papersearch.split.cohesion import Lexicon
from papersearch.split.gather import gather_bodies
from papersearch.split.heads import title_items
from papersearch.split.layout import page_units


def split_page(page: Page) -> list[Article]:
    """The articles of one page, in printed order, with the paper, date, page
    and section its furniture lines print (the path's are the indexer's)."""
    from papersearch.archive.furniture import read_page_meta
    from papersearch.archive.meta import apply_page_meta

    units = page_units(page.text)
    lex = Lexicon([u.text for u in units])  # word weights from this page alone
    seq, caption_titles = attach_titles(gather_bodies(title_items(units), lex), lex)
    return apply_page_meta(page_articles(seq, caption_titles, page.path), read_page_meta(page.text))


def split_text(text: str, path: str = "page.txt") -> list[Article]:
    """The articles of a page given as text (``path`` names it in their ids)."""
    return split_page(Page(path=path, text=text))
