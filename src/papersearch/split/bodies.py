"""The pieces the splitter groups a page's units into, and the articles made
of them: a title block (kicker, headline, subheads and the bylines under
them) and a body (paragraphs with their opener, closing credit and
continuation marks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from papersearch.model import Article
from papersearch.split.bylines import Opener
from papersearch.split.textfix import ends_sentence, take_continuations
from papersearch.split.titles import read_title_block
from papersearch.split.units import BYLINE, PARA, TITLE, Unit


@dataclass
class TitleUnits:
    """A title block as printed: title lines and the bylines under them."""

    units: list[Unit]

    @property
    def titles(self) -> list[str]:
        return [u.text for u in self.units if u.kind == TITLE]

    @property
    def bylines(self) -> list[Unit]:
        return [u for u in self.units if u.kind == BYLINE]

    @property
    def byline(self) -> str:
        return " ".join(u.byline for u in self.bylines)

    @property
    def authors(self) -> list[str]:
        return [a for u in self.bylines for a in u.authors]

    @property
    def text(self) -> str:
        return " ".join(self.titles)

    @property
    def lines(self) -> list[int]:
        return [n.number for u in self.units for n in u.lines]


@dataclass
class Body:
    """An article's paragraphs, with what opens, signs and closes it and the
    title block given to it."""

    paras: list[Unit] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    opener: Opener | None = None
    byline_units: list[Unit] = field(default_factory=list)
    title: TitleUnits | None = None
    closing: list[str] = field(default_factory=list)
    closing_text: str = ""
    continues_to: str = ""
    continued_from: str = ""
    # the body after a title printed inside its own feature, to be joined to this one
    merge_with: Body | None = None

    @property
    def hard_end(self) -> bool:
        return bool(self.continues_to or self.closing or self.closing_text)

    @property
    def text(self) -> str:
        return "\n".join(t for t in self.texts if t)

    @property
    def lines(self) -> list[int]:
        return [n.number for u in self.paras + self.byline_units for n in u.lines]

    def add(self, unit: Unit, text: str) -> None:
        text, to, came = take_continuations(text)
        self.continues_to = self.continues_to or to
        self.continued_from = self.continued_from or came
        if unit.kind == PARA and unit.credit:
            self.closing, self.closing_text = unit.authors, unit.credit
            # names (（李建龙）) go to the byline; a note on the writer (（作者为本报
            # XX分社记者）, （作者单位：…）) is read with the piece, so it stays in the text too
            if unit.authors and text.rstrip().endswith(unit.credit):
                text = text.rstrip()[: -len(unit.credit)].rstrip()
        self.paras.append(unit)
        self.texts.append(text)


def new_article(kind: str, lines: list[int], text: str = "", authors: list[str] | None = None) -> Article:
    return Article(
        id="", file="", ordinal=0, kind=kind, text=text, authors=list(authors or []), first_line=min(lines), last_line=max(lines)
    )


def article_from_body(body: Body) -> Article:
    """The article of a body: its title's parts, every byline and credit that
    signs it (title's, its own, opener's, closing), its continuation marks; a
    body nothing heads or signs is a fragment."""
    lines = body.lines + (body.title.lines if body.title else [])
    authors: list[str] = []
    bylines: list[str] = []
    if body.title:
        for unit in body.title.bylines:
            authors += unit.authors
            bylines.append(unit.byline)
    for unit in body.byline_units:
        authors += unit.authors
        bylines.append(unit.byline)
    if body.opener:
        authors += body.opener.authors
        bylines.append(body.opener.byline)
    if body.closing_text:
        authors += body.closing
        bylines.append(body.closing_text)
    kind = "article" if body.title or body.opener or body.byline_units else "fragment"
    art = new_article(kind=kind, lines=lines, text=body.text, authors=list(dict.fromkeys(authors)))
    if body.title:
        block = read_title_block(body.title.titles)
        art.kicker, art.headline, art.subheads = block.kicker, block.headline, block.subheads
    art.byline = " ".join(bylines)
    art.dateline = body.opener.dateline if body.opener else ""
    art.continues_to, art.continued_from = body.continues_to, body.continued_from
    return art


# a title names its body when this share of its words (by rarity) is in it
NAMES_BODY = 0.3


def split_by_stacked_titles(block: TitleUnits, body: Body, containment) -> list[Body] | None:
    """Headlines stacked after the bodies they close (今年新增… / 柳林区…): a
    block of two titles over one body that reads as two pieces, the first
    with the opener and the second without one, is two articles, each titled
    by the title that names it. Returns the two bodies with their titles set,
    or None when no cut of the titles and the paragraphs names both parts."""
    cuts = [k for k in range(1, len(block.units)) if block.units[k].kind == TITLE]
    if block.bylines or not cuts or len(body.paras) < 2:
        return None
    # signed twice, by its opener and by a closing credit: two pieces run together
    if not (body.opener or body.byline_units) or not body.closing:
        return None
    best = None
    for k in cuts:
        head, tail = TitleUnits(block.units[:k]), TitleUnits(block.units[k:])
        if not head.titles:
            continue
        for p in range(1, len(body.paras)):
            if not ends_sentence(body.texts[p - 1]):
                continue
            first, second = "\n".join(body.texts[:p]), "\n".join(body.texts[p:])
            for a, b in ((head, tail), (tail, head)):
                s_a, s_b = containment(a.text, first), containment(b.text, second)
                crossed = containment(a.text, second) + containment(b.text, first)
                # the cut where each title's words fall most on its own side
                gain = s_a + s_b - crossed
                if min(s_a, s_b) >= NAMES_BODY and gain > 0 and (best is None or gain > best[0]):
                    best = (gain, p, a, b)
    if best is None:
        return None
    _score, p, a, b = best
    upper = Body(body.paras[:p], body.texts[:p], body.opener, body.byline_units, a, continued_from=body.continued_from)
    lower = Body(body.paras[p:], body.texts[p:], None, [], b, body.closing, body.closing_text, body.continues_to)
    return [upper, lower]


def split_stacked(seq: list, neighbour, containment) -> list:
    """Each block of stacked titles over one body that reads as two signed
    pieces splits it (see split_by_stacked_titles); the block is used up."""
    out: list = []
    for i, block in enumerate(seq):
        before = neighbour(i, -1) if isinstance(block, TitleUnits) and len(block.titles) >= 2 else None
        parts = split_by_stacked_titles(block, before, containment) if before and before.title is None else None
        if parts:
            at = next(j for j, item in enumerate(out) if item is before)
            out[at : at + 1] = parts
            continue
        out.append(block)
    return out
