"""Whoosh's W3 codec with variable-size posting values stored as text and
whole-number weights as ints.

The codec pickles each posting block with protocol 2, where every bytes
value becomes a call to codecs.encode (about 20 bytes for a 3-byte value).
CompactPositions values are ASCII, so storing them as str pickles one byte a
character; readers get str back, which CompactPositions decodes alike. The
file layout is Whoosh's own: only the pickled block tuples are smaller.
"""

from __future__ import annotations

import operator
from functools import lru_cache
from itertools import chain

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter


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


@lru_cache(maxsize=1 << 13)
def _as_text(value: bytes | str) -> str:
    # most values are a few shared objects (one position, one count): decode
    # each once (a larger cache held 15 MB while a segment was written)
    return value.decode("latin-1") if isinstance(value, bytes) else value


class CompactCodec(W3Codec):
    def postings_writer(self, dbfile, byteids=False):
        return _TextValuesWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids, compression=self._compression, inlinelimit=self._inlinelimit
        )
