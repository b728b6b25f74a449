"""The query language, and its translation into a Whoosh query.

Terms are ANDed; ``OR``, ``NOT`` / ``-term`` and parentheses combine them;
``"..."`` is an exact phrase; ``headline:``, ``author:``, ``file:`` and
``kind:`` restrict a term to a field. Every term matches literally, like grep,
through the character n-gram fields; jieba word matches add to the score.
Malformed input never raises: stray operators, quotes and brackets degrade to
plain terms, and input of nothing but syntax is read as the text typed.

>>> parse('二十条措施 OR "杂交水稻" -疫苗 headline:会议')
Or(Term('二十条措施'), And(Term('杂交水稻', phrase=True), Not(Term('疫苗')), Term('会议', field='headline')))
>>> parse('((( 疫苗 OR "')
Term('疫苗')
>>> parse('((( OR "')
Term('((( OR "')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from papersearch.archive.filters import ARCHIVE_FIELDS
from papersearch.index.format import Fields
from papersearch.search.filters import all_of as archive_all_of
from papersearch.search.filters import field_query as archive_query
from papersearch.text.normalize import fold, folded_chars

# What a user may type before a colon, and the field it means. Aliases are
# resolved here, at parse time, so every later step sees one canonical name.
FIELDS = {"headline": "headline", "title": "headline", "author": "author", "file": "file", "kind": "kind"}
# where the page stands in its paper's run (archive.filters reads their values): paper:吕梁, date:2022-10
FIELDS |= {"paper": "paper", "date": "date", "page": "page", "section": "section"}
# Each word field's literal twin, of character n-grams.
NGRAMS = {Fields.TITLE: Fields.TITLE_NGRAMS, Fields.BODY: Fields.BODY_NGRAMS}
# Brackets deeper than this are read as nothing (parsing recurses per level).
MAX_DEPTH = 50
# Query syntax as a Chinese input method types it: full-width colon, quotes,
# brackets and minus work like their ASCII forms.
_SYNTAX = str.maketrans(
    {"：": ":", "“": '"', "”": '"', "＂": '"', "（": "(", "）": ")", "－": "-", "＋": "+", "｜": "|", "＆": "&"}
)
_ASCII_PHRASE = re.compile(r'("[^"]*"?)')
_OPERATORS = {"OR": "or", "|": "or", "||": "or", "AND": "and", "&": "and", "&&": "and", "+": "and", "NOT": "not"}
_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<q>"[^"]*"?)|(?P<word>[^\s()"]+(?:"[^"]*"?)?))')


class Node:
    """A node of the query tree. Each kind knows the three things a search
    needs of it: the Whoosh query that finds it (``to_whoosh``, with literal
    n-gram matching; ``to_words``, by indexed words only, for ranking broad
    queries), whether an article literally holds it (``holds``), and the
    terms a hit should show (``terms``)."""

    def to_whoosh(self, known_words=None):
        """The exact query. known_words(text) gives the indexed words inside a
        term, which rank word matches above bare n-gram matches; without it
        the term is segmented."""
        from whoosh import query as Q

        return Q.NullQuery

    def to_words(self, known_words):
        """The same query over word fields only, for fast candidate ranking;
        None when some positive term has no indexed word."""
        return None

    def holds(self, article) -> bool:
        """Whether the article holds every positive term literally (negations
        and metadata fields are left to the index)."""
        return True

    def terms(self) -> list[Term]:
        """The positive terms, in the order typed."""
        return []


@dataclass
class Term(Node):
    text: str
    phrase: bool = False
    field: str = ""  # "" for anywhere, else a canonical name of FIELDS

    def __repr__(self):
        extra = (", phrase=True" if self.phrase else "") + (f", field={self.field!r}" if self.field else "")
        return f"Term({self.text!r}{extra})"

    @property
    def is_text(self) -> bool:
        """A term of the article's words (not of its metadata): it ranks,
        is highlighted, and must be held literally."""
        return self.field in ("", "headline")

    def text_fields(self) -> list[str]:
        return [Fields.TITLE] if self.field == "headline" else [Fields.TITLE, Fields.BODY]

    def to_whoosh(self, known_words=None):
        from whoosh import query as Q

        from papersearch.analysis.analyzers import query_words

        if not self.is_text:
            return self._metadata_query()
        fields = self.text_fields()
        literal = Q.Or([_literal(NGRAMS[f], self.text) for f in fields])
        words = known_words(self.text) if known_words else query_words(self.text)
        if not words:
            return literal
        return Q.AndMaybe(literal, Q.Or([Q.Term(f, w) for f in fields for w in words]))

    def to_words(self, known_words):
        from whoosh import query as Q

        if not self.is_text:
            return self._metadata_query()
        words = cover(self.text, known_words(self.text))
        if not words:
            return None
        fields = self.text_fields()
        return Q.And([Q.Or([Q.Term(f, w) for f in fields]) if len(fields) > 1 else Q.Term(fields[0], w) for w in words])

    def holds(self, article) -> bool:
        from papersearch.search.snippets import match_spans

        if not self.is_text:
            return True
        where = article.title if self.field == "headline" else "\n".join((article.title, article.byline, article.text))
        return bool(match_spans(where, [self.text]))

    def terms(self) -> list[Term]:
        return [self]

    def _metadata_query(self):
        from whoosh import query as Q

        if self.field == "author":
            return Q.Wildcard(Fields.AUTHOR, f"*{fold(self.text).lower()}*")
        if self.field == "file":
            return Q.Wildcard(Fields.FILE, f"*{self.text}*")
        if self.field in ARCHIVE_FIELDS:
            return archive_query(self.field, self.text)
        return Q.Term(Fields.KIND, self.text.lower())


@dataclass
class Not(Node):
    child: Node

    def __repr__(self):
        return f"Not({self.child!r})"

    def to_whoosh(self, known_words=None):
        from whoosh import query as Q

        return Q.Not(self.child.to_whoosh(known_words))

    def to_words(self, known_words):
        return self.to_whoosh(known_words)


@dataclass
class And(Node):
    children: list = field(default_factory=list)

    def __repr__(self):
        return "And(" + ", ".join(map(repr, self.children)) + ")"

    def to_whoosh(self, known_words=None):
        return _all_of([c.to_whoosh(known_words) for c in self.children])

    def to_words(self, known_words):
        children = [c.to_words(known_words) for c in self.children]
        return None if any(c is None for c in children) else _all_of(children)

    def holds(self, article) -> bool:
        return all(c.holds(article) for c in self.children)

    def terms(self) -> list[Term]:
        return [t for c in self.children for t in c.terms()]


@dataclass
class Or(Node):
    children: list = field(default_factory=list)

    def __repr__(self):
        return "Or(" + ", ".join(map(repr, self.children)) + ")"

    def to_whoosh(self, known_words=None):
        from whoosh import query as Q

        return Q.Or([c.to_whoosh(known_words) for c in self.children])

    def to_words(self, known_words):
        from whoosh import query as Q

        children = [c.to_words(known_words) for c in self.children]
        return None if any(c is None for c in children) else Q.Or(children)

    def holds(self, article) -> bool:
        return any(c.holds(article) for c in self.children)

    def terms(self) -> list[Term]:
        return [t for c in self.children for t in c.terms()]


@dataclass
class Empty(Node):
    def __repr__(self):
        return "Empty()"


def _all_of(children: list):
    """AND of the children; a query of negations alone means everything but them."""
    from whoosh import query as Q

    if all(isinstance(c, Q.Not) for c in children):
        children = [Q.Every(), *children]
    return archive_all_of(children)  # archive filters restrict the rest, as Q.And would


def _lex(text: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group("lp"):
            out.append(("(", "("))
        elif m.group("rp"):
            out.append((")", ")"))
        elif m.group("q") is not None:
            out.append(("phrase", m.group("q").strip('"')))
        else:
            word = m.group("word")
            # full-width ＯＲ, and or / and in lower case, are operators too (NOT only in capitals)
            name = unicodedata.normalize("NFKC", word)
            name = name.upper() if name.upper() in ("OR", "AND") else name
            out.append((_OPERATORS.get(name, "word"), word))
    return out


class _Parser:
    def __init__(self, tokens):
        self.toks = tokens
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def expr(self, depth=0):
        parts = [self.conj(depth)]
        while self.peek()[0] == "or":
            self.take()
            parts.append(self.conj(depth))
        parts = [p for p in parts if not isinstance(p, Empty)]
        if not parts:
            return Empty()
        return parts[0] if len(parts) == 1 else Or(parts)

    def conj(self, depth):
        parts = []
        while True:
            kind, _ = self.peek()
            if kind is None or kind == "or":
                break
            if kind == ")":
                if depth > 0:
                    break
                self.take()  # a stray closing bracket means nothing
                continue
            if kind == "and":
                self.take()
                continue
            node = self.unary(depth)
            if not isinstance(node, Empty):
                parts.append(node)
        if not parts:
            return Empty()
        return parts[0] if len(parts) == 1 else And(parts)

    def unary(self, depth):
        kind, value = self.take()
        negations = 0
        while kind == "not":  # a loop, not recursion: a thousand NOTs must not overflow the stack
            negations += 1
            if self.peek()[0] in (None, "or", ")"):
                return Empty()
            kind, value = self.take()
        if negations:
            self.i -= 1
            child = self.unary(depth)
            return child if isinstance(child, Empty) or negations % 2 == 0 else Not(child)
        if kind == "(" and depth >= MAX_DEPTH:
            return Empty()  # brackets nested deeper than anyone types group nothing more
        if kind == "(":
            inner = self.expr(depth + 1)
            if self.peek()[0] == ")":
                self.take()
            return inner
        if kind == "phrase":
            return Term(value, phrase=True) if value.strip() else Empty()
        field_name = _field_alone(value)
        if field_name and self.peek()[0] in ("word", "phrase", "("):
            # headline: 会议, headline:(会议 OR 论坛): the field applies to what follows
            node = _with_field(self.unary(depth), field_name)
            return Not(node) if value.startswith("-") and not isinstance(node, Empty) else node
        return _word(value)


def _field_alone(word: str) -> str:
    """The field of a word that is a field name and a colon alone, else ''."""
    name = unicodedata.normalize("NFKC", word.removeprefix("-")).lower()
    return FIELDS.get(name[:-1], "") if name.endswith(":") else ""


def _with_field(node, name: str):
    if isinstance(node, Term) and not node.field:
        return Term(node.text, phrase=node.phrase, field=name)
    if isinstance(node, (And, Or)):
        return type(node)([_with_field(c, name) for c in node.children])
    return node


def _word(word: str):
    negate = False
    if word.startswith("-") and len(word) > 1:
        negate, word = True, word[1:]
    name, sep, rest = word.partition(":")
    name = unicodedata.normalize("NFKC", name).lower()
    node: object
    if sep and name in FIELDS and rest:
        phrase = rest.startswith('"')
        node = Term(rest.strip('"'), phrase=phrase, field=FIELDS[name])
        if not node.text.strip():
            return Empty()
    else:
        text = word.strip('"')
        if not any(ch.isalnum() or unicodedata.category(ch) in ("So", "Sc") for ch in text):
            return Empty()  # operators and punctuation alone match nothing useful; ℃ and 😀 do
        node = Term(text)
    return Not(node) if negate else node


def parse(text: str):
    """Parse a query string into a small tree of Term / And / Or / Not."""
    # white space of any kind (the full-width space an input method types) parts terms;
    # other unprintable characters mean nothing
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isprintable() or ch.isspace())
    # inside an ASCII "phrase" full-width quotes and brackets are literal text
    text = "".join(part if n % 2 else part.translate(_SYNTAX) for n, part in enumerate(_ASCII_PHRASE.split(text)))
    tree = _Parser(_lex(text)).expr()
    if isinstance(tree, Empty) and text.strip():
        # nothing but operators, quotes or brackets (OR, ", (), -): malformed
        # input is read as plain text, never refused
        return Term(" ".join(text.split()))
    return tree


def cover(term: str, words: list[str]) -> list[str]:
    """Longest words first, the fewest that cover the term without overlap.

    >>> cover("二十大精神", ["二十大", "二十", "十大", "精神"])
    ['二十大', '精神']
    """
    chars = folded_chars(term)
    taken = [False] * len(chars)
    out: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        at = chars.find(word)
        while at >= 0 and any(taken[at : at + len(word)]):
            at = chars.find(word, at + 1)
        if at >= 0:
            taken[at : at + len(word)] = [True] * len(word)
            out.append(word)
    return out


def _literal(fieldname: str, term: str):
    from whoosh import query as Q

    from papersearch.analysis.analyzers import literal_grams

    grams = literal_grams(term)
    if not grams:
        return Q.NullQuery
    if len(grams) == 1 and len(grams[0]) == 1:
        return Q.Prefix(fieldname, grams[0])
    if len(grams) == 1:
        return Q.Term(fieldname, grams[0])
    return Q.Phrase(fieldname, grams)
