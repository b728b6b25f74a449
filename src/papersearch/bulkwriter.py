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

A segment lives in memory until it is written: ``TermPool.postings`` tells
the caller when to finish a segment and start another.
"""

from __future__ import annotations

from array import array

from whoosh import fields as wfields
from whoosh.writing import SegmentWriter

_TEXT_TYPES = (wfields.TEXT, wfields.ID, wfields.KEYWORD)


class TermPool:
    """Postings of one segment, grouped by field and term (as text: every
    indexed field here is a text field): for each term one flat list of
    docnum, weight, value triples, in the order they came."""

    def __init__(self):
        self.fields: dict[str, dict[str, list]] = {}
        self.postings = 0

    def add(self, item) -> None:
        """Whoosh's pool interface, for postings merged in from other segments."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.terms(fieldname)
        term = tbytes.decode("utf-8")
        row = terms.get(term)
        if row is None:
            terms[term] = [docnum, weight, vbytes]
        else:
            row += (docnum, weight, vbytes)
        self.postings += 1

    def terms(self, fieldname: str) -> dict[str, list]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def cleanup(self) -> None:
        self.fields.clear()


class BulkSegmentWriter(SegmentWriter):
    """SegmentWriter with a TermPool instead of the sorting posting pool."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling() or (field.indexed and not isinstance(field, _TEXT_TYPES)):
                raise TypeError(f"field {name!r}: BulkSegmentWriter indexes plain text fields only")
        self.pool = TermPool()

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
                for term, freq, weight, vbytes in field.format.word_values(value, field.analyzer, mode="index"):
                    length += freq
                    row = terms.get(term)
                    if row is None:
                        terms[term] = [docnum, weight, vbytes]
                    else:
                        row += (docnum, weight, vbytes)
                    added += 1
                if not field.scorable:
                    length = 0
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdocwriter.finish_doc()
        pool.postings += added
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
    """Write the pool's terms in (field, term) order, as Whoosh's FieldWriter would."""
    for fieldname in sorted(pool.fields):
        if fieldname not in schema:
            continue
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        length_of = lengths.doc_field_length_reader(fieldname)
        # the lengths Whoosh's writer sees are the stored, byte-rounded ones
        doc_lengths = [length_of(n) for n in range(doccount)]
        postwriter = fieldwriter._postwriter
        terms = pool.fields[fieldname]
        # text order is UTF-8 byte order, the order Whoosh's term table wants
        for term in sorted(terms):
            fieldwriter.start_term(term.encode("utf-8"))
            _write_term(postwriter, terms[term], doc_lengths)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


def _write_term(postwriter, row: list, doc_lengths: list[int]) -> None:
    """The blocks W3PostingsWriter.add_posting would make of these postings."""
    ids = array("I", row[0::3])
    weights = array("f", row[1::3])
    values = row[2::3]
    limit = postwriter._blocklimit
    total = len(ids)
    for start in range(0, total, limit):
        block_ids = ids[start : start + limit]
        block_weights = weights[start : start + limit]
        postwriter._ids = block_ids
        postwriter._weights = block_weights
        postwriter._values = [v for v in values[start : start + limit] if v]
        postwriter._maxweight = max(0, max(block_weights))
        lens = [n for n in map(doc_lengths.__getitem__, block_ids) if n]
        postwriter._minlength = min(lens) if lens else None
        postwriter._maxlength = max(lens) if lens else 0
        if start + limit >= total:
            postwriter._write_block(last=True)
        else:
            postwriter._write_block()
