"""Export every article with its fields, for pandas, spreadsheets or another engine."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from typing import TextIO

from papersearch.errors import PapersearchError
from papersearch.model import Article

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


@contextlib.contextmanager
def open_output(path: str, excel: bool = False):
    """The file to export to ('-' for stdout); excel starts it with a UTF-8
    BOM, which spreadsheet programs need to read UTF-8."""
    if path == "-":
        if excel:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        return
    try:
        out = open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
    except OSError as err:
        raise PapersearchError(f"cannot write {path}: {err.strerror}") from None
    with out:
        yield out
