"""Join the lines of a page, as extraction broke them, into paragraphs and titles.

A printed column wraps a sentence, even a word, across lines, and extraction
may leave a blank line after each of them; a title is set in its own measure,
a byline may run over two lines. Each line goes on the group above it or opens
a new one, decided by these steps in turn: marks and breaks that decide alone
(``_break_or_join``), the page's column width (``_column_wrap``), a sentence
left open (``_mid_sentence``), then whether the group is a title's lines
(``_title_goes_on``) or a body's (``_title_under_body``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from papersearch.split.bylines import OPENER_SPAN, closing_credit, parse_byline_line, parse_opener, photo_credit
from papersearch.split.cues import AD_CUE, closing_only, starts_item
from papersearch.split.furniture import page_furniture
from papersearch.split.textfix import ends_sentence, has_sentence_punct, is_mark
from papersearch.split.titles import title_over_body, word_across
from papersearch.split.units import APART_GAP, MID_SENTENCE_END, Line, is_title_like

# Chinese typesetting never opens a line with these (避头点): such a line goes on the one above.
NO_LINE_START = "、，。；：？！）》」』”’…"
# A page is set in a column when this share of its lines (and at least MIN_COLUMN_LINES)
# have one width (at least MIN_COLUMN).
COLUMN_SHARE = 0.4
MIN_COLUMN = 6
MIN_COLUMN_LINES = 3
# Blank lines part paragraphs and blocks only on a page where at least this share
# of lines follows one; on a page set solid, a stray blank line means nothing.
BLANKS_PART = 0.3
# A justified column line may hang one punctuation mark past the measure (标点悬挂),
# so a line this much wider than the column is still a full line of it.
HANGING_PUNCT = 1
# A photo credit set on its own line ((新华社记者 张三 摄)) is no longer than this.
MAX_PHOTO_CREDIT = 24
# The lines of one title, or of a paragraph opening a narrow column, are set to about
# one measure: the next line is at most this much wider...
LINE_WIDER_SLACK = 4
# ...and at most this much narrower (the opening line of a narrow column)...
LINE_NARROWER_SLACK = 2
# ...in a narrow column at least this wide (a shorter line is a title or a label).
MIN_NARROW_COLUMN = 10
# A title printed right under a body line: the body line is wider than this (a body
# column's measure), the title narrower than this share of it (set in its own measure).
WIDE_BODY_LINE = 24
TITLE_UNDER_BODY_SHARE = 0.6


@dataclass
class Column:
    """The measure a page's body text is set in, as extraction left it."""

    width: int = 0  # 0: the page is not set in one column width
    wrap_gap: int = 0  # blank lines between two lines of one paragraph
    blank_parted: bool = False  # blank lines part its paragraphs


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
        if groups and line_continues(groups[-1], line, nxt, gaps_mean, column):
            groups[-1].append(line)
        else:
            groups.append([line])
    return head + groups


def _blank_lines_informative(lines: list[Line]) -> bool:
    """Blank lines follow enough of the page's lines to part its blocks."""
    return bool(lines) and sum(ln.gap > 0 for ln in lines[1:]) >= BLANKS_PART * max(len(lines) - 1, 1)


def column_of(lines: list[Line]) -> Column:
    """The page's text column, when most body lines share one width (a column
    set in lines of 8 to 40 characters), and the blank lines extraction left
    between its wrapped lines (none, or one on pages spaced line by line)."""
    body = [len(ln.text) for ln in lines if has_sentence_punct(ln.text)]  # titles have their own widths
    widths = Counter(n for n in body if n >= MIN_COLUMN)
    if not widths:
        return Column()
    width, count = widths.most_common(1)[0]
    if count < COLUMN_SHARE * len(body) or count < MIN_COLUMN_LINES:
        return Column()
    gaps = Counter(
        nxt.gap for ln, nxt in zip(lines, lines[1:], strict=False) if len(ln.text) == width and not ends_sentence(ln.text)
    )
    wrap_gap = gaps.most_common(1)[0][0] if gaps else 0
    return Column(width, wrap_gap, any(ln.gap > wrap_gap for ln in lines))


def line_continues(group: list[Line], line: Line, nxt: Line | None, gaps_mean: bool, column: Column | None = None) -> bool:
    """Whether ``line`` goes on the paragraph or title that ``group`` has begun
    (``nxt`` is the line after it; ``gaps_mean``: blank lines part blocks here)."""
    column = column or Column()
    verdict = _break_or_join(group, line)
    if verdict is None:
        verdict = _column_wrap(group, line, nxt, column)
    if verdict is None:
        verdict = _mid_sentence(group[-1], line)
    if verdict is not None:
        return verdict
    first = group[0]
    if all(is_title_like(ln.text) for ln in group) and not parse_opener(first.text) and not first.indented:
        return _title_goes_on(group, line, gaps_mean, column)
    return not _title_under_body(group[-1], line, nxt)


