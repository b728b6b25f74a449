"""Search an index: ranked hits with snippets, articles by id, explanations.

Ranking is Whoosh's BM25F with the headline block weighted above the body
and jieba word matches above bare character n-gram matches; an article whose
headline holds every query term ranks higher, and photo captions, ads and
fragments rank below articles.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from papersearch.errors import ForeignFolder, IndexDamaged, IndexMissing, PapersearchError, UnknownArticle
from papersearch.index.format import Manifest, check_sizes, is_index, readable_folder
from papersearch.model import Article
from papersearch.search.query import Empty, parse, positive_terms, to_whoosh, to_word_query
from papersearch.search.snippets import Snippet, make_snippet, match_spans

KIND_WEIGHT = {"article": 1.0, "fragment": 0.85, "headline": 0.7, "photo": 0.6, "ad": 0.3}
HEADLINE_BONUS = 1.3
# Hits are re-ranked from at least this many candidates beyond the limit asked for.
CANDIDATES = 100
# A query whose words match about this many articles (an estimate from
# document frequencies, the same at every limit) is ranked by its words alone.
BROAD = 1000


@dataclass
class Hit:
    rank: int
    score: float
    article: Article
    snippet: Snippet = field(default_factory=lambda: Snippet(""))

    def to_dict(self) -> dict:
        a = self.article
        return {
            "rank": self.rank,
            "id": a.id,
            "score": round(self.score, 4),
            "kind": a.kind,
            "kicker": a.kicker,
            "headline": a.headline,
            "subheads": a.subheads,
            "authors": a.authors,
            "file": a.file,
            "snippet": self.snippet.text,
            "highlights": [list(s) for s in self.snippet.spans],
        }


class Index:
    """A papersearch index opened for reading."""

    def __init__(self, folder: str | Path, user_dict: str | None = None):
        from whoosh import index as windex

        self.folder = readable_folder(Path(folder))
        if not self.folder.exists() or not any(self.folder.iterdir()):
            raise IndexMissing(f"no index at {self.folder}")
        if not is_index(self.folder):
            raise ForeignFolder(f"{self.folder}: not a papersearch index")
        self.manifest = Manifest(self.folder).load()
        check_sizes(self.folder, self.manifest.data.get("sizes", {}))
        self._cached = None
        self.warnings: list[str] = []
        self.user_dict = user_dict
        self.built_with = self.manifest.data.get("dictionary", "")
        self.used = ""
        if user_dict:
            from papersearch.text.segmenter import dict_fingerprint

            try:
                self.used = dict_fingerprint(user_dict)
            except OSError as err:
                raise PapersearchError(f"{user_dict}: cannot read dictionary ({err.strerror})") from None
        # No warning on a mismatch: search looks query words up in the index's
        # own vocabulary, so the dictionary given now changes no result; only
        # explain's jieba segmentation uses it, and explain says so.
        try:
            self.ix = windex.open_dir(str(self.folder))
        except Exception as err:  # whoosh raises many kinds on damaged files
            raise IndexDamaged(f"{self.folder}: cannot open the index ({err})") from None

    def close(self) -> None:
        if self._cached is not None:
            self._cached.close()
            self._cached = None
        self.ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- search
    def _searcher(self):
        """One searcher for the life of this Index, refreshed if the index changed."""
        if self._cached is None:
            self._cached = self.ix.searcher()
        else:
            self._cached = self._cached.refresh()
        return self._cached

    def search(self, text: str, limit: int = 10, snippets: int = 3, width: int = 120) -> list[Hit]:
        tree = parse(text)
        if isinstance(tree, Empty):
            raise PapersearchError("empty query: give at least one word to search for")
        terms = [t.text for t in positive_terms(tree) if t.field in ("", "headline")]
        searcher = self._searcher()
        known = functools.cache(functools.partial(indexed_words, searcher.reader()))
        exact = to_whoosh(tree, known)
        rough = to_word_query(tree, known)
        if rough is None or rough.estimate_size(searcher.reader()) < BROAD:
            hits = _best(searcher, exact, terms, limit)
        else:
            # Broad queries are ranked by their words alone (cheap postings;
            # the literal n-gram query of a common character reads thousands of
            # terms); a candidate must still hold every term literally. Articles
            # that hold the text but not the words follow them, in exact order.
            hits = _best(searcher, rough, terms, limit, keep=lambda a: _literally_holds(a, tree))
            if len(hits) < limit:
                have = {h.article.id for h in hits}
                hits += _best(searcher, exact, terms, limit - len(hits), keep=lambda a: a.id not in have)
        for rank, hit in enumerate(hits, 1):
            hit.rank = rank
            hit.snippet = make_snippet(hit.article.text or hit.article.title, terms, width=width, count=snippets)
        return hits

    def get(self, article_id: str) -> Article:
        with self.ix.searcher() as searcher:
            fields = searcher.document(id=article_id)
        if fields is None:
            raise UnknownArticle(f"no article with id {article_id!r}")
        return _unpack(fields["data"], self.folder)

    def articles(self):
        """Every article, in page and printed order."""
        with self.ix.searcher() as searcher:
            docs = [_unpack(f["data"], self.folder) for f in searcher.all_stored_fields()]
        docs.sort(key=lambda a: (a.file, a.ordinal))
        return docs

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        article = self.get(article_id)
        with self.ix.searcher() as searcher:
            docnum = searcher.document_number(id=article_id)
            results = searcher.more_like(docnum, "body", text=article.title + "\n" + article.text, top=limit, numterms=20)
            return [Hit(n, r.score, _article(r)) for n, r in enumerate(results, 1)]

    # --- about the index
    def stats(self) -> dict:
        kinds: dict[str, int] = {}
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            for kind in ("article", "fragment", "photo", "ad", "headline"):
                # live documents only: an updated page's old articles stay in their segment, deleted
                n = (
                    sum(1 for d in reader.postings("kind", kind).all_ids() if not reader.is_deleted(d))
                    if ("kind", kind) in reader
                    else 0
                )
                if n:
                    kinds[kind] = n
            terms = {name: sum(1 for _ in reader.lexicon(name)) for name in ("title", "body", "body_ng")}
            total = searcher.doc_count()
        size = sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())
        data = self.manifest.data
        return {
            "index": str(self.folder),
            "pages": len(data["files"]),
            "articles": total,
            "kinds": kinds,
            "terms": terms,
            "bytes": size,
            "built": data.get("built", ""),
            "dictionary": data.get("dictionary", ""),
            "versions": data.get("versions", {}),
        }

    def _dictionary_note(self) -> str:
        if self.built_with == self.used:
            return ""
        built = f"with {self.built_with}" if self.built_with else "without a user dictionary"
        used = self.used or "jieba's default dictionary"
        return f"the index was built {built}; jieba segments this query with {used}, but ranking uses the index's words"

    def explain(self, text: str, article_id: str | None = None) -> dict:
        from papersearch.analysis.analyzers import literal_grams, query_words
        from papersearch.text.normalize import fold

        tree = parse(text)
        from papersearch.text.segmenter import load_user_dict, use_default_dict

        if self.user_dict:
            load_user_dict(self.user_dict)
        else:
            use_default_dict()
        with self.ix.searcher() as searcher:
            known = functools.partial(indexed_words, searcher.reader())
            terms = [
                {
                    "term": t.text,
                    "field": t.field or "any",
                    "folded": fold(t.text),
                    "ngrams": literal_grams(t.text),
                    "segmented": query_words(t.text),
                    "words": known(t.text),
                }
                for t in positive_terms(tree)
            ]
            wq = None if isinstance(tree, Empty) else to_whoosh(tree, known)
        out: dict = {"query": text, "parsed": repr(tree), "terms": terms, "whoosh": str(wq) if wq is not None else ""}
        out["dictionary"] = {"index": self.built_with, "query": self.used, "note": self._dictionary_note()}
        if wq is None:
            return out
        if article_id:
            article = self.get(article_id)
            with self.ix.searcher() as searcher:
                from whoosh.query import Term as WTerm

                only = WTerm("id", article_id)
                res = searcher.search(wq, filter=only, limit=1)
                matched = bool(len(res))
                score = res[0].score if matched else 0.0
                known = functools.partial(indexed_words, searcher.reader())
                rough = to_word_query(tree, known)
                if matched and rough is not None and rough.estimate_size(searcher.reader()) >= BROAD:
                    # a broad query is ranked by its words, as search ranks it
                    by_words = searcher.search(rough, filter=only, limit=1)
                    if len(by_words) and _literally_holds(article, tree):
                        score = by_words[0].score
                # scored as query scores it: BM25F times the kind, headline and nearness bonus
                score *= _bonus(article, [t.text for t in positive_terms(tree) if t.field in ("", "headline")])
            out["article"] = {
                "id": article_id,
                "headline": article.headline,
                "matched": matched,
                "score": round(score, 4),
                "terms": [
                    {
                        "term": t.text,
                        "in_headline": bool(match_spans(article.title, [t.text])),
                        "in_text": bool(match_spans(article.text, [t.text])),
                        "in_authors": any(fold(t.text) in fold(a) for a in article.authors),
                    }
                    for t in positive_terms(tree)
                ],
            }
        return out


# Terms found close together (a phrase, or within a sentence) rank higher.
NEAR_BONUS = 1.15


def _literally_holds(article: Article, node) -> bool:
    """Whether the article holds every positive term of the query literally
    (negations and fields were already applied by the index)."""
    from papersearch.search.query import And, Or, Term

    if isinstance(node, Term):
        if node.field in ("author", "file", "kind"):
            return True
        where = article.title if node.field == "headline" else "\n".join((article.title, article.byline, article.text))
        return bool(match_spans(where, [node.text]))
    if isinstance(node, And):
        return all(_literally_holds(article, c) for c in node.children)
    if isinstance(node, Or):
        return any(_literally_holds(article, c) for c in node.children)
    return True


def _max_bonus(terms: list[str]) -> float:
    """No adjustment raises a score by more than this (kind weights are at
    most 1; nearness counts only between two terms or more)."""
    if not terms:
        return 1.0
    return HEADLINE_BONUS * (NEAR_BONUS if len(terms) > 1 else 1.0)


def _top(searcher, query, limit: int):
    """Whoosh's top hits by score, exactly. Its default collector swaps in
    cheaper matchers as the bar rises (dropping an ANDMAYBE's optional
    part, skipping blocks by an estimated best score); with phrases those
    estimates are wrong and better hits are missed, so a longer list could
    hold a hit above the top of a shorter one."""
    from whoosh.collectors import TopCollector

    collector = TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(query, collector)
    return collector.results()


def _best(searcher, query, terms: list[str], limit: int, keep=None) -> list[Hit]:
    """The limit best hits by BM25F score times _bonus, exactly: the order
    of the first k hits is the same whatever the limit.

    Whoosh ranks by the raw score; candidates are fetched best first until
    no hit left unseen (raw score at most the lowest seen) could beat the
    limit-th adjusted score even with the largest bonus."""
    pool = limit + CANDIDATES
    seen: dict[int, Hit | None] = {}
    while True:
        results = _top(searcher, query, pool)
        for r in results:
            if r.docnum not in seen:
                article = _article(r)
                seen[r.docnum] = Hit(0, r.score * _bonus(article, terms), article) if keep is None or keep(article) else None
        hits = sorted((h for h in seen.values() if h is not None), key=lambda h: (-h.score, h.article.id))
        if results.scored_length() < pool:
            return hits[:limit]
        floor = results[pool - 1].score
        if len(hits) >= limit and floor * _max_bonus(terms) < hits[limit - 1].score:
            return hits[:limit]
        pool *= 4


def _bonus(article: Article, terms: list[str]) -> float:
    """Kind, headline and proximity adjustments to a hit's BM25F score."""
    factor = KIND_WEIGHT.get(article.kind, 1.0)
    if not terms:
        return factor
    if all(match_spans(article.title, [t]) for t in terms):
        factor *= HEADLINE_BONUS
    if len(terms) > 1:
        spans = match_spans(article.text, terms)
        window = _tightest_window(spans, len(terms))
        if window is not None and window <= 2 * sum(len(t) for t in terms) + 20:
            factor *= NEAR_BONUS
    return factor


