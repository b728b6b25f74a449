"""The index's own vocabulary, looked up for the words inside a query term."""

from __future__ import annotations

from papersearch.index.format import Fields
from papersearch.text.normalize import folded_chars

# Words are looked up inside at most this many leading characters of a term.
WORD_LOOKUP_CHARS = 24
MAX_WORD = 8


def indexed_words(reader, term: str) -> list[str]:
    """The words of the index that stand inside a query term, longest first.

    Looking them up in the index's own vocabulary, instead of segmenting the
    query, keeps jieba out of the query path (0.1 s to load) and matches the
    words exactly as the pages were segmented.
    """
    chars = folded_chars(term)[:WORD_LOOKUP_CHARS]
    found: list[str] = []
    for size in range(min(MAX_WORD, len(chars)), 0, -1):
        for start in range(len(chars) - size + 1):
            word = chars[start : start + size]
            if word in found or (size == 1 and len(chars) > 1):
                continue
            if (Fields.TITLE, word) in reader or (Fields.BODY, word) in reader:
                found.append(word)
    return found
