"""What PDF extraction does to a page, as perturbations a reader still reads
through (see test_metamorphic.py for what is left out and why)."""

from __future__ import annotations

import random
import re

from papersearch.split.bylines import _ROLE_WORD, compact, parse_byline_line, parse_opener
from papersearch.split.cohesion import Lexicon
from papersearch.split.layout import page_units
from papersearch.split.textfix import _BRACKETED_MARK, has_sentence_punct, unspace
from papersearch.split.titles import MAX_LABEL
from papersearch.split.units import BYLINE, CAPTION, PARA, TITLE

# a byline's end a reader finds without the space: a bracket, 报道, punctuation
_CLOSED = re.compile(r"(?:[）)]|报道|[，,：:])$")


def _respace(byline: str, names: list[str], rnd: random.Random, keep_end: bool) -> str:
    """The byline with its spaces moved: dropped, added inside role words,
    names run together; never a space inside a name."""
    flat, _where, breaks = compact(byline)
    inside_role = {p for m in _ROLE_WORD.finditer(flat) for p in range(m.start() + 1, m.end())}
    inside_name = {p for n in names for m in re.finditer(re.escape(n), flat) for p in range(m.start() + 1, m.end())}
    out = []
    for pos, ch in enumerate(flat):
        if pos and pos not in inside_name:
            if (pos in breaks and rnd.random() < 0.5) or (pos in inside_role and rnd.random() < 0.3):
                out.append(" ")
        out.append(ch)
    return "".join(out) + (" " if keep_end else "")


def _byline_of(line: str) -> tuple[str, list[str], str] | None:
    """(byline, names, rest) of a line that opens with a byline or is one."""
    opener = parse_opener(line)
    if opener and opener.authors:
        return opener.byline, opener.authors, line[len(line) - len(opener.rest) :] if opener.rest else ""
    found = parse_byline_line(line)
    if found and found[0] and _ROLE_WORD.search(line):
        return line, found[0], ""
    return None


def move_byline_spaces(text: str, rnd: random.Random, split_lines: bool = False) -> str:
    out = []
    for raw in text.split("\n"):
        line = unspace(raw)
        found = _byline_of(line)
        if not found:
            out.append(raw)
            continue
        byline, names, rest = found
        keep_end = bool(rest) and not _CLOSED.search("".join(byline.split())) or rnd.random() < 0.5
        new = _respace(byline, names, rnd, keep_end)
        if split_lines and rest:
            # a byline set over two lines, broken where it had a space or after its agency
            cuts = [m.end() for m in re.finditer(r"\s|讯|电", new.rstrip())]
            if cuts:
                cut = rnd.choice(cuts)
                new = new[:cut].rstrip() + "\n" + new[cut:].lstrip()
        out.append(new + rest)
    return "\n".join(out)


_CREDIT_AT_END = re.compile(
    r"(?:新华社|中新社|[\u4e00-\u9fff]{2,6})?发?[（(][^（）()]{1,20}摄[）)]\s*$|(?:记者|通讯员)?\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*\s*摄\s*$"
)


def rewrap(text: str, width: int) -> str:
    """The page's paragraphs re-set in a column of width characters: each
    paragraph as the splitter joined it, cut every width characters (a line
    may open with punctuation, as extraction leaves it); title, byline and
    furniture lines as printed."""
    out: list[str] = []
    for unit in page_units(text):
        if unit.gap and out:
            out.append("")
        if unit.kind in (PARA, CAPTION) and has_sentence_punct(unit.text):
            body, marks = _trailing_marks(unit.text)
            out += [body[i : i + width].strip() for i in range(0, len(body), width)] + marks
        else:
            out += [ln.text for ln in unit.lines]
    return "\n".join(out)


def _trailing_marks(text: str) -> tuple[str, list[str]]:
    """A continuation mark or photo credit closing a paragraph is set whole, on a line of its own."""
    for m in [*_BRACKETED_MARK.finditer(text), *_CREDIT_AT_END.finditer(text)]:
        if m.end() == len(text.rstrip()) and m.start() > 0:
            return text[: m.start()], [m.group(0).strip()]
    return text, []


def blank_lines(text: str, mode: str) -> str:
    """Every blank line dropped, or doubled."""
    lines = text.split("\n")
    if mode == "drop":
        return "\n".join(ln for ln in lines if ln.strip())
    return "\n".join(ln if ln.strip() else "\n" for ln in lines)


# A reader moves a headline only by the words it shares with its body: this
# much of them, and more than with the body on its other side.
SHARED_ENOUGH = 0.3


def _runs(units: list) -> list[tuple[str, int, int]]:
    """(kind, first, end) runs of units: 'title' for title and byline lines, 'body' for paragraphs."""
    runs: list[tuple[str, int, int]] = []
    for k, unit in enumerate(units):
        kind = "title" if unit.kind in (TITLE, BYLINE) else "body" if unit.kind == PARA else "other"
        if kind == "title" and len(unit.text) <= MAX_LABEL and k + 1 < len(units) and units[k + 1].kind == TITLE:
            kind = "other"  # a column label (简讯) heads the column and stays where it is
        if runs and runs[-1][0] == kind and kind != "other":
            runs[-1] = (kind, runs[-1][1], k + 1)
        else:
            runs.append((kind, k, k + 1))
    return runs


def move_headlines(text: str) -> str:
    """A page whose headlines stand over their bodies set with every headline
    under its body, and the other way round. Pages do this as a whole (a page
    is made up one way); the page is left as it is unless every headline
    shares most of its words with its body and fewer with the body it will
    stand next to."""
    units = page_units(text)
    lex = Lexicon([u.text for u in units])
    runs = _runs(units)
    if any(run[0] == "other" and units[run[1]].kind == TITLE for run in runs):
        return text  # a column label heads the column: no page sets it over a body with its headline under it

    def words(run) -> str:
        return "\n".join(units[k].text for k in range(run[1], run[2]) if units[k].kind != BYLINE)

    for above in (True, False):
        order = list(range(len(runs)))
        titles = [n for n, run in enumerate(runs) if run[0] == "title"]
        body_of = {n: n + 1 if above else n - 1 for n in titles}
        if not titles or any(not 0 <= b < len(runs) or runs[b][0] != "body" for b in body_of.values()):
            continue
        if len(set(body_of.values())) < len(titles):
            continue
        fine = True
        for n, b in body_of.items():
            far = b + 1 if above else b - 1  # the body the title will stand next to
            other = runs[far] if 0 <= far < len(runs) and runs[far][0] == "body" else None
            own = lex.containment(words(runs[n]), words(runs[b]))
            rival = lex.containment(words(runs[n]), words(other)) if other else 0.0
            fine = fine and own >= SHARED_ENOUGH and own > 2 * rival
            order[n], order[b] = order[b], order[n]
        if fine:
            return _set(units, runs, order)
    return text


def _set(units: list, runs: list, order: list[int]) -> str:
    lines: list[str] = []
    for index in order:
        _kind, first, end = runs[index]
        for unit in units[first:end]:
            lines += ([""] if lines else []) + [ln.text for ln in unit.lines]
    return "\n".join(lines)
