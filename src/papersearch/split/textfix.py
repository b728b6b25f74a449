"""Undo what PDF extraction does to a line of Chinese newspaper text.

Justified lines come out letter-spaced (``推 动 城 市``), digits and Latin get
spaces around them (``10 月 28 日``), and spaces stick to full-width
punctuation. Real spaces between phrases (``我爱我村 我爱我岗``) stay.

>>> unspace("动 城 市 高 质 量 发 展 的 动 力 源 泉 。")
'动城市高质量发展的动力源泉。'
>>> unspace(" 本报讯 （记者 李雅萍） 10 月 28 日，")
'本报讯（记者 李雅萍）10月28日，'
>>> unspace("“我爱我村 我爱我岗 我爱我家”主题")
'“我爱我村 我爱我岗 我爱我家”主题'
>>> unspace("孙 权")
'孙权'
>>> unspace("新华社电（记者 谢 彬 杜 蕾）肯尼亚首都内罗毕")
'新华社电（记者 谢 彬 杜 蕾）肯尼亚首都内罗毕'
>>> unspace("用好“小载体” 传达“大理论”")
'用好“小载体” 传达“大理论”'
>>> unspace("申 领 社 保 卡 等 事 项 实 现“ 一 件 事 ”打 包")
'申领社保卡等事项实现“一件事”打包'
"""

from __future__ import annotations

import re

from papersearch.split.hanzi import compile_both

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】『』「」〔〕…—·．～"
SENTENCE_PUNCT = "，。；！？"
TERMINAL = "。！？；…!?"
CLOSERS = "”’」』）)》】〕"

_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b]+")
_NOISY_PUNCT = "，。、；：？！（）〔〕【】…—·．～"
_PUNCT_SPACE = re.compile(rf"\s+(?=[{_NOISY_PUNCT}”’」』》〉])|(?<=[{_NOISY_PUNCT}“‘「『《〈])\s+")
_CJK = HAN + FULLWIDTH_PUNCT
_HAN_CHAR = re.compile(rf"[{HAN}]")
_CJK_CJK_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_HAN_ALNUM_SPACE = re.compile(rf"(?<=[{HAN}])\s+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])\s+(?=[{HAN}])")
_DIGIT_SPACE = re.compile(r"(?<=\d)\s+(?=\d)")
_SINGLE_RUN = re.compile(rf"(?<!\S)[{HAN}](?: [{HAN}]){{2,}}(?!\S)")

# A line where at least this share of the gaps between Han characters is a
# space was justified by the typesetter, not written with spaces.
LETTER_SPACED = 0.5


def unspace(line: str) -> str:
    """Normalise the white space of one extracted line (see module doc)."""
    line = _SPACES.sub(" ", line).strip()
    if " " not in line:
        return line
    line = _HAN_ALNUM_SPACE.sub("", line)
    han = len(_HAN_CHAR.findall(line))
    spaced = len(_CJK_CJK_SPACE.findall(line))
    if han > 1 and spaced / (han - 1) >= LETTER_SPACED:
        line = _CJK_CJK_SPACE.sub("", line)
        return _DIGIT_SPACE.sub("", line)
    # a space after a closing quote or before an opening one can part two
    # phrases of a title (用好“小载体” 传达“大理论”); other spaces at punctuation are extraction noise
    line = _PUNCT_SPACE.sub("", line)
    return _SINGLE_RUN.sub(lambda m: _join_run(line, m), line)


# a credit's role word: the letter-spaced characters after it are names
# whose boundaries only the byline grammar can tell (记者 谢 彬 杜 蕾 is 谢彬 杜蕾)
_CREDIT_ROLE_BEFORE = re.compile(r"(?:记者|通讯员|实习生|评论员|撰稿人|摄影|编辑|责编)\s*$")


def _join_run(line: str, run: re.Match) -> str:
    if _CREDIT_ROLE_BEFORE.search(line, 0, run.start()):
        return run.group(0)
    return run.group(0).replace(" ", "")


def ends_sentence(text: str) -> bool:
    """True when text ends a sentence: 。！？； possibly inside closing quotes."""
    stripped = text.rstrip().rstrip(CLOSERS)
    if not stripped:
        return False
    if stripped[-1] in TERMINAL:
        return True
    if re.search(r"(?:摄|照片|图片|资料图)[）)]$", text.rstrip()):
        return True  # a photo credit closes its caption
    # （下转第三版） closes a column: the story goes on elsewhere, not on the next line
    return text.rstrip()[-1:] in "）)" and bool(CONTINUATION.search(text))


def has_sentence_punct(text: str) -> bool:
    return any(ch in SENTENCE_PUNCT for ch in text)


def join_wrapped(left: str, right: str) -> str:
    """Join a line broken by a column or page wrap: nothing is inserted,
    except a space between two Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"
    return left + right


# （下转第三版） (下转第2版) （上接第一版） 转第3版 （紧接第一版） （续第二版）
_MARK_DIR = r"下转|转|上接|接|紧接|续|转接|见"
_MARK_PAGE = r"第?\s*[一二三四五六七八九十百\d]+\s*[版页]|[A-Z]\d{1,2}\s*版"
CONTINUATION = compile_both(rf"[（(]?\s*(?P<dir>{_MARK_DIR})\s*(?P<page>{_MARK_PAGE})\s*[)）]?")
_FORWARD = compile_both("下转|转|转接|见")
_BRACKETED_MARK = compile_both(rf"[（(]\s*(?:{_MARK_DIR})\s*(?:{_MARK_PAGE})\s*[)）]")


def split_marks(line: str) -> list[str]:
    """A continuation mark in brackets printed on one line with a headline is
    a line of its own: ``（下转第十版）下一篇的标题``, ``标题（上接第三版）``.

    >>> split_marks("一个人的坚守 （上接第三版）")
    ['一个人的坚守', '（上接第三版）']
    >>> split_marks("（下转第十版）社区食堂办到家门口")
    ['（下转第十版）', '社区食堂办到家门口']
    """
    m = _BRACKETED_MARK.match(line)
    if m and m.end() < len(line):
        return [m.group(0), *split_marks(line[m.end() :].strip())]
    m = _BRACKETED_MARK.search(line)
    if m and m.start() > 0 and m.end() == len(line) and not ends_sentence(line[: m.start()]):
        return [line[: m.start()].strip(), m.group(0)]
    return [line]


def is_mark(text: str) -> bool:
    """A line that is only a continuation mark: （上接第一版）, 转第2版."""
    return bool(CONTINUATION.fullmatch(text.strip()))


def take_continuations(text: str) -> tuple[str, str, str]:
    """Remove continuation marks; return (text, continues_to, continued_from).

    >>> take_continuations("制定实施土壤污染治理工作推进机制。(下转第三版)")
    ('制定实施土壤污染治理工作推进机制。', '第三版', '')
    """
    to = came = ""
    for m in list(CONTINUATION.finditer(text)):
        is_mark = m.group(0).startswith(("（", "(")) or m.start() == 0 or m.end() == len(text.rstrip())
        if not is_mark:
            continue
        page = re.sub(r"\s+", "", m.group("page"))
        if _FORWARD.fullmatch(m.group("dir")):
            to = to or page
        else:
            came = came or page
    if not (to or came):
        return text, "", ""

    def keep(m: re.Match) -> str:
        return "" if (m.group(0).startswith(("（", "(")) or m.start() == 0 or m.end() == len(text.rstrip())) else m.group(0)

    return CONTINUATION.sub(keep, text).strip(), to, came