def _tightest_window(spans: list[tuple[int, int, int]], wanted: int) -> int | None:
    """Length of the shortest stretch holding a match of every term."""
    best = None
    last: dict[int, tuple[int, int]] = {}
    for start, end, n in spans:
        last[n] = (start, end)
        if len(last) == wanted:
            lo = min(a for a, _ in last.values())
            hi = max(b for _, b in last.values())
            best = hi - lo if best is None else min(best, hi - lo)
    return best


# Words are looked up inside at most this many leading characters of a term.
WORD_LOOKUP_CHARS = 24
MAX_WORD = 8


def indexed_words(reader, term: str) -> list[str]:
    """The words of the index that stand inside a query term, longest first.

    Looking them up in the index's own vocabulary, instead of segmenting the
    query, keeps jieba out of the query path (0.1 s to load) and matches the
    words exactly as the pages were segmented.
    """
    from papersearch.text.normalize import fold

    chars = "".join(ch for ch in fold(term) if not ch.isspace())[:WORD_LOOKUP_CHARS]
    found: list[str] = []
    for size in range(min(MAX_WORD, len(chars)), 0, -1):
        for start in range(len(chars) - size + 1):
            word = chars[start : start + size]
            if word in found or (size == 1 and len(chars) > 1):
                continue
            if ("title", word) in reader or ("body", word) in reader:
                found.append(word)
    return found


def _article(result) -> Article:
    return _unpack(result["data"], "the index")


def _unpack(data, folder) -> Article:
    try:
        return Article.unpack(data)
    except (ValueError, TypeError, KeyError) as err:
        raise IndexDamaged(f"{folder}: an article in the index is damaged ({err})") from None


def warn(message: str) -> None:
    if os.environ.get("PAPERSEARCH_QUIET") != "1":
        print(f"papersearch: warning: {message}", file=sys.stderr)
