"""Whoosh's private internals, behind one wall: the fast writing path.

Nothing else in papersearch touches a private (underscore) name of Whoosh;
the rest of ``index/`` calls the functions below. The internals were written
against whoosh3 PINNED; with any other version, or with
``PAPERSEARCH_WHOOSH_FALLBACK=1`` in the environment, papersearch writes
through Whoosh's public API instead (``ix.writer()``, ``add_document``,
``commit(mergetype=...)``, Whoosh's default codec): slower, the same search
results, and one warning line on stderr the first time a process writes.

The surface, by Whoosh class (``tests/test_wall.py`` checks that this list is
what the modules here use, and that each name is in that class's source):

- whoosh.writing.SegmentWriter: _added, _check_fields, _check_state,
  _cleanup_on_error, _close_segment, _commit_toc, _finalize_segment, _finish,
  _flush_segment, _merge_segments, _tempstorage
- whoosh.codec.whoosh3.W3Codec: _blocklimit, _compression, _inlinelimit
- whoosh.codec.whoosh3.W3FieldWriter: _btext, _codec, _create_file, _fieldid,
  _fieldmap, _fieldname, _fieldobj, _format, _infield, _postfile, _postwriter,
  _segment, _storage, _tindex
- whoosh.codec.whoosh3.W3PostingsWriter: _blocklimit, _byteids, _ids,
  _maxlength, _maxweight, _mini_ids, _mini_values, _mini_weights, _minlength,
  _terminfo, _values, _weights, _write_block
- whoosh.codec.whoosh3.W3FieldCursor: _datalen, _datapos, _pos, _tindex
- whoosh.codec.whoosh3.W3TermsReader: _codec, _dbfile, _fieldmap, _fieldunmap,
  _keycoder, _keydecoder, _postfile, _tindex
- whoosh.codec.whoosh3.W3TermInfo: _df, _inlined, _maxid, _maxlength,
  _maxweight, _minid, _minlength, _weight
- whoosh.query.wrappers.WrappingQuery: _rewrap
- whoosh.matching.wrappers.WrappingMatcher: _replacement

Modules: ``bulkwriter`` (a SegmentWriter that groups postings by term),
``codec`` (CompactCodec: compact values, short posting lists inline in the
term table), ``termtable`` (that table), ``filtering`` (archive filters as
queries that score nothing: read by search, not by the writer). Segments CompactCodec wrote name it
in the table of contents, so reading them imports ``codec`` whatever the
writing path: an index written by the fast path reads with the fallback too.
"""

from __future__ import annotations

import os
import sys

import whoosh

# The Whoosh release whose internals the fast path was written against.
PINNED = (3, 54, 0)
FALLBACK_ENV = "PAPERSEARCH_WHOOSH_FALLBACK"
# how the warning line starts (tests that count a command's stderr lines leave it out)
WARNING = "papersearch: warning: indexing with Whoosh's own writer"


def fallback_reason(version=whoosh.__version__, environ=os.environ) -> str:
    """Why writing goes through Whoosh's public API; "" when the fast path is used."""
    if environ.get(FALLBACK_ENV, "").strip() not in ("", "0"):
        return f"{FALLBACK_ENV}={environ[FALLBACK_ENV]} is set"
    if tuple(version) != PINNED:
        found, pinned = (".".join(map(str, v)) for v in (version, PINNED))
        return f"Whoosh is {found}, not the {pinned} its fast path was written for"
    return ""


# decided once, at import: a process never mixes the two ways of writing
FALLBACK_REASON = fallback_reason()
FAST = not FALLBACK_REASON
_warned = False


def warn_once() -> None:
    """Say once per process, on stderr, that writing takes the slow path and why."""
    global _warned
    if FAST or _warned:
        return
    _warned = True
    print(f"{WARNING}, slower ({FALLBACK_REASON})", file=sys.stderr)


def _private_temp_storage_class():
    from whoosh.filedb.filestore import FileStorage

    class PrivateTemp(FileStorage):
        """The index folder, but with temporary files in a folder of this
        process's own: Whoosh names one temporary folder for every writer of an
        index, and a writer that cancels deletes it under the others' feet."""

        def temp_storage(self, name=None):
            # the pid last: a later run sweeps the folders of dead processes
            return super().temp_storage(f"{name or 'MAIN.tmp'}.{id(self):x}.{os.getpid()}")

    return PrivateTemp


def private_temp_storage(folder: str):
    return _private_temp_storage_class()(folder)


def new_writer(ix):
    """The run's writer of ix, holding its lock (raises whoosh's LockError
    when another writer has it): the bulk writer with the compact codec, or
    Whoosh's own SegmentWriter with its default codec on the fallback."""
    ix.storage = private_temp_storage(ix.storage.folder)
    if not FAST:
        warn_once()
        # not compound: one file per kind, as the fast path writes, so a damaged file is named
        return ix.writer(compound=False)
    from papersearch.index.whooshfast.bulkwriter import BulkSegmentWriter
    from papersearch.index.whooshfast.codec import CompactCodec

    return BulkSegmentWriter(ix, compound=False, codec=CompactCodec())


def segment_writer(folder: str):
    """A writer of a new segment of its own in the index in folder, taking no
    lock (the run's writer holds it); its segment is committed by
    ``commit`` in the run's writer. Fast path only."""
    from whoosh import index as windex

    from papersearch.index.whooshfast.bulkwriter import BulkSegmentWriter
    from papersearch.index.whooshfast.codec import CompactCodec

    if not FAST:
        raise RuntimeError(f"no segment writers on Whoosh's public API ({FALLBACK_REASON})")
    ix = windex.open_dir(folder)
    ix.storage = private_temp_storage(folder)
    return BulkSegmentWriter(ix, _lk=False, compound=False, codec=CompactCodec())


def finish_segment(writer, checkpoint=lambda: None):
    """Write a segment writer's segment out; return it (None when empty).
    checkpoint runs just before and just after a segment is written."""
    try:
        if not writer._added:
            writer._close_segment()
            return None
        checkpoint()
        segment = writer._finalize_segment()
        checkpoint()
        return segment
    finally:
        writer._tempstorage.destroy()


def drop_segment(writer) -> None:
    """Drop a segment writer's segment, files and all (never raises: it runs
    while another error is on its way out)."""
    try:
        writer.cancel()
    except Exception:
        writer._cleanup_on_error()
    try:
        prefix = writer.newsegment.segment_id() + "."
        for name in [n for n in writer.storage.list() if n.startswith(prefix)]:
            writer.storage.delete_file(name)
    except Exception:
        pass  # the next run sweeps what is left


def commit(writer, segments: list, mergetype, absorb) -> None:
    """Commit the run's writer with segments written apart, as Whoosh's
    ``SegmentWriter.commit`` commits its own: mergetype(writer, old segments)
    picks the old segments kept; absorb(segment) merges a new one into the
    writer's own segment and says so, or keeps it apart (returns False)."""
    if not segments:
        writer.commit(mergetype=mergetype)
        return
    try:
        final = writer._merge_segments(mergetype, False, True)
        final += [segment for segment in segments if not absorb(segment)]
        if writer._added:
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(final)
    except Exception:
        writer._cleanup_on_error()
        raise
    writer._finish()
