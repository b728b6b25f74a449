"""The compact codec, through public functions only: a term info's bytes
read back as the postings written, and an index written with CompactCodec
(through Whoosh's own writer) reads back exactly as one written with
Whoosh's W3Codec, posting for posting, before and after segments merge."""

from __future__ import annotations

import json
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec
from whoosh.util.numeric import byte_to_length, length_to_byte

from papersearch.index.format import Fields, schema
from papersearch.index.whooshfast.codec import INLINE_LIMIT, CompactCodec, CompactTermInfo, inline_bytes

FLOAT32 = st.floats(min_value=0.0, max_value=1e6, width=32, allow_subnormal=False)


@st.composite
def postings(draw):
    """Postings as a writer hands them over: ascending ids (gaps small and
    large), weights of each kind the encoding tells apart, values or none."""
    count = draw(st.integers(1, INLINE_LIMIT))
    gap = st.integers(1, 300) | st.integers(1, 1 << 24) | st.sampled_from([0x7F, 0x80, 0x81])
    gaps = draw(st.lists(gap, min_size=count, max_size=count))
    ids = [sum(gaps[: n + 1]) - 1 for n in range(count)]
    weights = draw(
        st.just([1.0] * count)
        | st.lists(st.integers(0, (1 << 28) - 1).map(float), min_size=count, max_size=count)
        | st.lists(FLOAT32, min_size=count, max_size=count)
    )
    values = draw(st.just([]) | st.lists(st.binary(max_size=300), min_size=count, max_size=count))
    return ids, weights, values


@pytest.mark.parametrize("largest_gap", [0x7F, 0x80, 0x3FFF, 0x4000])
def test_gaps_at_the_edges_of_a_byte_read_back(largest_gap):
    ids = [0, 1, 1 + largest_gap, 2 + largest_gap]
    back = CompactTermInfo.from_bytes(inline_bytes(ids, [1.0] * 4, [b"\x01"] * 4, 1, 9))
    assert back.inlined_postings() == (tuple(ids), (1.0,) * 4, (b"\x01",) * 4)


def float32(value: float) -> float:
    return struct.unpack("<f", struct.pack("<f", value))[0]


def stored_length(length: int) -> int:
    # Whoosh keeps a field's length in one byte, approximately
    return byte_to_length(length_to_byte(length))


@settings(max_examples=500, deadline=None)
@given(postings(), st.integers(1, 100000), st.integers(0, 100000))
def test_inline_postings_read_back_as_written(given_postings, shortest, extra):
    ids, weights, values = given_postings
    longest = shortest + extra
    back = CompactTermInfo.from_bytes(inline_bytes(ids, weights, values, shortest, longest))
    assert back.is_inlined()
    assert back.inlined_postings() == (tuple(ids), tuple(weights), tuple(values))
    assert back.doc_frequency() == len(ids)
    assert (back.min_id(), back.max_id()) == (ids[0], ids[-1])
    # Whoosh keeps a term's weights as 32-bit floats
    assert back.max_weight() == float32(max(weights))
    assert back.weight() == float32(sum(weights))
    assert (back.min_length(), back.max_length()) == (stored_length(shortest), stored_length(longest))


def test_values_read_back_from_a_block_as_text_inline_as_bytes():
    """Merging segments hands the writer values of both kinds in one list."""
    back = CompactTermInfo.from_bytes(inline_bytes([3, 500], [1.0, 2.0], ["\x01\x02", b"\xff"], None, 7))
    assert back.inlined_postings() == ((3, 500), (1.0, 2.0), (b"\x01\x02", b"\xff"))


def documents() -> list[dict]:
    """Every paragraph and headline of the seed pages, as the index's fields:
    enough documents that common bigrams outgrow the inline limit."""
    from conftest import SEEDS

    import papersearch

    docs = []
    for page in sorted(SEEDS.glob("*.txt")):
        for art in papersearch.split_page(page):
            for n, paragraph in enumerate([art.headline, *art.text.split("\n")]):
                if paragraph.strip():
                    docs.append(
                        {
                            Fields.ID: f"{art.id}.{n}",
                            Fields.FILE: art.file,
                            Fields.FILE_KEY: page.stem,
                            Fields.KIND: art.kind,
                            Fields.AUTHOR: ",".join(art.authors),
                            Fields.TITLE: art.headline if n == 0 else "",
                            Fields.TITLE_NGRAMS: art.headline if n == 0 else "",
                            Fields.BODY: paragraph,
                            Fields.BODY_NGRAMS: paragraph,
                            Fields.DATA: json.dumps({"n": n}),
                        }
                    )
    return docs


