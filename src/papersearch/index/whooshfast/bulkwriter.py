"""A Whoosh segment writer that groups postings by term as documents arrive
and writes each term's posting list in whole blocks.

Whoosh's SegmentWriter puts every posting, as a tuple, into a pool that is
sorted (spilling runs to disk) and then fed to the codec one posting at a
time: with character bigrams that is millions of tuples, sorted and handed
over one by one, and it was two thirds of the indexing time. Here a posting
is appended to its term's list when the document is added; at the end the
terms are sorted (not the postings: they arrive in document order) and each
list is cut into the codec's blocks with slices. The files written are the
ones Whoosh writes, byte for byte, so every Whoosh reader reads them.

A posting is held as its document number and its encoded value; its weight
is what the field's format decodes from the value (Whoosh's
``Format.decode_weight``), which is the weight Whoosh's writer stores for
every field whose tokens carry no boost, as none here do.

Memory stays bounded however large the segment: when the pool holds its
limit of postings it spills them to a temporary file as one sorted run (a
record per term, not per posting), and the runs are merged term by term when
the segment is written.
"""

from __future__ import annotations

import heapq
import marshal
import tempfile
from array import array
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from whoosh import fields as wfields
from whoosh import formats as wformats
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

from papersearch.index.whooshfast.codec import INLINE_LIMIT, inline_bytes

# Postings a pool holds in memory before it spills them to a run on disk:
# about 26 bytes each, some 52 MB. Spilling costs little (a run is read back
# a record per term), so the bound is set by memory alone.
SPILL_POSTINGS = 2_000_000
# Distinct terms a pool holds before it spills (about 150 bytes each: the
# term's text, its list and its slot in the dict, some 30 MB): on real text a
# worker meets a million terms in 2,000 pages, most of them once, so the
# postings alone do not bound the pool's memory; the vocabulary would.
SPILL_TERMS = 200_000

_TEXT_TYPES = (wfields.TEXT, wfields.ID, wfields.KEYWORD)

# (field, term, document numbers, encoded values), in term order
TermPostings = tuple[str, str, array, list]


class TermPool:
    """Postings of one segment, grouped by field and term (as text: every
    indexed field here is a text field): for each term one flat list of
    document number, encoded value pairs, in the order they came."""

    def __init__(self, limit: int | None = None, folder: str | None = None):
        self.fields: dict[str, dict[str, list]] = {}
        self.postings = 0
        self.distinct = 0  # terms, counted per field
        self.limit = limit or SPILL_POSTINGS
        self.term_limit = SPILL_TERMS
        # Runs are anonymous files (gone when closed, or if the process dies)
        # beside the index: the system's temporary folder may be a RAM disk.
        self.folder = folder
        self.runs: list = []

    def add(self, item) -> None:
        """Whoosh's pool interface, for postings merged in from other segments."""
        fieldname, tbytes, docnum, _weight, vbytes = item
        terms = self.terms(fieldname)
        term = tbytes.decode("utf-8")
        row = terms.get(term)
        if row is None:
            terms[term] = [docnum, vbytes]
            self.distinct += 1
        else:
            row += (docnum, vbytes)
        self.postings += 1
        # merging a whole segment in adds millions of postings: bounded alike
        if self.postings >= self.limit or self.distinct >= self.term_limit:
            self._spill()

    def terms(self, fieldname: str) -> dict[str, list]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def spill_if_full(self) -> None:
        if self.postings >= self.limit or self.distinct >= self.term_limit:
            self._spill()

    def _spill(self) -> None:
        run = tempfile.TemporaryFile(dir=self.folder)
        for fieldname, term, ids, values in self._in_memory():
            # document numbers as raw bytes: loading them back makes no int objects
            record = marshal.dumps((fieldname, term, ids.tobytes(), values))
            # length-prefixed: marshal.loads of a whole record is ten times
            # faster than marshal.load reading from the file
            run.write(len(record).to_bytes(4, "little"))
            run.write(record)
        run.seek(0)
        self.runs.append(run)
        self.fields, self.postings, self.distinct = {}, 0, 0

    def sorted_terms(self) -> Iterator[TermPostings]:
        """Every term's postings, in field and term order, each term's
        postings from every run in the order they were added."""
        if not self.runs:
            yield from self._in_memory()
            return
        # the rest goes to disk too: merging needs memory for the largest
        # posting lists and the term table, not for a pool's worth of postings
        if self.fields:
            self._spill()
        sources = [_read_run(run) for run in self.runs]
        merged = heapq.merge(*sources, key=itemgetter(0, 1))
        for (fieldname, term), parts in groupby(merged, key=itemgetter(0, 1)):
            ids, values = array("I"), []
            for part in parts:
                ids += part[2]
                values += part[3]
            yield fieldname, term, ids, values

    def _in_memory(self) -> Iterator[TermPostings]:
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for term in sorted(terms):
                row = terms[term]
                yield fieldname, term, array("I", row[0::2]), row[1::2]

    def cleanup(self) -> None:
        self.fields.clear()
        for run in self.runs:
            run.close()
        self.runs.clear()


