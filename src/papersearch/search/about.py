"""What an index can say about itself and about a query: ``IndexStats`` and
``Explanation``, plain dataclasses that ``render`` formats for a terminal and
``to_dict`` gives as JSON."""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field

from papersearch.index.format import Fields
from papersearch.model import ARTICLE_KINDS
from papersearch.search.query import Empty, parse
from papersearch.search.snippets import match_spans
from papersearch.search.vocabulary import indexed_words


@dataclass
class IndexStats:
    index: str
    pages: int
    articles: int  # live articles (an updated page's old ones are not counted)
    kinds: dict[str, int]  # article kind -> count, kinds with none left out
    terms: dict[str, int]  # index field -> distinct terms
    bytes: int
    built: str  # ISO time of the last run that changed the index
    dictionary: str  # the user dictionary it was built with ("" for jieba's)
    versions: dict[str, str]
    papers: list = field(default_factory=list)  # archive.summary.PaperSummary, by paper name
    undated_pages: int = 0  # pages that print no date and whose path gives none

    @property
    def words(self) -> int:
        return self.terms.get(Fields.TITLE, 0) + self.terms.get(Fields.BODY, 0)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class TermExplanation:
    term: str
    field: str  # "any", or the field the term is restricted to
    folded: str
    ngrams: list[str]  # what literal matching looks up
    segmented: list[str]  # jieba's words for the term, with the dictionary given
    words: list[str]  # the index's own words inside the term, which rank


@dataclass
class TermPresence:
    term: str
    in_headline: bool
    in_text: bool
    in_authors: bool


@dataclass
class ArticleMatch:
    id: str
    headline: str
    matched: bool
    score: float  # as query ranks it: BM25F times the kind, headline and nearness bonus
    terms: list[TermPresence]


@dataclass
class Explanation:
    query: str
    parsed: str
    terms: list[TermExplanation]
    whoosh: str
    dictionary: dict[str, str]  # index, query, note
    article: ArticleMatch | None = None
    extra: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        if self.article is None:
            data.pop("article")
        return data


def index_stats(index) -> IndexStats:
    from papersearch.archive.summary import papers

    with index.ix.searcher() as searcher:
        reader = searcher.reader()
        kinds: dict[str, int] = {}
        for kind in ARTICLE_KINDS:
            # live documents only: an updated page's old articles stay in their segment, deleted
            if (Fields.KIND, kind) in reader:
                n = sum(1 for d in reader.postings(Fields.KIND, kind).all_ids() if not reader.is_deleted(d))
                if n:
                    kinds[kind] = n
        terms = {name: sum(1 for _ in reader.lexicon(name)) for name in (Fields.TITLE, Fields.BODY, Fields.BODY_NGRAMS)}
        total = searcher.doc_count()
    data = index.manifest.data
    return IndexStats(
        index=str(index.folder),
        pages=len(data["files"]),
        articles=total,
        kinds=kinds,
        terms=terms,
        bytes=sum(p.stat().st_size for p in index.folder.rglob("*") if p.is_file()),
        built=data.get("built", ""),
        dictionary=data.get("dictionary", ""),
        versions=data.get("versions", {}),
        papers=papers(data["files"]),
        undated_pages=sum(1 for f in data["files"].values() if not (f.get("meta") or {}).get("date")),
    )


def explain(index, text: str, article_id: str | None = None) -> Explanation:
    from papersearch.analysis.analyzers import literal_grams, query_words
    from papersearch.text.normalize import fold
    from papersearch.text.segmenter import read_user_dict

    tree = parse(text)
    dictionary = read_user_dict(index.user_dict) if index.user_dict else None
    with index.ix.searcher() as searcher:
        known = functools.partial(indexed_words, searcher.reader())
        terms = [
            TermExplanation(
                t.text, t.field or "any", fold(t.text), literal_grams(t.text), query_words(t.text, dictionary), known(t.text)
            )
            for t in tree.terms()
        ]
        whoosh = None if isinstance(tree, Empty) else tree.to_whoosh(known)
    out = Explanation(text, repr(tree), terms, str(whoosh) if whoosh is not None else "", index.dictionary_note())
    if whoosh is not None and article_id:
        out.article = _article_match(index, tree, whoosh, article_id)
    return out


def _article_match(index, tree, whoosh, article_id: str) -> ArticleMatch:
    from whoosh.query import Term as WTerm

    from papersearch.text.normalize import fold

    article = index.get(article_id)
    with index.ix.searcher() as searcher:
        only = WTerm(Fields.ID, article_id)
        res = searcher.search(whoosh, filter=only, limit=1)
        matched = bool(len(res))
        score = res[0].score if matched else 0.0
        rough = tree.to_words(functools.partial(indexed_words, searcher.reader()))
        if matched and rough is not None and rough.estimate_size(searcher.reader()) >= index.ranking.broad:
            # a broad query is ranked by its words, as search ranks it
            by_words = searcher.search(rough, filter=only, limit=1)
            if len(by_words) and tree.holds(article):
                score = by_words[0].score
        score *= index.ranking.bonus(article, [t.text for t in tree.terms() if t.is_text])
    presence = [
        TermPresence(
            t.text,
            bool(match_spans(article.title, [t.text])),
            bool(match_spans(article.text, [t.text])),
            any(fold(t.text) in fold(a) for a in article.authors),
        )
        for t in tree.terms()
    ]
    return ArticleMatch(article_id, article.headline, matched, round(score, 4), presence)
