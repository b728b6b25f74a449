"""How hits are ranked, in one place: every constant that orders results.

A hit's score is Whoosh's BM25F over the article's fields (the headline's
words weigh ``TITLE_BOOST`` times the body's: ``index.format``) times the
adjustments below. ``Index(folder, ranking=Ranking(...))`` takes another set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from papersearch.search.snippets import match_spans


def _kind_weights() -> dict[str, float]:
    # a reader looking for a story wants the article before its photo or an ad naming it
    return {"article": 1.0, "fragment": 0.85, "headline": 0.7, "photo": 0.6, "ad": 0.3}


@dataclass(frozen=True)
class Ranking:
    kind_weight: dict[str, float] = field(default_factory=_kind_weights)
    # an article whose headline holds every query term is about them
    headline_bonus: float = 1.3
    # terms found close together (a phrase, or within a sentence) rank higher...
    near_bonus: float = 1.15
    # ...when the shortest stretch holding them all is at most this many times
    # their length, plus near_slack characters (about a sentence of news prose)
    near_factor: int = 2
    near_slack: int = 20
    # hits are re-ranked from at least this many candidates beyond the limit asked for
    candidates: int = 100
    # a query whose words match about this many articles (an estimate from
    # document frequencies, the same at every limit) is ranked by its words alone
    broad: int = 1000

    def bonus(self, article, terms: list[str]) -> float:
        """Kind, headline and nearness adjustments to a hit's BM25F score.

        >>> from papersearch.model import Article
        >>> Ranking().bonus(Article("a", "f", 1, kind="photo", headline="杂交水稻"), ["杂交水稻"])
        0.78
        """
        factor = self.kind_weight.get(article.kind, 1.0)
        if not terms:
            return factor
        if all(match_spans(article.title, [t]) for t in terms):
            factor *= self.headline_bonus
        if len(terms) > 1:
            window = tightest_window(match_spans(article.text, terms), len(terms))
            if window is not None and window <= self.near_factor * sum(len(t) for t in terms) + self.near_slack:
                factor *= self.near_bonus
        return factor

    def max_bonus(self, terms: list[str]) -> float:
        """No adjustment raises a score by more than this (kind weights are at
        most 1; nearness counts only between two terms or more)."""
        if not terms:
            return 1.0
        return self.headline_bonus * (self.near_bonus if len(terms) > 1 else 1.0)


def tightest_window(spans: list[tuple[int, int, int]], wanted: int) -> int | None:
    """Length of the shortest stretch holding a match of every term.

    >>> tightest_window([(0, 2, 0), (10, 12, 1), (14, 16, 0)], 2)
    6
    """
    best = None
    last: dict[int, tuple[int, int]] = {}
    for start, end, n in spans:
        last[n] = (start, end)
        if len(last) == wanted:
            lo = min(a for a, _ in last.values())
            hi = max(b for _, b in last.values())
            best = hi - lo if best is None else min(best, hi - lo)
    return best
