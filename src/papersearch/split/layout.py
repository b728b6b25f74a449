"""From page lines to layout units: paragraphs, title lines, bylines, captions, ads.

This undoes the line level of PDF extraction: column wraps are joined into
paragraphs (nothing inserted), letter-spacing is undone, repeated passages are
dropped, and each unit is classified by its typographic shape.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from papersearch.split.bylines import OPENER_SPAN, closing_credit, is_name, parse_byline_line, parse_opener, photo_credit
from papersearch.split.furniture import page_furniture
from papersearch.split.hanzi import compile_both
from papersearch.split.textfix import ends_sentence, has_sentence_punct, is_mark, join_wrapped, split_marks, unspace
from papersearch.split.titles import title_over_body, word_across
from papersearch.split.units import (
    AD,
    BYLINE,
    CAPTION,
    FURNITURE,
    MARK,
    MID_SENTENCE_END,
    PARA,
    TITLE,
    Line,
    Unit,
    is_title_like,
)
from papersearch.split.verse import verse_as_body

# Chinese typesetting never opens a line with these (避头点): such a line goes on the one above.
NO_LINE_START = "、，。；：？！）》」』”’…"
# A line naming the paragraph above with this share of its character pairs is its headline.
ECHO_SHARE = 0.5
# A page is set in a column when this share of its lines have one width (at least MIN_COLUMN).
COLUMN_SHARE = 0.4
MIN_COLUMN = 6
# A passage seen before on the page is an extraction repeat when at least this long.
MIN_REPEAT = 12
# An earlier passage inside a later one is an extraction repeat when at least this long.
MIN_PARTIAL_COPY = 30
_AD_CUE = compile_both(
    r"热线|咨询电话|服务电话|联系电话|订阅|广告|招商|招聘|诚聘|二维码|扫码|扫一扫|欢迎.{0,6}(?:来电|垂询)|\d{3,4}-\d{7,8}|(?<!\d)1\d{10}(?!\d)"
)
# an ad's closing call to act on it: 扫码关注…, 扫一扫…, 长按识别…, 欢迎来电
_AD_CALL = compile_both(r"^(?:扫码|扫一扫|扫描二维码|长按|欢迎(?:来电|垂询|咨询))")
_HOTLINE = re.compile(r"(?<!\d)\d{5,}$")
# A line describing a scene in progress is a photo caption, not a headline.
_SCENE = compile_both(r"正在|在.{1,10}(?:作业|劳作|训练|演练|施工)$")
# a photo's caption opens so (图为…, 上图：…), never in the middle of a sentence
_CAPTION_OPEN = compile_both(r"^(?:图为|(?:上|下|左|右)?图[:：])")
_CAPTION_CUE = compile_both(r"图为|（(?:无人机|资料|航拍)?(?:照片|图片|图)）|\(资料图\)|摄影报道|新华社发|视觉中国")


def read_lines(text: str) -> list[Line]:
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
    # Indentation marks paragraph starts only where most lines are not indented.
    if lines and sum(ln.indented for ln in lines) > 0.6 * len(lines):
        for ln in lines:
            ln.indented = False
    return lines


def _blank_lines_informative(lines: list[Line]) -> bool:
    return bool(lines) and sum(ln.gap > 0 for ln in lines[1:]) >= 0.3 * max(len(lines) - 1, 1)


def group_lines(lines: list[Line]) -> list[list[Line]]:
    """Join lines broken by a column or paragraph wrap into paragraphs."""
    gaps_mean = _blank_lines_informative(lines)
    column = column_of(lines)
    top = 0
    while top < len(lines) and page_furniture(lines[top].text, at_page_top=True):
        lines[top].furniture = True
        top += 1
    head = [[line] for line in lines[:top]]
    groups: list[list[Line]] = []
    for i, line in enumerate(lines[top:], top):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if groups and _continues(groups[-1], line, nxt, gaps_mean, column):
            groups[-1].append(line)
        else:
            groups.append([line])
    return head + groups


def _starts_item(text: str) -> bool:
    return parse_opener(text) is not None or parse_byline_line(text) is not None or bool(_CAPTION_OPEN.match(text))


@dataclass
class Column:
    width: int = 0  # 0: the page is not set in one column width
    wrap_gap: int = 0  # blank lines between two lines of one paragraph
    blank_parted: bool = False  # blank lines part its paragraphs


def column_of(lines: list[Line]) -> Column:
    """The page's text column, when most body lines share one width (a column
    set in lines of 8 to 40 characters), and the blank lines extraction left
    between its wrapped lines (none, or one on pages spaced line by line)."""
    body = [len(ln.text) for ln in lines if has_sentence_punct(ln.text)]  # titles have their own widths
    widths = Counter(n for n in body if n >= MIN_COLUMN)
    if not widths:
        return Column()
    width, count = widths.most_common(1)[0]
    if count < COLUMN_SHARE * len(body) or count < 3:
        return Column()
    gaps = Counter(
        nxt.gap for ln, nxt in zip(lines, lines[1:], strict=False) if len(ln.text) == width and not ends_sentence(ln.text)
    )
    wrap_gap = gaps.most_common(1)[0][0] if gaps else 0
    return Column(width, wrap_gap, any(ln.gap > wrap_gap for ln in lines))


def _continues(group: list[Line], line: Line, nxt: Line | None, gaps_mean: bool, column: Column | None = None) -> bool:

    last = group[-1]
    column = column or Column()
    if line.gap >= 2 or _furniture_line(line.text) or _furniture_line(last.text):
        return False
    if is_mark(line.text) or is_mark(last.text):
        return False
    if _ends_on_credit(last.text):
        return False  # …用得好。（蔡 文）: the credit closes the piece
    if _open_byline(group):
        return True  # a byline set over two lines: 本报讯 记者 张三 / 通讯员 李四 报道
    if line.indented and not _unclosed(last.text[-OPENER_SPAN:], "（）", "()"):
        return False  # (no paragraph opens inside brackets: extraction indents a wrapped credit's end too)
    if _photo_credit_only(line.text):
        return True  # （新华社记者 张三 摄） closes the caption above it
    if _starts_item(line.text):
        return False
    if line.text[0] in NO_LINE_START or _unclosed(last.text):
        return True  # no printed line opens with 、，。 or closes inside brackets or quotes
    full_line = bool(column.width) and column.width <= len(last.text) <= column.width + 1
    if column.width and column.blank_parted and line.gap > column.wrap_gap and last.text[-1] not in MID_SENTENCE_END:
        # a short line and a blank one end a paragraph; after a full line, a
        # column break may fall mid-sentence, but a title is set in its own width
        other_width = abs(len(line.text) - column.width) > 1
        if not full_line or (is_title_like(line.text) and other_width):
            return False
    if ends_sentence(last.text):
        # where blank lines part paragraphs, a full line ending a sentence goes on
        # in the line set right under it
        body_like = not is_title_like(line.text) or len(line.text) >= column.width
        return full_line and column.blank_parted and line.gap <= column.wrap_gap and body_like
    if len(group) == 1 and full_line and title_over_body(last.text, line.text, nxt.text if nxt is not None else ""):
        return False
    if full_line and line.gap <= column.wrap_gap and not line.text.startswith(("—", "-")) and not parse_byline_line(last.text):
        return True  # a full line of the page's column goes on in the next
    if last.text[-1] in MID_SENTENCE_END:
        return True
    # (only a line that could stand alone needs the check: any other goes on anyway)
    if "、" in last.text and is_title_like(line.text) and word_across(last.text, line.text):
        return True  # …将实现大风、大 / 雾、强对流…: a list broken inside a word
    first_text = group[0].text
    if all(is_title_like(ln.text) for ln in group) and not parse_opener(first_text) and not group[0].indented:
        if parse_byline_line(first_text) or _AD_CUE.search(first_text) or _closing_only(first_text):
            return False
        if is_title_like(line.text):
            if line.text.startswith(("—", "-")):
                return False  # a ——subtitle is its own line
            # a title set over two lines has no blank line between them
            if gaps_mean and line.gap == 0 and len(line.text) <= len(last.text) + 4:
                return True
            # …创建省 / 级文明城市…: a title broken inside a word goes on
            return line.gap == 0 and word_across(last.text, line.text)
        # a paragraph opens with a line short of sentence punctuation only in
        # a narrow column, where the next line is as wide as it
        return (
            len(group) == 1
            and not column.width  # in a column, only a full line goes on (above)
            and not first_text.startswith(("—", "-"))
            and len(first_text) >= 10
            and len(first_text) - 2 <= len(line.text) <= len(first_text) + 4
        )
    if is_title_like(line.text) and not ends_sentence(line.text):
        if nxt is not None and _starts_item(nxt.text):
            return False  # a headline standing over its body's opener
        if len(line.text) < 0.6 * len(last.text) and len(last.text) > 24:
            return False  # a short title line after a wide body line
    return True


def _open_byline(group: list[Line]) -> bool:
    """The group so far is an opener that has not reached its body yet."""
    if sum(len(ln.text) for ln in group) > OPENER_SPAN:
        return False
    text = "".join(ln.text for ln in group)
    opener = parse_opener(text)
    return opener is not None and not opener.rest and not ends_sentence(text)


def _photo_credit_only(text: str) -> bool:
    """（新华社记者 张三 摄）, 记者 张三 摄: a line that is only a photo's credit."""
    return len(text) <= 24 and photo_credit(text) is not None and not has_sentence_punct(text)


