"""A sorted term table: Whoosh's ordered hash file without the hash.

Whoosh's term table (filetables.OrderedHashWriter) spends some 36 bytes a
term on lookup structures: two 4-byte lengths before each record, a hash
table of two 12-byte slots a term, and a sorted array of record positions.
On real text there are about a million terms per 2,000 pages, most of them
in one article, so that is more than the terms and their postings take.
This table keeps only the records (lengths as varints) and the sorted
position array; a key is found by binary search over it, some 20 probes
for a million terms (microseconds each, on the memory-mapped file).

It offers what Whoosh's W3 terms reader and field cursor use of an
OrderedHashReader, so the rest of Whoosh reads it unchanged.

>>> from whoosh.filedb.filestore import RamStorage
>>> storage = RamStorage()
>>> table = SortedTableWriter(storage.create_file("t"))
>>> table.extras["fieldmap"] = {"body": 0}
>>> for key in (b"a", b"ab", b"b"):
...     table.add(key, key.upper())
>>> table.close()
>>> reader = SortedTableReader(storage.open_file("t"), storage.file_length("t"))
>>> reader[b"ab"], b"c" in reader, list(reader.keys_from(b"aa")), reader.extras
(b'AB', False, [b'ab', b'b'], {'fieldmap': {'body': 0}})
"""

from __future__ import annotations

import pickle
import struct
from array import array
from bisect import bisect_left
from collections.abc import Iterator

MAGIC = b"PSTT"
_TRAILER = struct.Struct("<QQQ4s")  # extras at, positions at, count, magic


class SortedTableWriter:
    def __init__(self, dbfile):
        self.dbfile = dbfile
        self.extras: dict = {}
        self.positions = array("Q")
        self.lastkey = b""
        dbfile.write(MAGIC)
        self.pos = len(MAGIC)

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey and self.positions:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        self.positions.append(self.pos)
        keylen, datalen = len(key), len(value)
        if keylen < 0x80 and datalen < 0x80:
            record = bytes((keylen, datalen)) + key + value
        else:
            head = bytearray()
            write_varint(head, keylen)
            write_varint(head, datalen)
            record = bytes(head) + key + value
        self.dbfile.write(record)
        self.pos += len(record)
        self.lastkey = key

    def close(self) -> None:
        dbfile = self.dbfile
        extras_at = dbfile.tell()
        dbfile.write(pickle.dumps(self.extras, 4))
        positions_at = dbfile.tell()
        # 4-byte positions while the file is small enough (it always is here)
        if not self.positions or self.positions[-1] < 1 << 32:
            dbfile.write(array("I", self.positions).tobytes())
        else:
            dbfile.write(self.positions.tobytes())
        dbfile.write(_TRAILER.pack(extras_at, positions_at, len(self.positions), MAGIC))
        dbfile.close()


def is_sorted_table(dbfile, length: int) -> bool:
    return length >= _TRAILER.size + 4 and dbfile.get(0, 4) == MAGIC


class SortedTableReader:
    def __init__(self, dbfile, length: int):
        self.dbfile = dbfile
        extras_at, positions_at, count, _ = _TRAILER.unpack(dbfile.get(length - _TRAILER.size, _TRAILER.size))
        self.extras = pickle.loads(dbfile.get(extras_at, positions_at - extras_at))
        self.end = extras_at  # records end where the extras begin
        width = (length - _TRAILER.size - positions_at) // max(count, 1)
        self.positions = array("I" if width == 4 else "Q")
        if count:
            self.positions.frombytes(dbfile.get(positions_at, count * self.positions.itemsize))
        self._keys = _KeysAt(self)

    def close(self) -> None:
        self.dbfile.close()

    # records
    def key_and_range_at(self, pos: int | None):
        if pos is None or pos >= self.end:
            return None
        head = self.dbfile.get(pos, 20)
        keylen, at = read_varint(head, 0)
        datalen, at = read_varint(head, at)
        keypos = pos + at
        return self.dbfile.get(keypos, keylen), keypos + keylen, datalen

    def key_at(self, pos: int) -> bytes:
        return self.key_and_range_at(pos)[0]

    def _index_of(self, key: bytes) -> int:
        return bisect_left(self._keys, key)

    def closest_key_pos(self, key: bytes) -> int | None:
        index = self._index_of(key)
        return self.positions[index] if index < len(self.positions) else None

    def range_for_key(self, key: bytes) -> tuple[int, int]:
        index = self._index_of(key)
        if index < len(self.positions):
            found, datapos, datalen = self.key_and_range_at(self.positions[index])
            if found == key:
                return datapos, datalen
        raise KeyError(key)

    def __getitem__(self, key: bytes) -> bytes:
        return self.dbfile.get(*self.range_for_key(key))

    def __contains__(self, key: bytes) -> bool:
        try:
            self.range_for_key(key)
        except KeyError:
            return False
        return True

    def get(self, key: bytes, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __len__(self) -> int:
        return len(self.positions)

    def _records(self, pos: int | None) -> Iterator[tuple[bytes, int, int]]:
        while (record := self.key_and_range_at(pos)) is not None:
            yield record
            pos = record[1] + record[2]

    def keys(self) -> Iterator[bytes]:
        return (key for key, _, _ in self._records(self.positions[0] if self.positions else None))

    def items(self) -> Iterator[tuple[bytes, bytes]]:
        get = self.dbfile.get
        return ((key, get(at, size)) for key, at, size in self._records(self.positions[0] if self.positions else None))

    def keys_from(self, key: bytes) -> Iterator[bytes]:
        return (k for k, _, _ in self._records(self.closest_key_pos(key)))

    def items_from(self, key: bytes) -> Iterator[tuple[bytes, bytes]]:
        get = self.dbfile.get
        return ((k, get(at, size)) for k, at, size in self._records(self.closest_key_pos(key)))


class _KeysAt:
    """The table's keys as a sequence, for bisect (read on demand)."""

    def __init__(self, table: SortedTableReader):
        self.table = table

    def __len__(self) -> int:
        return len(self.table.positions)

    def __getitem__(self, index: int) -> bytes:
        return self.table.key_at(self.table.positions[index])


def write_varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
