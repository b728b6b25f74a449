"""Page furniture: the lines a page prints around its articles, never in one.

A page opens with its paper's name, the date and a page line (page number
and section name), and carries editors' credits. They belong to no article;
a later stage may read the page's metadata from them, so every form is
recognised here, in one place, and named by what it tells.

>>> page_furniture("2026年3月4日 星期三"), page_furniture("2026年3月4日 星期三 第6版 乡村产业")
('date', 'date')
>>> page_furniture("第2版 综合"), page_furniture("A4版"), page_furniture("5评论")
('page', 'page', 'page')
>>> page_furniture("责任编辑 田 野"), page_furniture("本版责任编辑：何 鹏 版式设计：沈 杰")
('editor', 'editor')
>>> page_furniture("投稿邮箱：letters@example.cn"), page_furniture("责任编辑：田野 投稿邮箱：letters@example.cn")
('contact', 'editor')
>>> page_furniture("本版编辑 刘 洋  投稿邮箱 wenyuan@example.cn")
'editor'
>>> page_furniture("2026年3月4日 星期三 责任编辑：田 野 校对：李 娜"), page_furniture("第6版 责任编辑：邓 丽")
('date', 'page')
>>> page_furniture("太原晚报"), page_furniture("太原晚报", at_page_top=True), page_furniture("中原电力报", at_page_top=True)
(None, 'paper', 'paper')
>>> page_furniture("江城日报 评论 2025年5月8日 星期四 第4版", at_page_top=True)
'paper'
>>> page_furniture("黄河风·文学", at_page_top=True), page_furniture("能源周刊", at_page_top=True)
('section', 'section')
>>> page_furniture("市委常委会召开会议", at_page_top=True) is None
True
"""

from __future__ import annotations

from papersearch.split.hanzi import compile_both
from papersearch.split.textfix import HAN

EDITOR, DATE, PAGE, PAPER, SECTION, CONTACT = "editor", "date", "page", "paper", "section", "contact"
# Furniture lines (责任编辑：田 野, 第6版, a date) are set short in the page's margin:
# a longer line is an article's; two of them run together on one line (a date, then
# the editors) are no longer than this.
MAX_FURNITURE = 30
MAX_FURNITURE_PAIR = 60

_EDITOR_ROLE = r"(?:本版)?(?:责任编辑|本版编辑|值班编辑|编辑|版式设计|版式|美编|美术编辑|校对|组版|审读|监制|制图|排版|图片编辑|本版责编|责编)"
# names after an editor's role may come letter-spaced: 责任编辑 田 野
_EDITORS = compile_both(rf"^(?:{_EDITOR_ROLE}\s*[:：/丨|]?\s*(?:[{HAN}](?:\s?[{HAN}]){{1,3}}[\s、]*)+)+$")
# the date line may carry the page too: 2026年3月10日 星期二 第8版 乡村产业, …星期五 3, …星期三 11 理论·评论
_DATE = compile_both(
    rf"^\d{{4}}年\d{{1,2}}月\d{{1,2}}日\s*(?:星期.|周.)?\s*(?:农历[{HAN}]{{2,6}})?"
    rf"(?:\s*(?:第\s*[0-9A-Z一二三四五六七八九十]{{1,3}}\s*版|[A-Z]?\d{{1,2}}\s*版?)(?:\s*[{HAN}][{HAN}·・\s]{{1,8}})?)?\s*$"
)
# the sections papers name their pages by (版名): 要闻, 综合, 评论, 县域新闻 …
_SECTION_WORD = (
    r"(?:新闻|要闻|评论|综合|国内|国际|经济|社会|文化|体育|地方|时政|理论|副刊|专版|专题|民生|法治|教育|科技|农村|三农"
    r"|党建|财经|健康|旅游|生活|文艺|读书|视觉|图片|观点|论坛|聚焦|关注|广告|声明|公告)"
)
_SECTION = rf"[{HAN}]{{0,2}}{_SECTION_WORD}"
_PAGE_MARKED = r"(?:第\s*[0-9A-Z一二三四五六七八九十]{1,3}\s*版|[A-Z]?\d{1,2}\s*版)"
_PAGE_NUMBER = r"[A-Z]?\d{1,2}"
_PAGE = compile_both(
    rf"^(?:(?:[{HAN}]{{2,6}}\s*)?{_PAGE_MARKED}(?:\s*[{HAN}]{{2,6}})?"
    rf"|{_SECTION}\s*{_PAGE_NUMBER}|{_PAGE_NUMBER}\s*{_SECTION}|[A-Z]?\d{{1,3}})$"
)
# 人民日报, 太原晚报, 平遥县报: a paper's name, on its own line over the page
# a paper is named by its place or owner and its kind: 江淮经济报, 中原电力报, 楚天法治报
_PAPER_KIND = (
    r"(?:日报|晚报|时报|商报|早报|导报|周报|经济报|科技报|法治报|法制报|电力报|农民报|工人报|青年报|妇女报|老年报"
    r"|教育报|卫生报|健康报|文化报|体育报|金融报|证券报|参考报|环境报|建设报|交通报|铁道报|税务报|检察报|政协报|侨报"
    r"|科普报|消费报|企业报|文摘报|文艺报|广播电视报|电视报|邮电报|水利报|林业报|石油报|国土资源报|市场报|信息报|作家报|少年报|儿童报)"
)
_PAPER = compile_both(rf"^(?:[{HAN}]{{2,6}}{_PAPER_KIND}|[{HAN}]{{1,4}}[县市区旗]报)$")
_BARE_SECTION = compile_both(rf"^{_SECTION}$")
# a page's or column's label (副刊、周刊 names): 黄河风·文学, 观点·专访, 能源周刊, 文艺副刊
_COLUMN_LABEL = compile_both(rf"^(?:[{HAN}]{{1,6}}\s*[·・]\s*[{HAN}]{{1,6}}|[{HAN}]{{1,6}}(?:周刊|副刊|专刊|特刊|周末|专版))$")


