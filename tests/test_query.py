from hypothesis import given, settings
from hypothesis import strategies as st

from papersearch.query import And, Empty, Not, Or, Term, parse, positive_terms, to_whoosh


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
    assert parse("NOT") == Empty()
    assert parse("-") == Empty()
    assert parse("   ") == Empty()
    assert parse("* ? ~ ^ [ ] { } :") == Empty()


def test_positive_terms_leave_out_negations():
    assert [t.text for t in positive_terms(parse("疫苗 -核酸"))] == ["疫苗"]


QUERY_CHARS = st.sampled_from(list('二十条措施疫苗核酸 "()-:*?~^[]{}!\\/+&|ORANDNOTheadlineauthor\t\x00\x07😀雜'))


@settings(max_examples=1000, deadline=None)
@given(st.text(QUERY_CHARS, max_size=40) | st.text(max_size=40))
def test_any_input_parses_and_translates(text):
    tree = parse(text)
    if not isinstance(tree, Empty):
        to_whoosh(tree)