def _read_run(run) -> Iterator[TermPostings]:
    while size := run.read(4):
        fieldname, term, raw_ids, values = marshal.loads(run.read(int.from_bytes(size, "little")))
        ids = array("I")
        ids.frombytes(raw_ids)
        yield fieldname, term, ids, values


class BulkSegmentWriter(SegmentWriter):
    """SegmentWriter with a TermPool instead of the sorting posting pool."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling() or (field.indexed and not isinstance(field, _TEXT_TYPES)):
                raise TypeError(f"field {name!r}: BulkSegmentWriter indexes plain text fields only")
        self.pool = TermPool(folder=getattr(self.storage, "folder", None))

    def add_document(self, **fields):
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        added = 0
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                terms = pool.terms(fieldname)
                for term, freq, _weight, vbytes in field.format.word_values(value, field.analyzer, mode="index"):
                    length += freq
                    row = terms.get(term)
                    if row is None:
                        terms[term] = [docnum, vbytes]
                    else:
                        row += (docnum, vbytes)
                    added += 1
                if not field.scorable:
                    length = 0
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdocwriter.finish_doc()
        pool.postings += added
        pool.distinct = sum(map(len, pool.fields.values()))
        pool.spill_if_full()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            write_postings(self.fieldwriter, self.schema, self.pool, lengths, self.docnum)
        finally:
            lengths.close()
        self.fieldwriter.close()


def write_postings(fieldwriter, schema, pool: TermPool, lengths, doccount: int) -> None:
    """Write the pool's terms in (field, term) order, as Whoosh's FieldWriter
    would (text order is UTF-8 byte order, the order its term table wants)."""
    for fieldname, records in groupby(pool.sorted_terms(), key=itemgetter(0)):
        if fieldname not in schema:
            continue
        field = schema[fieldname]
        fieldwriter.start_field(fieldname, field)
        length_of = lengths.doc_field_length_reader(fieldname)
        # the lengths Whoosh's writer sees are the stored, byte-rounded ones
        doc_lengths = [length_of(n) for n in range(doccount)]
        weigh = _weigher(field.format)
        has_values = field.format.fixed_value_size() != 0
        # a posting of a scorable field has a length of at least one; other fields have none
        length_of_doc = doc_lengths.__getitem__ if field.scorable else None
        postwriter = fieldwriter._postwriter
        # short lists go straight into the term table (what finish_term would write, without its objects)
        add_to_table, prefix = fieldwriter._tindex.add, pack_ushort(fieldwriter._fieldid)
        for _, term, ids, values in records:
            if len(ids) <= INLINE_LIMIT:
                if length_of_doc is None:
                    shortest, longest = None, 0
                else:
                    lens = list(map(length_of_doc, ids))
                    shortest, longest = min(lens), max(lens)
                add_to_table(
                    prefix + term.encode("utf-8"),
                    inline_bytes(ids, weigh(values), values if has_values else (), shortest, longest),
                )
                continue
            fieldwriter.start_term(term.encode("utf-8"))
            _write_term(postwriter, ids, weigh(values), values if has_values else None, length_of_doc)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


def _weigher(fmt):
    """values -> their weights, as fmt.decode_weight gives them."""
    if isinstance(fmt, wformats.Existence) or getattr(fmt, "constant_weight", False):
        one = array("f", [fmt.decode_weight(b"")])
        return lambda values: one * len(values)
    known = _WeightMemo(fmt.decode_weight)
    return lambda values: array("f", map(known.__getitem__, values))


class _WeightMemo(dict):
    # values repeat (a count of 1, 2, 3…): each is decoded once, looked up in C after
    def __init__(self, decode):
        super().__init__()
        self.decode = decode

    def __missing__(self, value):
        weight = self[value] = self.decode(value)
        return weight


def _write_term(postwriter, ids: array, weights: array, values: list | None, length_of_doc) -> None:
    """The blocks W3PostingsWriter.add_posting would make of these postings
    (a short list is left in the writer, for finish_postings to inline)."""
    limit = postwriter._blocklimit
    total = len(ids)
    if total <= INLINE_LIMIT:
        _fill_block(postwriter, ids, weights, values, length_of_doc)
        return
    for start in range(0, total, limit):
        end = start + limit
        _fill_block(
            postwriter, ids[start:end], weights[start:end], values[start:end] if values is not None else None, length_of_doc
        )
        postwriter._write_block(last=end >= total)


def _fill_block(postwriter, ids: array, weights: array, values: list | None, length_of_doc) -> None:
    postwriter._ids = ids
    postwriter._weights = weights
    postwriter._values = values if values is not None else []
    postwriter._maxweight = max(0, max(weights))
    if length_of_doc is None:
        postwriter._minlength, postwriter._maxlength = None, 0
    else:
        lens = list(map(length_of_doc, ids))
        postwriter._minlength, postwriter._maxlength = min(lens), max(lens)