def _break_or_join(group: list[Line], line: Line) -> bool | None:
    """Marks that decide alone, whatever the widths: two blank lines, furniture,
    a continuation mark or a closing credit end the group; a byline not yet at its
    body, a photo credit's line, a line opening with 、，。 or a bracket left open
    go on it; a new opener, byline or caption starts afresh. None: undecided."""
    last = group[-1]
    if line.gap >= APART_GAP or _furniture_line(line.text) or _furniture_line(last.text):
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
    if starts_item(line.text):
        return False
    if line.text[0] in NO_LINE_START or _unclosed(last.text):
        return True  # no printed line opens with 、，。 or closes inside brackets or quotes
    return None


def _column_wrap(group: list[Line], line: Line, nxt: Line | None, column: Column) -> bool | None:
    """On a page set in one column width: a full line wraps into the next one
    (even mid-sentence) unless a blank line, a sentence's end or a title set in
    its own width comes between. None: undecided (no full line, no sentence end)."""
    last = group[-1]
    full_line = bool(column.width) and column.width <= len(last.text) <= column.width + HANGING_PUNCT
    if column.width and column.blank_parted and line.gap > column.wrap_gap and last.text[-1] not in MID_SENTENCE_END:
        # a short line and a blank one end a paragraph; after a full line, a
        # column break may fall mid-sentence, but a title is set in its own width
        other_width = abs(len(line.text) - column.width) > HANGING_PUNCT
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
    return None


def _mid_sentence(last: Line, line: Line) -> bool | None:
    """A line stopping on 、，：“（ goes on; so does a list broken inside a word."""
    if last.text[-1] in MID_SENTENCE_END:
        return True
    # (only a line that could stand alone needs the check: any other goes on anyway)
    if "、" in last.text and is_title_like(line.text) and word_across(last.text, line.text):
        return True  # …将实现大风、大 / 雾、强对流…: a list broken inside a word
    return None


def _title_goes_on(group: list[Line], line: Line, gaps_mean: bool, column: Column) -> bool:
    """The group so far is title-like lines: a title set over two lines goes on
    with no blank line between them (a ——subtitle is its own line); a paragraph
    opens with such a line only in a narrow column, where the next is as wide."""
    first_text, last = group[0].text, group[-1]
    if parse_byline_line(first_text) or AD_CUE.search(first_text) or closing_only(first_text):
        return False
    if is_title_like(line.text):
        if line.text.startswith(("—", "-")):
            return False  # a ——subtitle is its own line
        # a title set over two lines has no blank line between them
        if gaps_mean and line.gap == 0 and len(line.text) <= len(last.text) + LINE_WIDER_SLACK:
            return True
        # …创建省 / 级文明城市…: a title broken inside a word goes on
        return line.gap == 0 and word_across(last.text, line.text)
    return (
        len(group) == 1
        and not column.width  # in a column, only a full line goes on (above)
        and not first_text.startswith(("—", "-"))
        and len(first_text) >= MIN_NARROW_COLUMN
        and len(first_text) - LINE_NARROWER_SLACK <= len(line.text) <= len(first_text) + LINE_WIDER_SLACK
    )


def _title_under_body(last: Line, line: Line, nxt: Line | None) -> bool:
    """A title-like line after a body's line heads what follows: it stands over
    an opener, or is set much narrower than the wide body line above it."""
    if is_title_like(line.text) and not ends_sentence(line.text):
        if nxt is not None and starts_item(nxt.text):
            return True  # a headline standing over its body's opener
        if len(line.text) < TITLE_UNDER_BODY_SHARE * len(last.text) and len(last.text) > WIDE_BODY_LINE:
            return True  # a short title line after a wide body line
    return False


def _open_byline(group: list[Line]) -> bool:
    """The group so far is an opener that has not reached its body yet."""
    if sum(len(ln.text) for ln in group) > OPENER_SPAN:
        return False
    text = "".join(ln.text for ln in group)
    opener = parse_opener(text)
    return opener is not None and not opener.rest and not ends_sentence(text)


def _photo_credit_only(text: str) -> bool:
    """（新华社记者 张三 摄）, 记者 张三 摄: a line that is only a photo's credit."""
    return len(text) <= MAX_PHOTO_CREDIT and photo_credit(text) is not None and not has_sentence_punct(text)


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
