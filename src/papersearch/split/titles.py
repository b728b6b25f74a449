"""Read a headline block: kicker (引题), headline (主题), subheads (副题).

>>> t = read_title_block(["深入学习贯彻党的二十大精神", "在坚决做到“两个维护”上下功夫", "——推动党的二十大精神在朔州落地生根"])
>>> t.kicker, t.headline, t.subheads
('深入学习贯彻党的二十大精神', '在坚决做到“两个维护”上下功夫', ['——推动党的二十大精神在朔州落地生根'])
>>> t = read_title_block(["我市创建文明城市迎检工作动员会召开", "姜四清讲话 吴秀玲主持 宋红波出席"])
>>> t.headline, t.subheads
('我市创建文明城市迎检工作动员会召开', ['姜四清讲话 吴秀玲主持 宋红波出席'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from papersearch.split.bylines import is_who_line
from papersearch.split.furniture import is_column_label
from papersearch.split.hanzi import compile_both
from papersearch.split.textfix import HAN, has_sentence_punct

# Subtitles that name the genre of a feature: …纪实, …侧记, …综述.
_GENRE = compile_both(r"(?:纪实|侧记|综述|素描|扫描|巡礼|札记|手记|纪事|掠影|记事|访谈录|观察|调查)$")


# A kicker naming who spoke, over the headline quoting what was said.
_SPEECH_KICKER = compile_both(r"(?:时|上|中)?(?:强调|指出|表示|要求|寄语|提出|希望)$")

# Column labels (栏目) set over a title are this short.
MAX_LABEL = 4


@dataclass
class TitleBlock:
    """A title block read: kicker (引题), headline (主题), subheads (副题)."""

    kicker: str = ""
    headline: str = ""
    subheads: list[str] = field(default_factory=list)


def is_speech_kicker(line: str) -> bool:
    """王五在全省…会议上强调: a kicker naming who spoke, over a headline quoting it."""
    return bool(_SPEECH_KICKER.search(line))


def is_subtitle(line: str) -> bool:
    return line.startswith(("—", "-")) or is_who_line(line) or bool(_GENRE.search(line))


def read_title_block(lines: list[str]) -> TitleBlock:
    """A title block's lines as kicker (引题, or a column label over it),
    headline (主题) and subheads (副题: ——…, who-attended lines, genre names)."""
    lines = [ln for ln in lines if ln]
    if not lines:
        return TitleBlock()
    short_label = len(lines[0]) <= MAX_LABEL and len(lines[1:2][0] if lines[1:] else "") > len(lines[0])
    if len(lines) >= 2 and (short_label or is_column_label(lines[0])) and not is_subtitle(lines[0]):
        # a column label over the title: 简讯, 短评, 图片新闻, 观点·专访, 能源周刊
        rest = read_title_block(lines[1:])
        return TitleBlock(" ".join(p for p in (lines[0], rest.kicker) if p), rest.headline, rest.subheads)
    dashes = [i for i, ln in enumerate(lines) if ln.startswith(("—", "-"))]
    if dashes and dashes[0] > 0:
        first = dashes[0]
        return TitleBlock(" ".join(lines[: first - 1]), lines[first - 1], lines[first:])
    if len(lines) >= 2 and _SPEECH_KICKER.search(lines[0]) and not is_subtitle(lines[1]):
        # 王五在全省…会议上强调 / 坚持科学绿化 建设美丽家园: who said it, over what was said
        rest = read_title_block(lines[1:])
        return TitleBlock(" ".join(p for p in (lines[0], rest.kicker) if p), rest.headline, rest.subheads)
    marked = [i for i, ln in enumerate(lines) if is_subtitle(ln)]
    if marked and marked[0] > 0:
        # the headline leads; what stands between it and the subtitle is subtitle too
        return TitleBlock("", lines[0], lines[1:])
    plain = [ln for ln in lines if not is_subtitle(ln)]
    subs = [ln for ln in lines if is_subtitle(ln)]
    if not plain:
        return TitleBlock("", lines[0], lines[1:])
    # Two plain title lines without a subtitle mark: kicker + headline, or
    # headline + unmarked subtitle; print cannot tell them apart, so the
    # headline is the title as printed.
    return TitleBlock("", " ".join(plain), subs)


# A word broken across two lines reaches at most this many characters into
# each (Chinese words are mostly two to four characters).
WORD_REACH = 3


def word_across(left: str, right: str) -> bool:
    """The last characters of a line and the first of the next make one word."""
    from papersearch.text.segmenter import tokens

    head = left[-WORD_REACH:]
    return any(start < len(head) < end for _w, start, end in tokens(head + right[:WORD_REACH]))


# a title's shapes a body line's first line lacks: two phrases parted by a
# space (主场三连胜 猛龙升至第三), or a close on a quoted term (专项清理“三资”)
_TITLE_SHAPE = compile_both(rf"[{HAN}”》）] [{HAN}“《]|“[^“”]{{1,8}}”$")
_HAN_WORD = compile_both(rf"^[{HAN}]{{2,}}$")
# a news paragraph's lead-in (近日，, 11月15日，, 今年以来，): it opens a paragraph, so
# the full line over it ended where a paragraph starts
_LEAD_IN = compile_both(r"^(?:近日|日前|近期|近年来|今年以来|入冬以来|昨天|昨日|今天|\d{1,2}月\d{1,2}日)，")


def title_over_body(first: str, line: str, below: str = "") -> bool:
    """A paragraph's opening line as wide as the column is its headline, not
    its first wrap, when it has a title's shape and no sentence punctuation,
    no word runs across the break, and the lines under it (line, then below)
    take up its words."""
    from papersearch.text.segmenter import tokens

    shaped = _TITLE_SHAPE.search(first) or _LEAD_IN.match(line.replace(" ", ""))
    if has_sentence_punct(first) or "、" in first or not shaped:
        return False
    if word_across(first, line):
        return False
    below = line + below
    return any(_HAN_WORD.match(word) and word in below for word, _s, _e in tokens(first.replace(" ", "")))
