"""Whoosh's W3 codec with compact posting values, and short posting lists
stored inline with their term in a compact term info.

The codec pickles each posting block with protocol 2, where every bytes
value becomes a call to codecs.encode (about 20 bytes for a 3-byte value).
CompactPositions values are ASCII, so storing them as str pickles one byte a
character; readers get str back, which CompactPositions decodes alike.

On real text most terms occur in one or two articles. Whoosh writes every
term's postings as a block in the postings file (a header, a pickled info
tuple and a pickled data tuple: some 70 bytes for one posting) and a 35-byte
term info pointing at it. A term with at most INLINE_LIMIT postings here
keeps them in its term info instead, as varints (CompactTermInfo): one
posting of a bigram takes some 8 bytes in all. Longer lists are written as
Whoosh writes them; term infos Whoosh's codec wrote still read.
"""

from __future__ import annotations

import operator
import struct
from array import array
from functools import lru_cache
from itertools import chain

from whoosh.codec.whoosh3 import (
    W3Codec,
    W3FieldCursor,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermInfo,
    W3TermsReader,
)
from whoosh.filedb import filetables
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from papersearch.index.whooshfast.termtable import (
    SortedTableReader,
    SortedTableWriter,
    is_sorted_table,
    read_varint,
    write_varint,
)

# Posting lists of at most this many postings live in the term table.
INLINE_LIMIT = 32
_INLINE_FLAG = 2  # W3TermInfo's first byte is 0 or 1
_F32 = struct.Struct("<f")


_LENGTH_BYTE = [bytes((n,)) for n in range(128)]


def inline_bytes(ids, weights, values, minlength: int | None, maxlength: int) -> bytes:
    """A CompactTermInfo's bytes for these postings (at least one), with
    the stored lengths of the shortest and longest field holding the term."""
    out = bytearray((_INLINE_FLAG, 0 if minlength is None else _length_byte(minlength), _length_byte(maxlength)))
    write_varint(out, len(ids))
    deltas = list(map(operator.sub, ids, chain((0,), ids)))
    if max(deltas) < 0x80:
        out += bytes(deltas)
    else:
        for delta in deltas:
            write_varint(out, delta)
    if weights.count(1.0) == len(weights):
        out.append(0)
    elif all(w == int(w) and 0 <= w < 1 << 28 for w in weights):
        out.append(1)
        for w in weights:
            write_varint(out, int(w))
    else:
        out.append(2)
        out += array("f", weights).tobytes()
    if values:
        # values read back from a block are str, from an inlined term info bytes;
        # merging segments mixes both in one list
        values = [v.encode("latin-1") if isinstance(v, str) else v for v in values]
        sizes = list(map(len, values))
        if max(sizes) < 0x80:
            out += b"".join(chain.from_iterable(zip(map(_LENGTH_BYTE.__getitem__, sizes), values, strict=True)))
        else:
            for raw in values:
                write_varint(out, len(raw))
                out += raw
    return bytes(out)


@lru_cache(maxsize=1 << 16)
def _length_byte(length: int) -> int:
    return length_to_byte(length)


def _f32(value: float) -> float:
    # Whoosh stores term weights as 32-bit floats: round alike, so scores match
    return _F32.unpack(_F32.pack(value))[0]


class CompactTermInfo(W3TermInfo):
    """W3TermInfo that stores its postings inline as varints when it has them.

    >>> info = CompactTermInfo()
    >>> info._df, info._minlength, info._maxlength = 2, 3, 40
    >>> info.set_inlined(array("I", [5, 9]), array("f", [1.0, 2.0]), [b"\\x01", b"ab"])
    >>> back = CompactTermInfo.from_bytes(info.to_bytes())
    >>> back.inlined_postings(), back.doc_frequency(), back.weight(), back.min_id(), back.max_id()
    (((5, 9), (1.0, 2.0), (b'\\x01', b'ab')), 2, 3.0, 5, 9)
    >>> back.min_length() == byte_to_length(length_to_byte(3)), back.max_weight()
    (True, 2.0)
    """

    def to_bytes(self):
        if not self.is_inlined():
            return super().to_bytes()
        ids, weights, values = self._inlined
        return inline_bytes(ids, weights, values, self._minlength, self._maxlength)

    @classmethod
    def from_bytes(cls, s):
        if s[0] != _INLINE_FLAG:
            info = W3TermInfo.from_bytes(s)
            info.__class__ = cls
            return info
        info = cls()
        info._minlength = byte_to_length(s[1])
        info._maxlength = byte_to_length(s[2])
        count, pos = read_varint(s, 3)
        ids, docnum = [], 0
        for _ in range(count):
            delta, pos = read_varint(s, pos)
            docnum += delta
            ids.append(docnum)
        kind = s[pos]
        pos += 1
        if kind == 0:
            weights = (1.0,) * count
        elif kind == 1:
            weights = []
            for _ in range(count):
                w, pos = read_varint(s, pos)
                weights.append(float(w))
        else:
            weights = array("f")
            weights.frombytes(s[pos : pos + 4 * count])
            pos += 4 * count
        values = []
        while pos < len(s):
            size, pos = read_varint(s, pos)
            values.append(s[pos : pos + size])
            pos += size
        info._inlined = (tuple(ids), tuple(weights), tuple(values))
        info._df = count
        info._weight = _f32(sum(weights))
        info._maxweight = _f32(max(weights))
        info._minid, info._maxid = ids[0], ids[-1]
        return info


