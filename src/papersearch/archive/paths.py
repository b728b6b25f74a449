"""A page's paper, date, page and section, read from its path.

Archives are kept in folders named by date: ``吕梁日报/2022/10/30/04.txt``,
``rmrb/20221030/05.txt``, ``lvliang_20221030_A04.txt``,
``2022-10-30/第04版_要闻.txt``. The date may be one path part (20221030,
2022-10-30, 2022年10月30日) or spread over folder levels (2022/10/30,
2022-10/30, 2022/1030); the page is a part of the file name (04, p5, A04,
第04版, 04版); the paper is the nearest part that is neither. A path holding
no date is not laid out as an archive: it gives nothing (the bundled pages,
``004_98bee3da790dae35.txt``, have no paper, date or page).

An explicit layout (``--layout`` or a ``layout = "…"`` line in a
``.papersearch.toml`` at the archive's root) overrides the guess:
``{paper}/{date:%Y}/{date:%m}/{date:%d}/{page}.txt``.

>>> guess_path_meta("吕梁日报/2022/10/30/04.txt")
PageMeta(paper='吕梁日报', date='2022-10-30', page=4, page_label='04', section='')
>>> guess_path_meta("archive/lvliang_20221030_A04.txt")
PageMeta(paper='lvliang', date='2022-10-30', page=4, page_label='A04', section='')
>>> guess_path_meta("2022-10-30/第04版_要闻.txt")
PageMeta(paper='', date='2022-10-30', page=4, page_label='04', section='要闻')
>>> guess_path_meta("seeds/004_98bee3da790dae35.txt")
PageMeta(paper='', date='', page=0, page_label='', section='')
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePath

from papersearch.archive import PageMeta
from papersearch.archive.numbers import page_number
from papersearch.errors import PapersearchError

CONFIG = ".papersearch.toml"
# The parts of a path above a page that may name its paper (a deeper archive
# folder is no paper's name).
PAPER_LEVELS = 4

_SEPARATORS = re.compile(r"[_\s.\-]+")
_ONE_PART_DATES = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.](?P<m>\d{1,2})[-_.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
]
_YEAR = re.compile(r"^(?:19|20)\d{2}年?$")
_YEAR_MONTH = re.compile(r"^(?P<y>(?:19|20)\d{2})(?:[-_.年]?)(?P<m>\d{1,2})月?$")
_MONTH_DAY = re.compile(r"^(?P<m>[01]\d)(?P<d>[0-3]\d)$")
_TWO_DIGITS = re.compile(r"^\d{1,2}[月日]?$")
# 04, p5, A04, 第04版, 04版, 第四版, page5
_PAGE = re.compile(r"^(?:第\s*(?P<han>[0-9一二三四五六七八九十]{1,3})\s*版|(?:p|page|P|Page)?(?P<label>[A-Za-z]?\d{1,3})版?)$")
_HASHLIKE = re.compile(r"^(?=.*\d)(?=.*[a-f])[0-9a-f]{8,}$")


def _valid(y: str, m: str, d: str) -> str:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def _date_in(parts: list[str]) -> tuple[str, set[int]]:
    """The date the parts give and which parts it used (deepest match wins)."""
    for i in range(len(parts) - 1, -1, -1):
        for pattern in _ONE_PART_DATES:
            m = pattern.search(parts[i])
            if m and (iso := _valid(m["y"], m["m"], m["d"])):
                return iso, {i}
    for i in range(len(parts) - 1, -1, -1):  # over folder levels: 2022/10/30, 2022-10/30, 2022/1030
        name = parts[i]
        if _YEAR.match(name) and i + 2 < len(parts) and _TWO_DIGITS.match(parts[i + 1]) and _TWO_DIGITS.match(parts[i + 2]):
            month, day = (re.sub(r"\D", "", parts[i + k]) for k in (1, 2))
            if iso := _valid(name[:4], month, day):
                return iso, {i, i + 1, i + 2}
        if _YEAR.match(name) and i + 1 < len(parts) and (m := _MONTH_DAY.match(parts[i + 1])):
            if iso := _valid(name[:4], m["m"], m["d"]):
                return iso, {i, i + 1}
        if (ym := _YEAR_MONTH.match(name)) and not _YEAR.match(name) and i + 1 < len(parts) and _TWO_DIGITS.match(parts[i + 1]):
            if iso := _valid(ym["y"], ym["m"], re.sub(r"\D", "", parts[i + 1])):
                return iso, {i, i + 1}
    return "", set()


def _page_in(tokens: list[str]) -> tuple[int, str, int]:
    """(page number, label, index of the token) of the last page-shaped token."""
    for i in range(len(tokens) - 1, -1, -1):
        m = _PAGE.match(tokens[i])
        if m:
            label = m["label"] or m["han"]
            number = page_number(label)
            if number:
                return number, str(number).zfill(2) if m["han"] and not label.isdigit() else label, i
    return 0, "", -1


def guess_path_meta(path: str | PurePath) -> PageMeta:
    """Paper, date, page and section as the path's parts give them."""
    parts = list(PurePath(path).parts)
    if not parts:
        return PageMeta()
    parts[-1] = PurePath(parts[-1]).stem
    parts = [p for p in parts if p not in ("/", "\\")]
    date, used = _date_in(parts)
    if not date:
        return PageMeta()
    stem_tokens = [t for t in _SEPARATORS.split(parts[-1]) if t]
    if len(parts) - 1 in used:  # lvliang_20221030_A04: the date shares the file name with the rest
        stem_tokens = [t for t in stem_tokens if not any(p.fullmatch(t) for p in _ONE_PART_DATES)]
        stem_tokens = [t for t in stem_tokens if not re.fullmatch(r"\d{4}[-_.]?\d{2}[-_.]?\d{2}", t)]
    page, label, at = _page_in(stem_tokens)
    rest = [t for k, t in enumerate(stem_tokens) if k != at]
    words = [t for t in rest if not t.isdigit() and not _HASHLIKE.match(t)]
    section, paper = "", ""
    if page and at < len(stem_tokens) - 1 and words and len(parts) - 1 not in used:
        section = words[-1]  # 第04版_要闻: what follows the page is its section
        words = words[:-1]
    if len(parts) - 1 in used and words:
        paper = words[0]  # lvliang_20221030_A04: the name beside the date
    if not paper:
        for k in range(len(parts) - 2, max(-1, len(parts) - 2 - PAPER_LEVELS), -1):
            if k in used or _PAGE.match(parts[k]) or _HASHLIKE.match(parts[k]) or parts[k].isdigit():
                continue
            leftover = _ONE_PART_DATES[0].sub("", parts[k]).strip("_-. ")
            if k < min(used) and leftover and not leftover.isdigit():
                paper = leftover
                break
    return PageMeta(paper=paper, date=date, page=page, page_label=label, section=section)


