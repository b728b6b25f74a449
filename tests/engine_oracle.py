"""The grep oracle and random queries, for checking that an engine finds what the embedded index finds.

The oracle reads the query tree and looks for every term in the article's
text itself (folded, white space removed), field by field as the index
holds them: what `grep` over the articles would say.
"""

from __future__ import annotations

import functools
import random

from papersearch.model import Article
from papersearch.search.query import And, Not, Or, Term, parse
from papersearch.text.normalize import fold


def _flat(text: str) -> str:
    return "".join(fold(text).split())


def holds(article: Article, node) -> bool:
    if isinstance(node, Term):
        return _term_holds(article, node)
    if isinstance(node, Not):
        return not holds(article, node.child)
    if isinstance(node, And):
        return all(holds(article, c) for c in node.children)
    if isinstance(node, Or):
        return any(holds(article, c) for c in node.children)
    return False


def _term_holds(article: Article, term: Term) -> bool:
    if term.field == "author":
        names = [a.strip().lower() for a in ",".join(article.authors).split(",") if a.strip()]
        return any(fold(term.text).lower() in n for n in names)
    if term.field == "file":
        return term.text in article.file
    if term.field == "kind":
        return article.kind == term.text.lower()
    needle = _flat(term.text)
    if not needle:
        return False
    title = "\n".join(p for p in [article.kicker, article.headline, *article.subheads] if p)
    body = f"{article.byline}\n{article.text}" if article.byline else article.text
    return needle in _flat(title) or (term.field != "headline" and needle in _flat(body))


def oracle(articles: list[Article], query: str) -> set[str]:
    tree = parse(query)
    return {a.id for a in articles if holds(a, tree)}


def embedded_ids(index, query: str) -> set[str]:
    """Every article the embedded index matches (its exact query, no limit)."""
    from papersearch.search.vocabulary import indexed_words

    with index.ix.searcher() as searcher:
        known = functools.partial(indexed_words, searcher.reader())
        results = searcher.search(parse(query).to_whoosh(known), limit=None)
        return {r["id"] for r in results}


def _piece(rng: random.Random, text: str, low: int, high: int) -> str:
    chars = [ch for ch in text if ch.isalnum()]
    if not chars:
        return ""
    size = rng.randint(low, high)
    start = rng.randrange(max(1, len(chars) - size + 1))
    return "".join(chars[start : start + size])


def random_queries(articles: list[Article], count: int, seed: int = 7) -> list[str]:
    """Literal substrings, phrases, field and boolean queries drawn from the articles' own text."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        a, b = rng.sample(articles, 2)
        x, y = _piece(rng, a.text, 1, 5), _piece(rng, b.text or b.title, 2, 4)
        if not x or not y:
            continue
        shapes = [
            x,
            f'"{_piece(rng, a.text, 3, 8)}"',
            f"headline:{_piece(rng, a.headline, 1, 3)}" if a.headline else x,
            f"author:{rng.choice(a.authors)[:2]}" if a.authors else y,
            f"file:{a.file.rsplit('/', 1)[-1][:5]}",
            f"kind:{rng.choice(['photo', 'ad', 'fragment'])} {x[:1]}",
            f"{x} OR {y}",
            f"{x} -{y}",
            f"({x} OR {y}) {_piece(rng, a.text, 1, 2)}",
            f"{x} NOT {y[:1]}",
            f"-{y}",
        ]
        query = rng.choice(shapes)
        if query.strip() and query not in out:
            out.append(query)
    return out
