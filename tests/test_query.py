import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papersearch.search.query import And, Empty, Not, Or, Term, parse
from papersearch.text.normalize import fold


def test_terms_and_by_default():
    assert parse("二十条措施 疫苗") == And([Term("二十条措施"), Term("疫苗")])


def test_or_not_minus_and_brackets():
    tree = parse("(疫苗 OR 药物) -核酸 NOT 检测")
    assert tree == And([Or([Term("疫苗"), Term("药物")]), Not(Term("核酸")), Not(Term("检测"))])


def test_phrases_and_fields():
    assert parse('"我爱我村 我爱我岗"') == Term("我爱我村 我爱我岗", phrase=True)
    assert parse("headline:会议 author:李雪峰 kind:photo file:002") == And(
        [Term("会议", field="headline"), Term("李雪峰", field="author"), Term("photo", field="kind"), Term("002", field="file")]
    )


def test_unknown_field_is_plain_text():
    assert parse("http://x") == Term("http://x")


def test_malformed_input_degrades_to_plain_terms():
    assert parse('"杂交水稻') == Term("杂交水稻", phrase=True)
    assert parse("((疫苗") == Term("疫苗")
    assert parse("疫苗))") == Term("疫苗")
    assert parse("OR 疫苗 OR") == Term("疫苗")
    # nothing but syntax is read as the text typed (it finds what holds it)
    assert parse("NOT") == Term("NOT")
    assert parse("-") == Term("-")
    assert parse("   ") == Empty()
    assert parse("* ? ~ ^ [ ] { } :") == Term("* ? ~ ^ [ ] { } :")


def test_positive_terms_leave_out_negations():
    assert [t.text for t in parse("疫苗 -核酸").terms()] == ["疫苗"]


QUERY_CHARS = st.sampled_from(
    list('二十条措施疫苗核酸 "()-:*?~^[]{}!\\/+&|ORANDNOTheadlineauthor\t\x00\x07😀雜“”（）：－　\u3000ＯＲ')
)
ANY_QUERY = st.text(QUERY_CHARS, max_size=40) | st.text(max_size=40)
# Syntax as a Chinese input method types it, read as its ASCII form (README, "Query language")
IME_SYNTAX = str.maketrans(
    {"：": ":", "“": '"', "”": '"', "＂": '"', "（": "(", "）": ")", "－": "-", "＋": "+", "｜": "|", "＆": "&"}
)


def plain(text: str) -> str:
    """Text as the parser reads it, white space left out: control
    characters dropped, full-width syntax in its ASCII form."""
    return "".join(ch for ch in text.translate(IME_SYNTAX) if ch.isprintable() and not ch.isspace())


def all_terms(node) -> list[Term]:
    """Every term of a tree, negated ones too."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return all_terms(node.child)
    if isinstance(node, (And, Or)):
        return [t for child in node.children for t in all_terms(child)]
    assert isinstance(node, Empty), node
    return []


@settings(max_examples=1000, deadline=None)
@given(ANY_QUERY)
def test_the_terms_of_any_parse_are_pieces_of_the_input(text):
    """Malformed input degrades to plain terms, never to text the user did
    not type: each term, white space aside, is a piece of the input."""
    tree = parse(text)
    terms = all_terms(tree)
    assert isinstance(tree, Empty) == (plain(text) == ""), tree
    for term in terms:
        assert plain(term.text), (text, tree)  # no empty term
        assert plain(term.text) in plain(text), (text, term)
        assert not term.phrase or '"' in text.translate(IME_SYNTAX), (text, term)


def test_the_terms_of_a_parse_are_the_words_typed():
    """Examples of the property above that a plausible bug would break."""
    assert [t.text for t in all_terms(parse('疫苗 -"核酸 检测" OR headline:(会议 NOT 论坛)'))] == [
        "疫苗",
        "核酸 检测",
        "会议",
        "论坛",
    ]
    assert [t.text for t in all_terms(parse("((疫苗) OR"))] == ["疫苗"]
    assert [t.text for t in all_terms(parse('"“引号”里（括号）"'))] == ["“引号”里（括号）"]  # literal in a phrase


def test_a_full_width_space_parts_terms_like_a_space():
    assert parse("疫情\u3000核酸") == parse("疫情 核酸")


def test_syntax_typed_with_a_chinese_input_method_reads_like_ascii():
    same = {
        "headline：会议": "headline:会议",
        "headline: 会议": "headline:会议",
        "“我爱我村 我爱我岗”": '"我爱我村 我爱我岗"',
        "（疫苗 OR 药物） 研发": "(疫苗 OR 药物) 研发",
        "疫情 －核酸": "疫情 -核酸",
        "杂交水稻 ＯＲ 粮食安全": "杂交水稻 OR 粮食安全",
        "杂交水稻 or 粮食安全": "杂交水稻 OR 粮食安全",
        "疫苗 and 药物": "疫苗 AND 药物",
        "ｈｅａｄｌｉｎｅ：会议": "headline:会议",
    }
    for typed, ascii_form in same.items():
        assert parse(typed) == parse(ascii_form), typed


def test_a_field_before_brackets_applies_to_every_term_inside():
    assert parse("headline:(会议 OR 论坛)") == Or([Term("会议", field="headline"), Term("论坛", field="headline")])
    assert parse("headline：（会议 OR 论坛） 研发") == And(
        [Or([Term("会议", field="headline"), Term("论坛", field="headline")]), Term("研发")]
    )
    assert parse("headline: ") == Term("headline:")  # a field with nothing after it is plain text


def test_a_query_of_nothing_but_syntax_is_read_as_plain_text():
    for text in ("OR", "AND", "NOT", "or", '"', "()", "-", "ＯＲ", "“"):
        tree = parse(text)
        assert isinstance(tree, Term) and tree.text, (text, tree)
    assert isinstance(parse("   "), Empty)


@pytest.fixture(scope="module")
def seed_articles(seed_index):
    import papersearch

    with papersearch.open_index(seed_index) as ix:
        return ix.articles()


@pytest.fixture(scope="module")
def searcher(seed_index):
    import papersearch

    with papersearch.open_index(seed_index) as ix:
        yield ix


# Characters that are query syntax wherever they stand; a piece of text without
# them is read as the terms it holds
SYNTAX = re.compile(r'["“”＂()（）:：|｜&＆+＋]|(?:^|\s)[-－]|\b(?:OR|AND|NOT|or|and)\b')


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_piece_of_an_article_typed_as_a_query_finds_it(searcher, seed_articles, data):
    """The grep-equal promise through the parser and its translation: any
    piece of an article's text, typed without quotes (white space, punctuation,
    digits, a single character), finds that article, and every hit holds it."""
    article = data.draw(st.sampled_from([a for a in seed_articles if a.text.strip()]))
    pieces = [p for p in SYNTAX.split(article.text) if p and p.strip()]
    piece = data.draw(st.sampled_from(pieces))
    start = data.draw(st.integers(0, len(piece) - 1))
    query = piece[start : start + data.draw(st.integers(1, 12))]
    if not query.strip() or SYNTAX.search(query):
        return
    hits = searcher.search(query, limit=1000)
    assert article.id in {hit.article.id for hit in hits}, query
    # and, as grep, finds nothing that does not hold every term of it
    for hit in hits:
        printed = unspaced(fold("\n".join((hit.article.title, hit.article.byline, hit.article.text))))
        assert all(unspaced(fold(term.text)) in printed for term in parse(query).terms()), (query, hit.article.id)


def unspaced(text: str) -> str:
    return "".join(text.split())
