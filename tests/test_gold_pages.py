"""Pages of my own making in layouts the seeds do not show (a commentary page,
a commentary page in 18-character columns with headlines and name lines after the bodies,
a column of briefs with correspondents' bylines, a feature continued from
another page with 22-character column wraps), each checked against the gold
JSON next to it: the articles, their headlines, authors, continuation marks and
where each text starts and ends."""

import json
from pathlib import Path

import pytest

from papersearch.split.splitter import split_text

PAGES = Path(__file__).resolve().parent / "pages"
GOLD_PAGES = sorted(p.with_suffix(".txt") for p in PAGES.glob("*.json"))


def read_gold(page: Path) -> list[dict]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", GOLD_PAGES, ids=lambda p: p.stem)
def test_page_splits_as_its_gold_says(page):
    arts = [a for a in split_text(page.read_text(encoding="utf-8"), str(page)) if a.kind != "ad"]
    gold = read_gold(page)
    assert [(a.kind, a.headline, a.authors) for a in arts] == [(g["kind"], g["headline"], g["authors"]) for g in gold]
    for art, want in zip(arts, gold, strict=True):
        text = "".join(art.text.split())
        assert text.startswith(want["starts"]) and text.endswith(want["ends"])
        assert art.continued_from == want.get("continued_from", "")
        assert art.continues_to == want.get("continues_to", "")
