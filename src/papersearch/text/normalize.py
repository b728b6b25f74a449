"""One folding for matching, applied alike at index and at query time.

Full-width and half-width forms (NFKC, but circled numbers stay), traditional to simplified Chinese
(OpenCC's character table) and Latin case are folded. Folding maps every
character to exactly one character, so a string found in a text is found in
its folded form too (search never misses a literal match), and offsets in the
folded text are offsets in the printed text (highlights land exactly).
The text shown to a reader is never folded.

>>> fold("雜交水稻 ＡＢＣ１２３")
'杂交水稻 abc123'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_table: dict[int, str] = {}


@lru_cache(maxsize=1)
def t2s():
    import opencc  # deferred: loaded on the first text that holds non-ASCII

    return opencc.OpenCC("t2s")


def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    if len(out) != 1 or unicodedata.decomposition(ch).startswith("<circle>"):
        out = ch  # ① is a list mark, not the digit 1
    out = out.lower() if len(out.lower()) == 1 else out
    if ord(out) >= 0x2E80:
        simple = t2s().convert(out)
        if len(simple) == 1:
            out = simple
    return out


@lru_cache(maxsize=4)
def fold(text: str) -> str:
    # cached: indexing folds each headline and body twice (words and n-grams)
    for code in set(map(ord, text)).difference(_table):
        _table[code] = _fold_char(chr(code))
    return text.translate(_table)


def folded_chars(term: str) -> str:
    """A query term as matching sees it: folded, white space dropped (a term
    matches across the spaces and line breaks extraction put in a text).

    >>> folded_chars("雜交 水稻")
    '杂交水稻'
    """
    return "".join(ch for ch in fold(term) if not ch.isspace())