_FIELD = re.compile(r"\{(?P<name>paper|page|section|date|\*)(?::(?P<fmt>[^}]+))?\}")
_DATE_CODES = {"%Y": r"(?P<Y{n}>\d{{4}})", "%m": r"(?P<m{n}>\d{{1,2}})", "%d": r"(?P<d{n}>\d{{1,2}})"}


class Layout:
    """An explicit pattern over the end of a page's path:
    ``{paper}/{date:%Y}/{date:%m}/{date:%d}/{page}.txt``, ``{paper}_{date:%Y%m%d}_{page}.txt``.

    >>> Layout("{paper}/{date:%Y%m%d}/{page}.txt").meta("/a/rmrb/20221030/05.txt")
    PageMeta(paper='rmrb', date='2022-10-30', page=5, page_label='05', section='')
    """

    def __init__(self, pattern: str):
        self.pattern = pattern
        out, pos, n = [], 0, 0
        for m in _FIELD.finditer(pattern):
            out.append(re.escape(pattern[pos : m.start()]))
            name, fmt = m["name"], m["fmt"]
            if name == "date":
                if not fmt:
                    raise PapersearchError(f"layout {pattern!r}: write the date's form, e.g. {{date:%Y-%m-%d}}")
                out.append(self._date_regex(fmt, n))
                n += 1
            elif name == "*":
                out.append(r"[^/]*")
            else:
                out.append(rf"(?P<{name}>[^/]+?)")
            pos = m.end()
        out.append(re.escape(pattern[pos:]))
        try:
            self.regex = re.compile(r"(?:^|/)" + "".join(out) + "$")
        except re.error as err:
            raise PapersearchError(f"layout {pattern!r}: {err}") from None

    def _date_regex(self, fmt: str, n: int) -> str:
        out, pos = [], 0
        for m in re.finditer(r"%[Ymd]", fmt):
            out.append(re.escape(fmt[pos : m.start()]))
            out.append(_DATE_CODES[m.group(0)].format(n=n))
            pos = m.end()
        if pos == 0:
            raise PapersearchError(f"layout {self.pattern!r}: a date takes %Y, %m and %d")
        out.append(re.escape(fmt[pos:]))
        return "".join(out)

    def meta(self, path: str | PurePath) -> PageMeta:
        m = self.regex.search(PurePath(path).as_posix())
        if not m:
            return PageMeta()
        found = {k: v for k, v in m.groupdict().items() if v}
        year = next((v for k, v in found.items() if k.startswith("Y")), "")
        month = next((v for k, v in found.items() if k.startswith("m")), "")
        day = next((v for k, v in found.items() if k.startswith("d")), "")
        date = _valid(year, month, day) if year and month and day else ""
        label = found.get("page", "")
        number = page_number(label)
        clean = re.sub(r"^(?:第|p|page)|版$", "", label, flags=re.I) if number else ""
        return PageMeta(found.get("paper", ""), date, number, clean, found.get("section", ""))


