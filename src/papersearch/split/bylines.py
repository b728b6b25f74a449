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

from papersearch.split.hanzi import compile_both, traditional_forms
from papersearch.split.textfix import HAN
from papersearch.split.units import SHORT_TITLE

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
# The first rows above run by frequency: names open with these far more often.
_COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安"
    "齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
)
SURNAMES |= {t for ch in list(SURNAMES) for t in traditional_forms(ch)}
_SURNAME_RANK = {form: rank for rank, ch in enumerate(_COMMON_SURNAMES) for form in ch + traditional_forms(ch)}
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
    "西门", "南宫", "端木", "独孤", "呼延", "轩辕",
}  # fmt: skip
COMPOUND_SURNAMES |= {
    "".join(forms) for name in list(COMPOUND_SURNAMES) for forms in product(*(c + traditional_forms(c) for c in name))
}

# 记者, 本报记者, 新华社记者, 人民日报评论员, 本报特约评论员, 见习记者, 本报通讯员 …
ROLE = (
    # a paper's name holds no role word: 记者张三本报通讯员 is two credits
    rf"(?:本报|本刊|本台|本网|新华社|中新社|(?:(?!记者|通讯员|评论员|编辑|本报)[{HAN}]){{2,6}}?(?:日报|晚报|报|社|网|台))?"
    r"(?:特约|见习|首席|驻\S{1,4})?(?:记者|通讯员|实习生|评论员|撰稿人|摄影记者|摄影|报道员|编辑)"
)
_ROLE_WORD = compile_both(ROLE)
_KNOWN_ROLE = compile_both(
    r"本报|本刊|本台|本网|新华社|中新社|特约|见习|首席|驻|记者|通讯员|实习生|评论员|撰稿人|摄影|报道员|编辑"
)
_NAME_TOKEN = re.compile(rf"^[{HAN}]{{2,4}}$")


# Column labels over a run of briefs or comments that open with a surname's
# character; letter-spaced (简 讯) they would read like a two-character name.
COLUMN_LABELS = compile_both("^(?:简讯|简报|时评|时讯|快报|关注|花絮|纵横|周刊|连线|聚焦)$")


def is_name(token: str) -> bool:
    """A Han personal name of 2-4 characters that opens with a surname."""
    if not _NAME_TOKEN.match(token) or COLUMN_LABELS.match(token):
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return len(token) >= 3
    return token[0] in SURNAMES and len(token) <= 3 or (len(token) == 4 and token[:2] in COMPOUND_SURNAMES)


def names_in(credit: str) -> list[str]:
    """Names in a credit such as ``记者 张三 李四 通讯员 王五``, ``李建龙``,
    ``记 者 张三李四`` (spacing as extraction left it)."""
    text, _where, breaks = compact(credit)
    out: list[str] = []
    pos = 0
    while pos < len(text):
        end, names, _role = scan_credit(text, pos, breaks)
        out += [n for n in names if n not in out]
        # what is not a credit word is skipped up to the next printed token
        pos = max(end, pos + 1)
        while pos < len(text) and pos not in breaks and text[pos - 1] not in _SEPARATORS:
            pos += 1
    return out


def compact(text: str) -> tuple[str, list[int], set[int]]:
    """The text without white space, where each of its characters was printed
    (plus the printed length at the end), and the positions a space stood before."""
    chars: list[str] = []
    where: list[int] = []
    breaks: set[int] = set()
    for run in _NON_SPACE.finditer(text):
        if run.start():
            breaks.add(len(where))
        chars.append(run.group())
        where += range(run.start(), run.end())
    where.append(len(text))
    return "".join(chars), where, breaks


_NON_SPACE = re.compile(r"\S+")
# An opener (agency, place, date, credit) is read within this many printed characters.
OPENER_SPAN = 120
# A line that is only a byline is no longer than this.
MAX_BYLINE_LINE = 60
_PAPER_AND = compile_both(rf"[{HAN}]{{2,8}}?(?:报|社|网|台)[·・]")
_SEPARATORS = "、，,：:/／·"
_HAN_CHAR = re.compile(rf"[{HAN}]")
# words closing a credit after its names: 张三 报道, 李四 整理, 王五 摄
_CREDIT_TAIL = compile_both("报道|整理|采写|执笔|摄影|摄|供稿")


