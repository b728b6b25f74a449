"""Lexical cohesion between passages of one page, on Han character bigrams.

A headline shares content words and names with its own body far more than
with its neighbours', and the paragraphs of one article share more with each
other than with the next article. Bigrams weighted by how rare they are on the
page measure both without a dictionary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from .textfix import HAN

_HAN_RUN = re.compile(f"[{HAN}]+")


@lru_cache(maxsize=8192)
def bigrams(text: str) -> Counter:
    grams: Counter = Counter()
    for run in _HAN_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


class Lexicon:
    """Bigram rarity over the passages of one page."""

    def __init__(self, passages: list[str]):
        self.df: Counter = Counter()
        for passage in passages:
            self.df.update(set(bigrams(passage)))
        self.n = max(len(passages), 1)
        self._idf: dict[str, float] = {}

    def idf(self, gram: str) -> float:
        value = self._idf.get(gram)
        if value is None:
            value = self._idf[gram] = math.log((self.n + 1) / (self.df.get(gram, 0) + 0.5))
        return value

    def containment(self, short: str, long: str) -> float:
        """Share (by rarity) of short's bigrams that occur in long."""
        wanted = bigrams(short)
        have = bigrams(long)
        total = sum(self.idf(g) for g in wanted)
        if not total:
            return 0.0
        return sum(self.idf(g) for g in wanted if g in have) / total

    def cosine(self, a: str, b: str) -> float:
        return self.cosine_counts(bigrams(a), bigrams(b))

    def cosine_counts(self, a: Counter, b: Counter) -> float:
        """Cosine of two bigram counts, such as sums of paragraphs' counts."""
        va, vb = self._weigh(a), self._weigh(b)
        dot = sum(w * vb.get(g, 0.0) for g, w in va.items())
        norm = math.sqrt(sum(w * w for w in va.values())) * math.sqrt(sum(w * w for w in vb.values()))
        return dot / norm if norm else 0.0

    def _weigh(self, counts: Counter) -> dict[str, float]:
        return {g: (1 + math.log(c)) * self.idf(g) for g, c in counts.items() if c > 0}
