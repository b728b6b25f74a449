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
from papersearch.index.format import Fields, Manifest, check_sizes, is_index, readable_folder
from papersearch.model import Article
from papersearch.search.about import Explanation, IndexStats, explain, index_stats
from papersearch.search.query import Empty, parse
from papersearch.search.ranking import Ranking
from papersearch.search.snippets import Snippet, make_snippet
from papersearch.search.vocabulary import indexed_words


@dataclass
class Hit:
    rank: int
    score: float
    article: Article
    snippet: Snippet = field(default_factory=lambda: Snippet(""))
    parts: list = field(default_factory=list)  # archive.continuations.Part, for an article printed in parts
    continued: list[str] = field(default_factory=list)  # parts not in the index: "continued on page 3 (not indexed)"

    def to_dict(self) -> dict:
        a = self.article
        out = {
            "rank": self.rank,
            "id": a.id,
            "score": round(self.score, 4),
            "kind": a.kind,
            "kicker": a.kicker,
            "headline": a.headline,
            "subheads": a.subheads,
            "authors": a.authors,
            "paper": a.paper,
            "date": a.date,
            "page": a.page,
            "page_label": a.page_label,
            "section": a.section,
            "event_date": a.event_date,
            "file": a.file,
            "snippet": self.snippet.text,
            "highlights": [list(s) for s in self.snippet.spans],
        }
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
            out["continued"] = self.continued
        return out


class Index:
    """A papersearch index opened for reading."""

    def __init__(self, folder: str | Path, user_dict: str | None = None, ranking: Ranking | None = None):
        from whoosh import index as windex

        self.folder = readable_folder(Path(folder))
        if not self.folder.exists() or not any(self.folder.iterdir()):
            raise IndexMissing(f"no index at {self.folder}")
        if not is_index(self.folder):
            raise ForeignFolder(f"{self.folder}: not a papersearch index")
        self.manifest = Manifest(self.folder).load()
        check_sizes(self.folder, self.manifest.data.get("sizes", {}))
        self.ranking = ranking or Ranking()
        self._cached = None
        self._years = None  # the years the pages are dated in, read from the manifest once
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

    def search(
        self, text: str, limit: int = 10, snippets: int = 3, width: int = 120, where=None, sort: str = "score"
    ) -> list[Hit]:
        """The best hits (or, with sort date / -date, the first by date); where
        is an archive.filters.Filter. An article printed in parts is one hit."""
        from papersearch.archive.ranking import one_per_article
        from papersearch.search.filters import restrict

        tree = parse(text)
        if isinstance(tree, Empty):
            raise PapersearchError("empty query: give at least one word to search for")
        terms = [t.text for t in tree.terms() if t.is_text]
        searcher = self._searcher()
        known = functools.cache(functools.partial(indexed_words, searcher.reader()))
        with self._dated():  # an open date range ends at the years the pages are dated in
            exact = restrict(tree.to_whoosh(known), where)
            rough = restrict(tree.to_words(known), where)
        wanted = limit
        while True:  # parts of one article count once: ask for more until limit articles
            hits = self._ranked(searcher, tree, exact, rough, terms, wanted, sort)
            joined = one_per_article(searcher, hits)
            if len(joined) >= limit or len(hits) < wanted:
                break
            wanted += len(hits) - len(joined)
        hits = joined[:limit]
        for rank, hit in enumerate(hits, 1):
            hit.rank = rank
            hit.snippet = make_snippet(hit.article.text or hit.article.title, terms, width=width, count=snippets)
        return hits

    def _ranked(self, searcher, tree, exact, rough, terms, limit: int, sort: str) -> list[Hit]:
        rank = self.ranking
        if sort != "score":
            from papersearch.archive.ranking import date_order

            scored = {r.docnum: r.score for r in searcher.search(exact, limit=None)}
            by_doc = {_article(searcher.stored_fields(d)).id: (d, s) for d, s in scored.items()}
            found = date_order([_article(searcher.stored_fields(d)) for d in scored], newest_first=sort == "-date")
            return [Hit(0, by_doc[a.id][1] * rank.bonus(a, terms), a) for a in found[:limit]]
        if rough is None or rough.estimate_size(searcher.reader()) < rank.broad:
            hits = _best(searcher, exact, terms, limit, rank)
        else:
            # Broad queries are ranked by their words alone (cheap postings;
            # the literal n-gram query of a common character reads thousands of
            # terms); a candidate must still hold every term literally. Articles
            # that hold the text but not the words follow them, in exact order.
            hits = _best(searcher, rough, terms, limit, rank, keep=tree.holds)
            if len(hits) < limit:
                have = {h.article.id for h in hits}
                hits += _best(searcher, exact, terms, limit - len(hits), rank, keep=lambda a: a.id not in have)
        return hits

    def get(self, article_id: str) -> Article:
        with self.ix.searcher() as searcher:
            fields = searcher.document(**{Fields.ID: article_id})
        if fields is None:
            raise UnknownArticle(f"no article with id {article_id!r}")
        return _unpack(fields[Fields.DATA], self.folder)

    def articles(self, where=None, sort: str = "file"):
        """Every article (passing the archive.filters.Filter where), in page and
        printed order, or by date (sort date / -date)."""
        with self.ix.searcher() as searcher:
            if where:
                from whoosh import query as Q

                from papersearch.search.filters import filter_queries

                with self._dated():
                    wanted = Q.And(filter_queries(where))
                found = searcher.docs_for_query(wanted)
                docs = [_unpack(searcher.stored_fields(d)[Fields.DATA], self.folder) for d in found]
            else:
                docs = [_unpack(f[Fields.DATA], self.folder) for f in searcher.all_stored_fields()]
        docs.sort(key=lambda a: (a.file, a.ordinal))
        if sort in ("date", "-date"):
            from papersearch.archive.ranking import date_order

            docs = date_order(docs, newest_first=sort == "-date")
        return docs

    def _dated(self):
        from papersearch.archive.datecover import years_of, years_within

        if self._years is None:
            self._years = years_of(self.manifest.files)
        return years_within(*self._years)

    def whole(self, article_id: str):
        """The article with every part it was printed in (archive.continuations.Joined)."""
        from papersearch.archive.continuations import join

        article = self.get(article_id)
        with self.ix.searcher() as searcher:
            return join(searcher, article)

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        article = self.get(article_id)
        with self.ix.searcher() as searcher:
            docnum = searcher.document_number(**{Fields.ID: article_id})
            results = searcher.more_like(docnum, Fields.BODY, text=article.title + "\n" + article.text, top=limit, numterms=20)
            return [Hit(n, r.score, _article(r)) for n, r in enumerate(results, 1)]

    # --- about the index
    def stats(self) -> IndexStats:
        """Counts, size and provenance of the index."""
        return index_stats(self)

    def explain(self, text: str, article_id: str | None = None) -> Explanation:
        """How the query is read, and (given an article id) whether and how
        that article matches and scores."""
        return explain(self, text, article_id)

    def dictionary_note(self) -> dict[str, str]:
        note = ""
        if self.built_with != self.used:
            built = f"with {self.built_with}" if self.built_with else "without a user dictionary"
            used = self.used or "jieba's default dictionary"
            note = f"the index was built {built}; jieba segments this query with {used}, but ranking uses the index's words"
        return {"index": self.built_with, "query": self.used, "note": note}


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


