"""Stage 1 of splitting: title blocks, and which of them are a feature's section heads.

Title lines and bylines printed together form one title block (kicker,
headline, subheads, the bylines under them). A title block printed between
plain paragraphs of one feature is no headline of its own but a section head
(小标题) inside the feature's body.
"""

from __future__ import annotations

from papersearch.split.bodies import TitleUnits
from papersearch.split.bylines import parse_opener
from papersearch.split.cohesion import Lexicon
from papersearch.split.hanzi import compile_both
from papersearch.split.textfix import take_continuations
from papersearch.split.units import APART_GAP, BYLINE, FURNITURE, PARA, TITLE, Unit

# Adjacent passages of one article share at least this much (tf-idf cosine of
# bigrams): a title block between them is a section head of one feature.
TOPIC_SHIFT = 0.06

# 一、… （二）… 3. … ①: the numbering of a feature's section heads
_ENUMERATED = compile_both(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．]\D|[①-⑳])")


def title_items(units: list[Unit]) -> list[Unit | TitleUnits]:
    """The page's units with each run of title lines and bylines printed
    together (no two blank lines between them) made one title block; page
    furniture (editors' credits, dates, page numbers) is nobody's text."""
    items: list[Unit | TitleUnits] = []
    for unit in units:
        if unit.kind == FURNITURE:
            continue
        if unit.kind not in (TITLE, BYLINE):
            items.append(unit)
            continue
        last = items[-1] if items else None
        if _joins_block(last, unit) and unit.gap < APART_GAP:
            last.units.append(unit)
        else:
            items.append(TitleUnits([unit]))
    return items


def _joins_block(last: Unit | TitleUnits | None, unit: Unit) -> bool:
    """A title line goes on a block not yet closed by a byline; a byline goes
    on any block; 本报评论员 drawn over its title: a nameless byline signs no piece above."""
    return (
        isinstance(last, TitleUnits)
        and last.units[-1].kind != BYLINE
        or (isinstance(last, TitleUnits) and unit.kind == BYLINE)
        or (isinstance(last, TitleUnits) and not last.titles and not last.authors and unit.kind == TITLE)
    )


def is_section_head(items: list, i: int, lex: Lexicon) -> bool:
    """A title block inside a feature: no byline, plain paragraphs on both sides,
    and the shape of a section head (——subtitle, numbering) or, inside a feature
    a bylined title opened, one topic across it or no signature under it."""
    block = items[i]
    if block.bylines or i + 1 >= len(items) or i == 0:
        return False
    after, before = items[i + 1], items[i - 1]
    if not (isinstance(after, Unit) and after.kind == PARA and not parse_opener(after.text)):
        return False
    if isinstance(before, TitleUnits):
        return bool(before.bylines and before.titles)
    if not (isinstance(before, Unit) and before.kind == PARA) or before.credit:
        return False
    if take_continuations(before.text)[1]:
        return False
    if any(t.startswith(("—", "-")) for t in block.titles[1:]):
        # 小标题 + ——subtitle: the shape of a feature's section head, unless the
        # text under it is signed as a piece of its own (副刊: title, ——subtitle,
        # no byline, （周 敏） at its end) outside any bylined feature
        return not _signed_by_another(items, i)
    if all(_ENUMERATED.match(t) for t in block.titles):
        return True  # 一、… （二）… 3. …: numbered section heads
    # a plain title between paragraphs on one topic is a section head only
    # inside a feature that a bylined title opened (not in a column of briefs)
    if not _inside_feature(items, i, lex):
        return False
    return lex.cosine(before.text, after.text) >= TOPIC_SHIFT or _unsigned_section(items, i)


def _unsigned_section(items: list, i: int) -> bool:
    """The paragraphs under a title inside a feature carry no opener, byline
    or closing credit up to the next title or the page's end: a piece of its
    own would be signed somewhere, a feature's section is signed by the
    feature's byline (小标题 over sections on different sub-topics)."""
    for item in items[i + 1 :]:
        if isinstance(item, TitleUnits):
            return True
        if not (isinstance(item, Unit) and item.kind == PARA) or parse_opener(item.text) or item.credit:
            return False
    return True


def _signed_by_another(items: list, i: int) -> bool:
    """The text under the title at i closes on a credit naming nobody who
    signed the piece above it (in its byline or its opener): another
    writer's piece, not a section of that one."""
    signers = _signers_above(items, i)
    for item in items[i + 1 :]:
        if isinstance(item, TitleUnits):
            return False
        if isinstance(item, Unit) and item.credit:
            return not any(name in item.credit.replace(" ", "") for name in signers)
    return False


def _signers_above(items: list, i: int) -> set[str]:
    """Who signed the piece the title at i stands in: the byline under its
    headline, or the opener of its first paragraph."""
    for j in range(i - 1, -1, -1):
        item = items[j]
        if isinstance(item, TitleUnits) and item.bylines:
            return {name for unit in item.bylines for name in unit.authors}
        if isinstance(item, Unit) and item.kind == PARA and (opener := parse_opener(item.text)) and opener.authors:
            return set(opener.authors)
    return set()


def _inside_feature(items: list, i: int, lex: Lexicon) -> bool:
    """Unsigned paragraphs lead back from place i to a bylined title (or to one
    of the feature's earlier section heads)."""
    for j in range(i - 1, -1, -1):
        item = items[j]
        if isinstance(item, TitleUnits):
            # the feature's earlier section heads lead back to its headline
            return bool(item.bylines and item.titles) or is_section_head(items, j, lex)
        if isinstance(item, Unit) and (item.kind != PARA or parse_opener(item.text) or item.credit):
            return False
    return False
