"""Which segments a commit rewrites, and the commit itself.

A segment is rewritten when its deleted documents pass DEAD_SHARE of it, or
when it holds less than SMALL_SHARE of the index's live documents (every
segment has a fixed cost in term tables): an index updated again and again
stays near the size of a fresh build of the same pages (tests/test_updates.py,
scripts/churn.py measure the factor). Only Whoosh's public writer API here.
"""

from __future__ import annotations

from papersearch.index import whooshfast

DEAD_SHARE = 0.2
SMALL_SHARE = 0.1


def commit_run(writer, segments: list) -> None:
    """Commit the run's writer together with the segments workers wrote apart
    (none on Whoosh's public API, where the run's writer wrote every page).
    An update's new segments are small: they are merged into the writer's
    own, so a run adds one segment, not one a worker."""
    if not whooshfast.FAST:
        writer.commit(mergetype=merge_dead_and_small)
        return
    live = sum(s.doc_count() for s in writer.segments) + sum(s.doc_count() for s in segments)

    def absorb(segment) -> bool:
        if writer.segments and segment.doc_count() < SMALL_SHARE * live:
            merge_in(writer, segment)
            return True
        return False

    whooshfast.commit(writer, segments, merge_dead_and_small, absorb)


def merge_in(writer, segment) -> None:
    """Copy segment's live documents into the writer's new segment."""
    from whoosh.reading import SegmentReader

    reader = SegmentReader(writer.storage, writer.schema, segment)
    writer.add_reader(reader)
    reader.close()


def merge_dead_and_small(writer, segments: list) -> list:
    """Merge policy: rewrite (into this writer's segment) the segments with
    many deleted documents and the small ones; return the segments kept."""
    from whoosh.writing import MERGE_SMALL

    live = sum(s.doc_count() for s in segments)
    kept = []
    for segment in segments:
        total = segment.doc_count_all()
        dead = total and segment.deleted_count() > DEAD_SHARE * total
        small = segment.doc_count() < SMALL_SHARE * live
        if (dead or small) and len(segments) > 1 or segment.doc_count() == 0:
            merge_in(writer, segment)
        else:
            kept.append(segment)
    return MERGE_SMALL(writer, kept)  # Whoosh's own: runs of small segments are merged