def _name_may_end(text: str, pos: int, limit: int, breaks: set[int]) -> bool:
    if pos >= limit or pos in breaks or text[pos] in _SEPARATORS or not _HAN_CHAR.match(text[pos]):
        return True
    return bool(_ROLE_WORD.match(text, pos, limit) or _CREDIT_TAIL.match(text, pos, limit))


def _segment_names(text: str, pos: int, limit: int, breaks: set[int]) -> list[str] | None:
    """Names run together from pos (张三李四, 王晓丽张明), split by the surname
    table and name lengths. Of the ways to cut the run, the one taken has no
    name with a space inside it unless the name is letter-spaced (孙丽 赵 伟),
    ends its names at printed spaces where it can, and opens its names with
    common surnames (王刚李明华 is 王刚 李明华, not 王刚李 明华)."""
    cuts = list(_name_cuts(text, pos, limit, breaks, 0))
    if not cuts:
        return None

    def cost(names: list[str]) -> tuple[bool, int, int, int, int]:
        return (_stranded(text, pos + sum(map(len, names)), limit), *_cut_cost(names, pos, breaks))

    return min(cuts, key=cost)


def _name_cuts(text: str, pos: int, limit: int, breaks: set[int], depth: int):
    if depth > 5:
        return
    for size in (3, 2, 4):
        name = text[pos : pos + size]
        if pos + size > limit or not is_name(name):
            continue
        nxt = pos + size
        if _name_may_end(text, nxt, limit, breaks):
            yield [name]
        for more in _name_cuts(text, nxt, limit, breaks, depth + 1):
            yield [name, *more]


def _stranded(text: str, pos: int, limit: int) -> bool:
    """Whether a cut ending at pos leaves text that no credit word or name can
    read on (谢 彬 杜 蕾 cut as 谢彬杜 strands 蕾)."""
    if pos >= limit or text[pos] in _SEPARATORS or not _HAN_CHAR.match(text[pos]):
        return False
    if _ROLE_WORD.match(text, pos, limit) or _CREDIT_TAIL.match(text, pos, limit):
        return False
    return not any(pos + n <= limit and is_name(text[pos : pos + n]) for n in (2, 3, 4))


def _cut_cost(names: list[str], pos: int, breaks: set[int]) -> tuple[int, int, int, int]:
    mixed = unspaced_ends = rare = 0
    for name in names:
        inside = [pos + k in breaks for k in range(1, len(name))]
        mixed += any(inside) and not all(inside)  # 孙丽赵 of 孙丽 赵 伟
        pos += len(name)
        rare += 0 if name[:2] in COMPOUND_SURNAMES else _SURNAME_RANK.get(name[0], len(_SURNAME_RANK))
        if name is not names[-1]:
            unspaced_ends += pos not in breaks
    # (rare: the surnames' frequency ranks) then fewer names: a cut that stops early leaves the rest to the next call
    return mixed, unspaced_ends, rare, -len(names)


