"""The bulk segment writer writes what Whoosh's SegmentWriter writes."""

from pathlib import Path

import pytest
from whoosh import fields, index
from whoosh.writing import SegmentWriter

from papersearch.index.format import schema
from papersearch.index.ingest import add_article
from papersearch.index.whooshfast import bulkwriter
from papersearch.index.whooshfast.bulkwriter import BulkSegmentWriter
from papersearch.index.whooshfast.codec import CompactCodec
from papersearch.reader import read_page
from papersearch.split.splitter import split_page

PAGES = Path(__file__).resolve().parent / "pages"


def articles(seeds_dir):
    out = []
    for path in sorted(seeds_dir.glob("*.txt")) + sorted(PAGES.glob("*.txt")):
        for art in split_page(read_page(path)):
            art.id = f"{path.stem}-{art.ordinal}"
            out.append(art)
    return out


def segment_files(folder: Path) -> dict[str, bytes]:
    """The files of the index's one segment, by extension."""
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in folder.iterdir() if p.name.count(".") and "WRITELOCK" not in p.name}


def segment_count(ix) -> int:
    with ix.reader() as reader:
        return len(reader.leaf_readers())


def write(folder: Path, writer_class, arts) -> None:
    folder.mkdir()
    ix = index.create_in(str(folder), schema())
    writer = writer_class(ix, compound=False, codec=CompactCodec())
    for art in arts:
        add_article(writer, art, art.file)
    writer.commit()


@pytest.fixture(params=[None, 2])
def inline_limit(request, monkeypatch):
    """The default inlining, and one low enough that the seed pages' postings
    fill blocks in the postings file too."""
    if request.param is not None:
        from papersearch.index.whooshfast import bulkwriter, codec

        monkeypatch.setattr(codec, "INLINE_LIMIT", request.param)
        monkeypatch.setattr(bulkwriter, "INLINE_LIMIT", request.param)
    return request.param


def test_postings_and_terms_are_byte_for_byte_whooshs(tmp_path, seeds_dir, inline_limit):
    arts = articles(seeds_dir)
    write(tmp_path / "whoosh", SegmentWriter, arts)
    write(tmp_path / "bulk", BulkSegmentWriter, arts)
    ours, theirs = segment_files(tmp_path / "bulk"), segment_files(tmp_path / "whoosh")
    assert ours.keys() == theirs.keys()
    assert len(ours["trm"]) > 50_000
    if inline_limit:
        assert len(ours["pst"]) > 10_000
    for ext in ("pst", "trm", "_stored.col", "_body_ng_len.col"):
        assert ours[ext] == theirs[ext], ext


@pytest.mark.parametrize("spill_at", [None, 2_000], ids=["in-memory", "spilling"])
def test_segments_merge_through_the_term_pool(tmp_path, seeds_dir, inline_limit, spill_at, monkeypatch):
    if spill_at:  # a merge's postings spill to runs like a worker's: memory stays bounded
        monkeypatch.setattr(bulkwriter, "SPILL_POSTINGS", spill_at)
    arts = articles(seeds_dir)
    folder = tmp_path / "ix"
    folder.mkdir()
    ix = index.create_in(str(folder), schema())
    half = len(arts) // 2
    for part in (arts[:half], arts[half:]):
        writer = BulkSegmentWriter(ix, compound=False, codec=CompactCodec())
        for art in part:
            add_article(writer, art, art.file)
        writer.commit(merge=False)
    assert segment_count(ix) == 2
    writer = BulkSegmentWriter(ix, compound=False, codec=CompactCodec())
    writer.commit(optimize=True)  # every posting goes through TermPool.add
    assert segment_count(ix) == 1
    write(tmp_path / "once", BulkSegmentWriter, arts)
    merged, once = segment_files(folder), segment_files(tmp_path / "once")
    assert merged["pst"] == once["pst"] and merged["trm"] == once["trm"]


def test_fields_it_cannot_write_are_refused(tmp_path):
    ix = index.create_in(str(tmp_path), fields.Schema(n=fields.NUMERIC(), t=fields.TEXT(vector=True)))
    with pytest.raises(TypeError, match="plain text fields"):
        BulkSegmentWriter(ix)


def test_a_pool_that_spills_runs_yields_what_one_in_memory_does(tmp_path):
    import random

    from papersearch.index.whooshfast.bulkwriter import TermPool

    rng = random.Random(7)
    postings = [
        (field, rng.choice(["二十", "十条", "条措", "措施", "a", "b"]).encode(), docnum, 1.0, bytes([rng.randrange(64)]))
        for docnum in range(300)
        for field in ("body", "title")
        for _ in range(rng.randrange(4))
    ]
    memory, spilling = TermPool(), TermPool(limit=25, folder=str(tmp_path))
    for posting in postings:  # add() spills by itself: merging segments in adds postings this way
        memory.add(posting)
        spilling.add(posting)
    assert len(spilling.runs) > 10
    assert not list(tmp_path.iterdir())  # runs are anonymous files: nothing to clean up after a crash

    def listed(pool):
        return [(f, t, list(ids), values) for f, t, ids, values in pool.sorted_terms()]

    assert listed(spilling) == listed(memory)
    assert sum(len(ids) for _, _, ids, _ in listed(memory)) == len(postings)
