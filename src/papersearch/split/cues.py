"""What a line's own words say it is, before its place on the page is known:
an ad's cue words and calls to act, a photo caption's marks, a closing credit
standing alone, the first line of a new item (opener, byline, caption).

Both the joining of wrapped lines (``wraps``) and the typing of the joined
units (``layout``) read these cues.
"""

from __future__ import annotations

import re

from papersearch.split.bylines import closing_credit, parse_byline_line, parse_opener
from papersearch.split.hanzi import compile_both

# ads and service notices name a hotline, a way to subscribe, hire or scan a code
AD_CUE = compile_both(
    r"热线|咨询电话|服务电话|联系电话|订阅|广告|招商|招聘|诚聘|二维码|扫码|扫一扫|欢迎.{0,6}(?:来电|垂询)|\d{3,4}-\d{7,8}|(?<!\d)1\d{10}(?!\d)"
)
# an ad's closing call to act on it: 扫码关注…, 扫一扫…, 长按识别…, 欢迎来电
AD_CALL = compile_both(r"^(?:扫码|扫一扫|扫描二维码|长按|欢迎(?:来电|垂询|咨询))")
# a hotline's number closing a short line (家电维修热线 13912345678)
HOTLINE = re.compile(r"(?<!\d)\d{5,}$")
# A line describing a scene in progress is a photo caption, not a headline.
SCENE = compile_both(r"正在|在.{1,10}(?:作业|劳作|训练|演练|施工)$")
# a photo's caption opens so (图为…, 上图：…), never in the middle of a sentence
CAPTION_OPEN = compile_both(r"^(?:图为|(?:上|下|左|右)?图[:：])")
CAPTION_CUE = compile_both(r"图为|（(?:无人机|资料|航拍)?(?:照片|图片|图)）|\(资料图\)|摄影报道|新华社发|视觉中国")
# an artwork printed on a page (副刊) is captioned with its medium: 春山新绿（国画） 王一川
ARTWORK = compile_both(
    r"^[^，。；！？]{1,20}[（(](?:国画|油画|版画|水彩画?|水墨|书法|篆刻|剪纸|漫画|素描|年画|雕塑|摄影)[）)]\s*(?:\S(?:\s?\S){1,3})?$"
)


def starts_item(text: str) -> bool:
    """A line that opens a new item: an opener (本报讯…), a byline, a caption's 图为."""
    return parse_opener(text) is not None or parse_byline_line(text) is not None or bool(CAPTION_OPEN.match(text))


def closing_only(text: str) -> bool:
    """A closing credit standing alone: （李建龙）, （作者为本报广东分社记者）."""
    return text.startswith(("（", "(")) and closing_credit(text) is not None and closing_credit(text)[1] == text.strip()
