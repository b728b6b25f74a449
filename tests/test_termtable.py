"""The sorted term table and the compact term info read back what was written."""

from array import array

import pytest
from whoosh.filedb.filestore import RamStorage

from papersearch.index.whooshfast.codec import CompactTermInfo
from papersearch.index.whooshfast.termtable import SortedTableReader, SortedTableWriter


def table_of(items: list[tuple[bytes, bytes]]) -> SortedTableReader:
    storage = RamStorage()
    writer = SortedTableWriter(storage.create_file("t"))
    writer.extras["fieldmap"] = {"body": 0}
    for key, value in items:
        writer.add(key, value)
    writer.close()
    return SortedTableReader(storage.open_file("t"), storage.file_length("t"))


def test_every_key_is_found_and_missing_ones_are_not():
    items = [(b"k%05d" % n + b"x" * (n % 300), bytes([n % 256]) * (n % 200)) for n in range(0, 3000, 3)]
    table = table_of(items)
    assert len(table) == len(items)
    for key, value in items:
        assert table[key] == value
    assert list(table.items()) == items
    assert b"k00001" not in table and b"zzz" not in table
    with pytest.raises(KeyError):
        table[b"k00001"]
    # the first key at or after a missing one, as Whoosh's cursor asks
    assert next(table.keys_from(b"k00001")) == items[1][0]
    assert table.closest_key_pos(b"zzz") is None
    key, datapos, datalen = table.key_and_range_at(table.closest_key_pos(b"k00003"))
    assert key == items[1][0] and table.dbfile.get(datapos, datalen) == items[1][1]


def test_keys_must_come_in_order():
    writer = SortedTableWriter(RamStorage().create_file("t"))
    writer.add(b"b", b"")
    with pytest.raises(ValueError):
        writer.add(b"a", b"")


@pytest.mark.parametrize(
    "weights",
    [[1.0, 1.0, 1.0], [2.0, 1.0, 300.0], [2.5, 5.0, 0.75]],
    ids=["all one", "whole", "fractions"],
)
def test_inline_postings_keep_ids_weights_values_and_statistics(weights):
    info = CompactTermInfo(minlength=1, maxlength=1000)
    ids = array("I", [0, 127, 128, 70_000])
    values = [b"\x01", b"", b"x" * 200, b"\x02\x03"]
    info.set_inlined(ids, array("f", weights + [1.0]), values)
    back = CompactTermInfo.from_bytes(info.to_bytes())
    got_ids, got_weights, got_values = back.inlined_postings()
    assert got_ids == tuple(ids) and got_values == tuple(values)
    assert got_weights == tuple(array("f", weights + [1.0]))
    assert back.doc_frequency() == 4 and (back.min_id(), back.max_id()) == (0, 70_000)
    assert back.max_weight() == max(got_weights)
