"""Search on a real index of the seed pages."""

import json

import pytest
from conftest import EVAL_QUERIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papersearch.errors import PapersearchError
from papersearch.search.searcher import Index


@pytest.fixture(scope="module")
def index(seed_index):
    with Index(seed_index) as ix:
        yield ix


@pytest.fixture(scope="module")
def articles(index):
    return index.articles()


def ids(hits):
    return [h.article.id for h in hits]


def test_query_finds_the_articles_that_contain_it_best_first(index):
    hits = index.search("二十条措施", limit=50)
    assert hits[0].article.headline in (
        "迅速落实二十条措施 尽快恢复正常生产生活秩序",
        "迅速贯彻落实进一步优化防控工作的二十条措施",
    )
    assert all("二十条措施" in h.article.title + h.article.text for h in hits)


def test_recall_equals_grep_for_every_seed_query(index, articles):
    for q in EVAL_QUERIES:
        want = {a.id for a in articles if q in (a.title + a.text).replace(" ", "")}
        assert want <= set(ids(index.search(q, limit=100))), q


def test_traditional_script_query_finds_simplified_text(index):
    assert ids(index.search("雜交水稻")) == ids(index.search("杂交水稻"))


def test_phrase_is_contiguous_not_cooccurring(index, articles):
    hits = index.search('"措施二十条"', limit=100)
    assert hits == []
    assert index.search('"二十条措施"', limit=100)


def test_a_word_cut_by_a_line_wrap_in_the_page_is_found(index):
    # page 000 wraps “…加强分析研” / “究，必要的…”; page 004 letter-spaces “推 动 城 市”
    assert index.search("加强分析研究")
    assert index.search("推动城市高质量发展")


def test_one_and_two_character_queries(index):
    assert index.search("疫")
    assert index.search("稻")  # last character of no article, still found inside words


def test_fields_and_operators(index):
    assert all(h.article.kind == "photo" for h in index.search("kind:photo"))
    assert [h.article.authors for h in index.search("author:李雪峰")] == [["李雪峰"]]
    assert all("会议" in h.article.title for h in index.search("headline:会议"))
    assert set(ids(index.search("杂交水稻 OR 摄影作品"))) == set(ids(index.search("杂交水稻"))) | set(
        ids(index.search("摄影作品"))
    )
    assert not set(ids(index.search("疫情 -核酸", limit=100))) & set(ids(index.search("核酸", limit=100)))


def test_words_rank_above_ngram_only_matches(index):
    hits = index.search("文明城市")
    assert hits[0].article.headline and "文明城市" in hits[0].article.headline


def test_snippets_highlight_the_query(index):
    for hit in index.search("复工复产", snippets=2, width=40):
        assert hit.snippet.spans
        assert all(hit.snippet.text[a:b] == "复工复产" for a, b in hit.snippet.spans)


def test_empty_query_is_an_error_not_a_crash(index):
    with pytest.raises(PapersearchError, match="empty query"):
        index.search("  \t ")


def test_a_query_of_nothing_but_syntax_is_searched_as_typed(index):
    assert index.search('  "" ( ) ') == []  # no article holds that text
    assert index.search("，")  # punctuation an article holds finds it


def test_get_show_and_unknown_id(index, articles):
    a = articles[0]
    assert index.get(a.id) == a
    with pytest.raises(PapersearchError):
        index.get("no-such-id")


def test_related_articles_exclude_the_article_itself(index):
    hits = index.search("二十条措施")
    related = index.related(hits[0].article.id)
    assert related and hits[0].article.id not in ids(related)


def test_stats_and_explain(index):
    stats = index.stats()
    assert stats.pages == 3 and stats.articles == sum(stats.kinds.values())
    data = index.explain("雜交水稻 OR 粮食", index.search("杂交水稻")[0].article.id)
    assert data.terms[0].folded == "杂交水稻"
    assert data.article.matched and data.article.terms[0].in_headline
    assert json.loads(json.dumps(data.to_dict()))["article"]["terms"][0]["in_headline"]


QUERY_ALPHABET = st.sampled_from(
    list('二十条措施疫苗核酸雜交水稻 "()-:*?~^[]{}!\\/+&|ORANDNOTheadlineauthorkindfile\t\x00\x07😀１２Ａ')
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(QUERY_ALPHABET, max_size=30) | st.text(max_size=30))
def test_the_query_path_refuses_only_a_blank_query(index, text):
    blank = not "".join(ch for ch in text if ch.isprintable()).strip()  # control characters are dropped
    if blank:
        with pytest.raises(PapersearchError, match="empty query"):
            index.search(text, limit=5)
        return
    hits = index.search(text, limit=5)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert len({h.article.id for h in hits}) == len(hits)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_substring_of_an_article_finds_it(index, articles, data):
    article = data.draw(st.sampled_from([a for a in articles if len(a.text) > 6]))
    text = article.text.replace("\n", "")
    start = data.draw(st.integers(0, len(text) - 2))
    size = data.draw(st.integers(2, 6))
    term = text[start : start + size].replace('"', "").replace(" ", "")
    if len(term) < 2 or not any(ch.isalnum() for ch in term):
        return
    assert article.id in ids(index.search(f'"{term}"', limit=1000)), term


def test_a_damaged_stored_article_is_a_one_line_error(tmp_path, seeds_dir):
    from whoosh import index as windex

    from papersearch.errors import IndexDamaged
    from papersearch.index.indexer import build_index

    folder = tmp_path / "ix"
    build_index(folder, [seeds_dir / "002_85826b4b7510fe28.txt"], jobs=1)
    writer = windex.open_dir(str(folder)).writer()
    writer.add_document(
        id="x-1",
        file="x.txt",
        file_key="x",
        kind="article",
        title="杂交水稻",
        title_ng="杂交水稻",
        body="",
        body_ng="",
        data="{broken",
    )
    writer.commit()
    with Index(folder) as ix, pytest.raises(IndexDamaged, match="an article in the index is damaged"):
        ix.articles()


def test_a_reporters_name_finds_their_articles(index):
    assert [h.article.authors for h in index.search("李雪峰")] == [["李雪峰"]]
    assert index.search("新华社北京11月10日电")


@pytest.mark.parametrize("alias", ["title", "headline", "TITLE", "title："])
def test_title_means_the_headline_and_nothing_else(index, alias):
    term = "疫情"
    everywhere = {h.article.id for h in index.search(term, limit=100)}
    in_headlines = {h.article.id for h in index.search(f"{alias}{'' if alias.endswith('：') else ':'}{term}", limit=100)}
    assert in_headlines, "the seeds have headlines holding the term"
    assert in_headlines < everywhere, "and articles holding it only in the body, which a field query must leave out"
    assert all(term in index.get(i).title for i in in_headlines)