def write(folder, codec, batches: list[list[dict]], merge: bool = False):
    folder.mkdir()
    ix = windex.create_in(str(folder), schema())
    for batch in batches:
        writer = ix.writer(codec=codec, merge=False)
        for doc in batch:
            writer.add_document(**doc)
        writer.commit()
    if merge:
        ix.writer(codec=codec).commit(optimize=True)
    return ix


def contents(ix) -> dict:
    """Every term of every field with its statistics and decoded postings,
    and every stored document."""
    out = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            fmt = ix.schema[fieldname].format
            matcher = reader.postings(fieldname, text)
            kinds = [k for k in ("positions", "frequency") if fmt.supports(k)]
            items = [(docnum, matcher.weight(), tuple(fmt.decode_as(k, matcher.value()) for k in kinds)) for docnum in ()]
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), tuple(matcher.value_as(k) for k in kinds)))
                matcher.next()
            out[fieldname, text] = (
                info.doc_frequency(),
                info.weight(),
                info.max_weight(),
                info.min_length(),
                info.max_length(),
                info.min_id(),
                info.max_id(),
                items,
            )
        out["stored"] = list(reader.all_stored_fields())
    return out


@pytest.fixture(scope="module")
def docs():
    return documents()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, docs):
    return contents(write(tmp_path_factory.mktemp("w3") / "ix", W3Codec(), [docs]))


def test_the_documents_take_both_encodings(reference):
    frequencies = [value[0] for key, value in reference.items() if key != "stored"]
    assert any(df > INLINE_LIMIT for df in frequencies)  # a posting list too long to inline
    assert any(df <= INLINE_LIMIT for df in frequencies)


@pytest.mark.parametrize(
    "merge",
    [
        pytest.param(False, id="one segment"),
        pytest.param(True, id="merged by Whoosh"),
    ],
)
def test_an_index_written_with_the_compact_codec_reads_as_whooshs_own(tmp_path, docs, reference, merge):
    batches = [docs] if not merge else [docs[: len(docs) // 3], docs[len(docs) // 3 :]]
    got = contents(write(tmp_path / "ix", CompactCodec(), batches, merge=merge))
    assert got.keys() == reference.keys()
    differing = [key for key in reference if got[key] != reference[key]]
    assert not differing, differing[:5]


def test_the_compact_codec_inlines_short_lists_and_keeps_long_ones_in_blocks(tmp_path, docs):
    ix = write(tmp_path / "ix", CompactCodec(), [docs])
    with ix.reader() as reader:
        inlined = {key: reader.term_info(*key).is_inlined() for key in reader.all_terms()}
        frequency = {key: reader.doc_frequency(*key) for key in inlined}
    assert all(inlined[key] == (frequency[key] <= INLINE_LIMIT) for key in inlined)


def papersearch(*args: str, fallback: bool = False):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERSEARCH_")}
    if fallback:
        env["PAPERSEARCH_WHOOSH_FALLBACK"] = "1"
    return subprocess.run([sys.executable, "-m", "papersearch", *args], env=env, capture_output=True, text=True, timeout=300)


def test_an_index_the_fast_path_wrote_can_be_updated_by_the_fallback_writer(tmp_path, seeds_dir):
    """As after an upgrade of Whoosh: two segments written by the fast path,
    then pages deleted from one, so that the fallback writer rewrites it."""
    import shutil

    from conftest import ROOT

    first, second = tmp_path / "pages" / "first", tmp_path / "pages" / "second"
    shutil.copytree(seeds_dir, first)
    shutil.copytree(ROOT / "tests" / "pages", second)
    folder = str(tmp_path / "ix")
    for pages in (first, second):
        assert papersearch("--index", folder, "index", str(pages), "-q").returncode == 0
    for page in sorted(first.glob("*.txt"))[:2]:
        page.unlink()
    pruned = papersearch("--index", folder, "prune", fallback=True)
    assert pruned.returncode == 0, pruned.stderr
    found = papersearch("--index", folder, "query", "市府召开防汛工作会议", "--json")
    assert found.returncode == 0, found.stderr
