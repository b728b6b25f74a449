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

from papersearch.errors import PageError
from papersearch.model import Page

# How a page whose encoding is the problem is described (a front end may add how to name one).
UNDETECTED = "cannot tell the text encoding"
UNDECODABLE = "cannot decode as"
# Larger files are not newspaper pages; reading them whole would stall indexing.
MAX_PAGE_BYTES = 8 * 1024 * 1024
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# A page may hold a few undecodable bytes (a damaged dump): they are shown as
# U+FFFD and counted. More than this share of the text means a wrong encoding.
MAX_REPLACED_SHARE = 0.02
# Control bytes (other than white space and ESC) in this share of a file make it binary.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = b"\t\n\r\x0c\x1b"


def detect_encoding(data: bytes) -> str:
    """The encoding of a page's bytes; raises PageError for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _utf16_by_pattern(data)
    if utf16:
        return utf16
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise PageError("binary file (control bytes), not page text")
    if _mostly_decodes(data, "utf-8"):
        return "utf-8"
    candidates = []
    for name in ("gb18030", "big5"):
        if _mostly_decodes(data, name, strict=True):
            candidates.append(name)
    if len(candidates) == 1:
        return candidates[0]
    from charset_normalizer import from_bytes  # deferred: only ambiguous files need it

    best = from_bytes(data, cp_isolation=candidates or None).best()
    if best is None:
        raise PageError(UNDETECTED)
    name = codecs.lookup(best.encoding).name
    return "gb18030" if name in ("gbk", "gb2312", "hz") else name


def _mostly_decodes(data: bytes, name: str, strict: bool = False) -> bool:
    text, replaced = _decode(data, name)
    return replaced == 0 if strict else replaced <= MAX_REPLACED_SHARE * max(len(text), 1)


def _decode(data: bytes, name: str) -> tuple[str, int]:
    """The text, and how many undecodable bytes became U+FFFD."""
    text = data.decode(name, errors="replace")
    return text, len(text) - len(data.decode(name, errors="ignore"))


def _utf16_by_pattern(data: bytes) -> str:
    """utf-16-le or -be for BOM-less UTF-16, told from its bytes: text of
    ASCII has NUL in every other byte, and Chinese text decodes to Han
    characters and CJK punctuation almost only (as no 8-bit encoding's does)."""
    if len(data) % 2 or len(data) < 4:
        return ""
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:65536].decode(name)
        except UnicodeDecodeError:
            continue
        plausible = sum(
            1 for ch in text if ch.isspace() or " " <= ch <= "~" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
        )
        if plausible >= 0.95 * len(text):
            return name
    return ""


def read_bytes(path: str | Path) -> bytes:
    """A page file's bytes. Raises PageError with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(f"{size / 2**20:.1f} MiB is too large for a page (limit {MAX_PAGE_BYTES / 2**20:.1f} MiB)")
        return path.read_bytes()
    except OSError as err:
        raise PageError((err.strerror or str(err)).lower()) from None


def decode_page(path: str | Path, data: bytes, encoding: str | None = None) -> Page:
    """Decode a page's bytes. Raises PageError with a one-line reason."""
    if not data.strip():
        raise PageError("empty file")
    name = encoding or detect_encoding(data)
    try:
        text, replaced = _decode(data, name)
    except LookupError as err:
        raise PageError(f"{UNDECODABLE} {name}: {err}") from None
    if replaced > MAX_REPLACED_SHARE * max(len(text), 1):
        raise PageError(f"{UNDECODABLE} {name}: {replaced} undecodable bytes")
    # a stray NUL is damage, not a sign of a binary file (detect_encoding tells those)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").replace("\x00", "")
    return Page(path=str(path), text=text, encoding=name, replaced=replaced)


def read_page(path: str | Path, encoding: str | None = None) -> Page:
    """Read and decode one page file. Raises PageError with a one-line reason."""
    return decode_page(path, read_bytes(path), encoding)
