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


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=4096)
def traditional_forms(ch: str) -> str:
    """The traditional forms of a simplified character, other than itself."""
    if not ("\u3400" <= ch <= "\u9fff"):
        return ""
    out = _s2t().convert(ch)
    return "".join(c for c in out if c != ch and len(out) == 1)


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
            out.append(ch + traditional_forms(ch) if ch != "]" else ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        else:
            forms = traditional_forms(ch)
            out.append(f"[{ch}{forms}]" if forms else ch)
        i += 1
    return "".join(out)


def compile_both(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(both_scripts(pattern), flags)
