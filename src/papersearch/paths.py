"""Where things live by default."""

from __future__ import annotations

import os
from pathlib import Path


def default_index() -> Path:
    """$PAPERSEARCH_INDEX, else the user data folder (the same from any working folder)."""
    env = os.environ.get("PAPERSEARCH_INDEX")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("papersearch", appauthor=False) / "index"
