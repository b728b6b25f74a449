"""From page lines to layout units: paragraphs, title lines, bylines, captions, ads.

This undoes the line level of PDF extraction: column wraps are joined into
paragraphs (nothing inserted, see ``wraps``), letter-spacing is undone, repeated
passages are dropped, and each unit is classified by its typographic shape,
then retyped by its neighbours (``page_units``' passes).
"""

from __future__ import annotations

import re

from papersearch.split.bylines import closing_credit, is_name, parse_byline_line, parse_opener, photo_credit
from papersearch.split.cues import AD_CALL, AD_CUE, ARTWORK, CAPTION_CUE, HOTLINE, SCENE, closing_only
from papersearch.split.furniture import page_furniture
from papersearch.split.textfix import ends_sentence, has_sentence_punct, is_mark, join_wrapped, split_marks, unspace
from papersearch.split.units import (
    AD,
    APART_GAP,
    BYLINE,
    CAPTION,
    FURNITURE,
    MARK,
    MID_SENTENCE_END,
    PARA,
    SHORT_TITLE,
    TITLE,
    Line,
    Unit,
    is_title_like,
)
from papersearch.split.verse import verse_as_body
from papersearch.split.wraps import column_of, group_lines

__all__ = ["classify", "dedupe", "group_lines", "opens_new_ad", "page_units", "read_lines"]

# A line naming the paragraph above with this share of its character pairs is its headline.
ECHO_SHARE = 0.5
# A passage seen before on the page is an extraction repeat when at least this long.
MIN_REPEAT = 12
# An earlier passage inside a later one is an extraction repeat when at least this long.
MIN_PARTIAL_COPY = 30
# Paragraphs open on an indented line only where most lines are not indented: past
# this share of indented lines, the page indents every line (or extraction did).
MOSTLY_INDENTED = 0.6


