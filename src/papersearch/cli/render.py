"""Show results to a person: rich layout on a terminal, plain text elsewhere,
JSON for scripts. Nothing here decides what is found, only how it looks."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

from papersearch.model import Article
from papersearch.search.snippets import highlight_all

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from papersearch.search.about import Explanation, IndexStats
    from papersearch.search.searcher import Hit

HIGHLIGHT = "bold black on yellow"


class PlainConsole:
    """What a rich Console is to the render functions, for output that is not
    a terminal: rich is never imported for a pipe."""

    is_terminal = False


def console(stderr: bool = False):
    stream = sys.stderr if stderr else sys.stdout
    if not stream.isatty() and not os.environ.get("FORCE_COLOR"):
        return PlainConsole()
    from rich.console import Console

    # rich honours NO_COLOR
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def field(text: str) -> str:
    r"""A field of a tab-separated record: tabs, line breaks and backslashes
    escaped, so a record is one line for cut, awk and wc -l.

    >>> print(field("招聘启事\n待遇\t从优"))
    招聘启事\n待遇\t从优
    """
    return text.translate(_ESCAPES)


def _record(*fields) -> None:
    _plain("\t".join(field(str(f)) for f in fields))


def _plain(line: str) -> None:
    """Off a terminal: one unwrapped line, no escape codes."""
    sys.stdout.write(line + "\n")


def _marked(text: str, spans) -> Text:
    from rich.text import Text

    out = Text(text)
    for a, b in spans:
        out.stylize(HIGHLIGHT, a, b)
    return out


# Chinese line breaking (GB/T 15834, JIS X 4051 alike): these never open a line.
NO_LINE_START = "，、。；：！？）》」』】〉〕”’…%,.;:!?)]}"


def break_lines(text: str, width: int) -> list[int]:
    """Offsets at which to break text into lines of at most width cells,
    never putting closing punctuation first on a line (the character before
    it moves down with it).

    >>> break_lines("一二三四，五六", 8)
    [3]
    """
    from rich.cells import cell_len

    breaks, start, used = [], 0, 0
    for i, ch in enumerate(text):
        cells = cell_len(ch)
        if used + cells > width and i > start:
            at = i
            while at - 1 > start and text[at] in NO_LINE_START:
                at -= 1
            breaks.append(at)
            start, used = at, cell_len(text[at:i])
        used += cells
    return breaks


def wrapped(text: Text, width: int) -> Text:
    """text with line breaks put where Chinese typesetting allows them."""
    from rich.text import Text

    if width < 4:
        return text
    return Text("\n").join(text.divide(break_lines(text.plain, width)))


def print_hits(hits: list[Hit], out: Console) -> None:
    if not out.is_terminal:
        for hit in hits:
            a = hit.article
            _record(hit.rank, a.id, f"{hit.score:.2f}", a.file, a.headline or "(" + a.kind + ")")
            if hit.snippet.text:  # none with --snippets 0
                _plain("\t" + field(hit.snippet.text))
        return
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    for hit in hits:
        a = hit.article
        head = Text.assemble((f"{hit.rank:>2}. ", "dim"), (a.headline or f"({a.kind}, no headline)", "bold"))
        lines = [head]
        extra = " / ".join(p for p in [a.kicker, *a.subheads] if p)
        if extra:
            lines.append(Text("    " + extra, style="dim"))
        meta = Text("    ")
        meta.append(a.id, style="cyan")
        if a.authors:
            meta.append("  " + " ".join(a.authors), style="green")
        if place(a):
            meta.append(f"  {place(a)}", style="blue")
        meta.append(f"  {a.file}  ", style="dim")
        meta.append(f"{hit.score:.2f}", style="magenta")
        if a.kind != "article":
            meta.append(f"  [{a.kind}]", style="yellow")
        lines.append(meta)
        if hit.snippet.text:
            lines.append(Padding(wrapped(_marked(hit.snippet.text, hit.snippet.spans), out.width - 4), (0, 0, 0, 4)))
        out.print(Group(*lines))
        out.print()


def place(a: Article) -> str:
    """Where the article was printed: 吕梁日报 2022-10-30 第4版 要闻 ('' when unknown)."""
    page = f"第{a.page_label or a.page}版" if a.page else ""
    return " ".join(x for x in [a.paper, a.date, page, a.section] if x)


def article_renderable(a: Article, terms: list[str] | None = None, width: int = 0):
    from rich.console import Group
    from rich.text import Text

    parts = []
    if a.kicker:
        parts.append(Text(a.kicker, style="dim"))
    title = a.headline or f"({a.kind}, no headline)"
    parts.append(_marked(title, highlight_all(title, terms or [])).copy())
    parts[-1].stylize("bold")
    for sub in a.subheads:
        parts.append(Text(sub, style="italic"))
    meta = [x for x in [a.byline, a.dateline if a.dateline not in a.byline else ""] if x]
    info = Text(" ".join(meta), style="green")
    if place(a):
        info.append(f"   {place(a)}", style="blue")
    info.append(f"   {a.file} lines {a.first_line}-{a.last_line}   {a.id}", style="dim")
    parts.append(info)
    if a.continued_from:
        parts.append(Text(f"（上接{a.continued_from}）", style="dim"))
    parts.append(Text(""))
    for para in a.text.split("\n"):
        line = _marked("　　" + para, [(x + 2, y + 2) for x, y in highlight_all(para, terms or [])])
        parts.append(wrapped(line, width) if width else line)
    if a.continues_to:
        parts.append(Text(f"（下转{a.continues_to}）", style="dim"))
    return Group(*parts)


def print_article(a: Article, out: Console, terms: list[str] | None = None, pager: bool = True) -> None:
    if not out.is_terminal:
        for line in article_lines(a):
            _plain(line)
        return
    body = article_renderable(a, terms, out.width)
    # screen lines as laid out at this width: a paragraph may wrap over many
    if pager and len(out.render_lines(body, pad=False)) >= out.size.height:
        # less shows raw escape codes unless told -R; set it as git does when LESS is unset
        os.environ.setdefault("LESS", "FRX")
        with out.pager(styles=True):
            out.print(body)
    else:
        out.print(body)


def article_lines(a: Article) -> list[str]:
    lines = [x for x in [a.kicker, a.headline or f"({a.kind}, no headline)", *a.subheads] if x]
    lines.append(" ".join(x for x in [a.byline, a.dateline if a.dateline not in a.byline else ""] if x))
    lines.append(" ".join(x for x in [place(a), f"{a.file} lines {a.first_line}-{a.last_line}  {a.id}"] if x))
    lines.append("")
    lines += a.text.split("\n")
    if a.continues_to:
        lines.append(f"（下转{a.continues_to}）")
    return lines


def print_article_table(articles: list[Article], out: Console, text_chars: int = 24, with_file: bool = False) -> None:
    if not out.is_terminal:
        for a in articles:
            _record(a.id, *([a.file] if with_file else []), a.kind, a.headline, " ".join(a.authors), a.text[:text_chars])
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, header_style="bold", expand=False)
    for name in ("id", *(["file"] if with_file else []), "kind", "headline", "authors", "text"):
        # an id is copied and typed: never wrapped
        table.add_column(name, overflow="fold", no_wrap=name in ("id", "kind"))
    for a in articles:
        kind_style = "" if a.kind == "article" else "yellow"
        table.add_row(
            Text(a.id, style="cyan"),
            *([Text(a.file, style="dim")] if with_file else []),
            Text(a.kind, style=kind_style),
            Text(a.headline or "—", style="bold" if a.headline else "dim"),
            Text(" ".join(a.authors), style="green"),
            Text(a.text[:text_chars].replace("\n", " ") + ("…" if len(a.text) > text_chars else "")),
        )
    out.print(table)


def print_stats(s: IndexStats) -> None:
    kinds = ", ".join(f"{n} {k}" for k, n in s.kinds.items())
    _plain(f"index       {s.index}")
    _plain(f"pages       {s.pages}")
    _plain(f"articles    {s.articles} ({kinds})" if s.articles else "articles    none")
    if s.terms:  # an engine may not tell its vocabulary
        _plain(f"terms       {s.words} words, {s.terms.get('body_ng', 0)} n-grams")
    _plain(f"size        {s.bytes / 1e6:.2f} MB")  # 10^6 bytes, as index and bench report
    _plain(f"built       {s.built}")
    _plain(f"dictionary  {s.dictionary or '(jieba default)'}")
    _plain("versions    " + ", ".join(f"{k} {v}" for k, v in s.versions.items()))
    for p in s.papers:
        dates = f"{p.first} .. {p.last}" if p.first else "no dates"
        undated = f", {p.undated} without a date" if p.undated and p.first else ""
        _plain(f"paper       {p.paper or '(unknown)'}: {dates}, {p.pages} page(s){undated}")
    if s.undated_pages:
        _plain(f"undated     {s.undated_pages} page(s) print no date and their paths give none")


def print_explanation(e: Explanation) -> None:
    _plain(f"query    {e.query}")
    _plain(f"parsed   {e.parsed}")
    for t in e.terms:
        _plain(
            f"term     {t.term} [{t.field}] folded {t.folded}; literal n-grams {' '.join(t.ngrams)}; "
            f"jieba {' '.join(t.segmented)}; ranked by indexed words {' '.join(t.words) or '(none)'}"
        )
    _plain(f"whoosh   {e.whoosh}")
    if e.dictionary["note"]:
        _plain(f"dict     {e.dictionary['note']}")
    if e.article is not None:
        a = e.article
        verdict = f"matches, score {a.score}" if a.matched else "does not match"
        _plain(f"article  {a.id} {a.headline or '(no headline)'}: {verdict}")
        for p in a.terms:
            where = [w for w, held in (("headline", p.in_headline), ("text", p.in_text), ("authors", p.in_authors)) if held]
            _plain(f"         {p.term}: {'in ' + ', '.join(where) if where else 'not found'}")
