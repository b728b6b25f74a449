"""Bylines, datelines and the names in them, as Chinese newspapers print them.

Openers that start an article's body::

    本报讯（记者 李雪峰）11月11日晚，…
    本报讯 记者 张三 通讯员 李四 报道 …
    新华社北京11月10日电 中共中央…
    新华社北京10月28日电（记者 史竞男）28日…

>>> o = parse_opener("本报讯（记者 李雪峰）11月11日晚，市委常委会召开会议。")
>>> o.authors, o.byline, o.rest[:7]
(['李雪峰'], '本报讯（记者 李雪峰）', '11月11日晚')
>>> o = parse_opener("新华社北京10月28日电（记者史竞男）28日在北京")
>>> o.dateline, o.authors
('新华社北京10月28日电', ['史竞男'])

Byline lines standing on their own under a headline::

>>> parse_byline_line("□ 本报记者 韩云峰")
(['韩云峰'], '□ 本报记者 韩云峰')
>>> parse_byline_line("本报评论员")
([], '本报评论员')
>>> parse_byline_line("王荣 王晓丽")
(['王荣', '王晓丽'], '王荣 王晓丽')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product

from .hanzi import compile_both, traditional_forms
from .textfix import HAN

# The commonest Chinese surnames (百家姓 by frequency) and compound surnames.
# A bare line of names is only taken for a byline when each name opens with one.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安"
    "齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
    "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边初尉商衡钮来索巫荣闻封沙郎利宣仇习和栾郑勾都鄂原容储甄仲晋帅凤门元栗麻弓楚粟滑厉亢隋迟权毋宿燕冀海虞谈"
    "寇支糜邓酆水窦云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍"
    "余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭"
    "梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣"
    "翁荀羊于惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹"
    "束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛"
    "寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚"
    "越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公"
)
SURNAMES |= {t for ch in list(SURNAMES) for t in traditional_forms(ch)}
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
    "西门", "南宫", "端木", "独孤", "呼延", "轩辕",
}  # fmt: skip
COMPOUND_SURNAMES |= {
    "".join(forms) for name in list(COMPOUND_SURNAMES) for forms in product(*(c + traditional_forms(c) for c in name))
}

# 记者, 本报记者, 新华社记者, 人民日报评论员, 本报特约评论员, 见习记者, 本报通讯员 …
ROLE = (
    rf"(?:本报|本刊|本台|本网|新华社|中新社|[{HAN}]{{2,6}}?(?:日报|晚报|报|社|网|台))?"
    r"(?:特约|见习|首席|驻\S{1,4})?(?:记者|通讯员|实习生|评论员|撰稿人|摄影记者|摄影|报道员|编辑)"
)
_ROLE_WORD = compile_both(ROLE)
_NAME_TOKEN = re.compile(rf"^[{HAN}]{{2,4}}$")


def is_name(token: str) -> bool:
    """A Han personal name of 2-4 characters that opens with a surname."""
    if not _NAME_TOKEN.match(token):
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return len(token) >= 3
    return token[0] in SURNAMES and len(token) <= 3 or (len(token) == 4 and token[:2] in COMPOUND_SURNAMES)


def names_in(credit: str) -> list[str]:
    """Names in a credit such as ``记者 张三 李四 通讯员 王五`` or ``李建龙``."""
    credit = re.sub(r"(?:\s+|[/／])(?:报道|摄影|摄|文|图|整理|采写|发)$", "", credit.strip())
    out: list[str] = []
    for chunk in re.split(r"[\s、，,／/·：:]+", credit):
        chunk = _ROLE_WORD.sub(" ", chunk).strip()
        for tok in chunk.split():
            tok = re.sub(r"(?:报道|摄影|摄)$", "", tok)
            if is_name(tok) and tok not in out:
                out.append(tok)
    return out


@dataclass
class Opener:
    """The byline or dateline that opens an article body."""

    byline: str  # as printed, e.g. 本报讯（记者 李雪峰）
    dateline: str = ""  # e.g. 新华社北京11月10日电
    authors: list[str] = field(default_factory=list)
    rest: str = ""  # the body text after the opener


_AGENCY = rf"(?:新华社|中新社|中国新闻社|人民日报|光明日报|经济日报|工人日报|法治日报|央视网?|人民网|新华网|中新网|本报|本刊|[{HAN}]{{2,8}}(?:日报|晚报|报|社|网|台))"
_DATE = r"(?:\d{1,2}月\d{1,2}日|\d{1,2}日)"
# a name in a credit without brackets ends at white space, 、 or 报道
_CREDIT_NAME = rf"[{HAN}]{{2,4}}?(?=[\s、：:，,]|报道|$)"
_OPENER = compile_both(
    rf"^(?P<head>(?:据)?(?P<agency>{_AGENCY})(?P<place>[{HAN}]{{0,8}}?)(?P<date>{_DATE})?(?P<kind>讯|电|消息))"
    rf"(?:\s*[（(](?P<credit>[^）)]{{0,40}})[）)]"
    rf"|\s*(?P<credit2>{ROLE}))?"
)
_BYLINE_LINE = compile_both(
    rf"^[□■◎●◆▲★☆▼]?\s*(?:(?:文|图|文图|文\s*[/／]\s*图|撰文|摄影)\s*[/／：:|丨]?\s*)?"
    rf"(?P<body>(?:(?:{ROLE})\s*[：:]?\s*(?:[{HAN}]{{2,4}}[\s、]*){{0,6}})+|(?:[{HAN}]{{2,4}}[\s、]*){{1,6}})$"
)
_HAS_PREFIX = compile_both(r"^[□■◎●◆▲★☆▼]?\s*(?:文|图|文图|文\s*[/／]\s*图|撰文|摄影)\s*[/／：:|丨]")
_PHOTO_CREDIT = compile_both(
    rf"(?:(?:新华社|中新社|[{HAN}]{{2,6}})发)?[（(](?:[^（）()]{{0,20}}?)(?P<names>[{HAN}\s、]{{2,20}}?)\s*摄[）)]\s*$"
    rf"|(?:{ROLE})?\s*(?P<names2>[{HAN}]{{2,4}}(?:[\s、][{HAN}]{{2,4}})*)\s*摄\s*$"
)
_WIRE = compile_both("电$")
_NEWS = compile_both("讯$")
_WIRE_AGENCY = compile_both("新华社|中新社|本报")
_OWN_PAPER = compile_both("本报|本刊")
_PAPER_SUFFIX = compile_both("[报网台社]$")
_AFTER_NAME = compile_both("报道|通讯员|实习生|记者")
_REPORTED = compile_both("报道")
_COMMENTATOR = compile_both("评论员")
_ROLE_AT_START = compile_both(rf"^(?:{ROLE})")
_CLOSING_NAME = re.compile(r"[（(](?P<names>[^（）()]{2,40})[）)]\s*$")
_WHO_VERB = r"(?:讲话|主持|出席|参加|陪同|致辞|宣讲|作报告|主持会议|出席会议|出席并讲话|调研|强调)"
_WHO_LINE = compile_both(rf"[{HAN}]{{2,4}}{_WHO_VERB}")
_WHO_TAIL = compile_both(rf"(?P<name>[{HAN}]{{2,3}}){_WHO_VERB}$")


def parse_opener(text: str) -> Opener | None:
    """The opener at the start of a paragraph, or None."""
    m = _OPENER.match(text)
    if not m:
        return _reporter_lead(text)
    kind, agency = m.group("kind"), m.group("agency")
    if _WIRE.match(kind) and not (m.group("date") or _WIRE_AGENCY.match(agency)):
        return None
    if _NEWS.match(kind) and not _OWN_PAPER.match(agency) and not _PAPER_SUFFIX.search(agency):
        return None
    credit = m.group("credit") or m.group("credit2") or ""
    end = m.end()
    if m.group("credit") is not None and not (_ROLE_WORD.search(credit) or all(is_name(t) for t in credit.split())):
        # （…） after the opener that is not a credit belongs to the body
        end = m.end("head")
        credit = ""
    elif m.group("credit2"):
        # the body may open with a short word that looks like a name slot: 近日，
        end = m.start("credit2") + _credit_extent(text[m.start("credit2") :])
        credit = text[m.start("credit2") : end]
    byline = text[:end].strip()
    dateline = m.group("head") if _WIRE.match(kind) else ""
    return Opener(byline=byline, dateline=dateline, authors=names_in(credit), rest=text[end:].lstrip(" ，,：:"))


def _reporter_lead(text: str) -> Opener | None:
    """记者 张三 报道：… — a credit that opens the body without an agency;
    报道 must close it (记者了解到… is body text)."""
    if not _ROLE_AT_START.match(text):
        return None
    end = _credit_extent(text)
    credit = text[:end]
    if not end or not _REPORTED.search(credit) or not names_in(credit):
        return None
    return Opener(byline=credit.strip(), authors=names_in(credit), rest=text[end:].lstrip(" ，,：:"))


def _name_ends(text: str, pos: int) -> bool:
    return pos >= len(text) or text[pos] in " \t、：:，," or bool(_AFTER_NAME.match(text, pos))


def _credit_extent(credit: str) -> int:
    """Length of a bracketless credit up to its last role word, name or 报道."""
    pos = last = 0
    while pos < len(credit):
        if credit[pos] in " \t、":
            pos += 1
            continue
        role = _ROLE_WORD.match(credit, pos)
        if role:
            pos = last = role.end()
        elif _REPORTED.match(credit, pos):
            pos = last = pos + 2
        else:
            size = next((n for n in (3, 2, 4) if is_name(credit[pos : pos + n]) and _name_ends(credit, pos + n)), 0)
            if not size:
                break
            pos = last = pos + size
    return last


def parse_byline_line(line: str) -> tuple[list[str], str] | None:
    """A line that is only a byline: ``□ 本报记者 韩云峰``, ``本报评论员``,
    ``文/图 张三``, ``本报记者 张三 本报通讯员 李四``, or bare names
    ``王荣 王晓丽``. Returns (authors, byline)."""
    text = line.strip()
    m = _BYLINE_LINE.match(text)
    if m:
        body = m.group("body")
        has_role = bool(_ROLE_WORD.search(body)) or bool(_HAS_PREFIX.match(text))
        names = names_in(body)
        body = re.sub(r"\s*报道$", "", body)
        tokens = [t for t in re.split(r"[\s、]+", _ROLE_WORD.sub(" ", body)) if t.strip("：:")]
        if has_role and len(names) == len(tokens) and (names or _COMMENTATOR.search(body)):
            return names, text
    tokens = [t for t in re.split(r"[\s、]+", text.lstrip("□■◎●◆▲★☆▼ ")) if t]
    if 1 <= len(tokens) <= 4 and all(is_name(t) for t in tokens):
        return tokens, text
    return None


def photo_credit(text: str) -> list[str] | None:
    """Names in a photo credit closing a caption: ``新华社发（谢宗政摄）``,
    ``记者 刘亮亮 摄``; None when the text carries no credit."""
    if not any(ch in text.rstrip()[-2:] for ch in "摄攝"):
        return None  # every credit ends in 摄 or 摄）: no need to scan the line
    m = _PHOTO_CREDIT.search(text)
    if not m:
        return None
    return names_in(m.group("names") or m.group("names2") or "")


def closing_names(text: str) -> list[str]:
    """Names in a closing credit such as ``（李建龙）`` at the end of an article."""
    m = _CLOSING_NAME.search(text)
    if not m:
        return []
    credit = m.group("names").strip()
    tokens = [t for t in re.split(r"[\s、，,]+", _ROLE_WORD.sub(" ", credit)) if t]
    names = names_in(credit)
    # （李建龙）, （记者 张三 通讯员 李四）; not （扩大） or （完）
    return names if tokens and len(names) == len(tokens) else []


def is_who_line(line: str) -> bool:
    """A "who attended" subtitle: 姜四清讲话 吴秀玲主持 宋红波出席; 卢东亮主持召开…会议."""
    parts = line.split()
    if parts and all(_WHO_LINE.match(p) and is_name_prefix(p) for p in parts):
        return True
    if len(line) > 30:
        return False
    if re.match(rf"^[{HAN}]{{2,3}}(?:主持召开|主持|出席|调研)", line) and is_name_prefix(line):
        return True
    # 中共中央总书记习近平主持会议: an office, a name, an attendance verb
    m = _WHO_TAIL.search(line)
    return bool(m) and any(is_name(m.group("name")[k:]) for k in (0, 1))


def is_name_prefix(text: str) -> bool:
    return any(is_name(text[:n]) for n in (2, 3))
