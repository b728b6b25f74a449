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

_current: dict = {"fingerprint": "", "jieba": None}
_by_fingerprint: dict[str, object] = {}


@lru_cache(maxsize=1)
def _default():
    import rjieba  # deferred: commands that do not segment never pay for it

    return rjieba.Jieba()


def _jieba():
    return _current["jieba"] or _default()


def words(text: str) -> list[str]:
    return _jieba().cut(text)


def tokens(text: str, search: bool = False) -> list[tuple[str, int, int]]:
    """(word, start, end) character spans; search mode adds the shorter words
    inside long ones (中华人民共和国 -> 中华, 人民, 共和国, …)."""
    return _jieba().tokenize(text, mode="search" if search else "default")


def load_user_dict(path: str | Path) -> str:
    """Segment with jieba's dictionary plus a jieba-format user dictionary
    (``word [freq] [tag]`` per line) from now on; return its fingerprint,
    which the index records."""
    import rjieba

    path = Path(path)
    data = path.read_bytes()
    fingerprint = dict_fingerprint(path, data)
    if fingerprint not in _by_fingerprint:
        jieba = rjieba.Jieba()
        for line in data.decode("utf-8-sig").splitlines():
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
            jieba.add_word(parts[0], freq, tag)
        _by_fingerprint[fingerprint] = jieba
    _current.update(fingerprint=fingerprint, jieba=_by_fingerprint[fingerprint])
    return fingerprint


def dict_fingerprint(path: str | Path, data: bytes | None = None) -> str:
    """Name and content hash of a dictionary file, as the index records it."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    return f"{path.name}:{hashlib.sha1(data).hexdigest()[:12]}"


def use_default_dict() -> None:
    """Back to jieba's own dictionary alone."""
    _current.update(fingerprint="", jieba=None)
