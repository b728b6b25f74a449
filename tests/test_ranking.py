"""Ranking on a corpus large enough for broad queries to match hundreds of
articles: the order of the first k hits must not depend on the limit asked."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papersearch.search.searcher import Index

PAGES = 160


@pytest.fixture(scope="module")
def big_index(tmp_path_factory, seeds_dir):
    from papersearch.index.indexer import build_index

    blocks = []
    for page in sorted(seeds_dir.glob("*.txt")):
        blocks += [b for b in page.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("corpus")
    for n in range(PAGES):
        order = blocks[:]
        rng.shuffle(order)
        (folder / f"{n:04d}.txt").write_text("\n\n".join(order[: len(order) // 2]) + "\n", encoding="utf-8")
    index = tmp_path_factory.mktemp("bigix") / "index"
    build_index(index, [folder], jobs=1)
    with Index(index) as ix:
        yield ix


@pytest.fixture(scope="module")
def broad_index(big_index):
    """The same index ranked with the broad-query threshold lowered so this corpus reaches it."""
    from papersearch.search.ranking import Ranking

    with Index(big_index.folder, ranking=Ranking(broad=20)) as ix:
        yield ix


TERMS = ["防控", "疫情", "会议", "发展", "措施", "二十条措施", "疫情防控", "文明城市", "杂交水稻", "粮食安全", "核酸"]


def ranked(index, query, limit):
    return [(h.article.id, round(h.score, 6)) for h in index.search(query, limit=limit, snippets=0)]


def test_a_broad_query_ranks_alike_at_every_limit(big_index):
    many = ranked(big_index, "防控", 1000)
    assert len(many) > 200  # broad enough to take any shortcut the search has
    for limit in (1, 10, 50, 200):
        assert ranked(big_index, "防控", limit) == many[:limit], limit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    terms=st.lists(st.sampled_from(TERMS), min_size=1, max_size=2, unique=True),
    op=st.sampled_from([" ", " OR ", " headline:"]),
    small=st.integers(1, 30),
    extra=st.integers(1, 600),
)
def test_the_first_k_hits_are_the_same_whatever_the_limit(big_index, terms, op, small, extra):
    query = op.join(terms) if len(terms) > 1 else (op.strip() + terms[0] if op.strip() else terms[0])
    large = ranked(big_index, query, small + extra)
    assert ranked(big_index, query, small) == large[:small], query


@pytest.fixture(params=["exact", "broad"])
def either_path(request, big_index, broad_index):
    """Run a test on the exact n-gram ranking and on the words-first ranking
    of broad queries (the threshold lowered so this corpus reaches it)."""
    return broad_index if request.param == "broad" else big_index


@pytest.fixture(scope="module")
def texts(big_index):
    return [a.text for a in big_index.articles() if len(a.text) > 20][:300]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), small=st.integers(1, 40), extra=st.integers(1, 2000))
def test_both_rankings_keep_the_first_k_and_find_every_literal_match(either_path, texts, data, small, extra):
    # a term from the list, or any 1-4 characters of an article: random queries that match
    fixed = st.sampled_from(TERMS + ["疫情 防控", "会议 OR 论坛", "的"])
    text = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(text) - 5))
    piece = text[start : start + data.draw(st.integers(1, 4))].replace('"', "").strip()
    term = data.draw(fixed) if not piece or data.draw(st.booleans()) else f'"{piece}"'
    large = ranked(either_path, term, small + extra)
    assert ranked(either_path, term, small) == large[:small], term
    assert len({i for i, _ in large}) == len(large)  # no article twice


def test_explain_gives_the_score_query_ranks_by_on_both_rankings(either_path):
    for query in ("防控", "疫情 防控", "二十条措施"):
        for hit in either_path.search(query, limit=3):
            assert either_path.explain(query, hit.article.id).article.score == round(hit.score, 4), query
