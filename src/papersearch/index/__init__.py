"""Stage 4: articles -> an index folder, incrementally and safely.

``format`` is the on-disk format that the searcher reads too; ``indexer``
drives a run (``build_index``); ``documents`` makes one page ready;
``ingest`` runs the worker processes; ``merging`` commits a run and picks
the segments it rewrites; ``changes`` finds new, changed and gone pages;
``housekeeping`` sweeps what interrupted writers left and turns disk errors
into one line; ``whooshfast`` is the only code that touches Whoosh's private
internals, and falls back to Whoosh's public writer on another Whoosh.
"""
