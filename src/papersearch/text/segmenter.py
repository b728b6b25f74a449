"""Chinese word segmentation: jieba's dictionary and algorithm through rjieba.

Everything that segments goes through here, so the segmenter can be swapped.
A user dictionary is a value (``UserDictionary``) handed to each call that
should use it, never a setting of this module: two indexes built in one
process with different dictionaries each segment with their own.

>>> words("迅速贯彻落实二十条措施")
['迅速', '贯彻落实', '二十条', '措施']
>>> [w for w, _, _ in tokens("二十条措施", search=True)]
['二十', '十条', '二十条', '措施']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from papersearch.errors import PapersearchError

# (word, frequency or None, part-of-speech tag or None), as jieba's add_word takes them
Entry = tuple[str, "int | None", "str | None"]


@dataclass(frozen=True)
class UserDictionary:
    """A jieba-format user dictionary (``word [freq] [tag]`` per line), read:
    its fingerprint (file name and content hash, what an index records) and
    its entries. It pickles with the analyzer that carries it, so an index's
    schema holds the very words it was segmented with."""

    fingerprint: str
    entries: tuple[Entry, ...]


def read_user_dict(path: str | Path) -> UserDictionary:
    """The user dictionary in the file at path (raises OSError, UnicodeDecodeError)."""
    path = Path(path)
    data = path.read_bytes()
    entries = []
    for line in data.decode("utf-8-sig").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return UserDictionary(dict_fingerprint(path, data), tuple(entries))


def user_dictionary(path: str | Path | None) -> UserDictionary | None:
    """The user dictionary a build was given (None: jieba's own); one line when unreadable."""
    if not path:
        return None
    try:
        return read_user_dict(path)
    except (OSError, UnicodeDecodeError) as err:
        raise PapersearchError(f"{path}: cannot read dictionary ({err})") from None


def dict_fingerprint(path: str | Path, data: bytes | None = None) -> str:
    """Name and content hash of a dictionary file, as the index records it."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    return f"{path.name}:{hashlib.sha1(data).hexdigest()[:12]}"


@lru_cache(maxsize=1)
def _default():
    import rjieba  # deferred: commands that do not segment never pay for it

    return rjieba.Jieba()


# One rjieba segmenter per dictionary (building one reads jieba's whole
# dictionary): a cache by fingerprint, never a "current" dictionary.
_by_fingerprint: dict[str, object] = {}


def _jieba(dictionary: UserDictionary | None):
    if dictionary is None:
        return _default()
    jieba = _by_fingerprint.get(dictionary.fingerprint)
    if jieba is None:
        import rjieba

        jieba = rjieba.Jieba()
        for word, freq, tag in dictionary.entries:
            jieba.add_word(word, freq, tag)
        jieba = _by_fingerprint[dictionary.fingerprint] = jieba
    return jieba


def words(text: str, dictionary: UserDictionary | None = None) -> list[str]:
    return _jieba(dictionary).cut(text)


def tokens(text: str, search: bool = False, dictionary: UserDictionary | None = None) -> list[tuple[str, int, int]]:
    """(word, start, end) character spans; search mode adds the shorter words
    inside long ones (中华人民共和国 -> 中华, 人民, 共和国, …)."""
    return _jieba(dictionary).tokenize(text, mode="search" if search else "default")
