"""Lexical cohesion between passages of one page, on Han character bigrams.

A headline shares content words and names with its own body far more than
with its neighbours', and the paragraphs of one article share more with each
other than with the next article. Bigrams weighted by how rare they are on the
page measure both without a dictionary.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from papersearch.split.textfix import HAN

_HAN_RUN = re.compile(f"[{HAN}]+")


def bigrams(text: str) -> Counter:
    """Han character bigrams of a text, within runs of Han characters.

    >>> sorted(bigrams("二十条，措施").items())
    [('二十', 1), ('十条', 1), ('措施', 1)]
    """
    runs = _HAN_RUN.findall(text)
    return Counter(chain.from_iterable(map(operator.add, run, run[1:]) for run in runs))


class Lexicon:
    """Bigram rarity over the passages of one page. It remembers the bigrams
    of each text it is asked about, so it lives as long as its page (a cache
    shared across pages grew to 100 MB in a long indexing run)."""

    def __init__(self, passages: list[str]):
        self._grams: dict[str, Counter] = {}
        df: Counter = Counter()
        for passage in passages:
            df.update(set(self.bigrams(passage)))
        self.n = max(len(passages), 1)
        self._idf = {gram: math.log((self.n + 1) / (count + 0.5)) for gram, count in df.items()}
        self._unseen = math.log((self.n + 1) / 0.5)

    def bigrams(self, text: str) -> Counter:
        grams = self._grams.get(text)
        if grams is None:
            grams = self._grams[text] = bigrams(text)
        return grams

    def containment(self, short: str, long: str) -> float:
        """Share (by rarity) of short's bigrams that occur in long."""
        wanted = self.bigrams(short)
        have = self.bigrams(long)
        idf, unseen = self._idf.get, self._unseen
        total = sum(idf(g, unseen) for g in wanted)
        if not total:
            return 0.0
        return sum(idf(g, unseen) for g in wanted if g in have) / total

    def cosine(self, a: str, b: str) -> float:
        return cosine_vectors(self.vector(self.bigrams(a)), self.vector(self.bigrams(b)))

    def vector(self, counts: Counter) -> Vector:
        """tf-idf weights of bigram counts, with their norm, for cosine_vectors."""
        idf, unseen, log = self._idf.get, self._unseen, math.log
        weights = {g: (1 + log(c)) * idf(g, unseen) for g, c in counts.items() if c > 0}
        return Vector(weights, math.sqrt(sum(w * w for w in weights.values())))


@dataclass
class Vector:
    weights: dict[str, float]
    norm: float


def cosine_vectors(a: Vector, b: Vector) -> float:
    if not a.norm or not b.norm:
        return 0.0
    other = b.weights.get
    return sum(w * other(g, 0.0) for g, w in a.weights.items()) / (a.norm * b.norm)
