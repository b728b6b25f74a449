"""Articles as Sphinx documents, and the query language as SphinxQL MATCH.

papersearch folds and segments the text itself (jieba words, and the
character bigrams the embedded index matches literally), so the engine's own
tokenizer must change nothing: every token is sent as the hex of its UTF-8
bytes, a word of ``0-9a-f`` that any ``charset_table`` keeps whole, never
needs escaping in MATCH, and is the same on Sphinx 2.2 and Manticore. Tokens
too long for the engine's word limit (42 bytes) are hashed; only jieba words
are, and words only rank, they never decide a match.

>>> token("杂交")
'e69d82e4baa4'
>>> to_match(parse('杂交 -"水稻田"'))
'((@title_ng e69d82e4baa4 | @body_ng e69d82e4baa4) -((@title_ng "e6b0b4e7a8bb e7a8bbe794b0" | @body_ng "e6b0b4e7a8bb e7a8bbe794b0")))'
>>> to_match(parse("疫"))
'(@title_ng e796ab* | @body_ng e796ab*)'
"""

from __future__ import annotations

import hashlib
import zlib

from papersearch.analysis.analyzers import NgramTokenizer, WordAnalyzer, literal_grams
from papersearch.archive.filters import ARCHIVE_FIELDS
from papersearch.errors import PapersearchError
from papersearch.index.ingest import article_fields
from papersearch.model import Article
from papersearch.search.query import And, Not, Or, Term, parse
from papersearch.search.vocabulary import MAX_WORD, WORD_LOOKUP_CHARS
from papersearch.text.normalize import fold

FULLTEXT = ("title_w", "body_w", "title_ng", "body_ng", "author", "file", "kind")
# Every document holds this token in its kind field: what a query of negations alone subtracts from.
EVERY = "@kind zall"
# A token no document holds: what a term with no characters matches.
NOTHING = "@kind znone"
# Between two author names, so that a substring never spans two of them.
NAME_GAP = "zz"
MAX_TOKEN = 40
FIELD_WEIGHTS = {"title_w": 8, "body_w": 3, "title_ng": 3, "body_ng": 1, "author": 1, "file": 1, "kind": 1}
# Sphinx ranks by BM25 (Whoosh's k1 and b, over the whole document) and then by the matched keywords
# per field, weighted; papersearch multiplies by the kind weight and re-ranks the engine's best
# candidates with its headline and nearness bonus. Of the rankers tried (proximity_bm25, bm25,
# bm25f, tf_idf sums) this one gave the embedded index's top 10 most often (scripts/engine_equality.py).
RANKER = "expr('bm25a(1.2,0.75)*1000+sum(word_count*user_weight)')"


def token(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) * 2 <= MAX_TOKEN:
        return data.hex()
    return "x" + hashlib.blake2b(data, digest_size=16).hexdigest()[: MAX_TOKEN - 1]


