"""What PDF extraction does to a page, as perturbations a reader still reads
through (see test_metamorphic.py for what is left out and why)."""

from __future__ import annotations

import random
import re

from papersearch.bylines import _ROLE_WORD, compact, parse_byline_line, parse_opener
from papersearch.layout import CAPTION, PARA, page_units
from papersearch.textfix import _BRACKETED_MARK, has_sentence_punct, unspace

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
