"""The embedded engine: the Whoosh index folder, exactly as before (the default)."""

from __future__ import annotations

from pathlib import Path

from papersearch.search.searcher import Index


class EmbeddedEngine(Index):
    """search.Index under the Engine protocol; its answers are always whole."""

    partial: list[str] = []

    def __init__(self, folder: str | Path, user_dict: str | None = None):
        super().__init__(folder, user_dict)
        self.partial = []