def doc_id(article_id: str) -> int:
    """A stable 63-bit document id for an article id (Sphinx wants integers)."""
    return int.from_bytes(hashlib.sha1(article_id.encode("utf-8")).digest()[:8], "big") >> 1 or 1


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article lives on: a stable hash of its id."""
    return zlib.crc32(article_id.encode("utf-8")) % shards


def _substring_tokens(value: str) -> list[str]:
    """Bigrams of a string and its last character alone: a substring is then a phrase of them."""
    if not value:
        return []
    return [token(a + b) for a, b in zip(value, value[1:], strict=False)] + [token(value[-1])]


def document(article: Article, key: str, kind_weight: float, dictionary=None) -> dict:
    """The Sphinx document of an article: full-text fields and attributes,
    its words segmented with the user dictionary (a ``UserDictionary``) given."""
    fields = article_fields(article, key)
    words, grams = WordAnalyzer(dictionary), NgramTokenizer()
    # as Whoosh's KEYWORD(lowercase, commas) field holds them
    authors = [a.strip().lower() for a in fields["author"].split(",") if a.strip()]
    return {
        "id": doc_id(article.id),
        "title_w": " ".join(map(token, words.texts(fields["title"]))),
        "body_w": " ".join(map(token, words.texts(fields["body"]))),
        "title_ng": " ".join(map(token, grams.texts(fields["title_ng"]))),
        "body_ng": " ".join(map(token, grams.texts(fields["body_ng"]))),
        "author": f" {NAME_GAP} ".join(" ".join(_substring_tokens(a)) for a in authors),
        "file": " ".join(_substring_tokens(article.file)),
        "kind": f"{token(article.kind)} zall",
        "aid": article.id,
        "fkey": key,
        "akind": article.kind,
        "kindw": round(kind_weight * 100),
        "data": article.pack(),
    }


def _substring(field: str, text: str) -> str:
    if not text:
        return NOTHING
    if len(text) == 1:
        return f"@{field} {token(text)}*"
    return f'@{field} "{" ".join(token(a + b) for a, b in zip(text, text[1:], strict=False))}"'


def _literal(field: str, text: str) -> str:
    grams = literal_grams(text)
    if not grams:
        return NOTHING
    if len(grams) == 1:
        return f"@{field} {token(grams[0])}" + ("*" if len(grams[0]) == 1 else "")
    return f'@{field} "{" ".join(map(token, grams))}"'


def _term(term: Term) -> str:
    # the same fields and matching as query.Term.to_whoosh, over the embedded index
    if term.field in ARCHIVE_FIELDS:
        raise PapersearchError(f"{term.field}: is not available over sphinxql yet (use --paper, --since, --until)")
    if term.field == "author":
        return _substring("author", fold(term.text).lower())
    if term.field == "file":
        return _substring("file", term.text)
    if term.field == "kind":
        return f"@kind {token(term.text.lower())}"
    if term.field == "headline":
        return _literal("title_ng", term.text)
    return f"({_literal('title_ng', term.text)} | {_literal('body_ng', term.text)})"


def to_match(node) -> str:
    """The MATCH expression that finds exactly what query.to_whoosh finds."""
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Not):
        return f"({EVERY} -({to_match(node.child)}))"
    if isinstance(node, Or):
        return "(" + " | ".join(to_match(c) for c in node.children) + ")"
    if isinstance(node, And):
        positive = [to_match(c) for c in node.children if not isinstance(c, Not)] or [EVERY]
        negative = [f"-({to_match(c.child)})" for c in node.children if isinstance(c, Not)]
        return "(" + " ".join(positive + negative) + ")"
    return NOTHING


def inner_words(term: str) -> list[str]:
    """Every string inside a term that could be an indexed word, as search.indexed_words
    looks them up (the engine ignores the ones it does not hold): no jieba on the query path.

    >>> inner_words("措施")
    ['措施']
    >>> inner_words("疫")
    ['疫']
    """
    chars = "".join(ch for ch in fold(term) if not ch.isspace())[:WORD_LOOKUP_CHARS]
    found: list[str] = []
    for size in range(min(MAX_WORD, len(chars)), 0, -1):
        if size == 1 and len(chars) > 1:
            break
        found += [w for w in (chars[i : i + size] for i in range(len(chars) - size + 1)) if w not in found]
    return found


def ranked_match(tree) -> str:
    """to_match, plus the words inside the query's terms as an optional part that only ranks:
    every document holds EVERY, so ``(words | EVERY)`` never narrows the match. (Sphinx
    2.2.11's MAYBE operator drops documents without the optional part, so it is not used.)"""
    words: list[str] = []
    for term in tree.terms():
        if term.is_text:
            words += [w for w in inner_words(term.text) if w not in words]
    match = to_match(tree)
    if not words:
        return match
    alternatives = " | ".join(token(w) for w in words)
    return f"{match} (@(title_w,body_w) ({alternatives}) | {EVERY})"


__all__ = ["FULLTEXT", "FIELD_WEIGHTS", "RANKER", "document", "doc_id", "parse", "ranked_match", "shard_of", "to_match", "token"]