def _unclosed(text: str, *pairs: str) -> bool:
    return any(text.count(a) > text.count(b) for a, b in pairs or ("（）", "“”", "《》", "【】", "()"))


def _furniture_line(text: str) -> bool:
    """Editors' credits and date lines; a bare number may be a wrapped part of
    a sentence (…是 / 100 / 多位…), so it only counts once it stands alone."""
    return page_furniture(text) is not None and not text.strip().isdigit()


def _ends_on_credit(text: str) -> bool:
    """A line closing on a credit set after the piece's last sentence."""
    if not text.endswith(("）", ")")):
        return False
    credit = closing_credit(text)
    return credit is not None and ends_sentence(text[: -len(credit[1])] or "。")


def _closing_only(text: str) -> bool:
    """A closing credit standing alone: （李建龙）, （作者为本报广东分社记者）."""
    return text.startswith(("（", "(")) and closing_credit(text) is not None and closing_credit(text)[1] == text.strip()


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
    if group[0].furniture or page_furniture(text):
        return Unit(FURNITURE, group, text)
    if is_mark(text):
        return Unit(MARK, group, text)
    if _closing_only(text):
        return _closed(Unit(PARA, group, text))
    if parse_opener(text):
        return _closed(Unit(PARA, group, text))
    if is_title_like(text) and _SCENE.search(text):
        return Unit(CAPTION, group, text)
    if is_title_like(text):
        byline = parse_byline_line(text)
        if byline:
            return Unit(BYLINE, group, text, authors=byline[0], byline=byline[1])
        if _AD_CUE.search(text):
            return Unit(AD, group, text)
        return Unit(TITLE, group, text)
    if _CAPTION_CUE.search(text) or (photo_credit(text) is not None and not parse_opener(text)):
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
    if _AD_CALL.match(unit.text):
        return False  # 扫码关注“…”公众号: the call to act closes the ad above, it heads none
    return any(re.search(r"\d{5,}", u.text.replace(" ", "").replace("-", "")) for u in ad_so_far[1:])


