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

import operator
import unicodedata
from collections import Counter
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Frequency, Positions

from papersearch.text.normalize import fold, folded_chars


@lru_cache(maxsize=1 << 16)
def _is_wordlike(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


class JiebaTokenizer(Tokenizer):
    """Words of the folded text by jieba (rjieba), search mode by default,
    with jieba's dictionary plus dictionary (a ``UserDictionary``) when given.
    Like Whoosh's own analyzers it carries its settings: it pickles with the
    index's schema, and equals only a tokenizer with the same ones.

    >>> from papersearch.text.segmenter import UserDictionary
    >>> mine = UserDictionary("mine.txt:0123", (("条措", None, None),))
    >>> JiebaTokenizer() == JiebaTokenizer(), JiebaTokenizer() == JiebaTokenizer(dictionary=mine)
    (True, False)
    """

    dictionary = None  # schemas pickled before tokenizers carried a dictionary

    def __init__(self, search: bool = True, dictionary=None):
        self.search = search
        self.dictionary = dictionary

    @property
    def fingerprint(self) -> str:
        """The dictionary's fingerprint ("" for jieba's own alone)."""
        return self.dictionary.fingerprint if self.dictionary is not None else ""

    def __eq__(self, other):
        return type(other) is type(self) and (other.search, other.fingerprint) == (self.search, self.fingerprint)

    def texts(self, value: str) -> list[str]:
        """The tokens' texts alone, in order, without building tokens (the
        indexing fast path).

        >>> JiebaTokenizer().texts("二十条措施，") == [t.text for t in JiebaTokenizer()("二十条措施，")]
        True
        """
        from papersearch.text.segmenter import tokens

        out = []
        for word, _start, _end in tokens(fold(value), self.search, self.dictionary):
            word = word.strip()
            if word and _is_wordlike(word):
                out.append(word)
        return out

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
        from papersearch.text.segmenter import tokens  # deferred: opening an index must not load jieba

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for word, start, end in tokens(fold(value), self.search, self.dictionary):
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

    def texts(self, value: str) -> list[str]:
        """The tokens' texts alone, in order; a token's position is its index.

        >>> NgramTokenizer().texts("雜交 水稻")
        ['杂交', '交水', '水稻', '稻']
        """
        # str.split() and str.isspace() agree on what white space is
        chars = "".join(fold(value).split())
        if not chars:
            return []
        grams = list(map(operator.add, chars, chars[1:]))
        grams.append(chars[-1])
        return grams

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


class CompactPositions(Positions):
    """Whoosh's Positions format with positions as ASCII varints instead of a
    pickled list: a posting takes 3 bytes instead of 16 (with CompactCodec,
    which stores ASCII values as text), and phrase matching unpickles nothing.

    >>> f = CompactPositions()
    >>> v = f.encode([3, 10, 300])
    >>> len(v), v.isascii(), f.decode_positions(v), f.decode_positions(v.decode()), f.decode_frequency(v)
    (5, True, [3, 10, 300], [3, 10, 300], 3)
    """

    def word_values(self, value, analyzer, **kwargs):
        # Every posting weighs 1.0: Whoosh then stores no per-posting weights
        # (9 bytes each, pickled). The frequency is still in the value; word
        # fields carry term frequency for ranking.
        texts = getattr(analyzer, "texts", None)
        if texts is None:
            for word, freq, _weight, encoded in super().word_values(value, analyzer, **kwargs):
                yield word, freq, 1.0, encoded
            return
        positions: dict[str, list[int]] = {}
        for pos, text in enumerate(texts(value)):
            seen = positions.get(text)
            if seen is None:
                positions[text] = [pos]
            else:
                seen.append(pos)
        encode, single = self.encode, _single_position
        for text, poslist in positions.items():
            if len(poslist) == 1 and poslist[0] < SINGLE_CACHE:
                yield text, 1, 1.0, single(poslist[0])
            else:
                yield text, len(poslist), 1.0, encode(poslist)

    # every posting weighs 1.0, whatever its value (a bulk writer need not decode it)
    constant_weight = True

    def decode_weight(self, valuestring) -> float:
        return 1.0

    def encode(self, poslist) -> bytes:
        out = bytearray()
        _varint(out, len(poslist))
        base = 0
        for pos in poslist:
            _varint(out, pos - base)
            base = pos
        return bytes(out)

    def decode_positions(self, valuestring) -> list[int]:
        values = _unvarints(valuestring)
        out, pos = [], 0
        for delta in values[1:]:
            pos += delta
            out.append(pos)
        return out

    def decode_frequency(self, valuestring) -> int:
        return _unvarints(valuestring, 1)[0]


SINGLE_CACHE = 1 << 14


@lru_cache(maxsize=SINGLE_CACHE)
def _single_position(pos: int) -> bytes:
    # most n-grams occur once in an article: their values repeat across articles
    return CompactPositions().encode([pos])


class WordFrequency(Frequency):
    """Whoosh's Frequency format, counting a tokenizer's texts directly when
    it offers them (no Token objects while indexing).

    >>> sorted(WordFrequency().word_values("二十条措施。措施", WordAnalyzer()))[-1]
    ('措施', 2, 2.0, b'\\x00\\x00\\x00\\x02')
    """

    def word_values(self, value, analyzer, **kwargs):
        texts = getattr(analyzer, "texts", None)
        if texts is None:
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((text, freq, _weight(freq, boost), _packed_count(freq)) for text, freq in Counter(texts(value)).items())


@lru_cache(maxsize=1024)
def _weight(freq: int, boost: float) -> float:
    # one float object per value, not one per posting held while indexing
    return freq * boost


@lru_cache(maxsize=256)
def _packed_count(freq: int) -> bytes:
    from whoosh.system import pack_uint

    return pack_uint(freq)


# Six bits a character, 0x40 marking that more follow: every character is
# ASCII, one byte in the pickle.
def _varint(out: bytearray, value: int) -> None:
    while value >= 0x40:
        out.append((value & 0x3F) | 0x40)
        value >>= 6
    out.append(value)


def _unvarints(data, limit: int = -1) -> list[int]:
    out: list[int] = []
    value = shift = 0
    for ch in data:
        code = ch if isinstance(ch, int) else ord(ch)
        value |= (code & 0x3F) << shift
        if code & 0x40:
            shift += 6
            continue
        out.append(value)
        if len(out) == limit:
            break
        value = shift = 0
    return out


def WordAnalyzer(dictionary=None) -> JiebaTokenizer:
    return JiebaTokenizer(search=True, dictionary=dictionary)


def NgramAnalyzer() -> NgramTokenizer:
    return NgramTokenizer()


def literal_grams(term: str) -> list[str]:
    """The n-gram tokens a literal string must match, in order.

    >>> literal_grams("二十条 措施")
    ['二十', '十条', '条措', '措施']
    >>> literal_grams("疫")
    ['疫']
    """
    chars = list(folded_chars(term))
    if len(chars) == 1:
        return chars
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]


def query_words(term: str, dictionary=None) -> list[str]:
    """The jieba words of a query term, for ranking word matches above n-gram ones."""
    return [t.text for t in WordAnalyzer(dictionary)(term)]
