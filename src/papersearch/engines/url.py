"""Where an engine is: ``sphinxql://HOST:PORT/TABLE``.

>>> EngineURL.parse("sphinxql://127.0.0.1:9306/articles")
EngineURL(host='127.0.0.1', port=9306, table='articles')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from papersearch.errors import PapersearchError

_URL = re.compile(r"^sphinxql://(?P<host>[^:/]+)(?::(?P<port>\d+))?/(?P<table>[A-Za-z_][A-Za-z0-9_]*)$")


@dataclass(frozen=True)
class EngineURL:
    host: str
    port: int
    table: str

    @classmethod
    def parse(cls, url: str) -> EngineURL:
        m = _URL.match(url.strip())
        if not m:
            raise PapersearchError(f"{url!r}: not an engine URL (expected sphinxql://HOST:PORT/TABLE)")
        return cls(m["host"], int(m["port"] or 9306), m["table"])

    def __str__(self) -> str:
        return f"sphinxql://{self.host}:{self.port}/{self.table}"

    def state_file(self, index_folder: Path) -> Path:
        """Where this machine keeps what it indexed into the cluster (page hashes, article ids)."""
        folder = Path(index_folder)
        return folder.with_name(f"{folder.name}-sphinxql-{self.host}-{self.port}-{self.table}.json")