def read_config(root: Path) -> str:
    """The layout a .papersearch.toml in root names, or ''."""
    import tomllib

    config = root / CONFIG
    if not config.is_file():
        return ""
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise PapersearchError(f"{config}: cannot read ({err})") from None
    layout = data.get("layout", "")
    if not isinstance(layout, str):
        raise PapersearchError(f"{config}: layout must be a string")
    return layout


class PathRules:
    """How the page paths under the indexed roots give metadata: an explicit
    layout, one from a root's config file, or the guess."""

    def __init__(self, roots: list[Path], layout: str | None = None):
        self.roots = [r.absolute() for r in roots]
        self.layout = Layout(layout) if layout else None
        self.pattern = layout or ""
        self.configured = {}
        for root in self.roots:
            if root.is_dir() and (found := read_config(root)):
                self.configured[root] = Layout(found)

    def settle(self, kept: str, folder) -> str:
        """The layout an index update uses: the one the index was built with
        unless another is given, which needs a rebuild (unchanged pages would
        keep the old layout's metadata). Returns the one to record."""
        if self.pattern and kept and self.pattern != kept:
            raise PapersearchError(
                f"{folder}: built with --layout {kept!r}, not {self.pattern!r}; pass the same --layout, or --rebuild"
            )
        if kept and not self.pattern:
            self.layout, self.pattern = Layout(kept), kept
        return self.pattern

    def meta(self, path: Path) -> PageMeta:
        path = path.absolute()
        root = next((r for r in self.roots if r == path or r in path.parents), None)
        relative = path.relative_to(root.parent) if root is not None and root != path else PurePath(*path.parts[-5:])
        if self.layout:
            return self.layout.meta(relative)
        if root in self.configured:
            return self.configured[root].meta(relative)
        return guess_path_meta(relative)
