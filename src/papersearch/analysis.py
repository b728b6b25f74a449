"""Text analysis for the index: jieba words and character n-grams, side by side.

Each analyzer is a Whoosh tokenizer over the folded text (see normalize), so
the same string gives the same tokens at index and at query time. Token
offsets are offsets in the printed text.

Words, for ranking (search mode adds the short words inside long ones):

>>> [t.text for t in WordAnalyzer()("二十条措施，")]
['二十', '十条', '二十条', '措施']

Bigrams over the text with white space taken out, each at its character
position, plus the last character alone, for grep-like literal matching and
exact phrases:

>>> [(t.text, t.pos) for t in NgramAnalyzer()("雜交 水稻", positions=True)]
[('杂交', 0), ('交水', 1), ('水稻', 2), ('稻', 3)]
"""

from __future__ import annotations

import unicodedata

from whoosh.analysis import Token, Tokenizer

from .normalize import fold


def _is_wordlike(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


class JiebaTokenizer(Tokenizer):
    """Words of the folded text by jieba (rjieba), search mode by default."""

    def __init__(self, search: bool = True):
        self.search = search

    def __eq__(self, other):
        return type(other) is type(self) and other.search == self.search

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        **kwargs,
    ):
        from .segmenter import tokens  # deferred: opening an index must not load jieba

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for word, start, end in tokens(fold(value), search=self.search):
            word = word.strip()
            if not word or not _is_wordlike(word):
                continue
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            pos += 1
            yield token


class NgramTokenizer(Tokenizer):
    """Overlapping character bigrams of the folded, white-space-free text; the
    last character is also emitted alone so one-character queries match."""

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        folded = fold(value)
        kept = [(i, ch) for i, ch in enumerate(folded) if not ch.isspace()]
        for n, (i, ch) in enumerate(kept):
            last = n + 1 == len(kept)
            token.text = ch if last else ch + kept[n + 1][1]
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + n
            if chars:
                token.startchar = start_char + i
                token.endchar = start_char + (i + 1 if last else kept[n + 1][0] + 1)
            yield token


def WordAnalyzer() -> JiebaTokenizer:
    return JiebaTokenizer(search=True)


def NgramAnalyzer() -> NgramTokenizer:
    return NgramTokenizer()


def literal_grams(term: str) -> list[str]:
    """The n-gram tokens a literal string must match, in order.

    >>> literal_grams("二十条 措施")
    ['二十', '十条', '条措', '措施']
    >>> literal_grams("疫")
    ['疫']
    """
    chars = [ch for ch in fold(term) if not ch.isspace()]
    if len(chars) == 1:
        return chars
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]


def query_words(term: str) -> list[str]:
    """The jieba words of a query term, for ranking word matches above n-gram ones."""
    return [t.text for t in WordAnalyzer()(term)]