class _TextValuesWriter(W3PostingsWriter):
    # The block minifiers do what W3PostingsWriter's do, with C loops
    # (array.count, map) instead of generator expressions run per posting.
    def _mini_ids(self):
        ids = self._ids
        if self._byteids:
            return tuple(ids)
        return tuple(map(operator.sub, ids, chain((0,), ids)))  # deltas, the first from 0

    def _mini_weights(self):
        weights = self._weights
        size = len(weights)
        if weights.count(1.0) == size:
            return None
        first = weights[0]
        if weights.count(first) == size:
            return first
        # term frequencies are whole numbers: pickled as ints they take 2 bytes, as floats 9
        whole = tuple(map(int, weights))
        if all(map(operator.eq, whole, weights)):
            return whole
        return tuple(weights)

    def _mini_values(self):
        values = super()._mini_values()
        if isinstance(values, tuple):
            return tuple(map(_as_text, values))
        return values

    def finish_postings(self):
        # Whoosh's inlining calls a method its term info lacks: inline here
        if not self.written() and 0 < len(self._ids) <= INLINE_LIMIT and not self._byteids:
            terminfo = self._terminfo
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


def _as_text(value: bytes | str) -> str:
    # values read back from blocks are str, from inline postings bytes: one
    # cached object for both, so a merged block pickles as a new one does
    return _decoded(value.encode("latin-1") if isinstance(value, str) else value)


@lru_cache(maxsize=1 << 13)
def _decoded(value: bytes) -> str:
    # most values are a few shared objects (one position, one count): decode
    # each once (a larger cache held 15 MB while a segment was written)
    return value.decode("latin-1")


class _FieldWriter(W3FieldWriter):
    def __init__(self, codec, storage, segment):
        self._codec, self._storage, self._segment = codec, storage, segment
        self._fieldname = self._fieldid = self._btext = self._fieldobj = self._format = None
        self._tindex = SortedTableWriter(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False

    def start_term(self, btext):
        if self._postwriter is None:
            raise Exception("Called start_term before start_field")
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, CompactTermInfo())


class _FieldCursor(W3FieldCursor):
    def term_info(self):
        if self._pos is None:
            return None
        return CompactTermInfo.from_bytes(self._tindex.dbfile.get(self._datapos, self._datalen))


class _TermsReader(W3TermsReader):
    def __init__(self, codec, dbfile, length, postfile):
        self._codec, self._dbfile, self._postfile = codec, dbfile, postfile
        # segments written before the sorted table have Whoosh's hash table
        table = SortedTableReader if is_sorted_table(dbfile, length) else filetables.OrderedHashReader
        self._tindex = table(dbfile, length)
        self._fieldmap = self._tindex.extras["fieldmap"]
        self._fieldunmap = [None] * len(self._fieldmap)
        for fieldname, num in self._fieldmap.items():
            self._fieldunmap[num] = fieldname

    def cursor(self, fieldname, fieldobj):
        return _FieldCursor(self._tindex, fieldname, self._keycoder, self._keydecoder, fieldobj)

    def items(self):
        decode = self._keydecoder
        return ((decode(k), CompactTermInfo.from_bytes(v)) for k, v in self._tindex.items())

    def items_from(self, fieldname, prefix):
        decode = self._keydecoder
        start = self._keycoder(fieldname, prefix)
        return ((decode(k), CompactTermInfo.from_bytes(v)) for k, v in self._tindex.items_from(start))

    def term_info(self, fieldname, tbytes):
        try:
            return CompactTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)])
        except KeyError:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}") from None

    # Whoosh reads these at fixed offsets of its own term info layout; a
    # missing term is a KeyError here, as there
    def frequency(self, fieldname, tbytes):
        return CompactTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)]).weight()

    def doc_frequency(self, fieldname, tbytes):
        return CompactTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)]).doc_frequency()


class _BytesValuesMatcher(W3LeafMatcher):
    """Block postings whose values read back as bytes, as every Whoosh reader
    of values expects (its own SegmentWriter asserts it when merging); they
    are stored as ASCII str."""

    def value(self):
        value = super().value()
        return value.encode("latin-1") if isinstance(value, str) else value

    def value_as(self, astype):
        # search decodes values as stored (the decoders read str alike): no copy
        return self.format.decoder(astype)(super().value())


class _BytesValuesList(ListMatcher):
    """Inline postings whose values read back as bytes (Whoosh's ListMatcher
    gives "" for a posting without a value)."""

    def value(self):
        value = super().value()
        return value.encode("latin-1") if isinstance(value, str) else value

    def value_as(self, astype):
        return self._format.decoder(astype)(super().value())


class CompactCodec(W3Codec):
    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return _BytesValuesList(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return _BytesValuesMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def postings_writer(self, dbfile, byteids=False):
        return _TextValuesWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids, compression=self._compression, inlinelimit=self._inlinelimit
        )

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def terms_reader(self, storage, segment):
        name = segment.make_filename(self.TERMS_EXT)
        return _TermsReader(self, storage.open_file(name), storage.file_length(name), segment.open_file(storage, self.POSTS_EXT))
