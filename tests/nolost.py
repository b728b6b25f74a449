"""The no-lost-text invariant: every character of a page outside page
furniture lands in an item's title, text or byline, and no character of the
page's text lands in two items' titles or texts.

What a page may lose, on purpose: white space (letter-spacing, wraps),
continuation marks (they go to ``continues_to``/``continued_from``), page
furniture (editors' credits, date and page number lines) and passages that
extraction printed twice (one copy is kept). A closing credit such as
``（李建龙）`` may be both in the text and in the byline, so bylines are
allowed to repeat what the text holds.
"""

from __future__ import annotations

from collections import Counter

from papersearch.model import Article
from papersearch.split.layout import classify, dedupe, group_lines, read_lines
from papersearch.split.textfix import take_continuations
from papersearch.split.units import FURNITURE, MARK


def _chars(text: str) -> Counter:
    return Counter("".join(text.split()))


def page_chars(page_text: str) -> Counter:
    """The page's characters that some item must carry."""
    total: Counter = Counter()
    for group, text in dedupe(group_lines(read_lines(page_text))):
        if classify(group, text).kind in (FURNITURE, MARK):
            continue
        total += _chars(take_continuations(text)[0])
    return total


def lost_and_doubled(page_text: str, arts: list[Article]) -> tuple[str, str]:
    """Characters of the page no item carries; characters carried twice in titles or texts."""
    want = page_chars(page_text)
    titles_texts: Counter = Counter()
    bylines: Counter = Counter()
    for art in arts:
        titles_texts += _chars(art.kicker + art.headline + "".join(art.subheads) + art.text)
        bylines += _chars(art.byline)
    lost = want - (titles_texts + bylines)
    doubled = titles_texts - want
    return "".join(sorted(lost.elements())), "".join(sorted(doubled.elements()))