def is_column_label(line: str) -> bool:
    """黄河风·文学, 能源周刊: the name a page or column is printed under; it stands
    over a headline as its label, never as part of it."""
    return bool(_COLUMN_LABEL.match(line.strip()))


# the page's address for letters: 投稿邮箱：…, 来稿信箱：…
_CONTACT_FORM = r"(?:投稿|来稿|读者来信|新闻热线|报料)(?:邮箱|信箱|电话|热线)?\s*[:：]?\s*[\w@.\-]+"
_CONTACT = compile_both(rf"^{_CONTACT_FORM}$")
# 责任编辑：许晴 投稿邮箱：…: the editor's credit and the page's address set on one line
_EDITOR_THEN_CONTACT = compile_both(rf"^(?P<editor>.+?)\s+{_CONTACT_FORM}$")
# 2026年11月19日 星期四 责任编辑：高 峰 校对：李 娜, 第6版 责任编辑：邓 丽: the date or
# page line carrying the page's editors' credits
_HEAD_THEN_EDITOR = compile_both(rf"^(?P<head>.+?)\s*(?P<editor>{_EDITOR_ROLE}\s*[:：/丨|]?.*)$")


# 江城日报 评论 2025年5月8日 星期四 第4版: the paper's name with its section, date and page on one line
_MASTHEAD = compile_both(rf"^(?P<paper>\S+)\s+(?:(?P<section>{_SECTION})\s*)?(?P<rest>.*)$")


def _masthead_line(text: str) -> bool:
    m = _MASTHEAD.match(text)
    if not m or not _PAPER.match(m.group("paper")):
        return False
    rest = m.group("rest").strip()
    return not rest and bool(m.group("section")) or bool(rest) and bool(_DATE.match(rest) or _PAGE.match(rest))


def page_furniture(line: str, at_page_top: bool = False) -> str | None:
    """What furniture line this is (``editor``, ``date``, ``page``, ``paper``,
    ``section``, ``contact``), or None for a line of the articles. The paper's name and a
    bare section name count only at the top of the page, above its first
    article, where a headline never reads like them."""
    text = line.strip()
    both = _EDITOR_THEN_CONTACT.match(text) if len(text) <= MAX_FURNITURE_PAIR else None
    if both and _EDITORS.match(both.group("editor")):
        return EDITOR
    both = _HEAD_THEN_EDITOR.match(text) if len(text) <= MAX_FURNITURE_PAIR else None
    if both and _EDITORS.match(both.group("editor")):
        head = both.group("head").strip()
        for kind, pattern in ((DATE, _DATE), (PAGE, _PAGE)):
            if pattern.match(head):
                return kind
    if not text or len(text) > MAX_FURNITURE:
        return None
    for kind, pattern in ((EDITOR, _EDITORS), (DATE, _DATE), (PAGE, _PAGE), (CONTACT, _CONTACT)):
        if pattern.match(text):
            return kind
    if at_page_top:
        if _PAPER.match(text) or _masthead_line(text):
            return PAPER
        if _BARE_SECTION.match(text) or is_column_label(text):
            return SECTION
    return None
