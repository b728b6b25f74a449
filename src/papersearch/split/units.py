"""The units a page is read into: its lines, and the typographic kinds of the
blocks they form (paragraph, title, byline, caption, ad, furniture, mark).

Every splitting step reads and rewrites these; keeping them apart from the
steps lets a step (verse, bodies) use them without importing another step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from papersearch.split.textfix import has_sentence_punct

PARA, TITLE, BYLINE, CAPTION, AD, FURNITURE, MARK = "para", "title", "byline", "caption", "ad", "furniture", "mark"


# A line ending with these stops in mid-sentence: the next line goes on with it.
MID_SENTENCE_END = "、，：“（《—"
# Titles are short; a longer line without sentence punctuation is body text.
MAX_TITLE = 48
# A headline (主题) is set in 6-30 characters: a line no longer than this is
# short enough to be one even with a comma, a closing ！/？ or a list of names in it.
SHORT_TITLE = 30
# Blank lines are counted in the page's usual gap (see layout.read_lines): this
# many stand between blocks printed apart, never between the lines of one block
# or between a title and the text it heads.
APART_GAP = 2


@dataclass
class Line:
    number: int  # 1-based line number in the page text
    text: str
    gap: int  # blank lines before it
    indented: bool
    furniture: bool = False  # the paper's name, date or page line over the page's first article


@dataclass
class Unit:
    kind: str
    lines: list[Line]
    text: str
    authors: list[str] = field(default_factory=list)
    byline: str = ""
    credit: str = ""  # a credit in brackets closing the article: （李建龙）, （作者单位：…）

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    @property
    def gap(self) -> int:
        return self.lines[0].gap


def is_title_like(text: str) -> bool:
    """Short and without sentence punctuation, as titles, bylines and labels are
    set (a short headline may close on ！ or ？)."""
    if len(text) > MAX_TITLE or text[-1] in MID_SENTENCE_END:
        return False
    body = text[:-1] if len(text) <= SHORT_TITLE and text[-1:] in "！？!?" else text
    return not has_sentence_punct(body)