def _ad_heading(text: str) -> bool:
    return is_title_like(text) and not re.search(r"\d", text) and bool(_AD_CUE.search(text))


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
    return (
        len(text) <= 30
        and text.count("，") <= 1
        and not any(ch in text for ch in "。；！？")
        and text[-1] not in MID_SENTENCE_END + "。"
        and not parse_opener(text)
    )


def page_units(page_text: str) -> list[Unit]:
    """The layout units of a page, in printed order."""
    units = [classify(g, t) for g, t in dedupe(group_lines(read_lines(page_text)))]
    for i, unit in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        # a line of bare names is a byline only under a title (孙 权); alone it is a title (简讯)
        if unit.kind == BYLINE and _bare_names(unit.text) and (i == 0 or units[i - 1].kind not in (TITLE, BYLINE)):
            if i and units[i - 1].kind == PARA and not units[i - 1].credit:
                # under a paragraph: a list the paragraph announces (出席会议的有：),
                # or the writer's name closing the piece
                listed = units[i - 1].text.rstrip()[-1:] in "：:"
                unit.kind, unit.byline = PARA, ""
                unit.authors, unit.credit = ([], "") if listed else (unit.authors, unit.text)
            else:
                unit.kind, unit.authors, unit.byline = TITLE, [], ""
        # a short line with a hotline in it heads the paragraph right below it,
        # or the one above when it names it (a headline printed after its body)
        if unit.kind == AD and nxt is not None and nxt.kind == PARA and nxt.gap < 2:
            unit.kind = TITLE
        elif unit.kind == AD and i and units[i - 1].kind == PARA and _echoes(unit.text, units[i - 1].text):
            # ...unless its number is set right under it: a service notice's heading
            # (供热服务热线 / 0351-…) repeats the words the article above points to
            if not (nxt is not None and nxt.kind == AD and nxt.gap < 2):
                unit.kind = TITLE
    # A short line with a comma is a headline when it stands over an opener.
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
    # An ad runs on over the short lines that follow its first cue line, and
    # starts at a hotline's number set right over it.
    for i in range(1, len(units)):
        if units[i].kind == TITLE and units[i - 1].kind == AD and units[i].gap < 2:
            units[i].kind = AD
        if units[i].kind == AD and units[i].gap == 0 and units[i - 1].kind == TITLE and _HOTLINE.search(units[i - 1].text):
            units[i - 1].kind = AD
        # an ad's own paragraph (诚聘…) between its heading and its numbers
        nxt = units[i + 1] if i + 1 < len(units) else None
        if units[i].kind == PARA and units[i - 1].kind == AD and nxt is not None and nxt.kind == AD:
            if _AD_CUE.search(units[i].text) and not parse_opener(units[i].text) and units[i].gap < 2:
                units[i].kind = AD
    verse_as_body(units)
    return units