def scan_credit(
    text: str, pos: int, breaks: set[int], limit: int | None = None, bare_role: bool = True
) -> tuple[int, list[str], bool]:
    """Read a credit on white-space-free text from pos: role words, names,
    separators and a closing 报道. Returns where the last token read ends,
    the names and whether a role word was read. Without ``bare_role`` a role
    word ends the credit only when names follow it: in an opener with no
    brackets, 记者从…获悉 is the body's subject, not a credit."""
    limit = len(text) if limit is None else limit
    names: list[str] = []
    last, role = pos, False
    while pos < limit:
        if text[pos] in _SEPARATORS:
            pos += 1
            continue
        m = _ROLE_WORD.match(text, pos, limit)
        if m and not _KNOWN_ROLE.match(text, pos, limit):
            # 张三本报通讯员: a paper's name (…报) is no role when a name stands there
            found = _segment_names(text, pos, limit, breaks)
            if found and _ROLE_WORD.match(text, pos + sum(map(len, found)), limit):
                m = None
        if m:
            pos = m.end()
            last = pos if bare_role else last
            role = True
            continue
        paper = _PAPER_AND.match(text, pos, limit)
        if paper:
            pos = paper.end()  # 中青报·中青网记者: two papers' names before one role
            continue
        tail = _CREDIT_TAIL.match(text, pos, limit)
        if tail and (names or role):
            last = tail.end()
            break  # nothing of the credit follows its closing word
        found = _segment_names(text, pos, limit, breaks)
        if not found:
            break
        names += found
        pos = last = pos + sum(map(len, found))
    return last, names, role


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
_OPENER = compile_both(
    rf"^(?P<head>(?:据)?(?P<agency>{_AGENCY})(?P<place>[{HAN}]{{0,8}}?)(?P<date>{_DATE})?(?P<kind>(?<!通)讯|电|消息))"
    rf"(?:\s*[（(](?P<credit>[^）)]{{0,40}})[）)]"
    rf"|\s*(?P<credit2>{ROLE}))?"
)
_MARKS = "□■◎●◆▲★☆▼"
# □ 文/图 张三: a mark and a 文/图 credit word before a byline's names
_PREFIX = compile_both(rf"^[{_MARKS}]?\s*(?:(?P<credit>文\s*[/／]\s*图|文图|撰文|摄影|文|图)(?:\s*[/／：:|丨]|\s))?\s*")
_PHOTO_CREDIT = compile_both(
    rf"(?:(?:新华社|中新社|[{HAN}]{{2,6}})发)?[（(](?:[^（）()]{{0,20}}?)(?P<names>[{HAN}\s、]{{2,20}}?)\s*摄[）)]\s*$"
    rf"|(?:{ROLE})?\s*(?P<names2>[{HAN}]{{2,4}}(?:[\s、][{HAN}]{{2,4}})*)\s*摄\s*$"
)
_WIRE = compile_both("电$")
_NEWS = compile_both("讯$")
_WIRE_AGENCY = compile_both("新华社|中新社|本报")
_OWN_PAPER = compile_both("本报|本刊")
_PAPER_SUFFIX = compile_both("[报网台社]$")
_REPORTED = compile_both("报道")
_COMMENTATOR = compile_both("评论员")
_ROLE_AT_START = compile_both(rf"^(?:{ROLE})")
_CLOSING_NAME = re.compile(r"[（(](?P<names>[^（）()]{2,40})[）)]\s*$")
# who wrote it or where it came from, closing the piece: 作者为…记者, 作者单位：…, 据新华社电
_SOURCE_CREDIT = compile_both(r"^(?:作者(?:为|系|是|单位|简介)|据.{2,12}(?:电|报道|消息)$|来源[：:]|本文(?:来源|转载|摘编|摘自))")
_WHO_VERB = r"(?:讲话|主持|出席|参加|陪同|致辞|宣讲|作报告|主持会议|出席会议|出席并讲话|调研|强调)"
_WHO_LINE = compile_both(rf"[{HAN}]{{2,4}}{_WHO_VERB}")
_WHO_TAIL = compile_both(rf"(?P<name>[{HAN}]{{2,3}}){_WHO_VERB}$")


