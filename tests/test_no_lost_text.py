"""No text is lost or doubled on any page: seeds and tests/pages (see nolost.py)."""

from pathlib import Path

import pytest
from nolost import lost_and_doubled

from papersearch.reader import read_page
from papersearch.split.splitter import split_page

ROOT = Path(__file__).resolve().parent.parent
ALL_PAGES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "pages").glob("*.txt"))


@pytest.mark.parametrize("path", ALL_PAGES, ids=lambda p: p.stem)
def test_every_character_lands_in_one_item(path):
    page = read_page(path)
    assert lost_and_doubled(page.text, split_page(page)) == ("", "")


def test_the_invariant_sees_a_lost_line():
    page = "市里召开会议\n\n本报讯（记者 张三）昨日，市里召开会议。\n\n责任编辑：李四"
    arts = split_page(read_page_text(page))
    arts[0].text = ""
    lost, doubled = lost_and_doubled(page, arts)
    assert lost == "".join(sorted("昨日，市里召开会议。")) and doubled == ""


def read_page_text(text):
    from papersearch.model import Page

    return Page(path="page.txt", text=text)
