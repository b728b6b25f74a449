"""Articles continued on another page, joined into one.

An article that ends ``（下转第三版）`` on page 1 goes on in the piece that
opens ``（上接第一版）`` on page 3 of the same paper and date. When page 3
holds several continued pieces, each part on page 1 is paired with the piece
whose jump-head (the shortened headline over it) and text share most words
with it: pairs are made best first over the two pages, so asking from either
part gives the same pair. A part whose target page is not in the index is
kept alone, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from papersearch.archive.numbers import page_number
from papersearch.model import Article

# A jump-head names its article: a piece whose jump-head shares this much of
# its words with the part's headline is that part's, whatever the texts share.
JUMP_HEAD_WEIGHT = 1.0


@dataclass
class Part:
    """One printed part of a continued article."""

    id: str
    file: str
    page: int
    lines: tuple[int, int]

    def to_dict(self) -> dict:
        return {"id": self.id, "file": self.file, "page": self.page, "lines": list(self.lines)}


@dataclass
class Joined:
    """An article with every part it was printed in, first part first."""

    parts: list[Article]
    missing: list[str] = field(default_factory=list)  # "continued on page 3 (not indexed)"

    @property
    def head(self) -> Article:
        return self.parts[0]

    def article(self) -> Article:
        """The parts as one article: the first part's fields, the texts joined
        with a line marking each jump."""
        if len(self.parts) == 1:
            return self.head
        texts = [self.head.text]
        for before, part in zip(self.parts, self.parts[1:], strict=False):
            texts.append(jump_line(before, part))
            texts.append(part.text)
        return replace(self.head, text="\n".join(texts), continues_to=self.parts[-1].continues_to)

    def part_list(self) -> list[Part]:
        return [Part(p.id, p.file, p.page, (p.first_line, p.last_line)) for p in self.parts]

    def to_dict(self) -> dict:
        return {"parts": [p.to_dict() for p in self.part_list()], "continued": self.missing}


def jump_line(before: Article, part: Article) -> str:
    """Where the jump was, with the jump-head printed over the part it leads to."""
    head = f" · {part.headline}" if part.headline else ""
    return f"［第{before.page}版 下转 第{part.page}版{head}］"


def target_page(mark: str) -> int:
    return page_number(mark) if mark else 0


class IssuePages:
    """The articles of one issue's pages, read from the index as needed."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._pages: dict[tuple, list[Article] | None] = {}

    def page(self, like: Article, number: int) -> list[Article] | None:
        """The articles of page number of like's issue; None when that page is not indexed."""
        key = (like.paper, like.date, number)
        if key not in self._pages:
            self._pages[key] = self._read(like, number)
        return self._pages[key]

    def _read(self, like: Article, number: int) -> list[Article] | None:
        from whoosh import query as Q

        from papersearch.archive.filters import archive_terms

        terms = archive_terms(like)
        wanted = [Q.Term("date", like.date.replace("-", "")), Q.Term("page", str(number))]
        if "paper" in terms:
            wanted.append(Q.Term("paper", terms["paper"]))
        found = []
        for docnum in self.searcher.docs_for_query(Q.And(wanted)):
            article = Article.unpack(self.searcher.stored_fields(docnum)["data"])
            if article.paper == like.paper:
                found.append(article)
        found.sort(key=lambda a: (a.file, a.ordinal))
        return found or None


def _pairs(sources: list[Article], pieces: list[Article]) -> dict[str, str]:
    """Each continued part on one page paired with its piece on the other:
    best pairs first (jump-head and text cohesion), ties by printed order."""
    from papersearch.split.cohesion import Lexicon

    lex = Lexicon([a.title + a.text for a in sources + pieces])
    scored = []
    for i, src in enumerate(sources):
        for j, piece in enumerate(pieces):
            head = lex.containment(piece.headline, src.title) if piece.headline and src.title else 0.0
            score = JUMP_HEAD_WEIGHT * head + lex.cosine(src.text, piece.text)
            scored.append((-score, i, j))
    pairs: dict[str, str] = {}
    used: set[int] = set()
    for _score, i, j in sorted(scored):
        if sources[i].id not in pairs and j not in used:
            pairs[sources[i].id] = pieces[j].id
            used.add(j)
    return pairs


def _sources(page: list[Article], to_page: int) -> list[Article]:
    return [a for a in page if a.continues_to and target_page(a.continues_to) == to_page]


def _pieces(page: list[Article], from_page: int) -> list[Article]:
    return [a for a in page if a.continued_from and target_page(a.continued_from) in (from_page, 0)]


def _next_part(pages: IssuePages, part: Article) -> tuple[Article | None, str]:
    to = target_page(part.continues_to)
    if not (to and part.date and part.page):
        return None, ""
    target = pages.page(part, to)
    if target is None:
        return None, f"continued on page {to} (not indexed)"
    here = pages.page(part, part.page) or [part]
    pair = _pairs(_sources(here, to), _pieces(target, part.page)).get(part.id)
    if pair is None:
        return None, f"continued on page {to} (no continued piece found there)"
    return next(a for a in target if a.id == pair), ""


def _previous_part(pages: IssuePages, piece: Article) -> Article | None:
    came = target_page(piece.continued_from)
    if not (came and piece.date and piece.page):
        return None
    source_page = pages.page(piece, came)
    if source_page is None:
        return None
    here = pages.page(piece, piece.page) or [piece]
    pairs = _pairs(_sources(source_page, piece.page), _pieces(here, came))
    return next((a for a in source_page if pairs.get(a.id) == piece.id), None)


# A chain of jumps longer than this is a loop in bad data, not a newspaper.
MAX_PARTS = 8


def join(searcher, article: Article, pages: IssuePages | None = None) -> Joined:
    """The article with every part it was printed in."""
    pages = pages or IssuePages(searcher)
    first = article
    seen = {article.id}
    while len(seen) < MAX_PARTS and (before := _previous_part(pages, first)) is not None and before.id not in seen:
        first = before
        seen.add(before.id)
    parts, missing = [first], []
    while len(parts) < MAX_PARTS:
        after, note = _next_part(pages, parts[-1])
        if note:
            missing.append(note)
        if after is None or after.id in {p.id for p in parts}:
            break
        parts.append(after)
    return Joined(parts, missing)


def continued(article: Article) -> bool:
    return bool(article.continues_to or article.continued_from)