def parse_opener(text: str) -> Opener | None:
    """The opener at the start of a paragraph, or None. It is matched on the
    text without white space (extraction moves spaces inside and around
    bylines: 本报讯通讯 员 张三 报道), and cut from the text as printed."""
    flat, where, breaks = compact(text[:OPENER_SPAN])
    m = _OPENER.match(flat)
    if not m:
        return _reporter_lead(text, flat, where, breaks)
    kind, agency = m.group("kind"), m.group("agency")
    if _WIRE.match(kind) and not (m.group("date") or _WIRE_AGENCY.match(agency)):
        return None
    if _NEWS.match(kind) and not _OWN_PAPER.match(agency) and not _PAPER_SUFFIX.search(agency):
        return None
    end = m.end("head")
    names: list[str] = []
    if m.group("credit") is not None:
        inner_end, names, role = scan_credit(flat, m.start("credit"), breaks, m.end("credit"))
        if inner_end == m.end("credit") and (role or names):
            end = m.end()
        else:
            names = []  # （…） after the opener that is not a credit belongs to the body
    elif m.group("credit2"):
        # the body may open with a short word that looks like a name slot: 近日，
        end, names, _role = scan_credit(flat, m.start("credit2"), breaks, bare_role=False)
        end = max(end, m.end("head"))
    cut = where[end]
    dateline = "".join(text[: where[m.end("head")]].split()) if _WIRE.match(kind) else ""
    return Opener(byline=text[:cut].strip(), dateline=dateline, authors=_unique(names), rest=text[cut:].lstrip(" ，,：:"))


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _reporter_lead(text: str, flat: str, where: list[int], breaks: set[int]) -> Opener | None:
    """记者 张三 报道：… — a credit that opens the body without an agency;
    报道 must close it (记者了解到… is body text)."""
    if not _ROLE_AT_START.match(flat):
        return None
    end, names, _role = scan_credit(flat, 0, breaks)
    if not names or not _REPORTED.match(flat, end - 2, end):
        return None
    cut = where[end]
    return Opener(byline=text[:cut].strip(), authors=_unique(names), rest=text[cut:].lstrip(" ，,：:"))


def parse_byline_line(line: str) -> tuple[list[str], str] | None:
    """A line that is only a byline: ``□ 本报记者 韩云峰``, ``本报评论员``,
    ``文/图 张三``, ``本报记者 张三 本报通讯员 李四``, ``记 者 张三李四``, or
    bare names ``王荣 王晓丽``. Returns (authors, byline)."""
    text = line.strip()
    if len(text) > MAX_BYLINE_LINE:
        return None
    if text[-1:] in "摄攝" and photo_credit(text) is not None or text.endswith("员文章"):
        return None  # 记者 张三 摄 credits a photo; 本报评论员文章 labels an editorial
    prefix = _PREFIX.match(text)
    flat, _where, breaks = compact(text[prefix.end() :])
    if flat:
        end, names, role = scan_credit(flat, 0, breaks)
        has_role = role or bool(prefix.group("credit"))
        if end == len(flat) and has_role and (names or _COMMENTATOR.search(flat)):
            return _unique(names), text
    # bare names need the spaces they were printed with: 高温来袭 is no 高温 + 来袭
    tokens = [t for t in re.split(r"[\s、]+", text.lstrip(_MARKS + " ")) if t]
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
    credit = closing_credit(text)
    return credit[0] if credit else []


def closing_credit(text: str) -> tuple[list[str], str] | None:
    """The credit in brackets that closes an article, with its names:
    ``（李建龙）``, ``（记者 张三 通讯员 李四）``, ``（本报记者 王五 整理）``,
    ``（作者为本报广东分社记者）``, ``（作者单位：北京大学）``, ``（据新华社电）``;
    not ``（扩大）`` or ``（完）``."""
    m = _CLOSING_NAME.search(text)
    if not m:
        return None
    flat, _where, breaks = compact(m.group("names"))
    if _SOURCE_CREDIT.match(flat):
        return [], m.group(0).strip()
    end, names, _role = scan_credit(flat, 0, breaks)
    if end == len(flat) and names:
        return _unique(names), m.group(0).strip()
    return None


def is_who_line(line: str) -> bool:
    """A "who attended" subtitle: 姜四清讲话 吴秀玲主持 宋红波出席; 卢东亮主持召开…会议."""
    parts = line.split()
    if parts and all(_WHO_LINE.match(p) and is_name_prefix(p) for p in parts):
        return True
    if len(line) > SHORT_TITLE:
        return False
    if re.match(rf"^[{HAN}]{{2,3}}(?:主持召开|主持|出席|调研)", line) and is_name_prefix(line):
        return True
    # 中共中央总书记习近平主持会议: an office, a name, an attendance verb
    m = _WHO_TAIL.search(line)
    return bool(m) and any(is_name(m.group("name")[k:]) for k in (0, 1))


def is_name_prefix(text: str) -> bool:
    return any(is_name(text[:n]) for n in (2, 3))