def _best(searcher, query, terms: list[str], limit: int, rank: Ranking, keep=None) -> list[Hit]:
    """The limit best hits by BM25F score times _bonus, exactly: the order
    of the first k hits is the same whatever the limit.

    Whoosh ranks by the raw score; candidates are fetched best first until
    no hit left unseen (raw score at most the lowest seen) could beat the
    limit-th adjusted score even with the largest bonus."""
    pool = limit + rank.candidates
    seen: dict[int, Hit | None] = {}
    while True:
        results = _top(searcher, query, pool)
        for r in results:
            if r.docnum not in seen:
                article = _article(r)
                seen[r.docnum] = Hit(0, r.score * rank.bonus(article, terms), article) if keep is None or keep(article) else None
        hits = sorted((h for h in seen.values() if h is not None), key=lambda h: (-h.score, h.article.id))
        if results.scored_length() < pool:
            return hits[:limit]
        floor = results[pool - 1].score
        if len(hits) >= limit and floor * rank.max_bonus(terms) < hits[limit - 1].score:
            return hits[:limit]
        pool *= 4


def _article(result) -> Article:
    return _unpack(result[Fields.DATA], "the index")


def _unpack(data, folder) -> Article:
    try:
        return Article.unpack(data)
    except (ValueError, TypeError, KeyError) as err:
        raise IndexDamaged(f"{folder}: an article in the index is damaged ({err})") from None


def warn(message: str) -> None:
    if os.environ.get("PAPERSEARCH_QUIET") != "1":
        print(f"papersearch: warning: {message}", file=sys.stderr)
