"""Snippets: up to a few fragments around the best matches, highlighted at
the exact character spans of the printed text.

>>> s = make_snippet("第一句话。会议研究部署二十条措施，要求落实。第三句。", ["二十条措施"], width=20)
>>> s.text
'会议研究部署二十条措施，要求落实。'
>>> [s.text[a:b] for a, b in s.spans]
['二十条措施']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from papersearch.text.normalize import fold, folded_chars

_SENTENCE_END = "。！？；!?\n"
_CLAUSE_END = "，、：,"


@dataclass
class Snippet:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # highlight [start, end) in text


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, term index) of every literal occurrence of each term,
    folded alike and blind to white space inside the text."""
    folded = fold(text)
    found = []
    for n, term in enumerate(terms):
        chars = [re.escape(ch) for ch in folded_chars(term)]
        if not chars:
            continue
        for m in re.finditer(r"\s*".join(chars), folded):
            found.append((m.start(), m.end(), n))
    return sorted(found)


def highlight_all(text: str, terms: list[str]) -> list[tuple[int, int]]:
    return _merge([(a, b) for a, b, _ in match_spans(text, terms)])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def make_snippet(text: str, terms: list[str], width: int = 120, count: int = 3, gap: str = " … ") -> Snippet:
    """Up to count fragments of about width characters each."""
    if count <= 0:
        return Snippet("")
    text = text.replace("\n", " ")
    matches = match_spans(text, terms)
    if not matches:
        return Snippet(text[:width])
    # score each match by the distinct terms within a window after it
    windows = []
    for a, _b, _n in matches:
        near = {n for x, _y, n in matches if a <= x < a + width}
        windows.append((-len(near), a))
    chosen: list[tuple[int, int]] = []
    for _score, a in sorted(windows):
        lo, hi = _window(text, a, width)
        if any(lo < h and c < hi for c, h in chosen):
            continue
        chosen.append((lo, hi))
        if len(chosen) == count:
            break
    chosen.sort()
    parts, spans, offset = [], [], 0
    for lo, hi in chosen:
        if parts:
            offset += len(gap)
        frag = text[lo:hi]
        for a, b in _merge([(a, b) for a, b, _ in matches if a >= lo and b <= hi]):
            spans.append((offset + a - lo, offset + b - lo))
        parts.append(frag)
        offset += len(frag)
    return Snippet(gap.join(parts), spans)


def _window(text: str, at: int, width: int) -> tuple[int, int]:
    """A window of about width around position at: from the start of its
    sentence (or clause) when near, to the end of a sentence (or clause)."""
    lo = max(0, at - width // 3)
    start = max((text.rfind(ch, lo, at) for ch in _SENTENCE_END), default=-1)
    if start < 0 and lo > 0:
        start = max((text.rfind(ch, lo, at) for ch in _CLAUSE_END), default=-1)
    lo = start + 1 if start >= 0 else lo
    hi = min(len(text), lo + width)
    if hi < len(text):
        for marks in (_SENTENCE_END, _CLAUSE_END):
            ends = [e for e in (text.rfind(ch, at, hi) for ch in marks) if e >= 0]
            if ends and max(ends) + 1 - lo >= width // 2:
                hi = max(ends) + 1
                break
    while lo < hi and text[lo] in " " + _CLAUSE_END:
        lo += 1
    return lo, hi
