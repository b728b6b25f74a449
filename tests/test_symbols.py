"""Symbols, snippet counts and explain's score, on a real index."""

import pytest

from papersearch.search.searcher import Index

PAGES = {
    "weather.txt": "本报讯（记者 张三）今天最高气温28℃，市民纷纷出游，笑脸😀随处可见。\n",
    "steps.txt": "本报讯（记者 李四）工作分三步：①摸底排查；②集中整治；③巩固提升。\n",
    "numbers.txt": "本报讯（记者 王五）全市新增就业1200人，完成全年目标的110%。\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory, seeds_dir):
    from papersearch.index.indexer import build_index

    pages = tmp_path_factory.mktemp("sym")
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    for page in seeds_dir.glob("*.txt"):
        (pages / page.name).write_bytes(page.read_bytes())
    folder = tmp_path_factory.mktemp("symix") / "index"
    build_index(folder, [pages], jobs=1)
    with Index(folder) as ix:
        yield ix


def files(hits):
    return {h.article.file.rsplit("/", 1)[-1] for h in hits}


def test_a_symbol_alone_finds_the_articles_that_hold_it(index):
    assert files(index.search("℃")) == {"weather.txt"}
    assert files(index.search("😀")) == {"weather.txt"}
    assert files(index.search("28℃")) == {"weather.txt"}


def test_a_circled_number_is_not_a_digit(index):
    assert files(index.search("①")) == {"steps.txt"}
    assert "numbers.txt" in files(index.search("1", limit=100))
    assert "steps.txt" not in files(index.search("1200", limit=100))


def test_snippets_0_shows_no_fragment(index):
    hits = index.search("疫情", snippets=0)
    assert hits and all(h.snippet.text == "" and h.snippet.spans == [] for h in hits)
    assert all(h.snippet.text.count(" … ") <= 1 for h in index.search("疫情", snippets=2, width=30))


def test_explain_reports_the_score_query_ranks_by(index):
    for query in ("杂交水稻", "二十条措施", "疫情 防控", "headline:会议"):
        for hit in index.search(query, limit=5):
            explained = index.explain(query, hit.article.id).article
            assert explained.matched and explained.score == round(hit.score, 4), (query, hit.article.id)
