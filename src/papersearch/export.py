"""Export every article with its fields, for pandas, spreadsheets or another engine."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from .model import Article

LIST_FIELDS = ("subheads", "authors")


def write_articles(articles: list[Article], out: TextIO, fmt: str = "jsonl") -> int:
    """Write articles as JSON lines or CSV (lists joined with ' / '); return how many."""
    rows = [a.to_dict() for a in articles]
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        names = list(Article.__dataclass_fields__)
        writer = csv.DictWriter(out, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: " / ".join(v) if k in LIST_FIELDS else v for k, v in row.items()})
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return len(rows)
