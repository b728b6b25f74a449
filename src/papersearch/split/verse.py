"""Verse: a poem's lines under its title and byline (副刊 pages).

A poem is set in short lines without punctuation, one under another, so each
line reads like a title. Under a title and its byline they are the poem's
body: they run on, over blank lines and its section titles (a second poem of
an `（外一首）`), until a blank line and a new title that has its own byline or
opener, or a paragraph set right under them (then they were a title block).
"""

from __future__ import annotations

from papersearch.split.bylines import parse_opener
from papersearch.split.units import BYLINE, CAPTION, PARA, TITLE, Unit, is_title_like

# Verse lines are short; a poem has at least this many of them.
MAX_VERSE_LINE = 20
MIN_VERSE_LINES = 3
# A new piece's title block is at most this many lines over its byline.
MAX_TITLE_BLOCK = 3


def verse_as_body(units: list[Unit]) -> None:
    """Turn the short lines under a title and its byline into the poem's paragraphs."""
    for i, unit in enumerate(units):
        if unit.kind != BYLINE or i == 0 or units[i - 1].kind != TITLE:
            continue
        run = _verse_run(units, i + 1)
        if sum(len(units[k].lines) for k in run) >= MIN_VERSE_LINES:
            for k in run:
                units[k].kind, units[k].authors = PARA, []


def _verse_run(units: list[Unit], start: int) -> list[int]:
    run: list[int] = []
    k = start
    while k < len(units) and units[k].kind in (TITLE, CAPTION) and _verse_line(units[k]):
        if units[k].gap > 0 and run and _heads_new_piece(units, k):
            break
        run.append(k)
        k += 1
    if k < len(units) and units[k].kind == PARA and units[k].gap == 0:
        return []  # a title block set right over its paragraph, not a poem
    return run


def _verse_line(unit: Unit) -> bool:
    return all(len(ln.text) <= MAX_VERSE_LINE and is_title_like(ln.text) for ln in unit.lines)


def _heads_new_piece(units: list[Unit], k: int) -> bool:
    """A title (with its subtitles) standing over a byline or an opener."""
    for nxt in units[k + 1 : k + 1 + MAX_TITLE_BLOCK]:
        if nxt.kind == BYLINE or (nxt.kind == PARA and parse_opener(nxt.text)):
            return True
        if nxt.kind != TITLE or nxt.gap > 0:
            return False  # (a subtitle is set right under its title)
    return False
