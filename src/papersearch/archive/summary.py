"""The papers an index holds: for each its date range and page count, and
the pages that print no date (from the manifest: no article is read)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class PaperSummary:
    paper: str  # "" for pages whose paper is not known
    first: str  # ISO date of its earliest dated page, "" when none is dated
    last: str
    pages: int
    undated: int  # its pages without a date

    def to_dict(self) -> dict:
        return asdict(self)


def papers(files: dict) -> list[PaperSummary]:
    """One summary a paper, by name, from the manifest's files."""
    by_paper: dict[str, list[str]] = {}
    for entry in files.values():
        meta = entry.get("meta") or {}
        by_paper.setdefault(meta.get("paper", ""), []).append(meta.get("date", ""))
    out = []
    for name in sorted(by_paper):
        dates = sorted(d for d in by_paper[name] if d)
        out.append(
            PaperSummary(
                name, dates[0] if dates else "", dates[-1] if dates else "", len(by_paper[name]), len(by_paper[name]) - len(dates)
            )
        )
    return out
