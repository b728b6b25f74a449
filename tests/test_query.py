from hypothesis import given, settings
from hypothesis import strategies as st

from papersearch.search.query import And, Empty, Not, Or, Term, parse


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


QUERY_CHARS = st.sampled_from(list('二十条措施疫苗核酸 "()-:*?~^[]{}!\\/+&|ORANDNOTheadlineauthor\t\x00\x07😀雜'))


@settings(max_examples=1000, deadline=None)
@given(st.text(QUERY_CHARS, max_size=40) | st.text(max_size=40))
def test_any_input_parses_and_translates(text):
    tree = parse(text)
    if not isinstance(tree, Empty):
        tree.to_whoosh()


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
