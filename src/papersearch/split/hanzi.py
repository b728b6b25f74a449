"""Let the splitter's markers match pages printed in either Chinese script.

The rules are written in simplified characters (本报讯, 记者, 下转第三版); a
page from a traditional-script paper prints 本報訊, 記者, 下轉第三版. Each
pattern is widened once, when compiled, so that every simplified character
also matches its traditional forms (OpenCC's table); the page text itself is
never changed.

>>> import re
>>> bool(re.fullmatch(both_scripts("本报讯（记者"), "本報訊（記者"))
True
>>> both_scripts("[记者]{2}")
'[记記者]{2}'
"""

from __future__ import annotations

import re
from functools import lru_cache


def traditional_forms(ch: str) -> str:
    """The traditional forms of a simplified character, other than itself:
    every character that search's folding (OpenCC t2s) turns into it.

    >>> traditional_forms("发"), traditional_forms("记"), traditional_forms("水")
    ('發髮', '記', '')
    """
    return _traditional_table().get(ch, "")


@lru_cache(maxsize=1)
def _traditional_table() -> dict[str, str]:
    # Inverting t2s, which folding loads anyway, costs 6 ms; OpenCC's s2t
    # converter would cost 27 MB in every indexing process.
    from papersearch.text.normalize import t2s

    chars = [chr(code) for code in range(0x3400, 0xA000)]
    simple = t2s().convert("\n".join(chars)).split("\n")
    if len(simple) != len(chars):  # a conversion that joined characters: go one by one
        simple = [t2s().convert(ch) for ch in chars]
    table: dict[str, str] = {}
    for ch, out in zip(chars, simple, strict=True):
        if len(out) == 1 and out != ch:
            table[out] = table.get(out, "") + ch
    return table


def both_scripts(pattern: str) -> str:
    """A regular expression that also matches the traditional forms of the
    simplified characters it names (inside and outside [...] classes)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            # a range's ends stay as typed: widening them inline would break the range
            out.append(ch if ch == "]" or _range_end(pattern, i) else ch + traditional_forms(ch))
        elif ch == "[":
            in_class = True
            out.append(ch)
        else:
            forms = traditional_forms(ch)
            out.append(f"[{ch}{forms}]" if forms else ch)
        i += 1
    return "".join(out)


def _range_end(pattern: str, i: int) -> bool:
    """Whether pattern[i], inside a [...] class, is an end of a range (a-z)."""
    starts = pattern[i + 1 : i + 2] == "-" and pattern[i + 2 : i + 3] not in ("", "]")
    ends = i >= 2 and pattern[i - 1] == "-" and pattern[i - 2] not in ("[", "\\")
    return starts or ends


def compile_both(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(both_scripts(pattern), flags)
