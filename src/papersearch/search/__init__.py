"""Stage 5: a query -> ranked hits with snippets.

``query`` parses the query language into a tree; ``searcher`` runs it on an
index (``Index``) and ranks; ``snippets`` finds what to show of a hit.
"""

from papersearch.search.searcher import Hit, Index

__all__ = ["Hit", "Index"]
