"""Chinese word segmentation: jieba's dictionary and algorithm through rjieba.

Everything that segments goes through here, so the segmenter can be swapped
and a user dictionary applies everywhere alike.

>>> words("迅速贯彻落实二十条措施")
['迅速', '贯彻落实', '二十条', '措施']
>>> [w for w, _, _ in tokens("二十条措施", search=True)]
['二十', '十条', '二十条', '措施']
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_loaded_dicts: list[str] = []


@lru_cache(maxsize=1)
def _jieba():
    import rjieba  # deferred: commands that do not segment never pay for it

    return rjieba


def words(text: str) -> list[str]:
    return _jieba().cut(text)


def tokens(text: str, search: bool = False) -> list[tuple[str, int, int]]:
    """(word, start, end) character spans; search mode adds the shorter words
    inside long ones (中华人民共和国 -> 中华, 人民, 共和国, …)."""
    return _jieba().tokenize(text, mode="search" if search else "default")


def load_user_dict(path: str | Path) -> str:
    """Add a jieba-format dictionary (``word [freq] [tag]`` per line) and
    return its fingerprint, recorded in the index it builds."""
    path = Path(path)
    data = path.read_bytes()
    fingerprint = f"{path.name}:{hashlib.sha1(data).hexdigest()[:12]}"
    if fingerprint in _loaded_dicts:
        return fingerprint
    jieba = _jieba()
    for line in data.decode("utf-8-sig").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
        jieba.add_word(word, freq, tag)
    _loaded_dicts.append(fingerprint)
    return fingerprint


def loaded_dicts() -> list[str]:
    return list(_loaded_dicts)
