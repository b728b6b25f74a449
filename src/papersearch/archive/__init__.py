"""Archives: where a page stands in a newspaper's run (paper, date, page,
section), read from its path and its own furniture lines; article dates from
datelines; articles continued across pages joined; timelines of hits.

Page metadata is found at the split stage (the page's furniture lines, see
``archive.furniture``) and at the index stage (the path, see
``archive.paths``) and carried on every ``Article``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageMeta:
    """What is known of a page's place in its paper; "" and 0 are unknown."""

    paper: str = ""
    date: str = ""  # ISO, 2022-10-30
    page: int = 0
    page_label: str = ""  # as printed: A04, 04
    section: str = ""

    def merged_over(self, other: PageMeta) -> PageMeta:
        """This page's fields, with other's where this one knows none."""
        return PageMeta(
            self.paper or other.paper,
            self.date or other.date,
            self.page or other.page,
            self.page_label or other.page_label,
            self.section or other.section,
        )

    def disagreements(self, other: PageMeta) -> list[str]:
        """The fields both know and tell differently, as 'field printed X, path Y'."""
        out = []
        for name in ("date", "page"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine and theirs and mine != theirs:
                out.append(f"{name} {mine} printed, {theirs} in the path")
        return out

    def to_dict(self) -> dict:
        return {"paper": self.paper, "date": self.date, "page": self.page, "page_label": self.page_label, "section": self.section}