def read_lines(text: str) -> list[Line]:
    """The page's non-blank lines, letter-spacing undone and continuation marks
    split off, each with the blank lines before it counted in the page's usual gap."""
    lines: list[Line] = []
    gap = 0
    for number, raw in enumerate(text.splitlines(), 1):
        clean = unspace(raw)
        if not clean:
            gap += 1
            continue
        indented = bool(re.match(r"^[ \t\u3000\u00a0]", raw))
        for k, part in enumerate(split_marks(clean)):
            lines.append(Line(number, part, gap if k == 0 else 0, indented and k == 0))
        gap = 0
    # Only the spacing relative to the page's usual gap means anything: a page
    # whose blank lines all come doubled reads like one with single blank lines.
    gaps = [ln.gap for ln in lines if ln.gap]
    usual = min(gaps, default=1)
    if usual > 1:
        for ln in lines:
            ln.gap = -(-ln.gap // usual)
    # A column page extracted with a blank line between its wrapped lines is
    # spaced line by line: there the number of blank lines tells nothing (the
    # text frames of one page come out with one, two or three), so any gap counts once.
    if column_of(lines).wrap_gap >= 1:
        for ln in lines:
            ln.gap = min(ln.gap, 1)
    # Indentation marks paragraph starts only where most lines are not indented.
    if lines and sum(ln.indented for ln in lines) > MOSTLY_INDENTED * len(lines):
        for ln in lines:
            ln.indented = False
    return lines


def dedupe(groups: list[list[Line]]) -> list[tuple[list[Line], str]]:
    """Join each group's text and keep one copy of passages printed twice:
    a passage the page printed before is dropped, and an earlier partial
    copy (extraction often repeats a block from mid-sentence) gives way to a
    later whole one."""
    seen = ""
    out: list[tuple[list[Line], str, str]] = []
    for group in groups:
        text = group[0].text
        for ln in group[1:]:
            text = join_wrapped(text, ln.text)
        key = re.sub(r"\s+", "", text)
        repeatable = len(key) >= MIN_REPEAT and has_sentence_punct(key)
        if repeatable and key in seen:
            continue
        if repeatable:
            # a one-line quote repeated later is kept; a block-sized partial copy is not
            out = [kept for kept in out if not (len(kept[2]) >= MIN_PARTIAL_COPY and kept[2] in key)]
        seen += key + "\n"
        out.append((group, text, key))
    return [(group, text) for group, text, _ in out]


def classify(group: list[Line], text: str) -> Unit:
    """The unit a group of lines makes, typed by its own shape alone."""
    if group[0].furniture or page_furniture(text):
        return Unit(FURNITURE, group, text)
    if is_mark(text):
        return Unit(MARK, group, text)
    if closing_only(text):
        return _closed(Unit(PARA, group, text))
    if parse_opener(text):
        return _closed(Unit(PARA, group, text))
    if is_title_like(text) and (SCENE.search(text) or ARTWORK.match(text)):
        return Unit(CAPTION, group, text)
    if is_title_like(text):
        byline = parse_byline_line(text)
        if byline:
            return Unit(BYLINE, group, text, authors=byline[0], byline=byline[1])
        if AD_CUE.search(text):
            return Unit(AD, group, text)
        return Unit(TITLE, group, text)
    if CAPTION_CUE.search(text) or (photo_credit(text) is not None and not parse_opener(text)):
        return Unit(CAPTION, group, text, authors=photo_credit(text) or [])
    return _closed(Unit(PARA, group, text))


def _closed(unit: Unit) -> Unit:
    credit = closing_credit(unit.text)
    if credit:
        unit.authors, unit.credit = credit
    return unit


def opens_new_ad(unit: Unit, ad_so_far: list[Unit]) -> bool:
    """A heading (诚聘, 家电维修热线) after a whole ad, one that opened with its own
    heading and has given its number, starts the next ad."""
    if not (ad_so_far and _ad_heading(unit.text) and _ad_heading(ad_so_far[0].text)):
        return False
    if AD_CALL.match(unit.text):
        return False  # 扫码关注“…”公众号: the call to act closes the ad above, it heads none
    return any(re.search(r"\d{5,}", u.text.replace(" ", "").replace("-", "")) for u in ad_so_far[1:])


def _ad_heading(text: str) -> bool:
    """An ad's heading: a short line with an ad's cue (诚聘, 家电维修热线) and no number."""
    return is_title_like(text) and not re.search(r"\d", text) and bool(AD_CUE.search(text))


def _echoes(line: str, para: str) -> bool:
    """A line without a number whose character pairs are mostly in the paragraph."""
    if re.search(r"\d", line):
        return False
    pairs = {line[k : k + 2] for k in range(len(line) - 1)}
    return bool(pairs) and sum(p in para for p in pairs) >= ECHO_SHARE * len(pairs)


def _bare_names(text: str) -> bool:
    """A byline line made of names alone, with no role word or mark."""
    return not re.search(r"[□■◎●◆▲★☆▼/／：:]", text) and all(is_name(t) for t in re.split(r"[\s、]+", text) if t)


def _comma_headline(text: str) -> bool:
    """A headline's length, one comma at most, no sentence end: 春耕备耕正当时，农机进村入户."""
    return (
        len(text) <= SHORT_TITLE
        and text.count("，") <= 1
        and not any(ch in text for ch in "。；！？")
        and text[-1] not in MID_SENTENCE_END + "。"
        and not parse_opener(text)
    )


def page_units(page_text: str) -> list[Unit]:
    """The layout units of a page, in printed order: each group of lines typed
    by its own shape (``classify``), then retyped by its neighbours."""
    units = [classify(g, t) for g, t in dedupe(group_lines(read_lines(page_text)))]
    for i in range(len(units)):
        # (one pass for both: each reads the kinds the other has just set above it)
        _bare_names_byline(units, i)
        _hotline_heading(units, i)
    _comma_headlines(units)
    _ad_runs(units)
    verse_as_body(units)
    return units


def _bare_names_byline(units: list[Unit], i: int) -> None:
    """A line of bare names is a byline only under a title (孙 权); alone it is
    a title (简讯); under a paragraph it is a list the paragraph announces
    (出席会议的有：) or the writer's name closing the piece."""
    unit = units[i]
    if unit.kind == BYLINE and _bare_names(unit.text) and (i == 0 or units[i - 1].kind not in (TITLE, BYLINE)):
        if i and units[i - 1].kind == PARA and not units[i - 1].credit:
            listed = units[i - 1].text.rstrip()[-1:] in "：:"
            unit.kind, unit.byline = PARA, ""
            unit.authors, unit.credit = ([], "") if listed else (unit.authors, unit.text)
        else:
            unit.kind, unit.authors, unit.byline = TITLE, [], ""


def _hotline_heading(units: list[Unit], i: int) -> None:
    """A short line with a hotline in it heads the paragraph right below it, or
    the one above when it names it (a headline printed after its body)."""
    unit = units[i]
    nxt = units[i + 1] if i + 1 < len(units) else None
    if unit.kind == AD and nxt is not None and nxt.kind == PARA and nxt.gap < APART_GAP:
        unit.kind = TITLE
    elif unit.kind == AD and i and units[i - 1].kind == PARA and _echoes(unit.text, units[i - 1].text):
        # ...unless its number is set right under it: a service notice's heading
        # (供热服务热线 / 0351-…) repeats the words the article above points to
        if not (nxt is not None and nxt.kind == AD and nxt.gap < APART_GAP):
            unit.kind = TITLE


def _comma_headlines(units: list[Unit]) -> None:
    """A short line with a comma is a headline when it stands over an opener,
    a byline or a ——subtitle (and not inside a run of paragraphs)."""
    for i in range(len(units) - 1):
        unit, nxt = units[i], units[i + 1]
        over_item = (
            nxt.kind == BYLINE
            or (nxt.kind == PARA and parse_opener(nxt.text))
            or (nxt.kind == TITLE and nxt.text.startswith("—"))
        )
        # (a closing credit over the next piece's byline closes the piece above)
        if unit.kind == PARA and not unit.credit and _comma_headline(unit.text) and over_item:
            if i == 0 or units[i - 1].kind != PARA or ends_sentence(units[i - 1].text):
                unit.kind = TITLE


def _ad_runs(units: list[Unit]) -> None:
    """An ad runs on over the short lines that follow its first cue line, and
    starts at a hotline's number set right over it."""
    for i in range(1, len(units)):
        if units[i].kind == TITLE and units[i - 1].kind == AD and units[i].gap < APART_GAP:
            units[i].kind = AD
        if units[i].kind == AD and units[i].gap == 0 and units[i - 1].kind == TITLE and HOTLINE.search(units[i - 1].text):
            units[i - 1].kind = AD
        # an ad's own paragraph (诚聘…) between its heading and its numbers
        nxt = units[i + 1] if i + 1 < len(units) else None
        if units[i].kind == PARA and units[i - 1].kind == AD and nxt is not None and nxt.kind == AD:
            if AD_CUE.search(units[i].text) and not parse_opener(units[i].text) and units[i].gap < APART_GAP:
                units[i].kind = AD
