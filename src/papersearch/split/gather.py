"""Stage 2 of splitting: paragraphs gathered into bodies.

A body runs over paragraphs until an article must start: an opener (本报讯…,
新华社…电), a closing credit or a continuation mark (下转第三版) ending the one
before, a （上接…） mark, or a title block (a headline; a section head stays
inside its feature's body). Title blocks, captions and ads stay between the
bodies for stage 3 to place.
"""

from __future__ import annotations

from papersearch.split.bodies import Body, TitleUnits
from papersearch.split.bylines import parse_opener
from papersearch.split.cohesion import Lexicon
from papersearch.split.heads import is_section_head
from papersearch.split.textfix import take_continuations
from papersearch.split.units import MARK, PARA, Unit


def gather_bodies(items: list[Unit | TitleUnits], lex: Lexicon) -> list[Body | TitleUnits | Unit]:
    """The page's items with its paragraphs gathered into bodies, in printed order."""
    out: list[Body | TitleUnits | Unit] = []
    came_from = ""  # an （上接…） mark opens the next body
    for i, item in enumerate(items):
        if isinstance(item, TitleUnits):
            _place_title_block(out, items, i, lex)
        elif item.kind == MARK:
            came_from = _take_mark(out, item) or came_from
        elif item.kind != PARA:
            out.append(item)  # captions and ads stand between bodies
        else:
            came_from = _add_paragraph(out, item, came_from)
    return out


def _open_body(out: list) -> Body | None:
    """The body the last item was added to, when the last item is one."""
    return out[-1] if out and isinstance(out[-1], Body) else None


def _take_mark(out: list, mark: Unit) -> str:
    """A （下转…） mark closes the body printed above it; returns the page an
    （上接…） mark says the next body comes from ("" for none)."""
    _text, to, came = take_continuations(mark.text)
    last = next((b for b in reversed(out) if isinstance(b, Body)), None)
    if to and last is not None and not last.continues_to:
        last.continues_to = to
    return came


def _place_title_block(out: list, items: list, i: int, lex: Lexicon) -> None:
    """A byline standing alone over a paragraph opens the next body; a section
    head goes into the feature's body; any other title block stays as it is."""
    block = items[i]
    if not block.titles and i + 1 < len(items) and isinstance(items[i + 1], Unit) and items[i + 1].kind == PARA:
        out.append(Body(byline_units=block.bylines))
        return
    if is_section_head(items, i, lex):
        cur = _open_body(out)
        if cur is None or cur.hard_end:
            cur = Body()
            out.append(cur)
        for unit in block.units:
            cur.add(unit, unit.text)
        return
    out.append(block)


def _add_paragraph(out: list, para: Unit, came_from: str) -> str:
    """The paragraph goes on the open body, or opens a new one after an item
    that is no body, after a closed body, at an opener (unless the body so far
    is a lone byline waiting for its text) or after an （上接…） mark. Returns
    the continuation still waiting for a body to open."""
    cur = _open_body(out)
    opener = parse_opener(para.text)
    fresh_byline = cur is not None and not cur.paras and cur.byline_units
    if cur is None or (opener and not fresh_byline) or cur.hard_end or came_from:
        if not fresh_byline or cur is None:
            cur = Body()
            out.append(cur)
        cur.continued_from, came_from = cur.continued_from or came_from, ""
    if opener:
        cur.opener = opener
        cur.add(para, opener.rest)
    else:
        cur.add(para, para.text)
    return came_from
