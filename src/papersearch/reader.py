"""Read a page file: detect its encoding and decode it.

Page dumps come in UTF-8 (with or without BOM), GB18030/GBK, Big5 and UTF-16.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "p.txt")
>>> _ = open(path, "wb").write("本报讯（记者 张三）".encode("gbk"))
>>> page = read_page(path)
>>> page.encoding, page.text
('gb18030', '本报讯（记者 张三）')
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import PageError
from .model import Page

# Larger files are not newspaper pages; reading them whole would stall indexing.
MAX_PAGE_BYTES = 8 * 1024 * 1024
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def detect_encoding(data: bytes) -> str:
    """The encoding of a page's bytes; raises PageError for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if b"\x00" in data[:4096]:
        raise PageError("binary file (NUL bytes), not page text")
    candidates = []
    for name in ("utf-8", "gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "utf-8":
            return name
        candidates.append(name)
    if len(candidates) == 1:
        return candidates[0]
    from charset_normalizer import from_bytes  # deferred: only ambiguous files need it

    best = from_bytes(data, cp_isolation=candidates or None).best()
    if best is None:
        raise PageError("cannot tell the text encoding (try --encoding)")
    name = codecs.lookup(best.encoding).name
    return "gb18030" if name in ("gbk", "gb2312", "hz") else name


def read_bytes(path: str | Path) -> bytes:
    """A page file's bytes. Raises PageError with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(f"{size // 1024 // 1024} MB is too large for a page (limit {MAX_PAGE_BYTES // 1024 // 1024} MB)")
        return path.read_bytes()
    except OSError as err:
        raise PageError(err.strerror or str(err)) from None


def decode_page(path: str | Path, data: bytes, encoding: str | None = None) -> Page:
    """Decode a page's bytes. Raises PageError with a one-line reason."""
    if not data.strip():
        raise PageError("empty file")
    name = encoding or detect_encoding(data)
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError) as err:
        raise PageError(f"cannot decode as {name}: {err}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "\x00" in text:
        raise PageError("binary file (NUL characters), not page text")
    return Page(path=str(path), text=text, encoding=name)


def read_page(path: str | Path, encoding: str | None = None) -> Page:
    """Read and decode one page file. Raises PageError with a one-line reason."""
    return decode_page(path, read_bytes(path), encoding)
